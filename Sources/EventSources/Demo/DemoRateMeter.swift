import EventDecoding

/// Watches whether a real-time demo keeps the rate it was asked for.
///
/// The demo's records are due at their stream times; when the sink takes them more slowly than
/// they fall due (decoding, the screen), the source is held back and its stream time trails the
/// wall clock more and more. Past `behindSeconds` the meter reports `.slow` with the rate actually
/// delivered ("demo: 5,100 ev/s of 20,000 asked"), again when that figure changes (at most every
/// `reportInterval`), `.running` once the demo has caught up, and the whole run's rate at the end.
struct DemoRateMeter: Sendable {
    let asked: Double
    let start: Double
    static let behindSeconds = 2.0
    static let caughtUpSeconds = 0.5
    static let reportInterval = 5.0
    /// How long a stretch the delivered rate is measured over.
    static let window = 1.0

    private(set) var total = 0
    private var windowStart: Double
    private var windowCount = 0
    private var behind = false
    private(set) var everBehind = false
    private var lastNote: String?
    private var lastReport = -Double.infinity

    init(asked: Double, start: Double) {
        self.asked = asked
        self.start = start
        windowStart = start
    }

    /// Notes `count` records delivered at `now`, while the next record due is `lag` seconds late.
    /// Returns the status to report, if it changed.
    mutating func delivered(_ count: Int, lag: Double, at now: Double) -> SourceStatus? {
        total += count
        windowCount += count
        guard now - windowStart >= Self.window else { return nil }
        let rate = Double(windowCount) / (now - windowStart)
        windowStart = now
        windowCount = 0
        if lag > Self.behindSeconds {
            behind = true
            everBehind = true
            let note = Self.note(kept: rate, asked: asked)
            guard note != lastNote, now - lastReport >= Self.reportInterval else { return nil }
            lastNote = note
            lastReport = now
            return .slow(note)
        }
        if behind, lag < Self.caughtUpSeconds {
            behind = false
            lastNote = nil
            return .running
        }
        return nil
    }

    /// At the end of a run that fell behind (or ends `lag` seconds late, more than a second; a
    /// short run may end before a whole window said so): the rate kept over the whole run.
    func final(lag: Double, at now: Double) -> SourceStatus? {
        guard everBehind || lag > 1, now > start else { return nil }
        return .slow(Self.note(kept: Double(total) / (now - start), asked: asked))
    }

    /// "demo: 5,100 ev/s of 20,000 asked": the kept rate to two significant digits (it wobbles),
    /// the asked one as given.
    static func note(kept: Double, asked: Double) -> String {
        "demo: \(grouped(significant(kept))) ev/s of \(grouped(asked.rounded())) asked"
    }

    static func significant(_ value: Double, digits: Int = 2) -> Double {
        guard value >= 1 else { return value.rounded() }
        var scale = 1.0
        while value / scale >= pow10(digits) { scale *= 10 }
        return (value / scale).rounded() * scale
    }

    private static func pow10(_ n: Int) -> Double {
        (0..<n).reduce(1.0) { result, _ in result * 10 }
    }

    static func grouped(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return String(value) }
        var digits = Array(String(Int(value)))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return String(digits)
    }
}
