/// A parsed JSON value that keeps object keys in their original order and numbers as written.
///
/// Order matters because the detail view shows an event the way its producer wrote it; numbers are
/// kept as their lexeme so that 19-digit ids and `1.441215410867E9` survive a round trip exactly.
///
/// ```swift
/// let value = try JSONParser.parse(Array(#"{"a":[1,true]}"#.utf8))
/// value["a"]?[0]?.double   // 1.0
/// value.compactJSON()       // {"a":[1,true]}
/// ```
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number exactly as it appeared in the source (already validated as a JSON number).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// A JSON object as an ordered list of members. Lookups are linear, which is faster than hashing
/// for the small objects analytics events are made of.
public struct JSONObject: Sendable, Equatable {
    public var members: [Member]

    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONValue
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    public init(_ members: [Member] = []) {
        self.members = members
    }

    public subscript(key: String) -> JSONValue? {
        // Last one wins on duplicate keys, as in JSON.parse and Python's json.
        for member in members.reversed() where member.key == key {
            return member.value
        }
        return nil
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
}

extension JSONValue {
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public subscript(index: Int) -> JSONValue? {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }

    /// Follows a dotted path such as `session.session_id`.
    public func value(atPath path: String) -> JSONValue? {
        var current: JSONValue? = self
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            current = current?[String(part)]
        }
        return current
    }

    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var object: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var array: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The value as a number: a JSON number, or a string holding one (Pinpoint writes some
    /// timestamps as strings).
    public var double: Double? {
        switch self {
        case .number(let lexeme): return Double(lexeme)
        case .string(let s): return Double(s)
        default: return nil
        }
    }

    /// A short text for a scalar (strings unquoted), for tables and summaries; nil for containers.
    public var scalarText: String? {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n
        case .string(let s): return s
        case .array, .object: return nil
        }
    }
}
