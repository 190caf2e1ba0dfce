/// Turns one record's bytes into events: unwraps envelopes (recursively, with a depth limit), then
/// asks the classifiers. It never drops input: anything it cannot decode becomes an `.error` event
/// carrying the reason and the raw bytes.
///
/// ```swift
/// let decoder = EventDecoder()
/// let events = decoder.decode(RawRecord(data: Array(json.utf8)))
/// ```
public struct EventDecoder: Sendable {
    public var byteEnvelopes: [any ByteEnvelope]
    public var classifiers: [any EventClassifier]
    /// How many envelopes deep a payload may be wrapped before it is reported as an error.
    public var maxEnvelopeDepth: Int
    /// JSON nesting deeper than this is reported as an error rather than parsed.
    public var maxJSONDepth: Int

    public init(byteEnvelopes: [any ByteEnvelope] = [],
                classifiers: [any EventClassifier] = [PinpointClassifier(), AmplifyClassifier(), GenericJSONClassifier()],
                maxEnvelopeDepth: Int = 8, maxJSONDepth: Int = 512) {
        self.byteEnvelopes = byteEnvelopes
        self.classifiers = classifiers
        self.maxEnvelopeDepth = maxEnvelopeDepth
        self.maxJSONDepth = maxJSONDepth
    }

    public func decode(_ record: RawRecord) -> [Event] {
        var events: [Event] = []
        decode(record.data, metadata: RecordMetadata(record), envelopes: [], into: &events)
        return events
    }

    /// Decodes a value that was already parsed (the file source parses top-level documents once).
    public func decode(parsed value: JSONValue, bytes: [UInt8], metadata: RecordMetadata, into events: inout [Event]) {
        classify(value, bytes: bytes, metadata: metadata, envelopes: [], into: &events)
    }

    public func decode(_ bytes: [UInt8], metadata: RecordMetadata, envelopes: [String], into events: inout [Event]) {
        if envelopes.count > maxEnvelopeDepth {
            events.append(Self.failure("envelopes nested deeper than \(maxEnvelopeDepth)", bytes: bytes,
                                       metadata: metadata, envelopes: envelopes))
            return
        }
        for envelope in byteEnvelopes {
            switch envelope.unwrap(bytes, metadata: metadata) {
            case nil:
                continue
            case .failed(let reason)?:
                events.append(Self.failure(reason, bytes: bytes, metadata: metadata, envelopes: envelopes))
                return
            case .payloads(let payloads)?:
                for payload in payloads {
                    decode(payload.bytes, metadata: payload.metadata, envelopes: envelopes + [payload.label], into: &events)
                }
                return
            }
        }
        guard let first = bytes.first(where: { !Self.isWhitespace($0) }) else {
            events.append(Self.failure("empty record", bytes: bytes, metadata: metadata, envelopes: envelopes))
            return
        }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            do {
                let value = try JSONParser.parse(bytes, maxDepth: maxJSONDepth)
                classify(value, bytes: bytes, metadata: metadata, envelopes: envelopes, into: &events)
            } catch {
                events.append(Self.failure(error.description, bytes: bytes, metadata: metadata, envelopes: envelopes))
            }
            return
        }
        if let text = String(validating: bytes, as: UTF8.self), Self.looksLikeText(text) {
            var trimmed = Substring(text)
            while let last = trimmed.last, last == "\n" || last == "\r\n" || last == "\r" { trimmed.removeLast() }
            events.append(Event(kind: .text, summary: String(trimmed.prefix(300)), payload: .string(String(trimmed)),
                                record: metadata, envelopes: envelopes))
            return
        }
        events.append(Event(kind: .binary, summary: Self.hexPreview(bytes), payload: .string(Base64.encode(bytes)),
                            record: metadata, envelopes: envelopes))
    }

    private func classify(_ value: JSONValue, bytes: [UInt8], metadata: RecordMetadata, envelopes: [String],
                          into events: inout [Event]) {
        if let (format, entries) = RecordContainer.entries(in: value) {
            for (index, entry) in entries.enumerated() {
                let label = entries.count == 1 ? format.rawValue : "\(format.rawValue) record \(index + 1) of \(entries.count)"
                switch entry {
                case .record(let record):
                    var inner = RecordMetadata(record)
                    inner.shard = inner.shard ?? metadata.shard
                    decode(record.data, metadata: inner, envelopes: envelopes + [label], into: &events)
                case .invalid(let reason, let raw, let innerMetadata):
                    events.append(Self.failure(reason, bytes: raw, metadata: innerMetadata, envelopes: envelopes + [label]))
                }
            }
            return
        }
        for classifier in classifiers {
            if var event = classifier.classify(value, record: metadata) {
                event.envelopes = envelopes
                events.append(event)
                return
            }
        }
        events.append(Self.failure("no classifier accepted this JSON", bytes: bytes, metadata: metadata, envelopes: envelopes))
    }

    /// An `.error` event that keeps everything needed to look at the input again.
    public static func failure(_ reason: String, bytes: [UInt8], metadata: RecordMetadata, envelopes: [String]) -> Event {
        Event(kind: .error, summary: reason, record: metadata, envelopes: envelopes, error: reason, raw: bytes)
    }

    static func isWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
    }

    /// Valid UTF-8 with mostly printable characters; a few stray controls still count as text.
    static func looksLikeText(_ text: String) -> Bool {
        var controls = 0
        var total = 0
        for scalar in text.unicodeScalars {
            total += 1
            let v = scalar.value
            if v == 0 { return false }
            if (v < 0x20 && v != 0x0A && v != 0x0D && v != 0x09) || v == 0x7F { controls += 1 }
        }
        return controls * 10 <= total
    }

    static func hexPreview(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var out = "\(bytes.count) bytes:"
        for b in bytes.prefix(24) {
            out.append(" ")
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        if bytes.count > 24 { out.append(" …") }
        return out
    }
}

/// An envelope recognised from a record's bytes (gzip, KPL aggregation, …).
///
/// Returns nil when the bytes are not this envelope, `.failed` when they are but are corrupt, and
/// otherwise the payloads inside, each with its metadata and a label for the envelope chain.
public protocol ByteEnvelope: Sendable {
    func unwrap(_ bytes: [UInt8], metadata: RecordMetadata) -> EnvelopeResult?
}

/// What a `ByteEnvelope` found inside a record.
public enum EnvelopeResult: Sendable {
    case payloads([EnvelopePayload])
    case failed(String)
}

/// One payload taken out of an envelope.
public struct EnvelopePayload: Sendable {
    public var bytes: [UInt8]
    public var metadata: RecordMetadata
    public var label: String

    public init(bytes: [UInt8], metadata: RecordMetadata, label: String) {
        self.bytes = bytes
        self.metadata = metadata
        self.label = label
    }
}
