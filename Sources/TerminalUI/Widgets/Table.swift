/// A column of a `Table`: a title, a width in columns (0 = takes what is left) and alignment.
public struct TableColumn: Sendable {
    public var title: String
    public var width: Int
    public var alignRight: Bool

    public init(_ title: String, width: Int, alignRight: Bool = false) {
        self.title = title
        self.width = width
        self.alignRight = alignRight
    }
}

/// One cell of a table row: text and its style.
public struct TableCell: Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// A table with a header row, a selected row shown in reverse video, and scrolling that keeps the
/// selection in view.
public struct Table: Sendable {
    public var columns: [TableColumn]
    public var rows: [[TableCell]]
    public var selected: Int?
    /// The first row shown; `visibleRange` computes one that keeps `selected` visible.
    public var offset: Int

    public init(columns: [TableColumn], rows: [[TableCell]], selected: Int? = nil, offset: Int = 0) {
        self.columns = columns
        self.rows = rows
        self.selected = selected
        self.offset = offset
    }

    /// Column widths for `total` columns: fixed columns are laid out left to right and each is
    /// kept only if it fits whole (a dropped column has width 0); the flexible column (width 0)
    /// takes what is left, or is dropped when that is under 6.
    static func widths(_ columns: [TableColumn], total: Int) -> [Int] {
        var widths = columns.map(\.width)
        let flex = widths.firstIndex(of: 0)
        var used = 0
        for i in widths.indices where i != flex {
            let needed = widths[i] + (used > 0 ? 1 : 0)
            if used + needed <= total {
                used += needed
            } else if used == 0 {
                // A first column wider than everything is cut rather than leaving nothing.
                widths[i] = total
                used = total
            } else {
                widths[i] = 0
            }
        }
        if let flex {
            let room = total - used - (used > 0 ? 1 : 0)
            widths[flex] = room >= 6 ? room : 0
        }
        return widths
    }

    public func draw(in rect: Rect, buffer: inout Buffer, theme: Theme) {
        guard rect.height >= 1, rect.width >= 1 else { return }
        let widths = Self.widths(columns, total: rect.width)
        var x = rect.x
        for (i, column) in columns.enumerated() where widths[i] > 0 {
            buffer.put(DisplayWidth.fit(column.title, to: widths[i], alignRight: column.alignRight), x: x, y: rect.y,
                       style: theme.columnHeader, clip: rect)
            x += widths[i] + 1
        }
        let bodyHeight = rect.height - 1
        guard bodyHeight > 0 else { return }
        for (line, index) in visibleRange(height: bodyHeight).enumerated() {
            let y = rect.y + 1 + line
            var x = rect.x
            let isSelected = index == selected
            for (i, column) in columns.enumerated() where widths[i] > 0 {
                let cell = i < rows[index].count ? rows[index][i] : TableCell("")
                let style = isSelected ? theme.selected(cell.style) : cell.style
                buffer.put(DisplayWidth.fit(cell.text, to: widths[i], alignRight: column.alignRight), x: x, y: y,
                           style: style, clip: rect)
                if isSelected, i < columns.count - 1, x + widths[i] < rect.maxX {
                    buffer.put(" ", x: x + widths[i], y: y, style: theme.selection, clip: rect)
                }
                x += widths[i] + 1
            }
        }
    }

    /// Rows to show in `height` lines, starting at `offset` but moved so that the selection shows.
    public func visibleRange(height: Int) -> Range<Int> {
        Self.visibleRange(count: rows.count, selected: selected, offset: offset, height: height)
    }

    /// The rows shown of `count` in `height` lines, from `offset` but moved to keep `selected`
    /// in view; for panes that build only the rows on screen.
    public static func visibleRange(count: Int, selected: Int?, offset: Int = 0, height: Int) -> Range<Int> {
        guard count > 0, height > 0 else { return 0..<0 }
        var start = min(max(0, offset), max(0, count - height))
        if let selected {
            if selected < start { start = selected }
            if selected >= start + height { start = selected - height + 1 }
        }
        return start..<min(count, start + height)
    }
}
