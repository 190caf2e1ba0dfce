import CKinescope

/// Byte-level scanning shared by `JSONParser` and `JSONValidator`, so that the two agree on
/// exactly which bytes end a string run and which byte sequences are valid UTF-8.
enum JSONBytes {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    /// The top bit of every byte in a word: set in a byte that is not ASCII.
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Moves `i` to the next byte a string scan must look at (`"`, `\` or a control byte), or to
    /// `end`. Sixteen bytes at a time (SSE2, `ks_skip_plain_string_bytes`), then eight, because
    /// string contents are most of the bytes in an event.
    /// Returns the skipped bytes OR-ed together, so the caller knows whether they were all ASCII.
    @inline(__always)
    static func skipPlainStringBytes(_ base: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        // Blocks of 16 first; the word loop finishes the last bytes before `end`.
        let block = ks_skip_plain_string_bytes(base, i, end)
        i = block.position
        var seen = UInt64(block.seen)
        if block.stopped != 0 { return seen }
        while i &+ 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            // Classic "has a zero byte" / "has a byte below n" tricks. The lowest flagged byte is
            // always exact (borrows only run upwards), which is all we need to find the first one.
            let isQuote = word ^ (ones &* UInt64(quote))
            let isBackslash = word ^ (ones &* UInt64(backslash))
            let flags = (((isQuote &- ones) & ~isQuote)
                | ((isBackslash &- ones) & ~isBackslash)
                | ((word &- ones &* 0x20) & ~word)) & highBits
            if flags != 0 {
                let skippedBits = flags.trailingZeroBitCount & ~7
                seen |= word & ((1 &<< UInt64(skippedBits)) &- 1)
                i &+= skippedBits >> 3
                return seen
            }
            seen |= word
            i &+= 8
        }
        while i < end {
            let byte = base[i]
            if byte == quote || byte == backslash || byte < 0x20 { break }
            seen |= UInt64(byte)
            i &+= 1
        }
        return seen
    }

    /// The offset of the first byte that starts an invalid UTF-8 sequence in `start..<stop`, or
    /// -1 when the bytes are valid UTF-8.
    static func firstInvalidUTF8(_ base: UnsafePointer<UInt8>, from start: Int, to stop: Int) -> Int {
        var j = start
        while j < stop {
            let lead = base[j]
            if lead < 0x80 {
                j &+= 1
                continue
            }
            // Second-byte ranges exclude overlong forms, surrogates and values past U+10FFFF.
            let trailing: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: trailing = 1
            case 0xE0: trailing = 2; low = 0xA0
            case 0xED: trailing = 2; high = 0x9F
            case 0xE1...0xEF: trailing = 2
            case 0xF0: trailing = 3; low = 0x90
            case 0xF4: trailing = 3; high = 0x8F
            case 0xF1...0xF3: trailing = 3
            default: return j
            }
            guard j &+ trailing < stop else { return j }
            let second = base[j &+ 1]
            guard second >= low && second <= high else { return j }
            for k in stride(from: 2, through: trailing, by: 1) where base[j &+ k] & 0xC0 != 0x80 {
                return j
            }
            j &+= trailing &+ 1
        }
        return -1
    }

    @inline(__always)
    static func isHexDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10 || (byte | 0x20) &- UInt8(ascii: "a") < 6
    }
}
