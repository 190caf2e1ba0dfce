/// What the innermost payload of a record was recognised as (the `kind` of a `tail` line).
public enum EventKind: String, Sendable, CaseIterable, Codable {
    case pinpointApp = "pinpoint.app"
    case pinpointEmail = "pinpoint.email"
    case pinpointSMS = "pinpoint.sms"
    case pinpointCampaign = "pinpoint.campaign"
    case pinpointJourney = "pinpoint.journey"
    case amplify
    case cloudwatchLogs = "cloudwatch.logs"
    case json
    case text
    case binary
    case error
}

/// Where an event came from on the stream: the Kinesis record it was in.
public struct RecordMetadata: Sendable, Equatable {
    public var shard: String?
    public var sequence: String?
    /// Index inside a KPL-aggregated record; nil for ordinary records.
    public var subSequence: Int?
    public var partitionKey: String?
    /// The explicit hash key a KPL user record was put with, when it had one. Not part of the
    /// `tail` line; kept for the detail view and for tests that check deaggregation exactly.
    public var explicitHashKey: String?
    /// Kinesis `ApproximateArrivalTimestamp`, seconds since the epoch.
    public var arrival: Double?

    public init(shard: String? = nil, sequence: String? = nil, subSequence: Int? = nil,
                partitionKey: String? = nil, explicitHashKey: String? = nil, arrival: Double? = nil) {
        self.shard = shard
        self.sequence = sequence
        self.subSequence = subSequence
        self.partitionKey = partitionKey
        self.explicitHashKey = explicitHashKey
        self.arrival = arrival
    }

    public init(_ record: RawRecord) {
        self.init(shard: record.shard, sequence: record.sequence,
                  partitionKey: record.partitionKey, arrival: record.arrival)
    }
}

/// One decoded event: what the store counts and the panes show.
///
/// Classifiers fill the typed fields; `payload` keeps the decoded value for the detail view and
/// `tail`. An undecodable payload is an event too, of kind `.error`, with its reason and raw bytes.
///
/// Events the decoder's fast path took keep their payload as the record's validated JSON bytes
/// and parse it each time `payload` is read: the typed fields are all a store needs, and bytes
/// are far smaller than a tree of values. Equality compares the payloads' values either way.
public struct Event: Sendable, Equatable {
    public var kind: EventKind
    public var eventType: String?
    /// When the event happened on the client (Pinpoint `event_timestamp`), seconds since the epoch.
    public var eventTime: Double?
    /// When Pinpoint received it (`arrival_timestamp`), seconds since the epoch.
    public var ingestTime: Double?
    public var sessionId: String?
    public var sessionStart: Double?
    public var clientId: String?
    public var platform: String?
    /// The most telling attributes, already short, for the events table.
    public var summary: String
    /// The decoded value: the event's JSON, a text line, or base64 of binary data.
    public var payload: JSONValue {
        get { payloadStorage.value }
        set { payloadStorage = .value(newValue) }
    }
    var payloadStorage: EventPayload
    public var record: RecordMetadata
    /// The envelopes unwrapped to reach this event, outermost first (e.g. "Lambda record 1 of 3").
    public var envelopes: [String]
    public var error: String?
    /// The undecodable bytes, kept only for `.error` events.
    public var raw: [UInt8]?
    /// JSON the classifier found inside string fields of `payload` and parsed a second time, keyed
    /// by the field's dotted path (Pinpoint's `client_context.custom.endpoint`). For the detail
    /// view; `tail` prints `payload` as written and leaves this out.
    public var embedded: JSONObject?

    public init(kind: EventKind, eventType: String? = nil, eventTime: Double? = nil,
                ingestTime: Double? = nil, sessionId: String? = nil, sessionStart: Double? = nil,
                clientId: String? = nil, platform: String? = nil, summary: String = "",
                payload: JSONValue = .null, record: RecordMetadata = RecordMetadata(),
                envelopes: [String] = [], error: String? = nil, raw: [UInt8]? = nil, embedded: JSONObject? = nil) {
        self.kind = kind
        self.eventType = eventType
        self.eventTime = eventTime
        self.ingestTime = ingestTime
        self.sessionId = sessionId
        self.sessionStart = sessionStart
        self.clientId = clientId
        self.platform = platform
        self.summary = summary
        self.payloadStorage = .value(payload)
        self.record = record
        self.envelopes = envelopes
        self.error = error
        self.raw = raw
        self.embedded = embedded
    }

    /// The family an event type belongs to, for colour and grouping.
    public var family: EventFamily { EventFamily(kind: kind, eventType: eventType) }

    public static func == (lhs: Event, rhs: Event) -> Bool {
        lhs.kind == rhs.kind && lhs.eventType == rhs.eventType && lhs.eventTime == rhs.eventTime
            && lhs.ingestTime == rhs.ingestTime && lhs.sessionId == rhs.sessionId
            && lhs.sessionStart == rhs.sessionStart && lhs.clientId == rhs.clientId && lhs.platform == rhs.platform
            && lhs.summary == rhs.summary && lhs.record == rhs.record && lhs.envelopes == rhs.envelopes
            && lhs.error == rhs.error && lhs.raw == rhs.raw && lhs.embedded == rhs.embedded
            && lhs.payloadStorage == rhs.payloadStorage
    }
}

/// How an event holds its payload: as a value, or as JSON text still to be parsed.
enum EventPayload: Sendable, Equatable {
    case value(JSONValue)
    /// Bytes holding exactly one JSON document that `JSONValidator` accepted (so it parses).
    case document([UInt8])

    var value: JSONValue {
        switch self {
        case .value(let value): return value
        case .document(let bytes): return (try? JSONParser.parse(bytes)) ?? .null
        }
    }

    static func == (lhs: EventPayload, rhs: EventPayload) -> Bool {
        if case .document(let a) = lhs, case .document(let b) = rhs, a == b { return true }
        return lhs.value == rhs.value
    }
}

/// Families of event types; the events pane colours rows by family.
public enum EventFamily: String, Sendable, CaseIterable {
    case session, auth, monetization, custom, email, sms, campaign, error, other

    public init(kind: EventKind, eventType: String?) {
        switch kind {
        case .error: self = .error
        case .pinpointEmail: self = .email
        case .pinpointSMS: self = .sms
        case .pinpointCampaign, .pinpointJourney: self = .campaign
        case .pinpointApp, .amplify:
            let type = eventType ?? ""
            if type.hasPrefix("_session.") { self = .session }
            else if type.hasPrefix("_userauth.") { self = .auth }
            else if type.hasPrefix("_monetization.") { self = .monetization }
            else { self = .custom }
        case .cloudwatchLogs, .json, .text, .binary: self = .other
        }
    }
}
