import Foundation

/// The demo generator's own random source: xoshiro256** seeded through SplitMix64.
///
/// The demo must replay identically for a given `--seed` on every platform and Swift release, so it
/// cannot use `SystemRandomNumberGenerator` or rely on the standard library's unspecified algorithms
/// (`Int.random(in:)`, `shuffled()`), which may change between releases.
struct DemoRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    init(seed: UInt64) {
        var state = seed
        // SplitMix64 spreads nearby seeds (0, 1, 2…) into unrelated xoshiro states.
        func splitMix(_ x: inout UInt64) -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(&state)
        s1 = splitMix(&state)
        s2 = splitMix(&state)
        s3 = splitMix(&state)
    }

    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in 0..<n. The multiply-high bias is below 2⁻⁵⁰ for the small n used here.
    mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * unit()
    }

    /// Even on a log scale, for long tails where 20 s and 40 s should be about as likely as 60 s and 120 s.
    mutating func logUniform(_ low: Double, _ high: Double) -> Double {
        low * exp(unit() * log(high / low))
    }

    mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    mutating func exponential(mean: Double) -> Double {
        -mean * log(1 - unit())
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// Picks by weight; weights need not sum to one.
    mutating func pick<T>(_ items: [(T, Double)], totalWeight: Double) -> T {
        var r = unit() * totalWeight
        for (item, weight) in items {
            r -= weight
            if r < 0 { return item }
        }
        return items[items.count - 1].0
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// A random (version 4) UUID in lowercase, the form Amplify uses for client and session ids.
    mutating func uuid() -> String {
        let hi = (next() & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let lo = (next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        var out = [UInt8](repeating: UInt8(ascii: "-"), count: 36)
        var pos = 0
        func put(_ word: UInt64, nibbles: Int, shift: Int, _ out: inout [UInt8], _ pos: inout Int) {
            for i in 0..<nibbles {
                let nibble = Int((word >> UInt64(shift - 4 * i)) & 0xF)
                out[pos] = Self.hexDigits[nibble]
                pos += 1
            }
        }
        put(hi, nibbles: 8, shift: 60, &out, &pos); pos += 1
        put(hi, nibbles: 4, shift: 28, &out, &pos); pos += 1
        put(hi, nibbles: 4, shift: 12, &out, &pos); pos += 1
        put(lo, nibbles: 4, shift: 60, &out, &pos); pos += 1
        put(lo, nibbles: 12, shift: 44, &out, &pos)
        return String(decoding: out, as: UTF8.self)
    }

    /// `count` random lowercase hex digits, for ids such as Pinpoint app, campaign and message ids.
    mutating func hex(_ count: Int) -> String {
        var out = [UInt8](repeating: 0, count: count)
        var word: UInt64 = 0
        for i in 0..<count {
            if i % 16 == 0 { word = next() }
            out[i] = Self.hexDigits[Int(word & 0xF)]
            word >>= 4
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `count` random decimal digits, for phone numbers and order ids.
    mutating func digits(_ count: Int) -> String {
        var out = [UInt8](repeating: 0, count: count)
        for i in 0..<count {
            out[i] = UInt8(ascii: "0") + UInt8(below(10))
        }
        return String(decoding: out, as: UTF8.self)
    }
}
