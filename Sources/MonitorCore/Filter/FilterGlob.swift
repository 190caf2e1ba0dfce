/// A shell-style pattern (`*` any run, `?` one character), case-sensitive, compiled once.
///
/// Most patterns typed in practice are an exact type or a prefix (`_session.*`), so those get
/// their own cases; the rest use the usual backtracking-on-the-last-star matcher over UTF-8 bytes,
/// where `?` consumes a whole Unicode scalar rather than a byte.
struct FilterGlob: Sendable, Equatable {
    enum Element: Sendable, Equatable {
        case byte(UInt8)
        case anyScalar
        case anyRun
    }

    enum Shape: Sendable, Equatable {
        case exact([UInt8])
        case prefix([UInt8])
        case anything
        case general([Element])
    }

    let shape: Shape

    init(_ pattern: String) {
        var elements: [Element] = []
        for byte in pattern.utf8 {
            switch byte {
            case UInt8(ascii: "*"):
                // Runs of stars mean the same as one and would only slow backtracking down.
                if elements.last != .anyRun { elements.append(.anyRun) }
            case UInt8(ascii: "?"): elements.append(.anyScalar)
            default: elements.append(.byte(byte))
            }
        }
        let literal = elements.compactMap { element -> UInt8? in
            if case .byte(let byte) = element { return byte }
            return nil
        }
        if literal.count == elements.count {
            shape = .exact(literal)
        } else if elements == [.anyRun] {
            shape = .anything
        } else if literal.count == elements.count - 1, elements.last == .anyRun {
            shape = .prefix(literal)
        } else {
            shape = .general(elements)
        }
    }

    func matches(_ text: String) -> Bool {
        switch shape {
        case .anything: return true
        case .exact(let bytes): return text.utf8.elementsEqual(bytes)
        case .prefix(let bytes): return text.utf8.starts(with: bytes)
        case .general(let elements):
            return text.utf8.withContiguousStorageIfAvailable { Self.match(elements, $0) }
                ?? Self.match(elements, Array(text.utf8))
        }
    }

    @inline(__always)
    static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    static func match<Text: RandomAccessCollection>(_ pattern: [Element], _ text: Text) -> Bool
    where Text.Element == UInt8, Text.Index == Int {
        let end = text.endIndex
        var p = 0
        var t = text.startIndex
        // Where the last star was and how much text it has taken so far; on a mismatch the star
        // takes one more scalar and matching resumes after it.
        var starPattern = -1
        var starText = 0
        while t < end {
            if p < pattern.count {
                switch pattern[p] {
                case .anyRun:
                    starPattern = p
                    starText = t
                    p += 1
                    continue
                case .anyScalar:
                    t = min(end, t + scalarLength(text[t]))
                    p += 1
                    continue
                case .byte(let byte):
                    if text[t] == byte {
                        t += 1
                        p += 1
                        continue
                    }
                }
            }
            guard starPattern >= 0 else { return false }
            starText = min(end, starText + scalarLength(text[starText]))
            t = starText
            p = starPattern + 1
        }
        while p < pattern.count, pattern[p] == .anyRun { p += 1 }
        return p == pattern.count
    }
}
