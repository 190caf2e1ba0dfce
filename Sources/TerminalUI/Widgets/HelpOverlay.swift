import MonitorCore

/// Every key, listed from the key map, in a box over the panes.
enum HelpOverlay {
    static func draw(in area: Rect, buffer: inout Buffer, theme: Theme) {
        let lines = KeyBindings.all.map { binding -> (String, String) in
            let keys = binding.keys.map(keyName).joined(separator: " ")
            return (keys, binding.help)
        }
        let keyWidth = lines.map { DisplayWidth.of($0.0) }.max() ?? 0
        let textWidth = lines.map { DisplayWidth.of($0.1) }.max() ?? 0
        let width = min(area.width - 2, keyWidth + textWidth + 6)
        let height = min(area.height - 2, lines.count + 4)
        let rect = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        buffer.fill(rect)
        let inner = Block(title: "Keys", focused: true, rightTitle: "Esc or ? closes").draw(in: rect, buffer: &buffer, theme: theme)
        for (i, line) in lines.enumerated() where i + 1 < inner.height {
            let y = inner.y + 1 + i
            buffer.put(DisplayWidth.fit(line.0, to: keyWidth), x: inner.x + 1, y: y, style: theme.titleFocused, clip: inner)
            buffer.put(line.1, x: inner.x + keyWidth + 3, y: y, style: theme.text, clip: inner)
        }
    }

    static func keyName(_ key: Key) -> String {
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
}
