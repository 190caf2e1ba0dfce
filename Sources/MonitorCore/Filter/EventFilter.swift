import EventDecoding

/// A compiled filter expression, as typed at the `/` prompt or given with `--filter`: decides for
/// each event whether it is in view. Parsing does all the preparation (globs compiled, needles
/// lowercased, regexes built), so `matches` stays cheap enough to run on every event.
///
/// ```swift
/// let filter = try EventFilter.parse(#"type:_session.* platform:ios or attr.feedback="received""#)
/// let shown = events.filter(filter.matches)
/// EventFilter.parse("")          // matches everything; isEmpty == true
/// ```
///
/// Grammar (keywords `or`, `and` and the word `error` are case-insensitive):
///
/// ```
/// filter     = [ or-expr ] ;
/// or-expr    = and-expr { "or" and-expr } ;
/// and-expr   = unary { [ "and" ] unary } ;          (* side by side means AND *)
/// unary      = "!" unary | primary ;
/// primary    = "(" or-expr ")" | term ;
/// term       = "error" | field ":" value | "attr." name ( "=" value | "~" regex )
///            | "metric." name compare number | quoted | word ;
/// field      = "type" | "kind" | "platform" | "session" | "client" | "shard" ;
/// compare    = "<" | "<=" | ">" | ">=" | "=" | "!=" ;
/// value      = quoted | word ;
/// quoted     = '"' { char | '\"' | '\\' } '"' ;
/// ```
///
/// What each term matches:
/// - `type:GLOB` — the event type (`*`, `?`; case-sensitive); events without a type, and errors,
///   by their label `(kind)`, e.g. `type:(error)`, as the types pane shows them.
/// - `kind:NAME` — the kind, named in full (`pinpoint.email`) or by a dotted part (`email`,
///   `pinpoint`, `logs`); an unknown name is a parse error.
/// - `platform:`, `session:`, `client:` — case-insensitive prefix of that field.
/// - `shard:X` — case-insensitive prefix of the shard id; all digits also match the shard's number,
///   so `shard:3` finds `shardId-000000000003`.
/// - `attr.NAME=VALUE` — the attribute's scalar text equals VALUE exactly; `attr.NAME~REGEX` —
///   the regex is found anywhere in it. NAME is tried as one key, then as a dotted path.
/// - `metric.NAME>N` etc. — the metric as a number (a string holding a number counts).
/// - `error` — undecodable payloads only.
/// - a word or `"quoted phrase"` — case-insensitive substring of the type label, summary,
///   platform, session id or client id (each field on its own). Quote a word to search for text
///   that would otherwise read as a keyword or a field, e.g. `"or"` or `"http://x"`.
public struct EventFilter: Sendable, Equatable, CustomStringConvertible {
    /// The expression as written.
    public let source: String
    let root: FilterNode?

    /// The filter that lets every event through.
    public init() {
        source = ""
        root = nil
    }

    init(source: String, root: FilterNode?) {
        self.source = source
        self.root = root
    }

    public static func parse(_ text: String) throws(FilterParseError) -> EventFilter {
        var parser = try FilterParser(text)
        return EventFilter(source: text, root: try parser.parse())
    }

    /// True when the expression has no terms, so every event matches.
    public var isEmpty: Bool { root == nil }

    public func matches(_ event: Event) -> Bool {
        guard let root else { return true }
        return root.matches(event)
    }

    public var description: String { source }

    /// Parsing is deterministic, so two filters written the same way are the same filter (the
    /// compiled form holds regexes, which cannot be compared).
    public static func == (lhs: EventFilter, rhs: EventFilter) -> Bool {
        lhs.source == rhs.source
    }
}
