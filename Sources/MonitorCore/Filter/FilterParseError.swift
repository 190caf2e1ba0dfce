/// Why a filter expression was rejected, and where: `position` is the 0-based offset, in
/// characters (grapheme clusters), of the place the parser could not go past, so a prompt can put a
/// caret under it.
///
/// ```swift
/// do { _ = try EventFilter.parse("type:_session.* or") }
/// catch { print(error) }   // at 18: expected a term after 'or'
/// ```
public struct FilterParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var position: Int
    public var message: String

    public init(position: Int, message: String) {
        self.position = position
        self.message = message
    }

    public var description: String { "at \(position): \(message)" }
}
