/// Per-second counts over the last `seconds` seconds, in a fixed ring: the memory behind a rate and
/// a sparkline, constant whatever the traffic.
public struct RateWindow: Sendable, Equatable {
    public private(set) var buckets: [UInt32]
    /// The whole second that the last bucket stands for.
    public private(set) var headSecond: Int

    public init(seconds: Int = 60) {
        buckets = Array(repeating: 0, count: seconds)
        headSecond = 0
    }

    public mutating func add(_ count: Int, at time: Double) {
        let second = Int(time.rounded(.down))
        advance(to: second)
        let age = headSecond - second
        guard age >= 0, age < buckets.count else { return }
        let index = (indexOfHead - age + buckets.count) % buckets.count
        buckets[index] &+= UInt32(clamping: count)
    }

    /// Moves the window so that `second` is its newest bucket; older buckets fall out.
    public mutating func advance(to second: Int) {
        guard second > headSecond else { return }
        let steps = second - headSecond
        if steps >= buckets.count {
            for i in buckets.indices { buckets[i] = 0 }
        } else {
            for step in 1...steps { buckets[(headSecond + step) % buckets.count] = 0 }
        }
        headSecond = second
    }

    private var indexOfHead: Int { ((headSecond % buckets.count) + buckets.count) % buckets.count }

    /// Counts oldest first, as of `time` (buckets after the head are zero).
    public func series(at time: Double) -> [UInt32] {
        var copy = self
        copy.advance(to: Int(time.rounded(.down)))
        let head = copy.indexOfHead
        return (1...copy.buckets.count).map { copy.buckets[(head + $0) % copy.buckets.count] }
    }

    /// Events per second over the last `window` complete seconds before `time`.
    public func rate(at time: Double, window: Int = 10) -> Double {
        let series = self.series(at: time)
        let slice = series.dropLast().suffix(window)
        return Double(slice.reduce(0) { $0 + Int($1) }) / Double(max(1, slice.count))
    }

    public func isQuiet(at time: Double) -> Bool {
        series(at: time).allSatisfy { $0 == 0 }
    }
}
