/// Checks that bytes hold one JSON document that `JSONParser` accepts, without building a value,
/// and notes where each member of every object is.
///
/// The decoder's fast path reads the few fields a classifier needs straight from the bytes
/// (through `JSONSpan`) and parses the whole document only when someone asks for the payload.
/// That is exact only if every document the fast path takes would also parse, so this accepts
/// the same grammar as `JSONParser` (RFC 8259, strict numbers, escapes, UTF-8, nothing after the
/// value). It may refuse more: nesting deeper than `maxTrackedDepth` is refused too, and the caller
/// then takes the full parser's path, which also gives an invalid document its exact error.
///
/// ```swift
/// var validator = JSONValidator(base: buffer.baseAddress!, count: buffer.count,
///                               members: slots.baseAddress!, capacity: slots.count)
/// if validator.validate(maxDepth: 512) { /* read fields through JSONSpan */ }
/// ```
struct JSONValidator {
    /// Containers are tracked in one 64-bit word; deeper documents go to the full parser.
    static let maxTrackedDepth = 64

    let base: UnsafePointer<UInt8>
    let end: Int
    private(set) var i = 0
    /// Where the members of all objects are recorded, each before the members nested in its value
    /// (see `JSONRootMember.next`), so that lookups in nested objects need no scan either.
    let members: UnsafeMutablePointer<JSONRootMember>
    let capacity: Int
    /// Members seen, at every depth; more than `capacity` when some did not fit.
    private(set) var memberCount = 0
    /// Where the top-level value starts (after leading whitespace).
    private(set) var rootStart = 0
    /// One past the top-level value's last byte.
    private(set) var rootEnd = 0

    init(base: UnsafePointer<UInt8>, count: Int, members: UnsafeMutablePointer<JSONRootMember>, capacity: Int) {
        self.base = base
        self.end = count
        self.members = members
        self.capacity = capacity
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while i < end && JSONBytes.isWhitespace(base[i]) { i &+= 1 }
    }

    /// True when the whole buffer is one document `JSONParser.parse(_:maxDepth:)` accepts, nested
    /// at most `min(maxDepth, maxTrackedDepth)` deep.
    mutating func validate(maxDepth: Int) -> Bool {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.maxTrackedDepth + 1) { open in
            validate(maxDepth: maxDepth, openMembers: open.baseAddress!)
        }
    }

    /// `openMembers[d]` is the slot of the member whose value is being read in the object at depth d.
    private mutating func validate(maxDepth: Int, openMembers: UnsafeMutablePointer<Int>) -> Bool {
        let depthLimit = min(maxDepth, Self.maxTrackedDepth)
        // Bit k is set when the container at depth k + 1 (counting from the innermost) is an object.
        var kinds: UInt64 = 0
        var depth = 0
        i = 0
        memberCount = 0
        skipWhitespace()
        rootStart = i
        expectValue: while true {
            guard i < end else { return false }
            switch base[i] {
            case JSONBytes.quote:
                guard scanString() != nil else { return false }
            case UInt8(ascii: "{"):
                guard depth < depthLimit else { return false }
                depth &+= 1
                kinds = kinds << 1 | 1
                openMembers[depth] = -1
                i &+= 1
                skipWhitespace()
                if i < end && base[i] == UInt8(ascii: "}") {
                    i &+= 1
                    depth &-= 1
                    kinds >>= 1
                } else {
                    guard scanKeyAndColon(depth: depth, openMembers: openMembers) else { return false }
                    continue expectValue
                }
            case UInt8(ascii: "["):
                guard depth < depthLimit else { return false }
                depth &+= 1
                kinds <<= 1
                i &+= 1
                skipWhitespace()
                if i < end && base[i] == UInt8(ascii: "]") {
                    i &+= 1
                    depth &-= 1
                    kinds >>= 1
                } else {
                    continue expectValue
                }
            case UInt8(ascii: "t"):
                guard matchLiteral("true") else { return false }
            case UInt8(ascii: "f"):
                guard matchLiteral("false") else { return false }
            case UInt8(ascii: "n"):
                guard matchLiteral("null") else { return false }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard scanNumber() else { return false }
            default:
                return false
            }

            // A value is complete: close as many containers as the input closes here.
            while true {
                if depth == 0 {
                    rootEnd = i
                    skipWhitespace()
                    return i == end
                }
                let inObject = kinds & 1 == 1
                if inObject {
                    let slot = openMembers[depth]
                    if slot < capacity {
                        members[slot].valueEnd = i
                        members[slot].next = memberCount
                    }
                }
                skipWhitespace()
                guard i < end else { return false }
                let byte = base[i]
                if byte == UInt8(ascii: ",") {
                    i &+= 1
                    if inObject {
                        skipWhitespace()
                        guard scanKeyAndColon(depth: depth, openMembers: openMembers) else { return false }
                    } else {
                        skipWhitespace()
                    }
                    continue expectValue
                }
                guard byte == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { return false }
                if inObject && depth > 1 && (kinds >> 1) & 1 == 1 {
                    // An object that is a member's value: that member learns its last member.
                    let parent = openMembers[depth &- 1]
                    if parent < capacity { members[parent].lastChild = openMembers[depth] }
                }
                i &+= 1
                depth &-= 1
                kinds >>= 1
            }
        }
    }

    /// Reads `"key"`, the colon and the whitespace after it; records the key and where its value
    /// starts in the next slot.
    private mutating func scanKeyAndColon(depth: Int, openMembers: UnsafeMutablePointer<Int>) -> Bool {
        guard i < end, base[i] == JSONBytes.quote else { return false }
        let keyStart = i
        guard let plain = scanString() else { return false }
        let keyEnd = i
        skipWhitespace()
        guard i < end, base[i] == UInt8(ascii: ":") else { return false }
        i &+= 1
        skipWhitespace()
        if memberCount < capacity {
            members[memberCount] = JSONRootMember(keyStart: keyStart, keyEnd: keyEnd, keyIsPlainASCII: plain,
                                                  valueStart: i, valueEnd: i, next: memberCount &+ 1,
                                                  previous: openMembers[depth], lastChild: -1)
        }
        openMembers[depth] = memberCount
        memberCount &+= 1
        return true
    }

    /// Scans the string whose opening quote is at `i` and leaves `i` after its closing quote.
    /// Nil when it is not a valid string; otherwise whether it is plain ASCII without escapes, so
    /// that its bytes are its text.
    private mutating func scanString() -> Bool? {
        i &+= 1
        let start = i
        var seen: UInt64 = 0
        var escaped = false
        while true {
            seen |= JSONBytes.skipPlainStringBytes(base, &i, end)
            guard i < end else { return nil }
            let byte = base[i]
            if byte == JSONBytes.quote { break }
            guard byte == JSONBytes.backslash, i &+ 1 < end else { return nil }
            escaped = true
            switch base[i &+ 1] {
            case JSONBytes.quote, JSONBytes.backslash, UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                 UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                i &+= 2
            case UInt8(ascii: "u"):
                guard i &+ 5 < end, JSONBytes.isHexDigit(base[i &+ 2]), JSONBytes.isHexDigit(base[i &+ 3]),
                      JSONBytes.isHexDigit(base[i &+ 4]), JSONBytes.isHexDigit(base[i &+ 5]) else { return nil }
                i &+= 6
            default:
                return nil
            }
        }
        let ascii = seen & JSONBytes.highBits == 0
        if !ascii && JSONBytes.firstInvalidUTF8(base, from: start, to: i) >= 0 { return nil }
        i &+= 1
        return ascii && !escaped
    }

    @inline(__always)
    private func isDigit(_ offset: Int) -> Bool {
        offset < end && base[offset] &- UInt8(ascii: "0") < 10
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, as `JSONParser` checks it.
    private mutating func scanNumber() -> Bool {
        if base[i] == UInt8(ascii: "-") { i &+= 1 }
        guard isDigit(i) else { return false }
        if base[i] == UInt8(ascii: "0") {
            i &+= 1
            if isDigit(i) { return false }
        } else {
            while isDigit(i) { i &+= 1 }
        }
        if i < end && base[i] == UInt8(ascii: ".") {
            i &+= 1
            guard isDigit(i) else { return false }
            while isDigit(i) { i &+= 1 }
        }
        if i < end && (base[i] | 0x20) == UInt8(ascii: "e") {
            i &+= 1
            if i < end && (base[i] == UInt8(ascii: "+") || base[i] == UInt8(ascii: "-")) { i &+= 1 }
            guard isDigit(i) else { return false }
            while isDigit(i) { i &+= 1 }
        }
        return true
    }

    private mutating func matchLiteral(_ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard end &- i >= length else { return false }
        let text = literal.utf8Start
        for k in 0..<length where base[i &+ k] != text[k] { return false }
        i &+= length
        return true
    }
}

/// Where one member of a validated object is: the key with its quotes, and the value.
///
/// Slots are in document order, so the members nested in a member's value (at any depth) are the
/// slots after it up to `next`; an object's own members are linked both ways (`next`, `previous`),
/// so that a lookup can start from the last (the one that wins among duplicates) and stop at the
/// first match.
struct JSONRootMember {
    /// The key's opening quote.
    var keyStart: Int
    /// One past the key's closing quote.
    var keyEnd: Int
    /// The key is ASCII without escapes, so its bytes between the quotes are its text.
    var keyIsPlainASCII: Bool
    var valueStart: Int
    var valueEnd: Int
    /// The slot after the members nested in this one's value.
    var next: Int
    /// The slot of the member before this one in the same object, or -1.
    var previous: Int
    /// When the value is a non-empty object, the slot of its last member; otherwise -1.
    var lastChild: Int
}
