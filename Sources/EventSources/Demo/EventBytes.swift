import EventDecoding

/// Assembles one event's compact JSON from fragments that `JSONWriter` serialized once and cached
/// (a client's application/client/device objects, a session's endpoint, a message's mail header)
/// plus the few values that change from event to event.
///
/// Most of an event's bytes repeat for every event of a client or session; writing them once
/// rather than per event is what lets the demo produce a million events in a few seconds. The
/// output is byte for byte what `JSONWriter.compact` would give for the whole event.
struct EventBytes {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false

    init(capacity: Int = 1536) {
        bytes.reserveCapacity(capacity)
        bytes.append(UInt8(ascii: "{"))
    }

    /// A member name, already written as `"name":`.
    struct Key: Sendable {
        let bytes: [UInt8]

        init(_ name: String) {
            var bytes: [UInt8] = []
            JSONWriter.writeString(name, into: &bytes)
            bytes.append(UInt8(ascii: ":"))
            self.bytes = bytes
        }
    }

    private mutating func beginMember() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    mutating func add(_ key: Key, _ value: JSONValue) {
        beginMember()
        bytes.append(contentsOf: key.bytes)
        JSONWriter.writeCompact(value, into: &bytes)
    }

    mutating func add(_ key: Key, string: String) {
        beginMember()
        bytes.append(contentsOf: key.bytes)
        JSONWriter.writeString(string, into: &bytes)
    }

    mutating func add(_ key: Key, number: Int64) {
        beginMember()
        bytes.append(contentsOf: key.bytes)
        bytes.append(contentsOf: String(number).utf8)
    }

    /// A member whose value is an already serialized JSON value.
    mutating func add(_ key: Key, serialized value: [UInt8]) {
        beginMember()
        bytes.append(contentsOf: key.bytes)
        bytes.append(contentsOf: value)
    }

    /// Several already serialized members, `"a":1,"b":2`.
    mutating func add(serializedMembers members: [UInt8]) {
        guard !members.isEmpty else { return }
        beginMember()
        bytes.append(contentsOf: members)
    }

    mutating func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// Serializes members without the surrounding braces, for `add(serializedMembers:)`.
    static func serializedMembers(_ members: [JSONObject.Member]) -> [UInt8] {
        var out: [UInt8] = []
        for (i, member) in members.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.writeString(member.key, into: &out)
            out.append(UInt8(ascii: ":"))
            JSONWriter.writeCompact(member.value, into: &out)
        }
        return out
    }

    static func serialized(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        JSONWriter.writeCompact(value, into: &out)
        return out
    }
}

/// Member names and constant values shared by every generated event, serialized once.
enum EventKeys {
    static let eventType = EventBytes.Key("event_type")
    static let eventTimestamp = EventBytes.Key("event_timestamp")
    static let arrivalTimestamp = EventBytes.Key("arrival_timestamp")
    static let eventVersion = EventBytes.Key("event_version")
    static let application = EventBytes.Key("application")
    static let client = EventBytes.Key("client")
    static let device = EventBytes.Key("device")
    static let session = EventBytes.Key("session")
    static let attributes = EventBytes.Key("attributes")
    static let metrics = EventBytes.Key("metrics")
    static let endpoint = EventBytes.Key("endpoint")
    static let awsAccountId = EventBytes.Key("awsAccountId")
    static let facets = EventBytes.Key("facets")
    static let stopTimestamp = EventBytes.Key("stop_timestamp")

    static let version = EventBytes.serialized(.string("3.1"))
    static let accountId = EventBytes.serialized(.string(DemoCatalog.awsAccountId))
    static let emptyObject = EventBytes.serialized(JSONObjectBuilder.empty)
}
