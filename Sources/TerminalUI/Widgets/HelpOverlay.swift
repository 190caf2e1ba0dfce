import MonitorCore

/// Every key, listed from the key map, in a box over the panes; long descriptions wrap, and on a
/// short screen the list scrolls (`j`/`k`, pages, `g`/`G`) with its position on the bottom border.
enum HelpOverlay {
    static func draw(scroll: Int, in area: Rect, buffer: inout Buffer, theme: Theme) {
        let box = HelpLayout.box(width: area.width, height: area.height)
        let lines = HelpLayout.lines(width: area.width, height: area.height)
        let top = min(max(0, scroll), max(0, lines.count - box.rows))
        let scrolls = lines.count > box.rows
        let rect = Rect(x: area.x + (area.width - box.width) / 2, y: area.y + (area.height - box.height) / 2,
                        width: box.width, height: box.height)
        buffer.fill(rect)
        let inner = Block(title: "Keys", focused: true, rightTitle: scrolls ? "Esc or ? closes · j/k scroll" : "Esc or ? closes")
            .draw(in: rect, buffer: &buffer, theme: theme)
        for (i, line) in lines.dropFirst(top).prefix(box.rows).enumerated() {
            let y = inner.y + 1 + i
            buffer.put(DisplayWidth.fit(line.keys, to: box.keyWidth), x: inner.x + 1, y: y, style: theme.titleFocused, clip: inner)
            buffer.put(line.text, x: inner.x + box.keyWidth + 3, y: y, style: theme.text, clip: inner)
        }
        if scrolls {
            let position = " \(top + 1)–\(min(lines.count, top + box.rows)) of \(lines.count) "
            let x = rect.maxX - 1 - DisplayWidth.of(position)
            if x > rect.x { buffer.put(position, x: x, y: rect.maxY - 1, style: theme.dim, clip: rect) }
        }
    }
}
