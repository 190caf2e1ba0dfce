/// A strict RFC 8259 JSON parser that turns bytes into a `JSONValue` without Foundation.
///
/// Every record a source delivers goes through here, so it scans the bytes in place through a
/// buffer pointer and allocates only for the values it produces. It is iterative rather than
/// recursive, so no input (however deeply nested, truncated or large) can overflow the stack;
/// nesting beyond `maxDepth` is reported as an error instead.
///
/// Numbers are validated against the grammar and kept as written; objects keep member order and
/// duplicate keys; a lone UTF-16 surrogate in a `\u` escape becomes U+FFFD rather than an error,
/// because producers that cut strings at a fixed length emit them and the rest of the event is
/// still worth showing.
///
/// ```swift
/// let value = try JSONParser.parse(Array(#"{"ts":1.441215410867E9}"#.utf8))
/// value["ts"]   // .number("1.441215410867E9")
/// ```
public enum JSONParser {
    /// The nesting limit used when the caller does not pick one; deep enough for any real event.
    /// Parsing never recurses, but releasing a `JSONValue` does, so a much larger limit would
    /// let a hostile record overflow the stack when its value is freed.
    public static let defaultMaxDepth = 512

    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> JSONValue in
            try parse(buffer, maxDepth: maxDepth)
        }
    }

    /// Offsets in errors are relative to the start of the slice, not of its base array.
    public static func parse(_ bytes: ArraySlice<UInt8>, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> JSONValue in
            try parse(buffer, maxDepth: maxDepth)
        }
    }

    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        guard let base = buffer.baseAddress, buffer.count > 0 else {
            throw JSONParseError(offset: 0, reason: "unexpected end of input, expected a value")
        }
        var parser = JSONByteParser(base: base, end: buffer.count, maxDepth: maxDepth)
        return try parser.parseDocument()
    }
}

/// Why and where `JSONParser` rejected its input.
///
/// `offset` is a byte offset into the parsed buffer, so the caller can point at the bad byte when
/// it shows the raw record.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

extension JSONParser {
    /// Decodes the string literal whose opening quote is at `offset`, in bytes that
    /// `JSONValidator` accepted, exactly as `parse` would (escapes, lone surrogates).
    static func decodeValidatedString(_ base: UnsafePointer<UInt8>, at offset: Int, end: Int) -> String {
        var parser = JSONByteParser(base: base, end: end, maxDepth: 1)
        parser.i = offset
        return (try? parser.parseString()) ?? ""
    }
}

// MARK: - Implementation

private struct JSONByteParser {
    static let quote = JSONBytes.quote
    static let backslash = JSONBytes.backslash
    static let highBits = JSONBytes.highBits

    let base: UnsafePointer<UInt8>
    let end: Int
    let maxDepth: Int
    var i = 0

    /// Open containers, innermost last. Their finished children wait on the shared `values` and
    /// `keys` stacks, so each container's array is allocated once, at its exact size, when it
    /// closes, and the stacks' storage is reused for the whole document.
    var frames: [Frame] = []
    var values: [JSONValue] = []
    var keys: [String] = []
    /// Reused for strings with escapes, which cannot be copied straight from the input.
    var scratch: [UInt8] = []

    struct Frame {
        var isObject: Bool
        var valueStart: Int
        var keyStart: Int
    }

    init(base: UnsafePointer<UInt8>, end: Int, maxDepth: Int) {
        self.base = base
        self.end = end
        self.maxDepth = maxDepth
    }

    func error(_ offset: Int, _ reason: String) -> JSONParseError {
        JSONParseError(offset: offset, reason: reason)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while i < end {
            switch base[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i &+= 1
            default: return
            }
        }
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        // Typical events need no more; saves regrowing the stacks from empty on every record.
        frames.reserveCapacity(16)
        values.reserveCapacity(64)
        keys.reserveCapacity(64)
        var completed: JSONValue
        expectValue: while true {
            skipWhitespace()
            guard i < end else { throw error(i, "unexpected end of input, expected a value") }
            switch base[i] {
            case Self.quote:
                completed = .string(try parseString())
            case UInt8(ascii: "{"):
                try openContainer(isObject: true)
                skipWhitespace()
                if i < end && base[i] == UInt8(ascii: "}") {
                    i &+= 1
                    frames.removeLast()
                    completed = .object(JSONObject())
                } else {
                    try parseKeyAndColon()
                    continue expectValue
                }
            case UInt8(ascii: "["):
                try openContainer(isObject: false)
                skipWhitespace()
                if i < end && base[i] == UInt8(ascii: "]") {
                    i &+= 1
                    frames.removeLast()
                    completed = .array([])
                } else {
                    continue expectValue
                }
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                completed = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                completed = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                completed = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                completed = .number(try parseNumber())
            default:
                throw error(i, "expected a value")
            }

            // A value is complete: hand it to its container, closing as many containers as the
            // input closes here, until one wants another element or the document ends.
            while true {
                guard let frame = frames.last else {
                    skipWhitespace()
                    guard i == end else { throw error(i, "unexpected data after the JSON value") }
                    return completed
                }
                values.append(completed)
                skipWhitespace()
                let close = frame.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                guard i < end else {
                    throw error(i, frame.isObject ? "unexpected end of input, expected ',' or '}'"
                                                  : "unexpected end of input, expected ',' or ']'")
                }
                let byte = base[i]
                if byte == UInt8(ascii: ",") {
                    i &+= 1
                    if frame.isObject {
                        skipWhitespace()
                        try parseKeyAndColon()
                    }
                    continue expectValue
                }
                guard byte == close else {
                    throw error(i, frame.isObject ? "expected ',' or '}'" : "expected ',' or ']'")
                }
                i &+= 1
                completed = frame.isObject ? .object(closeObject(frame)) : .array(closeArray(frame))
            }
        }
    }

    mutating func openContainer(isObject: Bool) throws(JSONParseError) {
        guard frames.count < maxDepth else {
            throw error(i, "nesting deeper than \(maxDepth) levels")
        }
        frames.append(Frame(isObject: isObject, valueStart: values.count, keyStart: keys.count))
        i &+= 1
    }

    // Closing moves the children off the stacks instead of copying them, which saves a retain
    // and a release per value; the vacated slots are refilled with trivial values so that the
    // stacks' own removal has nothing to release.

    mutating func closeArray(_ frame: Frame) -> [JSONValue] {
        frames.removeLast()
        let start = frame.valueStart
        let count = values.count &- start
        let items = values.withUnsafeMutableBufferPointer { stack in
            [JSONValue](unsafeUninitializedCapacity: count) { buffer, initialized in
                guard let source = stack.baseAddress, let target = buffer.baseAddress else { return }
                target.moveInitialize(from: source + start, count: count)
                (source + start).initialize(repeating: .null, count: count)
                initialized = count
            }
        }
        values.removeLast(count)
        return items
    }

    mutating func closeObject(_ frame: Frame) -> JSONObject {
        frames.removeLast()
        let valueStart = frame.valueStart
        let keyStart = frame.keyStart
        let count = values.count &- valueStart
        let members = values.withUnsafeMutableBufferPointer { valueStack in
            keys.withUnsafeMutableBufferPointer { keyStack in
                [JSONObject.Member](unsafeUninitializedCapacity: count) { buffer, initialized in
                    guard let valueSource = valueStack.baseAddress, let keySource = keyStack.baseAddress,
                          let target = buffer.baseAddress else { return }
                    for k in 0..<count {
                        (target + k).initialize(to: JSONObject.Member(key: (keySource + keyStart + k).move(),
                                                                      value: (valueSource + valueStart + k).move()))
                    }
                    (valueSource + valueStart).initialize(repeating: .null, count: count)
                    (keySource + keyStart).initialize(repeating: "", count: count)
                    initialized = count
                }
            }
        }
        values.removeLast(count)
        keys.removeLast(count)
        return JSONObject(members)
    }

    /// Reads `"key"` and the `:` after it; `i` must be at the key's opening quote.
    mutating func parseKeyAndColon() throws(JSONParseError) {
        guard i < end else { throw error(i, "unexpected end of input, expected a string key") }
        guard base[i] == Self.quote else { throw error(i, "expected a string key") }
        keys.append(try parseString())
        skipWhitespace()
        guard i < end else { throw error(i, "unexpected end of input, expected ':'") }
        guard base[i] == UInt8(ascii: ":") else { throw error(i, "expected ':'") }
        i &+= 1
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let length = literal.utf8CodeUnitCount
        let text = literal.utf8Start
        for k in 0..<length {
            guard i &+ k < end, base[i &+ k] == text[k] else {
                throw error(i, "expected a value")
            }
        }
        i &+= length
    }

    // MARK: Numbers

    @inline(__always)
    func isDigit(_ offset: Int) -> Bool {
        offset < end && base[offset] &- UInt8(ascii: "0") < 10
    }

    mutating func skipDigits() {
        while isDigit(i) { i &+= 1 }
    }

    /// Validates `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` and returns the lexeme.
    mutating func parseNumber() throws(JSONParseError) -> String {
        let start = i
        if base[i] == UInt8(ascii: "-") { i &+= 1 }
        guard isDigit(i) else { throw error(i, "expected a digit") }
        if base[i] == UInt8(ascii: "0") {
            i &+= 1
            if isDigit(i) { throw error(i, "leading zeros are not allowed in numbers") }
        } else {
            skipDigits()
        }
        if i < end && base[i] == UInt8(ascii: ".") {
            i &+= 1
            guard isDigit(i) else { throw error(i, "expected a digit after '.'") }
            skipDigits()
        }
        if i < end && (base[i] | 0x20) == UInt8(ascii: "e") {
            i &+= 1
            if i < end && (base[i] == UInt8(ascii: "+") || base[i] == UInt8(ascii: "-")) { i &+= 1 }
            guard isDigit(i) else { throw error(i, "expected a digit in the exponent") }
            skipDigits()
        }
        // Already known to be ASCII, so decoding cannot repair anything.
        return String(decoding: UnsafeBufferPointer(start: base + start, count: i &- start), as: UTF8.self)
    }

    // MARK: Strings

    @inline(__always)
    mutating func skipPlainStringBytes() -> UInt64 {
        JSONBytes.skipPlainStringBytes(base, &i, end)
    }

    /// Parses a string whose opening quote is at `i`, leaving `i` after the closing quote.
    mutating func parseString() throws(JSONParseError) -> String {
        let open = i
        i &+= 1
        let start = i
        let seen = skipPlainStringBytes()
        guard i < end else { throw error(open, "unterminated string") }
        if base[i] == Self.quote {
            // The common case: no escapes, so the string is exactly the bytes in the input.
            let bytes = UnsafeBufferPointer(start: base + start, count: i &- start)
            if seen & Self.highBits != 0 {
                let invalid = firstInvalidUTF8(from: start, to: i)
                if invalid >= 0 { throw error(invalid, "invalid UTF-8 in string") }
            }
            i &+= 1
            // Validated above, so this never repairs. (`String(validating:)` would validate too,
            // but it is not specialized and spends more time looking up generic metadata.)
            return String(decoding: bytes, as: UTF8.self)
        }
        return try parseEscapedString(open: open, start: start, seen: seen)
    }

    mutating func parseEscapedString(open: Int, start: Int, seen: UInt64) throws(JSONParseError) -> String {
        var seen = seen
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + start, count: i &- start))
        while true {
            guard i < end else { throw error(open, "unterminated string") }
            let byte = base[i]
            if byte == Self.quote { break }
            if byte == Self.backslash {
                try decodeEscape(open: open)
            } else if byte < 0x20 {
                throw error(i, "control character in string must be escaped")
            } else {
                let runStart = i
                seen |= skipPlainStringBytes()
                scratch.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i &- runStart))
            }
        }
        if seen & Self.highBits != 0 {
            // Escapes are ASCII in the input and always decode to valid UTF-8, so validating the
            // raw input validates the result and gives the offset of the culprit.
            let invalid = firstInvalidUTF8(from: start, to: i)
            if invalid >= 0 { throw error(invalid, "invalid UTF-8 in string") }
        }
        i &+= 1
        return String(decoding: scratch, as: UTF8.self)
    }

    /// Decodes the escape at `i` into `scratch`.
    mutating func decodeEscape(open: Int) throws(JSONParseError) {
        guard i &+ 1 < end else { throw error(open, "unterminated string") }
        let decoded: UInt8
        switch base[i &+ 1] {
        case Self.quote: decoded = Self.quote
        case Self.backslash: decoded = Self.backslash
        case UInt8(ascii: "/"): decoded = UInt8(ascii: "/")
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"):
            var scalar = try hex4(at: i &+ 2)
            i &+= 6
            switch scalar {
            case 0xD800...0xDBFF:
                if i &+ 1 < end && base[i] == Self.backslash && base[i &+ 1] == UInt8(ascii: "u") {
                    let low = try hex4(at: i &+ 2)
                    if (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 &+ ((scalar &- 0xD800) << 10) &+ (low &- 0xDC00)
                        i &+= 6
                    } else {
                        // Leave the following escape to be decoded on its own.
                        scalar = 0xFFFD
                    }
                } else {
                    scalar = 0xFFFD
                }
            case 0xDC00...0xDFFF:
                scalar = 0xFFFD
            default:
                break
            }
            appendUTF8(scalar)
            return
        default:
            throw error(i, "invalid escape sequence")
        }
        scratch.append(decoded)
        i &+= 2
    }

    func hex4(at offset: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for k in 0..<4 {
            guard offset &+ k < end else { throw error(offset &+ k, "unexpected end of input in \\u escape") }
            let byte = base[offset &+ k]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte &- UInt8(ascii: "A") &+ 10
            default: throw error(offset &+ k, "invalid hex digit in \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    func firstInvalidUTF8(from start: Int, to stop: Int) -> Int {
        JSONBytes.firstInvalidUTF8(base, from: start, to: stop)
    }
}
