/// How far the Pinpoint-to-Kinesis pipeline is running behind.
///
/// Lag is a property of the pipeline, not of single events: for a minute or so everything arriving
/// is late, then it catches up. Modelling it as episodes (rather than independent per-event delays)
/// gives the monitor's lag figures something realistic to show.
struct StreamLag: Sendable {
    /// Extra delay for the current stretch, in milliseconds.
    private var extraMs: Double = 0
    private var endMs: Double

    init(startMs: Double, random: inout DemoRandom) {
        endMs = startMs + random.exponential(mean: Self.meanCalmMs)
    }

    private static let meanCalmMs = 300_000.0

    /// The delay for an event handed to the pipeline at `clockMs`; always within 0.5–40 s.
    mutating func delayMs(at clockMs: Double, random: inout DemoRandom) -> Int64 {
        while clockMs >= endMs {
            if extraMs > 0 {
                extraMs = 0
                endMs += random.exponential(mean: Self.meanCalmMs)
            } else {
                extraMs = random.uniform(5_000, 35_000)
                endMs += random.uniform(10_000, 60_000)
            }
        }
        let jitter = min(random.exponential(mean: 800), 4_000)
        return min(40_000, Int64(500 + jitter + extraMs))
    }
}
