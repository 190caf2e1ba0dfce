import EventDecoding
import TerminalUI

/// How the config file's own text appears in a warning: made visible (an escape sequence in the
/// file must not act on the terminal that shows the warning) and kept short, since a line that
/// does not parse may be a secret pasted in the wrong place.
enum ConfigText {
    /// Columns of the file's text a warning quotes before cutting it with "…".
    static let maxQuoted = 20

    /// `text` sanitised and cut to `maxQuoted` columns, in single quotes: `'oops'`.
    static func quoted(_ text: some StringProtocol) -> String {
        "'" + excerpt(text) + "'"
    }

    /// `text` sanitised and cut to `maxQuoted` columns (plus "…" when cut).
    static func excerpt(_ text: some StringProtocol) -> String {
        let visible = Sanitizer.visible(String(text))
        guard DisplayWidth.of(visible) > maxQuoted else { return visible }
        return DisplayWidth.truncate(visible, to: maxQuoted + 1)
    }
}
