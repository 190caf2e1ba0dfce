#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `update` and `view` callers get the time from. Injected so that tests never sleep and
/// golden screens are repeatable.
public protocol MonitorClock: Sendable {
    /// Seconds since the Unix epoch.
    func now() -> Double
}

/// The real wall clock.
public struct SystemClock: MonitorClock {
    public init() {}

    public func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// A clock that says what it was told; for tests and golden screens.
public struct FixedClock: MonitorClock {
    public var time: Double
    public init(_ time: Double) { self.time = time }
    public func now() -> Double { time }
}
