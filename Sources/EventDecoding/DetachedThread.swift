#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
        let queue = self.queue
        isRunning = DetachedThread.start {
            while true { queue.take()() }
        }
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
