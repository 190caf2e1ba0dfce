/// A stretch of time during which demo traffic runs at a steady multiple of the configured rate.
///
/// Real analytics traffic is not a flat Poisson stream: campaigns and page loads cause bursts and
/// nights cause lulls, and the monitor's sparklines and rate figures are only worth watching if
/// the demo shows both. Regimes follow each other at random; the multipliers are scaled so that
/// the long-run mean rate is the configured one.
struct RateRegime: Sendable {
    var multiplier: Double
    var endMs: Double

    private struct Kind {
        var probability: Double
        var multiplier: ClosedRange<Double>
        var seconds: ClosedRange<Double>
    }

    private static let kinds: [Kind] = [
        Kind(probability: 0.8, multiplier: 0.6...1.4, seconds: 8...40),
        Kind(probability: 0.1, multiplier: 3...5, seconds: 2...6),
        Kind(probability: 0.1, multiplier: 0.05...0.3, seconds: 3...15),
    ]

    private static func mean(_ range: ClosedRange<Double>) -> Double {
        (range.lowerBound + range.upperBound) / 2
    }

    /// Time-weighted mean of the raw multipliers (a renewal-reward average), divided out so the
    /// configured rate is the true mean.
    private static let normalization: Double = {
        let weighted = kinds.reduce(0) { $0 + $1.probability * mean($1.multiplier) * mean($1.seconds) }
        let time = kinds.reduce(0) { $0 + $1.probability * mean($1.seconds) }
        return weighted / time
    }()

    /// The first regime is always an ordinary one so a fresh demo does not open with a burst.
    static func first(startMs: Double, random: inout DemoRandom) -> RateRegime {
        make(kinds[0], startMs: startMs, random: &random)
    }

    static func next(startMs: Double, random: inout DemoRandom) -> RateRegime {
        var r = random.unit()
        for kind in kinds {
            r -= kind.probability
            if r < 0 { return make(kind, startMs: startMs, random: &random) }
        }
        return make(kinds[0], startMs: startMs, random: &random)
    }

    private static func make(_ kind: Kind, startMs: Double, random: inout DemoRandom) -> RateRegime {
        let multiplier = random.uniform(kind.multiplier.lowerBound, kind.multiplier.upperBound) / normalization
        let seconds = random.uniform(kind.seconds.lowerBound, kind.seconds.upperBound)
        return RateRegime(multiplier: multiplier, endMs: startMs + seconds * 1000)
    }
}
