/// Recognises events that Amplify's Kinesis analytics provider writes straight to a stream:
/// objects with a string `name` and an `attributes` or `metrics` object.
public struct AmplifyClassifier: EventClassifier {
    public init() {}

    public func classify(_ value: JSONValue, record: RecordMetadata) -> Event? {
        guard case .object(let object) = value, let name = object["name"]?.string,
              object["attributes"]?.object != nil || object["metrics"]?.object != nil
        else { return nil }
        var time = object["timestamp"]?.double
        if time == nil, let text = object["timestamp"]?.string { time = Timestamp.parseISO8601(text) }
        if let t = time, t > 1e11 { time = t / 1000 }
        let summary = SummaryText.pairs(object["attributes"]?.object) + SummaryText.pairs(object["metrics"]?.object, limit: 1)
        return Event(kind: .amplify, eventType: name, eventTime: Timestamp.plausible(time),
                     sessionId: object["session"]?["id"]?.string ?? object["sessionId"]?.string,
                     clientId: object["clientId"]?.string ?? object["endpointId"]?.string,
                     platform: object["platform"]?.string,
                     summary: summary.joined(separator: " "), payload: value, record: record)
    }
}
