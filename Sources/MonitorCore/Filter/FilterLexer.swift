/// One token of a filter expression; positions are offsets into the expression's characters.
struct FilterToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case open, close, not, word
    }

    var kind: Kind
    var start: Int
    var end: Int
}

/// Splits a filter expression into parentheses, `!` and words.
///
/// A word runs to whitespace or to a `)` it did not open, so values can carry parentheses and
/// `(type:(error) or attr.os~(ios|android))` groups as it reads. A `"…"` section at the start of a
/// word or right after `:`, `=`, `~`, `<`, `>` may hold spaces and parentheses (`\"` and `\\`
/// escape). In the regular expression of `attr.NAME~…`, backslash escapes and bracketed classes
/// are skipped whole, so `\)` and `[)]` do not end the word.
struct FilterLexer {
    let characters: [Character]

    init(_ characters: [Character]) {
        self.characters = characters
    }

    func tokens() throws(FilterParseError) -> [FilterToken] {
        var tokens: [FilterToken] = []
        var index = 0
        let count = characters.count
        while index < count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
                continue
            }
            switch character {
            case "(": tokens.append(FilterToken(kind: .open, start: index, end: index + 1)); index += 1
            case ")": tokens.append(FilterToken(kind: .close, start: index, end: index + 1)); index += 1
            case "!": tokens.append(FilterToken(kind: .not, start: index, end: index + 1)); index += 1
            default:
                let end = try wordEnd(from: index)
                tokens.append(FilterToken(kind: .word, start: index, end: end))
                index = end
            }
        }
        return tokens
    }

    static let quoteOpeners: Set<Character> = [":", "=", "~", "<", ">"]

    func wordEnd(from start: Int) throws(FilterParseError) -> Int {
        let count = characters.count
        let isAttribute = characters[start...].prefix(5).map { $0.lowercased() }.joined() == "attr."
        var inRegex = false
        var depth = 0
        var index = start
        while index < count {
            let character = characters[index]
            if character == "\"", index == start || Self.quoteOpeners.contains(characters[index - 1]) {
                index = try quoteEnd(from: index)
                continue
            }
            if character.isWhitespace { break }
            switch character {
            case "(":
                // At the start of a word a parenthesis is a token of its own (handled by the
                // caller); inside one it opens a nested part, as in `type:(error)` or `f(x)`.
                depth += 1
            case ")":
                if depth == 0 { return index }
                depth -= 1
            case "\\" where inRegex:
                index = min(count, index + 2)
                continue
            case "[" where inRegex:
                if let close = classEnd(from: index) {
                    index = close
                    continue
                }
            case "~" where isAttribute:
                inRegex = true
            default:
                break
            }
            index += 1
        }
        return index
    }

    /// The index just past the closing quote of the section opening at `start`.
    func quoteEnd(from start: Int) throws(FilterParseError) -> Int {
        var index = start + 1
        while index < characters.count {
            switch characters[index] {
            case "\\": index += 2
            case "\"": return index + 1
            default: index += 1
            }
        }
        throw FilterParseError(position: start, message: "unterminated quote (no closing '\"')")
    }

    /// The index just past a regex character class such as `[()]` or `[^]a]`, or nil when it does
    /// not close before whitespace (then the regex compiler reports it).
    func classEnd(from start: Int) -> Int? {
        var index = start + 1
        if index < characters.count, characters[index] == "^" { index += 1 }
        if index < characters.count, characters[index] == "]" { index += 1 }
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace { return nil }
            if character == "\\" {
                index += 2
                continue
            }
            if character == "]" { return index + 1 }
            index += 1
        }
        return nil
    }
}
