import EventDecoding
import KinesisClient

/// Parses `--from`: `latest`, `trim-horizon`, an ISO-8601 time, or a duration ago (`90s`, `15m`,
/// `2h`, `1d`, `1h30m`).
public enum StartPosition {
    public static func parse(_ text: String, now: Double) -> ShardIteratorPosition? {
        switch text.lowercased() {
        case "latest", "now": return .latest
        case "trim-horizon", "trim_horizon", "trimhorizon", "oldest", "beginning": return .trimHorizon
        default: break
        }
        if let time = Timestamp.parseISO8601(text) { return .atTimestamp(time) }
        if let seconds = duration(text) { return .atTimestamp(now - seconds) }
        return nil
    }

    /// Seconds in a duration such as `15m`, `1h30m`, `500ms`, `2d`; nil when it is not one.
    public static func duration(_ text: String) -> Double? {
        var total = 0.0
        var number = ""
        var unit = ""
        var sawAny = false
        func flush() -> Bool {
            guard let value = Double(number), !unit.isEmpty else { return false }
            let scale: Double
            switch unit {
            case "ms": scale = 0.001
            case "s", "sec": scale = 1
            case "m", "min": scale = 60
            case "h": scale = 3600
            case "d": scale = 86_400
            default: return false
            }
            total += value * scale
            number = ""
            unit = ""
            sawAny = true
            return true
        }
        for c in text.lowercased() {
            if c.isNumber || c == "." {
                if !unit.isEmpty { guard flush() else { return nil } }
                number.append(c)
            } else if c.isLetter {
                guard !number.isEmpty else { return nil }
                unit.append(c)
            } else {
                return nil
            }
        }
        guard flush(), sawAny, total.isFinite, total >= 0 else { return nil }
        return total
    }
}
