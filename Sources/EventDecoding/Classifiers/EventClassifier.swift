/// Recognises one kind of decoded JSON payload and fills an event's typed fields.
///
/// `EventDecoder` asks its classifiers in order; the first that returns an event wins, so the most
/// specific ones (Pinpoint, Amplify) come before `GenericJSONClassifier`, which accepts anything.
public protocol EventClassifier: Sendable {
    func classify(_ value: JSONValue, record: RecordMetadata) -> Event?
}

/// Numbers and strings as the short `key=value` pairs the events table shows.
enum SummaryText {
    static func pairs(_ object: JSONObject?, limit: Int = 3, skip: Set<String> = []) -> [String] {
        pairs(object.map { JSONValue.object($0) }, limit: limit, skip: skip)
    }

    static func pairs<J: JSONAccess>(_ object: J?, limit: Int = 3, skip: Set<String> = []) -> [String] {
        guard let object else { return [] }
        var out: [String] = []
        object.forEachMember { key, value in
            guard skip.isEmpty || !skip.contains(key), let text = value.scalarText else { return true }
            out.append("\(key)=\(text)")
            return out.count != limit
        }
        return out
    }
}
