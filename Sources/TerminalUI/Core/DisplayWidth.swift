#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CWCWidth

/// Terminal column widths, from the C library's `wcwidth` (so Kinescope agrees with the terminal),
/// with the emoji presentation selector taken into account.
public enum DisplayWidth {
    /// `wcwidth` answers by the current locale; without a UTF-8 LC_CTYPE it calls every non-ASCII
    /// character unprintable, so one is set once if the process has none.
    private static let localeReady: Bool = {
        if let current = setlocale(LC_CTYPE, nil), String(cString: current).uppercased().contains("UTF") {
            return true
        }
        if setlocale(LC_CTYPE, "") != nil, let current = setlocale(LC_CTYPE, nil),
           String(cString: current).uppercased().contains("UTF") {
            return true
        }
        return setlocale(LC_CTYPE, "C.UTF-8") != nil
    }()

    /// Call before `initscr` and before measuring.
    public static func prepareLocale() {
        _ = localeReady
    }

    /// A grapheme cluster with more scalars than this (a Zalgo stack, a run of combining marks) is
    /// drawn as its first scalar followed by "…": no terminal draws such a pile in one cell.
    public static let maxClusterScalars = 16

    /// Columns one grapheme cluster (a `Character`) takes: 0, 1 or 2, as the C library's `wcwidth`
    /// says for its first scalar; the marks, modifiers, joiners and joined emoji after it add
    /// nothing (`👨‍👩‍👧` and `👍🏽` are 2, as `👨` and `👍` are). A flag (two regional indicators) is 2,
    /// though `wcwidth` calls each indicator 1. Control characters count 1 (they are drawn as
    /// symbols). A cluster longer than `maxClusterScalars` takes its first scalar's width plus 1
    /// for the "…" it is drawn with. Terminals disagree on text-default symbols followed by U+FE0F
    /// (✉️: tmux and xterm draw 1 column, others 2), so `Buffer` draws those without the selector
    /// and they take the 1 column measured here.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        let first = scalars.first!
        if first.value < 0x7F, character.utf8.count == 1 { return 1 }
        let base = baseWidth(first)
        var count = 0
        var second: Unicode.Scalar?
        for scalar in scalars {
            count += 1
            if count == 2 { second = scalar }
            if count > maxClusterScalars { return base + 1 }
        }
        if let second, isRegionalIndicator(first), isRegionalIndicator(second) { return 2 }
        return base
    }

    /// `wcwidth` of one scalar as a cell width: unprintable counts 1, nothing is wider than 2.
    static func baseWidth(_ scalar: Unicode.Scalar) -> Int {
        if scalar.value < 0x7F { return 1 }
        _ = localeReady
        let w = kc_wcwidth(scalar.value)
        if w < 0 { return 1 }
        return min(Int(w), 2)
    }

    static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }

    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for c in text { total += of(c) }
        return total
    }

    /// The longest prefix of `text` that fits in `width` columns, with "…" when it was cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if text.utf8.count <= width, text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        var used = 0
        var out = ""
        for c in text {
            let w = of(c)
            if used + w > width {
                while used + 1 > width, let last = out.popLast() { used -= of(last) }
                return out + "…"
            }
            used += w
            out.append(c)
        }
        return out
    }

    /// `text` cut or padded with spaces to exactly `width` columns.
    public static func fit(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let cut = truncate(text, to: width)
        let pad = String(repeating: " ", count: max(0, width - of(cut)))
        return alignRight ? pad + cut : cut + pad
    }
}
