import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a tmux pane shows: one string per row, trailing spaces trimmed (as `capture-pane` prints).
struct PaneScreen: CustomStringConvertible {
    var lines: [String]

    var text: String { lines.joined(separator: "\n") }
    var footer: String { lines.last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) ?? "" }
    func contains(_ needle: String) -> Bool { text.contains(needle) }
    var description: String { lines.enumerated().map { "\($0.offset < 10 ? " " : "")\($0.offset)|\($0.element)" }.joined(separator: "\n") }
}

/// One private tmux server (its own socket, no user config) running one command in a detached
/// session, so a test can type into a real terminal and read the screen back.
///
/// The command runs under `sh`, followed by `echo EXIT=$? > file` so the exit code can be read, then
/// by a long `sleep` that keeps the pane alive for checks of the terminal state after the program
/// has exited. `kill()` (call it in tearDown) ends the server and with it the pane.
final class TmuxDriver {
    let tmux: URL
    let socket: String
    let session = "kinescope"
    let scratch: URL
    var exitFile: URL { scratch.appendingPathComponent("exit-code") }
    /// tmux leaves its socket file behind after `kill-server`; `kill()` removes it.
    private var socketPath: String?

    init(tmux: URL) throws {
        self.tmux = tmux
        let unique = UUID().uuidString.prefix(8)
        socket = "kinescope-test-\(getpid())-\(unique)"
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kinescope-tmux-\(getpid())-\(unique)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    /// Runs a tmux command against this server. `-u` because the server is never attached to a
    /// client whose locale could tell it that panes speak UTF-8.
    @discardableResult
    func run(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        let result = try ProcessRunner.runSpawned(tmux, ["-u", "-L", socket, "-f", "/dev/null"] + arguments)
        if result.exitCode != 0 {
            XCTFail("tmux \(arguments.joined(separator: " ")) failed (\(result.exitCode)): \(result.stderrText)", file: file, line: line)
        }
        return result
    }

    /// Starts `arguments` (program first) in a new `width`×`height` session, with `TERM=term`.
    /// With `recordOutputTo`, everything the program writes to the terminal is also copied to that
    /// file (tmux `pipe-pane`), from its first byte: the program waits until the pipe is open.
    func start(_ arguments: [String], width: Int, height: Int, term: String = "xterm-256color",
               recordOutputTo record: URL? = nil) throws {
        let program = arguments.map(Self.shellQuote).joined(separator: " ")
        let go = scratch.appendingPathComponent("go").path
        let wait = record == nil ? "" : "while [ ! -e \(Self.shellQuote(go)) ]; do sleep 0.02; done; "
        // `swift test` sets NO_COLOR=1 for its children; the TUI is tested in colour, as users run it.
        // The developer's config file and glyph choice stay out of it: an empty XDG_CONFIG_HOME.
        // (ProcessRunner starts the tmux server without them too; the pane's shell could still
        // pick them up from a login profile.)
        let xdg = scratch.appendingPathComponent("xdg")
        try FileManager.default.createDirectory(at: xdg, withIntermediateDirectories: true)
        let unset = (["NO_COLOR"] + ProcessRunner.machineVariables).map { "-u \($0) " }.joined()
        let shell = "\(wait)env \(unset)XDG_CONFIG_HOME=\(Self.shellQuote(xdg.path)) TERM=\(Self.shellQuote(term)) LC_ALL=C.UTF-8 \(program); echo EXIT=$? > \(Self.shellQuote(exitFile.path)); exec sleep 600"
        try run(["new-session", "-d", "-s", session, "-x", String(width), "-y", String(height), shell])
        socketPath = try display("#{socket_path}")
        if let record {
            try run(["pipe-pane", "-O", "-t", session, "cat > \(Self.shellQuote(record.path))"])
            _ = FileManager.default.createFile(atPath: go, contents: nil)
        }
    }

    /// The screen with its attributes: `capture-pane -e`, SGR sequences and SO/SI (tmux marks
    /// cells drawn from the line-drawing set with them) left in.
    func captureStyled() throws -> String {
        try ProcessRunner.runSpawned(tmux, ["-u", "-L", socket, "capture-pane", "-e", "-p", "-t", session]).stdoutText
    }

    func capture() throws -> PaneScreen {
        let result = try ProcessRunner.runSpawned(tmux, ["-u", "-L", socket, "capture-pane", "-p", "-t", session])
        return PaneScreen(lines: result.stdoutLines)
    }

    /// A tmux format (e.g. `#{alternate_on}`) evaluated for the pane.
    func display(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", session, format]).stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The pane's terminal modes as `stty -a` names them ("echo", "-icanon", …), read from outside
    /// the pane through its tty device, so a check never disturbs the program in it.
    func ttyModes() throws -> Set<String> {
        let tty = try display("#{pane_tty}")
        guard let stty = ProcessRunner.which("stty") else { throw XCTSkip("stty (coreutils) is needed to read the pane's modes") }
        let result = try ProcessRunner.runSpawned(stty, ["-F", tty, "-a"])
        XCTAssertEqual(result.exitCode, 0, "stty -F \(tty) -a: \(result.stderrText)")
        return Set(result.stdoutText.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
    }

    func sendKeys(_ keys: String...) throws {
        try run(["send-keys", "-t", session] + keys)
    }

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", session, "-x", String(width), "-y", String(height)])
    }

    /// Polls the screen until `predicate` holds; on timeout fails with the last screen and returns nil.
    @discardableResult
    func waitForScreen(_ what: String, timeout: Double = 10, file: StaticString = #filePath, line: UInt = #line,
                       _ predicate: (PaneScreen) -> Bool) throws -> PaneScreen? {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = try capture()
        while !predicate(screen) {
            if Date() > deadline {
                XCTFail("timed out after \(timeout) s waiting for \(what); the screen was:\n\(screen)", file: file, line: line)
                return nil
            }
            Thread.sleep(forTimeInterval: 0.05)
            screen = try capture()
        }
        return screen
    }

    /// The program's exit code once it has exited, or nil (after failing) if it did not in time.
    func waitForExit(timeout: Double = 5, file: StaticString = #filePath, line: UInt = #line) throws -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() <= deadline {
            if let text = try? String(contentsOf: exitFile, encoding: .utf8),
               text.hasSuffix("\n"), text.hasPrefix("EXIT="),
               let code = Int32(text.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)) {
                return code
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("the program did not exit within \(timeout) s; the screen was:\n\((try? capture())?.description ?? "?")",
                file: file, line: line)
        return nil
    }

    /// The pid of the program started in the pane whose command line contains `pattern`: a child of
    /// the pane's shell (so the shell, whose command line holds the same words, never matches).
    func programPID(matching pattern: String) throws -> pid_t? {
        let shellPID = try display("#{pane_pid}")
        guard let pgrep = ProcessRunner.which("pgrep") else {
            XCTFail("pgrep (procps) is needed to find the program's pid")
            return nil
        }
        let deadline = Date().addingTimeInterval(5)
        while Date() <= deadline {
            let result = try ProcessRunner.runSpawned(pgrep, ["-P", shellPID, "-f", pattern])
            if let pid = result.stdoutLines.compactMap({ pid_t($0) }).first { return pid }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    func kill() {
        _ = try? ProcessRunner.runSpawned(tmux, ["-L", socket, "kill-server"])
        if let socketPath, socketPath.hasSuffix("/" + socket) { try? FileManager.default.removeItem(atPath: socketPath) }
        try? FileManager.default.removeItem(at: scratch)
    }

    static func shellQuote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
