/// Makes text from events safe to put on a terminal: control characters, escape sequences and
/// bidirectional overrides become visible symbols instead of acting on the terminal.
///
/// ```swift
/// Sanitizer.visible("\u{1B}[2J")   // "␛[2J"
/// Sanitizer.visible("a\u{202E}b")  // "a\\u202eb"
/// ```
/// ESC is shown as `␛`, so a CSI/OSC/DCS sequence loses its introducer and the rest is plain text.
public enum Sanitizer {
    public static func visible(_ text: String) -> String {
        if !needsWork(text) { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x00..<0x20:
                out.append(Unicode.Scalar(0x2400 + v)!)
            case 0x7F:
                out.append("\u{2421}")
            case 0x80..<0xA0, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029, 0xFEFF:
                let hex = String(v, radix: 16)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex).unicodeScalars)
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func needsWork(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || (v >= 0x7F && v < 0xA0) { return true }
            if v >= 0x200E && (v <= 0x200F || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069) || v == 0x2028 || v == 0x2029 || v == 0xFEFF) { return true }
        }
        return false
    }
}
