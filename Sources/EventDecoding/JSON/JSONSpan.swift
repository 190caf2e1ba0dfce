/// One value inside bytes that `JSONValidator` accepted, read in place: looking up a member
/// skips over the others without building them, and only the scalars asked for become strings.
///
/// Valid only while the buffer it points into is; the decoder uses it inside
/// `withUnsafeBufferPointer` and keeps nothing of it but the strings and numbers it returns.
/// Objects reached through members carry the member positions the validator recorded, so their
/// lookups need no scan at all; only objects inside arrays are scanned.
struct JSONSpan: JSONAccess {
    let base: UnsafePointer<UInt8>
    /// The value's first byte.
    let start: Int
    /// One past the value's last byte.
    let end: Int
    /// All the slots the validator filled, when this object's members are among them.
    let members: UnsafePointer<JSONRootMember>?
    /// This object's first member slot; the others follow by `JSONRootMember.next`.
    let firstMember: Int
    /// This object's last member slot (-1: not indexed); the others precede it by `previous`.
    let lastMember: Int

    /// The top-level value, with `memberCount` slots the validator filled (nil: none recorded).
    init(base: UnsafePointer<UInt8>, start: Int, end: Int,
         members: UnsafePointer<JSONRootMember>? = nil, memberCount: Int = 0) {
        var last = -1
        if let members, memberCount > 0, base[start] == UInt8(ascii: "{") {
            last = 0
            while members[last].next < memberCount { last = members[last].next }
        }
        self.init(base: base, start: start, end: end, members: members, firstMember: 0, lastMember: last)
    }

    private init(base: UnsafePointer<UInt8>, start: Int, end: Int, members: UnsafePointer<JSONRootMember>?,
                 firstMember: Int, lastMember: Int) {
        self.base = base
        self.start = start
        self.end = end
        self.members = members
        self.firstMember = firstMember
        self.lastMember = lastMember
    }

    /// The value of the member in `slot`, carrying its own members' slots when it is an object.
    @inline(__always)
    private func value(ofSlot slot: Int, _ members: UnsafePointer<JSONRootMember>) -> JSONSpan {
        let member = members[slot]
        if member.lastChild >= 0 {
            return JSONSpan(base: base, start: member.valueStart, end: member.valueEnd, members: members,
                            firstMember: slot &+ 1, lastMember: member.lastChild)
        }
        return JSONSpan(base: base, start: member.valueStart, end: member.valueEnd)
    }

    private var first: UInt8 { base[start] }

    var isObject: Bool { first == UInt8(ascii: "{") }

    // MARK: Scalars

    var string: String? {
        guard first == JSONBytes.quote else { return nil }
        return decodeString(at: start, end: end)
    }

    var double: Double? {
        switch first {
        case JSONBytes.quote: return Double(decodeString(at: start, end: end))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return numberValue()
        default: return nil
        }
    }

    var scalarText: String? {
        switch first {
        case JSONBytes.quote: return decodeString(at: start, end: end)
        case UInt8(ascii: "{"), UInt8(ascii: "["): return nil
        // Numbers are kept as written; literals are their own text.
        default: return String(decoding: UnsafeBufferPointer(start: base + start, count: end &- start), as: UTF8.self)
        }
    }

    var jsonValue: JSONValue {
        // Validated already, so this cannot fail; the depth is bounded by the validator's.
        (try? JSONParser.parse(UnsafeBufferPointer(start: base + start, count: end &- start))) ?? .null
    }

    /// `Double(lexeme)` as `JSONValue.double` computes it, without making a string for the
    /// common case: an integer of at most 15 digits is exact in a `Double`, so converting it
    /// gives the same value as `strtod` would.
    private func numberValue() -> Double? {
        var j = start
        let negative = base[j] == UInt8(ascii: "-")
        if negative { j &+= 1 }
        if end &- j <= 15 {
            var value = 0
            while j < end {
                let digit = base[j] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                value = value &* 10 &+ Int(digit)
                j &+= 1
            }
            if j == end { return negative ? -Double(value) : Double(value) }
        }
        return Double(String(decoding: UnsafeBufferPointer(start: base + start, count: end &- start), as: UTF8.self))
    }

    /// The text of the string literal whose opening quote is at `quote` and which ends just
    /// before `stop`.
    private func decodeString(at quote: Int, end stop: Int) -> String {
        let contentStart = quote &+ 1
        let contentEnd = stop &- 1
        var j = contentStart
        _ = JSONBytes.skipPlainStringBytes(base, &j, contentEnd)
        if j == contentEnd {
            // No escapes: the bytes are the text (validated UTF-8 already).
            return String(decoding: UnsafeBufferPointer(start: base + contentStart, count: contentEnd &- contentStart),
                          as: UTF8.self)
        }
        return JSONParser.decodeValidatedString(base, at: quote, end: stop)
    }

    // MARK: Containers

    subscript(key: String) -> JSONSpan? {
        guard isObject else { return nil }
        if let members, lastMember >= 0 {
            // Last one wins on duplicate keys, as in `JSONObject`.
            var k = lastMember
            while k >= 0 {
                let member = members[k]
                if keyMatches(quote: member.keyStart, end: member.keyEnd, plain: member.keyIsPlainASCII, key) {
                    return value(ofSlot: k, members)
                }
                k = member.previous
            }
            return nil
        }
        var found: JSONSpan?
        forEachRawMember { keyStart, keyEnd, value in
            if keyMatches(quote: keyStart, end: keyEnd, plain: isPlainASCII(keyStart &+ 1, keyEnd &- 1), key) {
                found = value
            }
            return true
        }
        return found
    }

    subscript(field key: StaticString) -> JSONSpan? {
        guard isObject else { return nil }
        return key.withUTF8Buffer { needle in
            guard key.isASCII else {
                return self[String(decoding: needle, as: UTF8.self)]
            }
            if let members, lastMember >= 0 {
                var k = lastMember
                while k >= 0 {
                    let member = members[k]
                    if asciiKeyMatches(quote: member.keyStart, end: member.keyEnd, plain: member.keyIsPlainASCII, needle) {
                        return value(ofSlot: k, members)
                    }
                    k = member.previous
                }
                return nil
            }
            var found: JSONSpan?
            forEachRawMember { keyStart, keyEnd, value in
                if asciiKeyMatches(quote: keyStart, end: keyEnd, plain: isPlainASCII(keyStart &+ 1, keyEnd &- 1), needle) {
                    found = value
                }
                return true
            }
            return found
        }
    }

    /// `keyMatches` for an ASCII key: a plain key compares by length, then bytes.
    @inline(__always)
    private func asciiKeyMatches(quote: Int, end keyEnd: Int, plain: Bool, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = keyEnd &- quote &- 2
        if plain {
            guard needle.count == length else { return false }
            let keyBytes = base + (quote &+ 1)
            for k in 0..<length where needle[k] != keyBytes[k] { return false }
            return true
        }
        return decodeString(at: quote, end: keyEnd) == String(decoding: needle, as: UTF8.self)
    }

    subscript(index: Int) -> JSONSpan? {
        guard index >= 0 else { return nil }
        var position = 0
        var found: JSONSpan?
        forEachElement { element in
            if position == index {
                found = element
                return false
            }
            position &+= 1
            return true
        }
        return found
    }

    func forEachMember(_ body: (String, JSONSpan) -> Bool) {
        forEachRawMember { keyStart, keyEnd, value in
            body(decodeString(at: keyStart, end: keyEnd), value)
        }
    }

    /// `JSONAccess.appendScalarPairs` straight from the bytes: keys and strings without escapes
    /// (validated UTF-8) and numbers and literals as written are copied, not decoded.
    func appendScalarPairs(to text: inout [UInt8], limit: Int, separated: Bool) -> Int {
        var count = 0
        guard limit > 0 else { return 0 }
        forEachRawMember { keyStart, keyEnd, value in
            let first = value.first
            if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return true }
            if separated || count > 0 { text.append(UInt8(ascii: " ")) }
            appendText(ofString: keyStart, end: keyEnd, to: &text)
            text.append(UInt8(ascii: "="))
            if first == JSONBytes.quote {
                appendText(ofString: value.start, end: value.end, to: &text)
            } else {
                text.append(contentsOf: UnsafeBufferPointer(start: base + value.start, count: value.end &- value.start))
            }
            count &+= 1
            return count != limit
        }
        return count
    }

    /// Appends the text of the string literal whose quotes span `quote..<stop`.
    @inline(__always)
    private func appendText(ofString quote: Int, end stop: Int, to text: inout [UInt8]) {
        let contentStart = quote &+ 1
        let contentEnd = stop &- 1
        var j = contentStart
        _ = JSONBytes.skipPlainStringBytes(base, &j, contentEnd)
        if j == contentEnd {
            text.append(contentsOf: UnsafeBufferPointer(start: base + contentStart, count: contentEnd &- contentStart))
        } else {
            text.append(contentsOf: JSONParser.decodeValidatedString(base, at: quote, end: stop).utf8)
        }
    }

    func forEachElement(_ body: (JSONSpan) -> Bool) {
        guard first == UInt8(ascii: "[") else { return }
        var j = start &+ 1
        skipWhitespace(&j)
        if base[j] == UInt8(ascii: "]") { return }
        while true {
            let valueEnd = skipValue(at: j)
            if !body(JSONSpan(base: base, start: j, end: valueEnd)) { return }
            j = valueEnd
            skipWhitespace(&j)
            guard base[j] == UInt8(ascii: ",") else { return }
            j &+= 1
            skipWhitespace(&j)
        }
    }

    /// Each member as its key's quote positions and its value, in order, until `body` returns false.
    private func forEachRawMember(_ body: (_ keyQuote: Int, _ keyEnd: Int, _ value: JSONSpan) -> Bool) {
        guard isObject else { return }
        if let members, lastMember >= 0 {
            var k = firstMember
            while true {
                let member = members[k]
                if !body(member.keyStart, member.keyEnd, value(ofSlot: k, members)) || k == lastMember { return }
                k = member.next
            }
        }
        var j = start &+ 1
        skipWhitespace(&j)
        if base[j] == UInt8(ascii: "}") { return }
        while true {
            let keyStart = j
            let keyEnd = skipString(at: j)
            j = keyEnd
            skipWhitespace(&j)
            j &+= 1  // the colon
            skipWhitespace(&j)
            let valueEnd = skipValue(at: j)
            if !body(keyStart, keyEnd, JSONSpan(base: base, start: j, end: valueEnd)) { return }
            j = valueEnd
            skipWhitespace(&j)
            guard base[j] == UInt8(ascii: ",") else { return }
            j &+= 1
            skipWhitespace(&j)
        }
    }

    // MARK: Keys

    private func isPlainASCII(_ from: Int, _ to: Int) -> Bool {
        var j = from
        while j < to {
            let byte = base[j]
            if byte >= 0x80 || byte == JSONBytes.backslash { return false }
            j &+= 1
        }
        return true
    }

    /// Whether the key whose quotes span `quote..<end` equals `key` as Swift compares strings.
    /// Plain ASCII on both sides compares bytes, which is the same; anything else (escapes,
    /// non-ASCII text that Unicode may treat as equivalent) is decoded and compared as strings.
    private func keyMatches(quote: Int, end keyEnd: Int, plain: Bool, _ key: String) -> Bool {
        let length = keyEnd &- quote &- 2
        if plain {
            let answer = key.utf8.withContiguousStorageIfAvailable { needle -> Bool? in
                for byte in needle where byte >= 0x80 { return nil }
                guard needle.count == length else { return false }
                let keyBytes = base + (quote &+ 1)
                for k in 0..<length where needle[k] != keyBytes[k] { return false }
                return true
            }
            if let answer = answer ?? nil { return answer }
        }
        return decodeString(at: quote, end: keyEnd) == key
    }

    // MARK: Skipping validated bytes

    @inline(__always)
    private func skipWhitespace(_ j: inout Int) {
        while JSONBytes.isWhitespace(base[j]) { j &+= 1 }
    }

    /// One past the closing quote of the string whose opening quote is at `quote`.
    private func skipString(at quote: Int) -> Int {
        var j = quote &+ 1
        while true {
            // Validated: no control bytes, so this stops only at a quote or a backslash.
            _ = JSONBytes.skipPlainStringBytes(base, &j, end)
            if base[j] == JSONBytes.quote { return j &+ 1 }
            j &+= 2
        }
    }

    /// One past the last byte of the value starting at `j`.
    private func skipValue(at j: Int) -> Int {
        switch base[j] {
        case JSONBytes.quote:
            return skipString(at: j)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var k = j
            while true {
                switch base[k] {
                case JSONBytes.quote:
                    k = skipString(at: k)
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth &+= 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth &-= 1
                    if depth == 0 { return k &+ 1 }
                default:
                    break
                }
                k &+= 1
            }
        default:
            // A number or a literal: it ends at the first structural byte or whitespace.
            var k = j &+ 1
            while k < end {
                let byte = base[k]
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
                    || JSONBytes.isWhitespace(byte) { break }
                k &+= 1
            }
            return k
        }
    }
}
