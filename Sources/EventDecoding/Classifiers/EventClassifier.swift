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

    /// The pairs of `objects` in turn, joined by spaces, at most `limit` in all: the same text as
    /// joining the arrays `pairs` returns, made in one buffer instead of a string per pair.
    static func joined<J: JSONAccess>(_ objects: J?..., limit: Int = 3) -> String {
        var text: [UInt8] = []
        var count = 0
        for object in objects where count < limit {
            guard let object else { continue }
            count += object.appendScalarPairs(to: &text, limit: limit - count, separated: count > 0)
        }
        return String(decoding: text, as: UTF8.self)
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
