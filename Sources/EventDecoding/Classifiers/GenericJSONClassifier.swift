/// Accepts any JSON value: takes a type, time, session and client from the first of a few
/// conventional field names, so arbitrary JSON still gets a useful row.
public struct GenericJSONClassifier: EventClassifier {
    public var typeFields: [String]
    public var timeFields: [String]
    public var sessionFields: [String]
    public var clientFields: [String]

    public init(typeFields: [String] = ["event_type", "eventType", "type", "event", "name"],
                timeFields: [String] = ["timestamp", "time", "event_time", "eventTime", "ts"],
                sessionFields: [String] = ["session_id", "sessionId", "session.id", "session.session_id"],
                clientFields: [String] = ["client_id", "clientId", "user_id", "userId", "client.client_id"]) {
        self.typeFields = typeFields
        self.timeFields = timeFields
        self.sessionFields = sessionFields
        self.clientFields = clientFields
    }

    public func classify(_ value: JSONValue, record: RecordMetadata) -> Event? {
        func first(_ paths: [String]) -> JSONValue? {
            for path in paths { if let v = value.value(atPath: path), v != .null { return v } }
            return nil
        }
        var time: Double?
        if let t = first(timeFields) {
            time = t.double ?? t.string.flatMap(Timestamp.parseISO8601)
            if let v = time, v > 1e11 { time = v / 1000 }
        }
        let summary: String
        switch value {
        case .object(let object): summary = SummaryText.pairs(object, limit: 3).joined(separator: " ")
        default: summary = value.compactJSON()
        }
        return Event(kind: .json, eventType: first(typeFields)?.scalarText, eventTime: Timestamp.plausible(time),
                     sessionId: first(sessionFields)?.scalarText, clientId: first(clientFields)?.scalarText,
                     summary: String(summary.prefix(200)), payload: value, record: record)
    }
}
