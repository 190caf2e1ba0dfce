/// Turns one record's bytes into events: unwraps envelopes (recursively, with a depth limit), then
/// asks the classifiers. It never drops input: anything it cannot decode becomes an `.error` event
/// carrying the reason and the raw bytes.
///
/// ```swift
/// let decoder = EventDecoder()
/// let events = decoder.decode(RawRecord(data: Array(json.utf8)))
/// ```
///
/// Byte envelopes (KPL aggregation, gzip, base64) are tried on every payload that is not JSON
/// text; JSON containers (Lambda Kinesis events, `get-records` output, capture lines, CloudWatch
/// Logs batches) are recognised after parsing. Each unwrapped layer adds a label to
/// `Event.envelopes`, e.g.
/// `["KPL record 3 of 12", "gzip", "CloudWatch Logs batch (5 events) from /aws/lambda/f"]`.
public struct EventDecoder: Sendable {
    public var byteEnvelopes: [any ByteEnvelope]
    public var classifiers: [any EventClassifier]
    /// How many envelopes deep a payload may be wrapped before it is reported as an error.
    public var maxEnvelopeDepth: Int
    /// JSON nesting deeper than this is reported as an error rather than parsed.
    public var maxJSONDepth: Int
    /// Dotted paths naming the type of a CloudWatch Logs message that is JSON, first match wins;
    /// the log group stands in when none matches.
    public var logTypeFields: [String]

    /// KPL first (its checksum makes it unambiguous), then gzip, then base64 text.
    public static var defaultByteEnvelopes: [any ByteEnvelope] { [KPLEnvelope(), GzipEnvelope(), Base64Envelope()] }
    /// Most specific first: `GenericJSONClassifier` accepts anything, so it comes last.
    public static var defaultClassifiers: [any EventClassifier] {
        [PinpointClassifier(), AmplifyClassifier(), GenericJSONClassifier()]
    }
    public static let defaultLogTypeFields = ["type", "event_type", "level"]

    public init(byteEnvelopes: [any ByteEnvelope] = EventDecoder.defaultByteEnvelopes,
                classifiers: [any EventClassifier] = EventDecoder.defaultClassifiers,
                maxEnvelopeDepth: Int = 8, maxJSONDepth: Int = 512) {
        self.byteEnvelopes = byteEnvelopes
        self.classifiers = classifiers
        self.maxEnvelopeDepth = maxEnvelopeDepth
        self.maxJSONDepth = maxJSONDepth
        self.logTypeFields = Self.defaultLogTypeFields
    }

    /// The default envelopes and classifiers, with the user's field paths tried first.
    public init(options: DecoderOptions) {
        self.init(classifiers: [PinpointClassifier(), AmplifyClassifier(), options.genericClassifier])
        if let typeField = options.typeField, !typeField.isEmpty {
            logTypeFields = [typeField] + Self.defaultLogTypeFields.filter { $0 != typeField }
        }
    }

    public func decode(_ record: RawRecord) -> [Event] {
        var report = DecodeReport()
        return decode(record, report: &report)
    }

    /// Decodes `record` and adds to `report` what it held besides events (CloudWatch Logs control
    /// messages), so a store can account for a record that rightly gave no event.
    public func decode(_ record: RawRecord, report: inout DecodeReport) -> [Event] {
        if let failure = record.failure {
            // Cut before it was a whole record (longer than the record limit): the reason and the
            // bytes that were kept.
            return [Self.failure(failure, bytes: record.data, metadata: RecordMetadata(record), envelopes: [])]
        }
        var events: [Event] = []
        decode(record.data, metadata: RecordMetadata(record), envelopes: [], into: &events, report: &report)
        return events
    }

    public func decode(_ bytes: [UInt8], metadata: RecordMetadata, envelopes: [String], into events: inout [Event]) {
        var report = DecodeReport()
        decode(bytes, metadata: metadata, envelopes: envelopes, into: &events, report: &report)
    }

    public func decode(_ bytes: [UInt8], metadata: RecordMetadata, envelopes: [String], into events: inout [Event],
                       report: inout DecodeReport) {
        if envelopes.count > maxEnvelopeDepth {
            events.append(Self.failure("envelopes nested deeper than \(maxEnvelopeDepth)", bytes: bytes,
                                       metadata: metadata, envelopes: envelopes))
            return
        }
        // JSON is the bulk of every stream and no byte envelope starts with `{` or `[`, so JSON
        // goes straight to the parser; its containers are recognised after parsing.
        if bytes.first != UInt8(ascii: "{"), bytes.first != UInt8(ascii: "["),
           unwrapEnvelope(bytes, metadata: metadata, envelopes: envelopes, into: &events, report: &report) {
            return
        }
        guard let first = bytes.first(where: { !Self.isWhitespace($0) }) else {
            events.append(Self.failure("empty record", bytes: bytes, metadata: metadata, envelopes: envelopes))
            return
        }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            if first == UInt8(ascii: "{"), let pinpoint = classifiers.first as? PinpointClassifier,
               var event = Self.fastPinpoint(bytes, classifier: pinpoint, metadata: metadata, maxJSONDepth: maxJSONDepth) {
                event.envelopes = envelopes
                events.append(event)
                return
            }
            do {
                let value = try JSONParser.parse(bytes, maxDepth: maxJSONDepth)
                classify(value, bytes: bytes, metadata: metadata, envelopes: envelopes, into: &events, report: &report)
            } catch {
                // UTF-16/32 JSON starts with `{` or `[` too (in little-endian order), then zeros.
                var reason = error.description
                if case .other(let name) = Self.textEncoding(of: bytes) { reason = "record data is \(name) text, not UTF-8" }
                events.append(Self.failure(reason, bytes: bytes, metadata: metadata, envelopes: envelopes))
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

    /// Offers `bytes` to each byte envelope; true when one took them (its payloads, or its error,
    /// are in `events`). Kept out of line so that `decode`, which every JSON record runs through,
    /// stays small.
    @inline(never)
    private func unwrapEnvelope(_ bytes: [UInt8], metadata: RecordMetadata, envelopes: [String],
                                into events: inout [Event], report: inout DecodeReport) -> Bool {
        switch Self.textEncoding(of: bytes) {
        case .utf8:
            break
        case .utf8WithMark:
            // RFC 8259 §8.1: a parser may ignore a UTF-8 byte order mark; the data is decoded
            // without it, and the original bytes stay the record's.
            decode(Array(bytes.dropFirst(3)), metadata: metadata, envelopes: envelopes, into: &events, report: &report)
            return true
        case .other(let name):
            events.append(Self.failure("record data is \(name) text, not UTF-8", bytes: bytes, metadata: metadata,
                                       envelopes: envelopes))
            return true
        }
        for index in byteEnvelopes.indices {
            switch byteEnvelopes[index].unwrap(bytes, metadata: metadata) {
            case nil:
                continue
            case .failed(let reason)?:
                events.append(Self.failure(reason, bytes: bytes, metadata: metadata, envelopes: envelopes))
            case .payloads(let payloads)?:
                if payloads.isEmpty {
                    events.append(Self.failure("\(type(of: byteEnvelopes[index])) found nothing inside", bytes: bytes,
                                               metadata: metadata, envelopes: envelopes))
                }
                for payload in payloads {
                    decode(payload.bytes, metadata: payload.metadata, envelopes: envelopes + [payload.label],
                           into: &events, report: &report)
                }
            }
            return true
        }
        return false
    }

    private func classify(_ value: JSONValue, bytes: [UInt8], metadata: RecordMetadata, envelopes: [String],
                          into events: inout [Event], report: inout DecodeReport) {
        if case .object(let object) = value, Self.mayBeContainer(object) {
            if let (format, entries) = RecordContainer.entries(in: value) {
                unwrap(format, entries, metadata: metadata, envelopes: envelopes, into: &events, report: &report)
                return
            }
            if let batch = CloudWatchLogsBatch(value) {
                decodeLogs(batch, bytes: bytes, metadata: metadata, envelopes: envelopes, into: &events, report: &report)
                return
            }
            if object.members.count == 1, let data = object["awslogs"]?["data"]?.string {
                // The CloudWatch Logs Lambda trigger event: base64 of a gzipped subscription batch,
                // as a Kinesis stream delivers it (the gzip envelope and the batch take it from here).
                let chain = envelopes + ["CloudWatch Logs Lambda event"]
                if let inner = Base64.decode(data) {
                    decode(inner, metadata: metadata, envelopes: chain, into: &events, report: &report)
                } else {
                    events.append(Self.failure("CloudWatch Logs Lambda event data is not valid base64", bytes: bytes,
                                               metadata: metadata, envelopes: chain))
                }
                return
            }
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

    /// The fast path for the bulk of a stream: a Pinpoint event (when Pinpoint is the first
    /// classifier, so it would win anyway). The bytes are validated as strictly as the parser
    /// would, the classifier reads its fields in place, and the event keeps the bytes as its
    /// payload. Nil sends the record down the full path: invalid JSON (which reports the parser's
    /// exact error there), a possible container, or anything the Pinpoint classifier declines.
    static func fastPinpoint(_ bytes: [UInt8], classifier: PinpointClassifier, metadata: RecordMetadata,
                             maxJSONDepth: Int) -> Event? {
        bytes.withUnsafeBufferPointer { buffer -> Event? in
            guard let base = buffer.baseAddress else { return nil }
            return withUnsafeTemporaryAllocation(of: JSONRootMember.self, capacity: fastPathMemberCapacity) { slots in
                var validator = JSONValidator(base: base, count: buffer.count, members: slots.baseAddress!,
                                              capacity: slots.count)
                guard validator.validate(maxDepth: maxJSONDepth) else { return nil }
                let indexed = validator.memberCount <= slots.count
                let root = JSONSpan(base: base, start: validator.rootStart, end: validator.rootEnd,
                                    members: indexed ? UnsafePointer(slots.baseAddress!) : nil,
                                    memberCount: indexed ? validator.memberCount : 0)
                guard root[field: "data"] == nil, root[field: "Records"] == nil, root[field: "messageType"] == nil else { return nil }
                return classifier.classify(root, record: metadata, payload: .document(bytes))
            }
        }
    }

    /// Members (at all depths) the fast path indexes; a document with more is still read, by
    /// scanning. The demo's Pinpoint events have up to 63.
    static let fastPathMemberCapacity = 256

    /// One pass over the keys that containers are recognised by (`Records`, `records`, `awslogs`, `data`,
    /// `messageType`), so that ordinary events, the common case, skip the container checks after a
    /// single scan. Comparing lengths first keeps it to about one string comparison per event.
    private static func mayBeContainer(_ object: JSONObject) -> Bool {
        for member in object.members {
            switch member.key.utf8.count {
            case 4: if member.key == "data" { return true }
            case 7: if member.key == "Records" || member.key == "records" || member.key == "awslogs" { return true }
            case 11: if member.key == "messageType" { return true }
            default: continue
            }
        }
        return false
    }

    private func unwrap(_ format: RecordContainer.Format, _ entries: [RecordContainer.Entry], metadata: RecordMetadata,
                        envelopes: [String], into events: inout [Event], report: inout DecodeReport) {
        for (index, entry) in entries.enumerated() {
            let label = entries.count == 1 ? format.rawValue : "\(format.rawValue) record \(index + 1) of \(entries.count)"
            switch entry {
            case .record(let record):
                var inner = RecordMetadata(record)
                inner.shard = inner.shard ?? metadata.shard
                if let failure = record.failure {
                    events.append(Self.failure(failure, bytes: record.data, metadata: inner, envelopes: envelopes + [label]))
                    continue
                }
                decode(record.data, metadata: inner, envelopes: envelopes + [label], into: &events, report: &report)
            case .invalid(let reason, let raw, let innerMetadata):
                events.append(Self.failure(reason, bytes: raw, metadata: innerMetadata, envelopes: envelopes + [label]))
            }
        }
    }

    // MARK: - CloudWatch Logs

    private func decodeLogs(_ batch: CloudWatchLogsBatch, bytes: [UInt8], metadata: RecordMetadata, envelopes: [String],
                            into events: inout [Event], report: inout DecodeReport) {
        if batch.messageType == .control {
            report.controlMessages += 1
            return
        }
        let chain = envelopes + [batch.label]
        if batch.logEvents.isEmpty {
            events.append(Self.failure("CloudWatch Logs batch without log events", bytes: bytes, metadata: metadata,
                                       envelopes: chain))
            return
        }
        for entry in batch.logEvents {
            guard let message = entry["message"]?.string else {
                events.append(Self.failure("CloudWatch Logs log event without a string message",
                                           bytes: Array(entry.compactJSON().utf8), metadata: metadata, envelopes: chain))
                continue
            }
            let time = Timestamp.plausible(entry["timestamp"]?.double.map { $0 / 1000 })
            decodeLogMessage(message, time: time, logGroup: batch.logGroup, metadata: metadata, envelopes: chain,
                             into: &events, report: &report)
        }
    }

    /// A log message that is itself a recognised event (Pinpoint, Amplify, a Lambda Kinesis event
    /// logged by a function) is decoded as that; anything else is a `cloudwatch.logs` event whose
    /// payload is the parsed JSON or the text.
    private func decodeLogMessage(_ message: String, time: Double?, logGroup: String?, metadata: RecordMetadata,
                                  envelopes: [String], into events: inout [Event], report: inout DecodeReport) {
        var parsed: JSONValue?
        if let first = message.utf8.first(where: { !Self.isWhitespace($0) }),
           first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            parsed = try? JSONParser.parse(Array(message.utf8), maxDepth: maxJSONDepth)
        }
        var generic: Event?
        if let value = parsed {
            if case .object(let object) = value, Self.mayBeContainer(object),
               let (format, entries) = RecordContainer.entries(in: value) {
                unwrap(format, entries, metadata: metadata, envelopes: envelopes, into: &events, report: &report)
                return
            }
            for classifier in classifiers {
                guard var event = classifier.classify(value, record: metadata) else { continue }
                if event.kind == .json {
                    generic = event
                    break
                }
                event.envelopes = envelopes
                events.append(event)
                return
            }
        }
        var eventType: String?
        for path in logTypeFields {
            if let field = parsed?.value(atPath: path), field != .null, let text = field.scalarText {
                eventType = text
                break
            }
        }
        let summary: String
        if case .object(let object)? = parsed {
            summary = SummaryText.pairs(object).joined(separator: " ")
        } else {
            var trimmed = Substring(message)
            while let last = trimmed.last, last == "\n" || last == "\r\n" || last == "\r" { trimmed.removeLast() }
            summary = String(trimmed.prefix(300))
        }
        events.append(Event(kind: .cloudwatchLogs, eventType: eventType ?? logGroup, eventTime: time,
                            sessionId: generic?.sessionId, clientId: generic?.clientId, summary: summary,
                            payload: parsed ?? .string(message), record: metadata, envelopes: envelopes))
    }

    // MARK: - Helpers

    enum TextEncoding: Equatable {
        case utf8
        case utf8WithMark
        /// UTF-16 or UTF-32, named as iconv names it.
        case other(String)
    }

    /// What a record's first bytes say of its text encoding: a byte order mark, or JSON text in
    /// UTF-16/32 without one (a `{` or `[` followed or preceded by zero bytes). Binary data, KPL and
    /// gzip included, is none of these.
    static func textEncoding(of bytes: [UInt8]) -> TextEncoding {
        guard bytes.count >= 2 else { return .utf8 }
        let b0 = bytes[0], b1 = bytes[1]
        let b2: UInt8? = bytes.count > 2 ? bytes[2] : nil
        let b3: UInt8? = bytes.count > 3 ? bytes[3] : nil
        if b0 == 0xEF, b1 == 0xBB, b2 == 0xBF { return .utf8WithMark }
        if b0 == 0x00, b1 == 0x00, b2 == 0xFE, b3 == 0xFF { return .other("UTF-32BE") }
        if b0 == 0xFF, b1 == 0xFE, b2 == 0x00, b3 == 0x00 { return .other("UTF-32LE") }
        if b0 == 0xFE, b1 == 0xFF { return .other("UTF-16BE") }
        if b0 == 0xFF, b1 == 0xFE { return .other("UTF-16LE") }
        func opens(_ b: UInt8?) -> Bool { b == UInt8(ascii: "{") || b == UInt8(ascii: "[") }
        if opens(b0), b1 == 0, b2 == 0, b3 == 0 { return .other("UTF-32LE") }
        if b0 == 0, b1 == 0, b2 == 0, opens(b3) { return .other("UTF-32BE") }
        if opens(b0), b1 == 0, b2 != 0, b3 == 0 { return .other("UTF-16LE") }
        if b0 == 0, opens(b1), b2 == 0, b3 != nil, b3 != 0 { return .other("UTF-16BE") }
        return .utf8
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

/// What decoding produced besides events.
///
/// A CloudWatch Logs `CONTROL_MESSAGE` is a reachability check with no log data: DESIGN.md §3 says
/// it is counted, not shown, so it yields no event and is counted here instead. A store that wants
/// `records` to be explained by `events + errors + control messages` reads this.
public struct DecodeReport: Sendable, Equatable {
    public var controlMessages: Int

    public init(controlMessages: Int = 0) {
        self.controlMessages = controlMessages
    }
}

/// An envelope recognised from a record's bytes (gzip, KPL aggregation, …).
///
/// Returns nil when the bytes are not this envelope, `.failed` when they are but are corrupt, and
/// otherwise the payloads inside, each with its metadata and a label for the envelope chain.
/// Payloads whose first byte is `{` or `[` are JSON and are not offered to byte envelopes; JSON
/// containers (Lambda events, CloudWatch Logs batches, …) are recognised after parsing instead.
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
