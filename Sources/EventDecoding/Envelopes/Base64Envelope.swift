/// Unwraps record data that is itself base64 text, as some producers put it on the stream (a Lambda
/// forwarding `kinesis.data` unchanged, a shell script piping through `base64`).
///
/// Only text that cannot be mistaken for words is taken: at least `minimumLength` characters,
/// nothing but the base64 alphabet (line breaks allowed, as `base64(1)` wraps at 76 columns),
/// valid padding, and decoding to something recognised — gzip, a KPL aggregate, or JSON that
/// parses. Anything else is left for the text classifier, so "Register" or "deadbeef" stay text.
public struct Base64Envelope: ByteEnvelope {
    public var minimumLength: Int
    public var maxJSONDepth: Int

    public init(minimumLength: Int = 8, maxJSONDepth: Int = JSONParser.defaultMaxDepth) {
        self.minimumLength = minimumLength
        self.maxJSONDepth = maxJSONDepth
    }

    /// `A-Z a-z 0-9 + /`, by ranges rather than a table: this runs on the first bytes of every
    /// text record, and a comparison chain is cheaper than reaching a global table.
    @inline(__always)
    static func isAlphabet(_ b: UInt8) -> Bool {
        (b &- 0x41) < 26 || (b &- 0x61) < 26 || (b &- 0x30) < 10 || b == 0x2B || b == 0x2F
    }

    public func unwrap(_ bytes: [UInt8], metadata: RecordMetadata) -> EnvelopeResult? {
        guard bytes.count >= max(minimumLength, 4), Self.isAlphabet(bytes[0]) else { return nil }
        // Validate before copying anything: most text records fail on their first space.
        var lineBreaks = 0
        var sawPadding = false
        for b in bytes {
            if b == 0x0A || b == 0x0D {
                lineBreaks += 1
            } else if b == UInt8(ascii: "=") {
                sawPadding = true
            } else if sawPadding || !Self.isAlphabet(b) {
                return nil
            }
        }
        let length = bytes.count - lineBreaks
        guard length >= minimumLength, length % 4 == 0 else { return nil }
        let text = lineBreaks == 0
            ? String(decoding: bytes, as: UTF8.self)
            : String(decoding: bytes.filter { $0 != 0x0A && $0 != 0x0D }, as: UTF8.self)
        guard let decoded = Base64.decode(text), isRecognised(decoded) else { return nil }
        return .payloads([EnvelopePayload(bytes: decoded, metadata: metadata, label: "base64")])
    }

    private func isRecognised(_ bytes: [UInt8]) -> Bool {
        if bytes.count >= 3, bytes[0] == 0x1F, bytes[1] == 0x8B, bytes[2] == 0x08 { return true }
        if bytes.starts(with: KPLEnvelope.magic) { return true }
        guard let first = bytes.first(where: { !EventDecoder.isWhitespace($0) }),
              first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return false }
        return (try? JSONParser.parse(bytes, maxDepth: maxJSONDepth)) != nil
    }
}
