#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MonitorCore
import Synchronization

/// Messages from source tasks (and signal handlers) to the thread that owns the terminal.
///
/// Posting is thread-safe; the first message into an empty mailbox writes one byte to a pipe that
/// the UI thread polls beside the keyboard, so it sleeps until there is something to do.
public final class Mailbox: Sendable {
    private let queue = Mutex<[Message]>([])
    /// Read end (polled by the UI thread) and write end of the wake-up pipe.
    public let wakeReadFD: Int32
    let wakeWriteFD: Int32

    public init() {
        var fds: [Int32] = [0, 0]
        if pipe(&fds) != 0 { fatalError("pipe() failed: \(errno)") }
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        wakeReadFD = fds[0]
        wakeWriteFD = fds[1]
    }

    deinit {
        close(wakeReadFD)
        close(wakeWriteFD)
    }

    public func post(_ message: Message) {
        let wasEmpty = queue.withLock { queue in
            let empty = queue.isEmpty
            queue.append(message)
            return empty
        }
        if wasEmpty { wake() }
    }

    /// How many messages wait for the UI thread; a sink holds its source back while this is high.
    public var pendingCount: Int { queue.withLock { $0.count } }

    public func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWriteFD, &byte, 1)
    }

    /// Everything posted so far, in order; empties the mailbox and the pipe.
    public func drain() -> [Message] {
        var sink = [UInt8](repeating: 0, count: 64)
        while read(wakeReadFD, &sink, 64) > 0 {}
        return queue.withLock { queue in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
    }
}
