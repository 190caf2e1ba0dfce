/// `shard:…`: a case-insensitive prefix of the shard id, or, when the value is all digits, the
/// shard's number, so `shard:3` finds `shardId-000000000003` without typing the zeros.
struct FilterShard: Sendable, Equatable {
    let prefix: FilterNeedle
    let number: UInt64?

    init(_ value: String) {
        prefix = FilterNeedle(value)
        let digits = value.utf8.allSatisfy { $0 &- UInt8(ascii: "0") < 10 }
        number = digits && value.utf8.count <= 18 ? UInt64(value) : nil
    }

    func matches(_ shard: String) -> Bool {
        if prefix.isPrefix(of: shard) { return true }
        guard let number else { return false }
        // Read the trailing digits from the end without building a substring.
        var value: UInt64 = 0
        var scale: UInt64 = 1
        var digits = 0
        for byte in shard.utf8.reversed() {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            digits += 1
            if digits > 18 { return false }
            value += UInt64(digit) * scale
            scale *= 10
        }
        return digits > 0 && value == number
    }
}
