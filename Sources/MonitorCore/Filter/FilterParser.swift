import EventDecoding

/// Recursive-descent parser for the filter language (grammar in `EventFilter`'s documentation).
///
/// Every failure names the character offset where the parser stopped, so the prompt can point at
/// it; messages say what was expected there rather than what went wrong inside the parser.
struct FilterParser {
    static let knownFields = "type, kind, platform, session, client, shard, attr.NAME, metric.NAME, error"

    let characters: [Character]
    let tokens: [FilterToken]
    var index = 0

    init(_ text: String) throws(FilterParseError) {
        characters = Array(text)
        tokens = try FilterLexer(characters).tokens()
    }

    /// The whole expression; nil when it has no terms at all.
    mutating func parse() throws(FilterParseError) -> FilterNode? {
        guard !tokens.isEmpty else { return nil }
        let node = try parseOr()
        if let token = peek {
            // parseOr stops only at a ')' it has no '(' for; anything else would have been a term.
            throw FilterParseError(position: token.start, message: "unexpected ')' (no '(' to close)")
        }
        return node
    }

    // MARK: - Expressions

    var peek: FilterToken? { index < tokens.count ? tokens[index] : nil }

    func text(_ token: FilterToken) -> String { String(characters[token.start..<token.end]) }

    /// `or` and `and` are keywords only unquoted and on their own; `"or"` searches for the word.
    func keyword(_ token: FilterToken?) -> String? {
        guard let token, token.kind == .word, token.end - token.start <= 3 else { return nil }
        let word = text(token).lowercased()
        return word == "or" || word == "and" ? word : nil
    }

    func startsTerm(_ token: FilterToken?) -> Bool {
        guard let token else { return false }
        switch token.kind {
        case .open, .not: return true
        case .close: return false
        case .word: return keyword(token) == nil
        }
    }

    /// Position to blame when something is missing: the next token, or the end of the text.
    var here: Int { peek?.start ?? characters.count }

    mutating func expectTerm(after what: String) throws(FilterParseError) {
        guard startsTerm(peek) else {
            throw FilterParseError(position: here, message: "expected a term after '\(what)'")
        }
    }

    mutating func parseOr() throws(FilterParseError) -> FilterNode {
        var nodes = [try parseAnd()]
        while let token = peek, keyword(token) == "or" {
            index += 1
            try expectTerm(after: text(token))
            nodes.append(try parseAnd())
        }
        return nodes.count == 1 ? nodes[0] : .or(nodes)
    }

    mutating func parseAnd() throws(FilterParseError) -> FilterNode {
        var nodes = [try parseUnary()]
        while let token = peek {
            if keyword(token) == "and" {
                index += 1
                try expectTerm(after: text(token))
            } else if !startsTerm(token) {
                break
            }
            nodes.append(try parseUnary())
        }
        return nodes.count == 1 ? nodes[0] : .and(nodes)
    }

    mutating func parseUnary() throws(FilterParseError) -> FilterNode {
        guard let token = peek, token.kind == .not else { return try parsePrimary() }
        index += 1
        try expectTerm(after: "!")
        return .not(try parseUnary())
    }

    mutating func parsePrimary() throws(FilterParseError) -> FilterNode {
        guard let token = peek else {
            throw FilterParseError(position: characters.count, message: "expected a term")
        }
        switch token.kind {
        case .open:
            index += 1
            try expectTerm(after: "(")
            let inner = try parseOr()
            guard peek?.kind == .close else {
                throw FilterParseError(position: here, message: "expected ')' to close the '(' at \(token.start)")
            }
            index += 1
            return inner
        case .close:
            throw FilterParseError(position: token.start, message: "unexpected ')' (no '(' to close)")
        case .not:
            return try parseUnary()
        case .word:
            if let word = keyword(token) {
                throw FilterParseError(position: token.start, message: "expected a term before '\(word)'")
            }
            index += 1
            return .term(try parseTerm(token), text: text(token))
        }
    }

    // MARK: - Terms

    func parseTerm(_ token: FilterToken) throws(FilterParseError) -> FilterTerm {
        let start = token.start
        let end = token.end
        if characters[start] == "\"" {
            return try textTerm(try unquote(start, end))
        }
        let word = text(token)
        let lowered = word.lowercased()
        if lowered == "error" { return .error }
        if lowered.hasPrefix("attr.") { return try attributeTerm(start + 5, end) }
        if lowered.hasPrefix("metric.") { return try metricTerm(start + 7, end) }
        if let colon = characters[start..<end].firstIndex(of: ":"), colon > start,
           characters[start..<colon].allSatisfy({ $0.isASCII && $0.isLetter }) {
            return try fieldTerm(field: String(characters[start..<colon]).lowercased(), colon: colon, end: end)
        }
        return try textTerm(word)
    }

    func textTerm(_ text: String) throws(FilterParseError) -> FilterTerm {
        let needle = FilterNeedle(text)
        return .text(needle, kindLabels: FilterKindSet { FilterKindSet.label(of: $0).contains(needle.text) })
    }

    func fieldTerm(field: String, colon: Int, end: Int) throws(FilterParseError) -> FilterTerm {
        let known = ["type", "kind", "platform", "session", "client", "shard"]
        guard known.contains(field) else {
            throw FilterParseError(position: colon - field.count,
                                   message: "unknown field '\(field)' (known: \(Self.knownFields))")
        }
        let value = try self.value(colon + 1, end, after: "\(field):")
        switch field {
        case "type":
            let glob = FilterGlob(value)
            return .type(glob, kindLabels: FilterKindSet { glob.matches(FilterKindSet.label(of: $0)) })
        case "kind":
            let wanted = value.lowercased()
            let kinds = FilterKindSet { kind in
                let name = kind.rawValue
                return name == wanted || name.hasSuffix("." + wanted) || name.hasPrefix(wanted + ".")
            }
            guard !kinds.isEmpty else {
                let names = EventKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw FilterParseError(position: colon + 1, message: "unknown kind '\(value)' (known: \(names))")
            }
            return .kind(kinds)
        case "platform": return .platform(FilterNeedle(value))
        case "session": return .session(FilterNeedle(value))
        case "client": return .client(FilterNeedle(value))
        default: return .shard(FilterShard(value))
        }
    }

    /// `attr.NAME=VALUE` or `attr.NAME~REGEX`; `start` is just past `attr.`.
    func attributeTerm(_ start: Int, _ end: Int) throws(FilterParseError) -> FilterTerm {
        guard let op = characters[start..<end].firstIndex(where: { $0 == "=" || $0 == "~" }) else {
            if start == end {
                throw FilterParseError(position: start, message: "expected an attribute name after 'attr.'")
            }
            throw FilterParseError(position: end, message:
                "expected '=' or '~' after 'attr.\(String(characters[start..<end]))'")
        }
        guard op > start else {
            throw FilterParseError(position: start, message: "expected an attribute name after 'attr.'")
        }
        let name = String(characters[start..<op])
        let value = try self.value(op + 1, end, after: "attr.\(name)\(characters[op])")
        if characters[op] == "=" { return .attributeEquals(FilterPath(name), value) }
        do {
            return .attributeMatches(FilterPath(name), try FilterRegex(value))
        } catch {
            throw FilterParseError(position: op + 1, message: "invalid regular expression: \(error)")
        }
    }

    /// `metric.NAME OP NUMBER`; `start` is just past `metric.`.
    func metricTerm(_ start: Int, _ end: Int) throws(FilterParseError) -> FilterTerm {
        let operatorCharacters: Set<Character> = ["<", ">", "=", "!"]
        let opStart = characters[start..<end].firstIndex(where: operatorCharacters.contains) ?? end
        guard opStart > start else {
            throw FilterParseError(position: start, message: "expected a metric name after 'metric.'")
        }
        let name = String(characters[start..<opStart])
        var opEnd = opStart
        while opEnd < end, operatorCharacters.contains(characters[opEnd]), opEnd - opStart < 2 { opEnd += 1 }
        guard let comparison = FilterComparison(rawValue: String(characters[opStart..<opEnd])) else {
            throw FilterParseError(position: opStart, message:
                "expected a comparison (<, <=, >, >=, =, !=) after 'metric.\(name)'")
        }
        let after = "metric.\(name)\(comparison.rawValue)"
        let value = try self.value(opEnd, end, after: after)
        guard let number = Double(value), number.isFinite else {
            throw FilterParseError(position: opEnd, message: "expected a number after '\(after)', found '\(value)'")
        }
        return .metric(FilterPath(name), comparison, number)
    }

    /// The value of a field term, unquoted; it must not be empty.
    func value(_ start: Int, _ end: Int, after prefix: String) throws(FilterParseError) -> String {
        guard start < end else {
            throw FilterParseError(position: start, message: "expected a value after '\(prefix)'")
        }
        if characters[start] == "\"" { return try unquote(start, end) }
        return String(characters[start..<end])
    }

    /// The text of a `"…"` section starting at `start` that must reach exactly to `end`.
    func unquote(_ start: Int, _ end: Int) throws(FilterParseError) -> String {
        var result = ""
        var index = start + 1
        while index < end {
            let character = characters[index]
            if character == "\"" {
                guard index + 1 == end else {
                    throw FilterParseError(position: index + 1, message: "unexpected text after the closing quote")
                }
                return result
            }
            // Only \" and \\ are escapes, so regular expressions like "\d+ ms" can be quoted as is.
            if character == "\\", index + 1 < end, characters[index + 1] == "\"" || characters[index + 1] == "\\" {
                result.append(characters[index + 1])
                index += 2
                continue
            }
            result.append(character)
            index += 1
        }
        throw FilterParseError(position: start, message: "unterminated quote (no closing '\"')")
    }
}
