/// How a backend shows the few non-ASCII glyphs the view draws (frames, sparklines, timeline marks,
/// separators, the ellipsis) on a given terminal.
///
/// The view always draws Unicode into the `Buffer`; the backend passes each cell through
/// `render(_:width:)` on its way to the terminal. A UTF-8 terminal gets the cell as drawn. A
/// terminal that cannot show UTF-8 (a non-UTF-8 locale, a `vt100`) or whose fonts lack most of
/// these glyphs (the Linux console) gets ASCII stand-ins, except for frame lines, which go through
/// the terminal's own line-drawing set (terminfo `acsc`) when it has one, and `+ - |` when not.
///
/// ```swift
/// let glyphs = GlyphSet.resolve(term: "vt100", codeset: "UTF-8", hasAlternateCharset: true)
/// glyphs.render("┌", width: 1)   // .alternateCharset("l")
/// glyphs.render("▃", width: 1)   // .text(":")
/// ```
public struct GlyphSet: Sendable, Equatable {
    /// How frame lines (─ │ ┌ ┐ └ ┘ ├ ┤ ┬ ┴ ┼) are drawn.
    public enum LineDrawing: Sendable, Equatable {
        /// As the Unicode box-drawing characters in the buffer.
        case unicode
        /// Through the terminal's alternate character set (ncurses ACS, from terminfo `acsc`).
        case alternateCharset
        /// As `+`, `-` and `|`.
        case ascii
    }

    /// What one cell becomes on the terminal.
    public enum Rendering: Sendable, Equatable {
        /// Text to write, one column per character when it differs from the buffer's symbol.
        case text(String)
        /// The terminal's line-drawing character named by its `acsc` key (`q` is ─, `x` is │…).
        case alternateCharset(Character)
    }

    public var lines: LineDrawing
    /// False: every non-ASCII symbol becomes an ASCII stand-in (`?` when there is none).
    public var unicodeText: Bool

    public init(lines: LineDrawing, unicodeText: Bool) {
        self.lines = lines
        self.unicodeText = unicodeText
    }

    public static let unicode = GlyphSet(lines: .unicode, unicodeText: true)
    public static let ascii = GlyphSet(lines: .ascii, unicodeText: false)

    /// Terminal types that cannot show the Unicode we draw even in a UTF-8 locale: DEC VTs and
    /// their emulations speak 7/8-bit character sets, and the Linux console's fonts carry about 512
    /// glyphs (box drawing yes, sparkline blocks, bullets and arrows mostly not).
    static let limitedTerminals = ["linux", "vt52", "vt100", "vt102", "vt220", "vt320", "vt420", "ansi", "cons25", "pcansi"]

    /// The set for a terminal: `term` is `$TERM`, `codeset` the locale's character set
    /// (`nl_langinfo(CODESET)`), `hasAlternateCharset` whether terminfo has `acsc`. `override`
    /// (`KINESCOPE_GLYPHS`: `unicode` or `ascii`) wins when set to one of those.
    public static func resolve(term: String?, codeset: String, hasAlternateCharset: Bool, override: String? = nil) -> GlyphSet {
        let limitedLines: LineDrawing = hasAlternateCharset ? .alternateCharset : .ascii
        switch override?.lowercased() {
        case "unicode"?, "utf-8"?, "utf8"?: return .unicode
        case "ascii"?: return GlyphSet(lines: limitedLines, unicodeText: false)
        default: break
        }
        let normalized = codeset.uppercased().replacingOccurrences(of: "-", with: "")
        let utf8 = normalized == "UTF8"
        // "vt100-am", "linux-16color", "ansi.sys": the base name decides.
        let base = (term ?? "").lowercased().split(whereSeparator: { $0 == "-" || $0 == "." }).first.map(String.init) ?? ""
        if utf8 && !limitedTerminals.contains(base) { return .unicode }
        return GlyphSet(lines: limitedLines, unicodeText: false)
    }

    /// `symbol` (a cell's grapheme, `width` columns wide) as this terminal shows it. Text that
    /// replaces a symbol always has `width` characters, so the columns after it stay where they were.
    public func render(_ symbol: String, width: Int) -> Rendering {
        if symbol.utf8.allSatisfy({ $0 < 0x80 }) { return .text(symbol) }
        if let line = Self.lineDrawing[symbol] {
            switch lines {
            case .unicode: return .text(symbol)
            case .alternateCharset: return .alternateCharset(line.acs)
            case .ascii: return .text(String(line.ascii))
            }
        }
        if unicodeText { return .text(symbol) }
        let columns = max(1, width)
        if columns == 1, let stand = Self.asciiStandIns[symbol] { return .text(String(stand)) }
        return .text(String(repeating: "?", count: columns))
    }

    /// Box-drawing characters: their `acsc` key and their ASCII stand-in.
    static let lineDrawing: [String: (acs: Character, ascii: Character)] = [
        "─": ("q", "-"), "│": ("x", "|"), "┌": ("l", "+"), "┐": ("k", "+"), "└": ("m", "+"), "┘": ("j", "+"),
        "├": ("t", "+"), "┤": ("u", "+"), "┬": ("w", "+"), "┴": ("v", "+"), "┼": ("n", "+"),
    ]

    /// ASCII stand-ins for the other glyphs the view draws. Sparkline levels keep their order
    /// (`_ . : - = + * #`), so a sparkline still reads as low to high.
    static let asciiStandIns: [String: Character] = [
        "▁": "_", "▂": ".", "▃": ":", "▄": "-", "▅": "=", "▆": "+", "▇": "*", "█": "#",
        "▏": "|", "▸": ">", "·": "-", "•": "*", "●": "*", "×": "x", "…": "~",
        "→": ">", "←": "<", "↑": "^", "↓": "v", "−": "-", "–": "-", "—": "-",
    ]
}
