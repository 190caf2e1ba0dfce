/// The help overlay's lines for a screen size: one per key binding, long descriptions wrapped
/// under themselves, and how far the list scrolls when it is taller than the screen.
///
/// It lives beside `update` rather than in the view so that `update` bounds the help's scroll by
/// exactly what the view shows (`k` after `G` moves at once). Key names and descriptions are
/// single-column text (ASCII and arrows), so characters are columns here.
public enum HelpLayout {
    public struct Line: Sendable, Equatable {
        /// The binding's keys; empty on a description's continuation lines.
        public var keys: String
        public var text: String
    }

    /// The box over a `width`×`height` screen and the lines it shows at once.
    public struct Box: Sendable, Equatable {
        public var width: Int
        public var height: Int
        public var rows: Int
        public var keyWidth: Int
    }

    public static func keyName(_ key: Key) -> String {
        switch key {
        case .character(" "): return "space"
        case .character(let c): return String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .interrupt: return "Ctrl-C"
        }
    }

    static var entries: [(keys: String, text: String)] {
        KeyBindings.all.map { binding in (binding.keys.map(keyName).joined(separator: " "), binding.help) }
    }

    public static func box(width: Int, height: Int) -> Box {
        let entries = entries
        let keyWidth = entries.map(\.keys.count).max() ?? 0
        let textWidth = entries.map(\.text.count).max() ?? 0
        let boxWidth = max(0, min(width - 2, keyWidth + textWidth + 6))
        let count = lines(entries, room: boxWidth - keyWidth - 6).count
        let boxHeight = max(0, min(height - 2, count + 4))
        return Box(width: boxWidth, height: boxHeight, rows: max(1, boxHeight - 3), keyWidth: keyWidth)
    }

    /// Every line, descriptions wrapped to the box.
    public static func lines(width: Int, height: Int) -> [Line] {
        let box = box(width: width, height: height)
        return lines(entries, room: box.width - box.keyWidth - 6)
    }

    /// The largest scroll that still fills the box.
    public static func maxScroll(width: Int, height: Int) -> Int {
        max(0, lines(width: width, height: height).count - box(width: width, height: height).rows)
    }

    static func lines(_ entries: [(keys: String, text: String)], room: Int) -> [Line] {
        var out: [Line] = []
        for entry in entries {
            for (i, part) in wrap(entry.text, width: max(8, room)).enumerated() {
                out.append(Line(keys: i == 0 ? entry.keys : "", text: part))
            }
        }
        return out
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        lines.append(current)
        return lines
    }
}
