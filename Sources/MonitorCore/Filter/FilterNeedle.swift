/// A lowercased piece of text to look for case-insensitively, prepared once when the filter is
/// parsed.
///
/// Comparison is on UTF-8 bytes. When the haystack is ASCII (nearly always: ids, platforms, event
/// types) lowercasing is done byte by byte as we go, so nothing is allocated; only a haystack with
/// non-ASCII text pays for `lowercased()`, which is what makes "Ä" find "ä".
struct FilterNeedle: Sendable, Equatable {
    let text: String
    let bytes: [UInt8]
    let isASCII: Bool

    init(_ text: String) {
        self.text = text.lowercased()
        bytes = Array(self.text.utf8)
        isASCII = bytes.allSatisfy { $0 < 0x80 }
    }

    var isEmpty: Bool { bytes.isEmpty }

    @inline(__always)
    static func foldASCII(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    /// Whether `haystack`, lowercased, starts with the needle.
    func isPrefix(of haystack: String) -> Bool {
        var iterator = haystack.utf8.makeIterator()
        for needleByte in bytes {
            guard let byte = iterator.next() else { return false }
            // Lowercasing can change the length of non-ASCII text, so byte positions no longer
            // line up; let the slow path decide.
            if byte >= 0x80 { return haystack.lowercased().utf8.starts(with: bytes) }
            if Self.foldASCII(byte) != needleByte { return false }
        }
        return true
    }

    /// Whether `haystack`, lowercased, contains the needle.
    func occurs(in haystack: String) -> Bool {
        if bytes.isEmpty { return true }
        let fast = haystack.utf8.withContiguousStorageIfAvailable { buffer -> Bool? in
            for byte in buffer where byte >= 0x80 { return nil }
            // A lowercased ASCII haystack is ASCII, so a needle with other bytes cannot occur.
            guard isASCII else { return false }
            return Self.search(bytes, in: buffer, fold: true)
        }
        if let answer = fast ?? nil { return answer }
        let lowered = haystack.lowercased()
        return lowered.utf8.withContiguousStorageIfAvailable { Self.search(bytes, in: $0, fold: false) }
            ?? Self.search(bytes, in: Array(lowered.utf8), fold: false)
    }

    static func search<Haystack: RandomAccessCollection>(_ needle: [UInt8], in haystack: Haystack, fold: Bool) -> Bool
    where Haystack.Element == UInt8, Haystack.Index == Int {
        let count = needle.count
        guard count <= haystack.count else { return false }
        let first = needle[0]
        var start = haystack.startIndex
        let last = haystack.endIndex - count
        while start <= last {
            let byte = fold ? foldASCII(haystack[start]) : haystack[start]
            if byte == first {
                var offset = 1
                while offset < count {
                    let candidate = fold ? foldASCII(haystack[start + offset]) : haystack[start + offset]
                    if candidate != needle[offset] { break }
                    offset += 1
                }
                if offset == count { return true }
            }
            start += 1
        }
        return false
    }
}
