#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CKinescope
import Dispatch
import Synchronization

/// Starts a plain OS thread. Long-running or blocking work (reading a file ahead, decoding beside
/// the caller) gets a thread of its own because Dispatch's global queues on Linux share a pool as
/// wide as the machine with Swift's cooperative executor: on two cores a job queued there can wait
/// until the caller itself is done, which defeats the point.
///
/// ```swift
/// guard DetachedThread.start({ readFileAhead() }) else { return readInline() }
/// ```
public enum DetachedThread {
    /// Runs `body` on a new thread; false (and `body` never runs) when no thread could be made.
    @discardableResult
    public static func start(_ body: @escaping @Sendable () -> Void) -> Bool {
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t?
        let result = pthread_create(&thread, nil, { context in
            Unmanaged<Body>.fromOpaque(context).takeRetainedValue().run()
            return nil
        }, box)
        #else
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { context in
            Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, box)
        #endif
        guard result == 0 else {
            Unmanaged<Body>.fromOpaque(box).release()
            return false
        }
        #if canImport(Darwin)
        pthread_detach(thread!)
        #else
        pthread_detach(thread)
        #endif
        return true
    }

    private final class Body: Sendable {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }
}

/// One long-lived thread that runs submitted jobs in order, so that work handed over many times a
/// second (each batch of records) does not pay for a new thread every time.
final class HelperThread: Sendable {
    /// The process's helper; it sleeps while there is nothing to do.
    static let shared = HelperThread()

    private let queue = JobQueue()
    /// False when the thread could not be started; callers then do all the work themselves.
    let isRunning: Bool

    init() {
        Self.freeSmallBlocksWithoutLocking()
        let queue = self.queue
        isRunning = DetachedThread.start {
            while true { queue.take()() }
        }
    }

    /// Events decoded here are freed on the consumer's thread. glibc frees a block of another
    /// thread's arena under that arena's lock unless the block is "fast" (at most 128 bytes by
    /// default), and the two threads then take turns on the lock: at 200,000 events `stats` made
    /// about 5,300 voluntary context switches, most of them waiting on it. An event's strings
    /// (ids, type, summary) are mostly under 160 bytes, glibc's largest fast size, which halves the
    /// waits. The setting is process-wide and only changes which freed blocks are kept for reuse.
    private static func freeSmallBlocksWithoutLocking() {
        ks_free_small_blocks_without_locking()
    }

    func submit(_ job: @escaping @Sendable () -> Void) {
        queue.put(job)
    }

    private final class JobQueue: Sendable {
        private let jobs = Mutex<[@Sendable () -> Void]>([])
        private let wake = DispatchSemaphore(value: 0)

        func put(_ job: @escaping @Sendable () -> Void) {
            jobs.withLock { $0.append(job) }
            wake.signal()
        }

        /// The oldest job, waiting for one if there is none.
        func take() -> @Sendable () -> Void {
            wake.wait()
            return jobs.withLock { $0.removeFirst() }
        }
    }
}
