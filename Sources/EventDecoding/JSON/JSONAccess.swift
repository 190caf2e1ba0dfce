/// Read access to a JSON value, whether parsed (`JSONValue`) or still bytes (`JSONSpan`).
///
/// Classifiers are written once against this, so the decoder's fast path (fields read straight
/// from validated bytes) and the full parse give the same event by construction. Every member
/// has `JSONValue`'s meaning: lookups by key take the last of duplicate keys and compare keys as
/// Swift strings, `double` also reads a string holding a number, `scalarText` is nil for
/// containers.
protocol JSONAccess {
    subscript(key: String) -> Self? { get }
    /// The same lookup for a key known at compile time, which the in-place reader compares
    /// without looking at the key's text first.
    subscript(field key: StaticString) -> Self? { get }
    subscript(index: Int) -> Self? { get }
    var string: String? { get }
    var double: Double? { get }
    var scalarText: String? { get }
    var isObject: Bool { get }
    /// Calls `body` with each member of an object in order (duplicates included) until it
    /// returns false; does nothing for other values.
    func forEachMember(_ body: (String, Self) -> Bool)
    /// Calls `body` with each element of an array in order until it returns false; does nothing
    /// for other values.
    func forEachElement(_ body: (Self) -> Bool)
    /// The value parsed into a `JSONValue`.
    var jsonValue: JSONValue { get }
    /// Appends `key=text` for each member whose `scalarText` is not nil, in order, separated by
    /// spaces (and preceded by one when `separated`), until `limit` were appended; returns how many.
    /// Does nothing for other values.
    func appendScalarPairs(to text: inout [UInt8], limit: Int, separated: Bool) -> Int
}

extension JSONAccess {
    /// Follows a dotted path such as `session.session_id`, like `JSONValue.value(atPath:)`.
    func lookup(path: String) -> Self? {
        var current: Self? = self
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            current = current?[String(part)]
        }
        return current
    }

    /// The value when it is an object, for `object["…"]?.object` lookups.
    var asObject: Self? { isObject ? self : nil }

    func appendScalarPairs(to text: inout [UInt8], limit: Int, separated: Bool) -> Int {
        var count = 0
        guard limit > 0 else { return 0 }
        forEachMember { key, value in
            guard let scalar = value.scalarText else { return true }
            if separated || count > 0 { text.append(UInt8(ascii: " ")) }
            text.append(contentsOf: key.utf8)
            text.append(UInt8(ascii: "="))
            text.append(contentsOf: scalar.utf8)
            count += 1
            return count != limit
        }
        return count
    }
}

extension JSONValue: JSONAccess {
    subscript(field key: StaticString) -> JSONValue? {
        guard case .object(let object) = self else { return nil }
        return object[key.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }]
    }

    var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    func forEachMember(_ body: (String, JSONValue) -> Bool) {
        guard case .object(let object) = self else { return }
        for member in object.members where !body(member.key, member.value) { return }
    }

    func forEachElement(_ body: (JSONValue) -> Bool) {
        guard case .array(let items) = self else { return }
        for item in items where !body(item) { return }
    }

    var jsonValue: JSONValue { self }
}
