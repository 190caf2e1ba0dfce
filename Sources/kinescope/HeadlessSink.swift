#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventDecoding
import EventSources
import MonitorCore
import TerminalUI

/// Headless consumer: decodes each batch, updates a `MonitorState` (for `stats`) and, for `tail`,
/// writes one NDJSON line per event. Stops the source once `maxEvents` events were taken, or once
/// stdout refuses a write (`writeFailure` then says why; the command reports it).
actor HeadlessSink: RecordSink {
    /// What goes to stdout: event lines, capture lines (one per record), or nothing until the end.
    enum Output { case tail, capture, stats }

    private let decoder: EventDecoder
    private let output: Output
    private let maxEvents: Int?
    private let filter: EventFilter
    private(set) var state: MonitorState
    /// Why stdout stopped taking lines; once set, every delivery declines more records.
    private(set) var writeFailure: StandardOutput.WriteFailure?
    private var line: [UInt8] = []

    init(decoder: EventDecoder, output: Output, maxEvents: Int?, filter: EventFilter, state: MonitorState) {
        self.decoder = decoder
        self.output = output
        self.maxEvents = maxEvents
        self.filter = filter
        self.state = state
        line.reserveCapacity(1 << 16)
    }

    func deliver(_ records: [RawRecord], at time: Double) async -> Bool {
        if writeFailure != nil { return false }
        var done = false
        var captured: [RawRecord] = []
        var report = DecodeReport()
        line.removeAll(keepingCapacity: true)
        // An empty batch still moves the store's clock on.
        if records.isEmpty { update(&state, .records([], recordCount: 0, receivedAt: time)) }
        // Chunks arrive in record order, so counting each as it comes (while the rest of the
        // batch decodes on another thread) leaves the store and the output exactly as one update
        // per batch would.
        decoder.decodeInOrder(records) { chunk in
            report.controlMessages += chunk.report.controlMessages
            var events: [Event]
            var taken = chunk.records.count
            if filter.isEmpty && output != .capture && maxEvents.map({ state.totalEvents + chunk.events.count < $0 }) ?? true {
                events = chunk.events
            } else {
                events = []
                events.reserveCapacity(chunk.events.count)
                taken = 0
                for index in chunk.records {
                    var decoded = chunk.events(ofRecord: index)
                    if !filter.isEmpty { decoded = ArraySlice(decoded.filter { filter.matches($0) }) }
                    // A capture keeps whole records: one is written when any of its events passed the filter.
                    if output == .capture, !decoded.isEmpty || filter.isEmpty { captured.append(records[index]) }
                    if let maxEvents {
                        let room = maxEvents - state.totalEvents - events.count
                        if decoded.count >= room {
                            decoded.removeLast(decoded.count - room)
                            done = true
                        }
                    }
                    events.append(contentsOf: decoded)
                    taken += 1
                    if done { break }
                }
            }
            let shards = RecordTally.byShard(records[chunk.records.lowerBound..<chunk.records.lowerBound + taken])
            update(&state, .records(events, recordCount: taken, receivedAt: time, recordsByShard: shards))
            if output == .tail { append(events) }
            return !done
        }
        if report.controlMessages > 0 { update(&state, .controlMessages(report.controlMessages)) }
        if output == .tail { flushLine() }
        if output == .capture { writeCapture(captured) }
        return !done && writeFailure == nil
    }

    /// A source reports trouble it is still working through (a retry) as `.failed`: it goes to
    /// stderr as it happens. A failure that ends the source is thrown by its `run` instead.
    func status(_ status: SourceStatus) async {
        update(&state, .sourceStatus(status))
        if case .failed(let message) = status {
            FileHandleWriter.stderr("kinescope: " + Sanitizer.visible(message) + "\n")
        }
        if case .retrying(let line) = status { FileHandleWriter.stderr("kinescope: " + Sanitizer.visible(line) + "\n") }
        if case .slow(let note) = status { FileHandleWriter.stderr("kinescope: " + Sanitizer.visible(note) + "\n") }
    }

    /// Headless modes report shard trouble on stderr, once per change of state.
    func shardProgress(_ progress: ShardProgress) async {
        let previous = state.shards[progress.shardId]
        update(&state, .shardProgress(progress))
        let troubled: Set<ShardProgress.State> = [.throttled, .retrying, .failed]
        guard troubled.contains(progress.state) || (previous.map { troubled.contains($0.state) } ?? false) else { return }
        guard previous?.state != progress.state || previous?.lastError != progress.lastError else { return }
        let line = "kinescope: " + Sanitizer.visible("\(progress.shardId): \(progress.summary)") + "\n"
        FileHandleWriter.stderr(line)
    }

    private func append(_ events: [Event]) {
        for event in events {
            TailLine.write(event, into: &line)
            line.append(0x0A)
        }
    }

    private func writeCapture(_ records: [RawRecord]) {
        line.removeAll(keepingCapacity: true)
        for record in records {
            CaptureLine.write(record, into: &line)
            line.append(0x0A)
        }
        flushLine()
    }

    private func flushLine() {
        guard writeFailure == nil else { return }
        writeFailure = StandardOutput.write(line)
    }
}

/// Writes diagnostics straight to stderr (unbuffered, whole lines).
enum FileHandleWriter {
    static func stderr(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}

/// Every write to stdout, checked: the headless commands end with exit 1 and one line when one
/// fails (a full disk, a closed descriptor), and quietly when the reader went away (EPIPE, as
/// with `tail | head`).
enum StandardOutput {
    /// A write that failed, with its errno.
    struct WriteFailure: Error, Equatable {
        var code: Int32

        /// The reader closed the pipe: not an error for a command whose output was cut short on purpose.
        var isBrokenPipe: Bool { code == EPIPE }

        var message: String { "cannot write to stdout: \(String(cString: strerror(code)))" }
    }

    /// Writes all of `bytes` to stdout; nil when done, else why not.
    static func write(_ bytes: [UInt8]) -> WriteFailure? {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == EAGAIN {
                        // A non-blocking stdout (shared with another program): wait until it takes more.
                        var waiting = pollfd(fd: STDOUT_FILENO, events: Int16(POLLOUT), revents: 0)
                        _ = poll(&waiting, 1, -1)
                        continue
                    }
                    return WriteFailure(code: errno)
                }
                if n == 0 { return WriteFailure(code: EIO) }
                offset += n
            }
            return nil
        }
    }

    /// Fails at once when stdout was not open (`>&-`), before anything is read.
    ///
    /// By then the runtime may have given number 1 to a descriptor of its own (Dispatch opens
    /// an eventfd before `main` runs), and writing our output into that must not happen. Such a
    /// descriptor is close-on-exec, as every one this process opens is, while a real stdout was
    /// inherited across exec and so cannot be: that tells them apart.
    static func checkOpen() -> WriteFailure? {
        let flags = fcntl(STDOUT_FILENO, F_GETFD)
        if flags < 0 { return WriteFailure(code: errno) }
        return flags & FD_CLOEXEC != 0 ? WriteFailure(code: EBADF) : nil
    }

    /// A write to a pipe whose reader has gone then fails with EPIPE, which ends the command
    /// quietly, instead of killing the process with SIGPIPE (exit 141 in a shell).
    static func ignoreBrokenPipeSignal() {
        signal(SIGPIPE, SIG_IGN)
    }
}
