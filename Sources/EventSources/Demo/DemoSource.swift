#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventDecoding

/// The built-in demo feed as a `Source`: `DemoTraffic` in real time (for the TUI) or as fast as
/// the sink takes it on simulated time (for `tail`/`stats`).
public struct DemoSource: Source {
    public var seed: UInt64
    public var rate: Double
    public var realTime: Bool
    public var startTime: Double
    /// Stop after this many records (nil: run until cancelled).
    public var limit: Int?

    public init(seed: UInt64, rate: Double, realTime: Bool, startTime: Double, limit: Int? = nil) {
        self.seed = seed
        self.rate = rate
        self.realTime = realTime
        self.startTime = startTime
        self.limit = limit
    }

    public var name: String { "demo (seed \(seed))" }

    /// The shortest sleep of a demo on the clock: 100 batches a second at most.
    static let tick = 0.01

    public func run(into sink: any RecordSink) async throws {
        var traffic = DemoTraffic(seed: seed, startTime: startTime, rate: rate)
        await sink.status(.running)
        // Only a demo on the clock can fall behind; on simulated time it runs as fast as it can.
        var meter = realTime ? DemoRateMeter(asked: rate, start: wallClock()) : nil
        var produced = 0
        var lastTime = startTime
        var pending = traffic.next()
        let batchLimit = 1024
        while limit.map({ produced < $0 }) ?? true {
            try Task.checkCancellation()
            var batch: [RawRecord] = []
            batch.reserveCapacity(64)
            var batchTime = pending.time
            if realTime {
                let wait = pending.time - wallClock()
                if wait > 0 {
                    // Records due within a tick go together: at thousands a second, a batch per
                    // record would spend the time on hand-overs and wake-ups, not on events.
                    try await Task.sleep(nanoseconds: UInt64(min(max(wait, Self.tick), 1.0) * 1e9))
                    continue
                }
                batchTime = max(pending.time, wallClock())
            }
            let horizon = realTime ? wallClock() : pending.time + 0.25
            while pending.time <= horizon, batch.count < batchLimit, limit.map({ produced < $0 }) ?? true {
                batch.append(pending.record)
                batchTime = realTime ? batchTime : pending.time
                produced += 1
                pending = traffic.next()
            }
            if let last = batch.last?.arrival { lastTime = last }
            if !batch.isEmpty, await !sink.deliver(batch, at: batchTime) { break }
            if meter != nil {
                let now = wallClock()
                if let status = meter!.delivered(batch.count, lag: now - pending.time, at: now) { await sink.status(status) }
            }
        }
        if let meter {
            let now = wallClock()
            if let final = meter.final(lag: now - lastTime, at: now) { await sink.status(final) }
        }
        await sink.status(.ended)
    }

    private func wallClock() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
