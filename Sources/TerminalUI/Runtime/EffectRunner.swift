#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventDecoding
import MonitorCore

/// Where `EffectRunner` sends escape sequences that are not drawing: the terminal's file
/// descriptor in the TUI (`FileDescriptorSink`), a recording in tests.
public protocol TerminalSequenceSink: AnyObject {
    /// Sends `bytes` as they are; false if they could not all be written.
    func send(_ bytes: [UInt8]) -> Bool
}

/// Writes straight to a file descriptor: the tty ncurses draws on (its standard output). Safe
/// between frames, because ncurses flushes everything it has at each refresh, and an OSC 52
/// sequence neither prints nor moves the cursor, so ncurses' idea of the screen stays true.
public final class FileDescriptorSink: TerminalSequenceSink {
    public let fd: Int32

    public init(fd: Int32) { self.fd = fd }

    public func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return false
            }
            offset += written
        }
        return true
    }
}

/// Performs the effects `update` queues (copy to the clipboard, write a JSONL file) and says how
/// each went, as a notice for the footer. Never throws: every failure becomes an error notice.
///
/// ```swift
/// let runner = EffectRunner(environment: ProcessInfo.processInfo.environment, terminal: FileDescriptorSink(fd: 1))
/// for effect in state.effects { update(&state, .notice(runner.perform(effect))) }
/// ```
public struct EffectRunner {
    public var environment: [String: String]
    public var terminal: any TerminalSequenceSink

    public init(environment: [String: String], terminal: any TerminalSequenceSink) {
        self.environment = environment
        self.terminal = terminal
    }

    /// Performs and empties `state.effects`, in order, posting each outcome as a `.notice`.
    /// Returns whether there was anything to do (the footer then changed).
    @discardableResult
    public func performQueued(_ state: inout MonitorState) -> Bool {
        guard !state.effects.isEmpty else { return false }
        let queued = state.effects
        state.effects = []
        for effect in queued { update(&state, .notice(perform(effect))) }
        return true
    }

    public func perform(_ effect: Effect) -> Notice {
        switch effect {
        case .copy(let text, let label):
            let size = Format.count(text.utf8.count)
            guard terminal.send(Self.clipboardSequence(text, environment: environment)) else {
                return Notice("cannot copy \(label): the terminal did not take the OSC 52 sequence", isError: true)
            }
            // The terminal gives no answer, so the notice says what was sent, not that it worked.
            return Notice("copied \(label) (\(size) bytes) via OSC 52 (if the terminal allows it)")
        case .write(let path, let lines):
            return Self.write(lines, to: path, home: environment["HOME"])
        }
    }

    // MARK: Clipboard

    /// Bytes of the OSC 52 sequence in each of GNU screen's passthrough strings. Screen keeps at
    /// most MAXSTR - 1 = 767 bytes of one string (older versions 511 or 255) and prints the rest
    /// as text, so the sequence is cut into pieces well under all of them, as common OSC 52
    /// helpers do (76 bytes, a base64 line).
    public static let screenPieceBytes = 76

    /// The OSC 52 sequence that sets the clipboard ("c") to `text`, base64-encoded (so nothing of
    /// an event reaches the terminal raw), wrapped for the multiplexer in between:
    ///
    /// - tmux (`TMUX` set): the plain sequence, which tmux takes when `set-clipboard` is `on` (it
    ///   sets a paste buffer and forwards it to the outer terminal), followed by the same sequence
    ///   in tmux's passthrough `ESC P tmux; … ESC \` with each ESC doubled, which reaches the outer
    ///   terminal when `allow-passthrough` is on (off by default since tmux 3.3). Whichever the
    ///   user's tmux allows works; tmux drops the other silently, and when both work the
    ///   clipboard is set twice to the same text.
    /// - GNU screen (`STY` set, or `TERM` starting with `screen` outside tmux): screen's
    ///   passthrough `ESC P … ESC \`, in pieces of `screenPieceBytes`. Without `STY` the `TERM`
    ///   may as well be tmux's default (`screen`) seen over SSH, where `TMUX` is not forwarded and
    ///   tmux drops screen's strings; so the plain sequence goes first too (screen ignores it).
    /// - otherwise the plain sequence, which xterm-compatible terminals take, through SSH too.
    ///
    /// Whether the terminal then sets its clipboard is up to it (and to the multiplexer's
    /// settings); nothing comes back to say so.
    public static func clipboardSequence(_ text: String, environment: [String: String]) -> [UInt8] {
        let payload = Base64.encode(Array(text.utf8))
        let osc = Array("\u{1B}]52;c;\(payload)\u{07}".utf8)
        let esc: UInt8 = 0x1B
        if let tmux = environment["TMUX"], !tmux.isEmpty {
            var wrapped = Array("\u{1B}Ptmux;".utf8)
            for byte in osc {
                if byte == esc { wrapped.append(esc) }
                wrapped.append(byte)
            }
            wrapped += Array("\u{1B}\\".utf8)
            return osc + wrapped
        }
        let insideScreen = !(environment["STY"] ?? "").isEmpty
        guard insideScreen || (environment["TERM"] ?? "").hasPrefix("screen") else { return osc }
        var out: [UInt8] = insideScreen ? [] : osc
        var start = osc.startIndex
        while start < osc.endIndex {
            let end = min(start + screenPieceBytes, osc.endIndex)
            out += Array("\u{1B}P".utf8) + osc[start..<end] + Array("\u{1B}\\".utf8)
            start = end
        }
        return out
    }

    // MARK: Files

    /// `~` and `~/…` name the home directory, as in a shell; `~user` is not expanded.
    static func expandTilde(_ path: String, home: String?) -> String {
        guard let home, !home.isEmpty else { return path }
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst(1) }
        return path
    }

    /// Writes `lines` to a new file: an existing file is never overwritten (nor appended to), so a
    /// stray Enter cannot destroy data; a file left half-written by an error is removed.
    static func write(_ lines: [String], to path: String, home: String?) -> Notice {
        let expanded = expandTilde(path, home: home)
        let fd = open(expanded, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            if errno == EEXIST { return Notice("\(path) exists; not overwritten (choose another name)", isError: true) }
            return Notice("cannot write \(path): \(String(cString: strerror(errno)))", isError: true)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count + 1 })
        for line in lines {
            bytes += line.utf8
            bytes.append(UInt8(ascii: "\n"))
        }
        let sink = FileDescriptorSink(fd: fd)
        let written = sink.send(bytes)
        let failure = written ? 0 : errno
        let closed = close(fd) == 0
        guard written, closed else {
            let reason = String(cString: strerror(written ? errno : failure))
            unlink(expanded)
            return Notice("cannot write \(path): \(reason)", isError: true)
        }
        return Notice("wrote \(HeaderBar.plural(lines.count, "event")) to \(path)")
    }
}
