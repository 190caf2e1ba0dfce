/// Formats and parses the ISO-8601 UTC timestamps Kinescope prints (`2019-09-06T14:31:47.056Z`).
///
/// Written out by hand because it runs once or twice per event in `tail` and a date formatter
/// would dominate the cost.
public enum Timestamp {
    /// Years 1 to 9999: the range ISO-8601 text can show.
    public static let representable: ClosedRange<Double> = -62_135_596_800 ... 253_402_300_799

    /// `seconds` when it is a time ISO-8601 can show, else nil: decoders pass every time they read
    /// through here, so `1e400` or `"nan"` in an event is treated as no time rather than trapping.
    public static func plausible(_ seconds: Double?) -> Double? {
        guard let seconds, seconds.isFinite, representable.contains(seconds) else { return nil }
        return seconds
    }

    /// `seconds` since the epoch as `YYYY-MM-DDTHH:MM:SS.mmmZ` (clamped to years 1–9999).
    public static func iso8601(_ value: Double) -> String {
        let seconds = value.isFinite ? min(max(value, representable.lowerBound), representable.upperBound) : 0
        return iso8601(milliseconds: Int64((seconds * 1000).rounded()))
    }

    /// Epoch milliseconds as `YYYY-MM-DDTHH:MM:SS.mmmZ`, written into bytes directly because
    /// `tail` and the demo generator format one or more per event.
    public static func iso8601(milliseconds: Int64) -> String {
        var out = [UInt8](repeating: 0, count: 24)
        let (days, msOfDay) = floorDivMod(milliseconds, 86_400_000)
        let (year, month, day) = civil(fromDays: days)
        put(year, width: 4, at: 0, &out)
        out[4] = UInt8(ascii: "-")
        put(month, width: 2, at: 5, &out)
        out[7] = UInt8(ascii: "-")
        put(day, width: 2, at: 8, &out)
        out[10] = UInt8(ascii: "T")
        put(msOfDay / 3_600_000, width: 2, at: 11, &out)
        out[13] = UInt8(ascii: ":")
        put(msOfDay / 60_000 % 60, width: 2, at: 14, &out)
        out[16] = UInt8(ascii: ":")
        put(msOfDay / 1000 % 60, width: 2, at: 17, &out)
        out[19] = UInt8(ascii: ".")
        put(msOfDay % 1000, width: 3, at: 20, &out)
        out[23] = UInt8(ascii: "Z")
        return String(decoding: out, as: UTF8.self)
    }

    private static func floorDivMod(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b
        let r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    private static func put(_ value: Int64, width: Int, at start: Int, _ out: inout [UInt8]) {
        var v = value
        for i in stride(from: start + width - 1, through: start, by: -1) {
            out[i] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: v % 10)
            v /= 10
        }
    }

    /// `HH:MM:SS` of the UTC day, for tables.
    public static func timeOfDay(_ value: Double) -> String {
        let seconds = value.isFinite ? min(max(value, representable.lowerBound), representable.upperBound) : 0
        var secs = Int64(seconds.rounded(.down)) % 86_400
        if secs < 0 { secs += 86_400 }
        return "\(pad(secs / 3600, 2)):\(pad(secs / 60 % 60, 2)):\(pad(secs % 60, 2))"
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]`; nil when it is not such a time.
    public static func parseISO8601(_ text: String) -> Double? {
        let b = Array(text.utf8)
        func num(_ from: Int, _ len: Int) -> Int64? {
            guard from + len <= b.count else { return nil }
            var v: Int64 = 0
            for i in from..<(from + len) {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                v = v * 10 + Int64(b[i] - 48)
            }
            return v
        }
        guard b.count >= 16, let y = num(0, 4), b[4] == UInt8(ascii: "-"), let mo = num(5, 2),
              b[7] == UInt8(ascii: "-"), let d = num(8, 2), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "),
              let h = num(11, 2), b[13] == UInt8(ascii: ":"), let mi = num(14, 2),
              (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60 else { return nil }
        var i = 16
        var sec: Double = 0
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard let s = num(i + 1, 2), s < 61 else { return nil }
            sec = Double(s)
            i += 3
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                var scale = 0.1
                let start = i
                while i < b.count, b[i] >= 48, b[i] <= 57 {
                    sec += Double(b[i] - 48) * scale
                    scale /= 10
                    i += 1
                }
                if i == start { return nil }
            }
        }
        var offset: Int64 = 0
        if i < b.count {
            if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                i += 1
            } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                let sign: Int64 = b[i] == UInt8(ascii: "+") ? 1 : -1
                guard let oh = num(i + 1, 2) else { return nil }
                var om: Int64 = 0
                if i + 3 < b.count, b[i + 3] == UInt8(ascii: ":") {
                    guard let m = num(i + 4, 2) else { return nil }
                    om = m
                    i += 6
                } else if let m = num(i + 3, 2) {
                    om = m
                    i += 5
                } else {
                    i += 3
                }
                offset = sign * (oh * 60 + om) * 60
            } else {
                return nil
            }
        }
        guard i == b.count else { return nil }
        let days = daysFromCivil(y, mo, d)
        return Double(days * 86_400 + h * 3600 + mi * 60 - offset) + sec
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    // Howard Hinnant's days-from-civil algorithms: exact for the proleptic Gregorian calendar.
    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    static func daysFromCivil(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
