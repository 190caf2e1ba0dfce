/// ISO-8601 UTC timestamps (`2019-09-06T14:31:14.577Z`) from epoch milliseconds.
///
/// Written out by hand because the generator formats a date for many events and Foundation's
/// formatters are slow and allocate; the civil-date arithmetic is Howard Hinnant's `civil_from_days`.
enum DemoTimeFormat {
    static func iso8601(milliseconds: Int64) -> String {
        var out = [UInt8](repeating: 0, count: 24)
        write(milliseconds: milliseconds, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func write(milliseconds: Int64, into out: inout [UInt8]) {
        let (days, msOfDay) = floorDivMod(milliseconds, 86_400_000)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)

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
}
