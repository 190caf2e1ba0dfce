import EventDecoding
import MonitorCore

/// The recent events, oldest at the top and newest at the bottom, as in a log.
enum EventsPane {
    /// The columns for an inner `width`: the user's choice (config `columns`) in its order, or by
    /// width. Chosen columns get the widths the automatic choice gives them; `Table` drops those
    /// that do not fit.
    static func columns(width: Int, chosen: [EventColumn]? = nil) -> [TableColumn] {
        if let chosen, !chosen.isEmpty { return chosen.map { column($0, width: width) } }
        var columns = [TableColumn("time", width: 8), TableColumn("type", width: width >= 100 ? 22 : 16)]
        if width >= 70 { columns.append(TableColumn("platform", width: width >= 100 ? 12 : 10)) }
        if width >= 90 { columns.append(TableColumn("client", width: 8)) }
        if width >= 60 { columns.append(TableColumn("session", width: 8)) }
        columns.append(TableColumn("attributes", width: 0))
        return columns
    }

    /// The visible index of the top row for `bodyHeight` rows; the mouse hit test reads rows
    /// with it too. The rule (selection on the bottom row, or held still after a click) lives in
    /// `MonitorState.eventsFirstShown`, which `update` also keeps the click anchor with.
    static func firstShownRow(_ state: MonitorState, bodyHeight: Int) -> Int {
        state.eventsFirstShown(rows: bodyHeight)
    }

    static func draw(_ state: MonitorState, in rect: Rect, buffer: inout Buffer, theme: Theme) {
        let focused = state.ui.focus == .events && state.ui.overlay == nil
        let right: String
        if state.ui.following {
            right = "following"
        } else {
            right = "paused · \(Format.count(state.arrivedSincePause)) new · G to follow"
        }
        let title = state.filter.isEmpty ? "Events (\(Format.count(state.recent.count)) kept)"
            : "Events (\(Format.count(state.visibleCount)) of \(Format.count(state.recent.count)) kept match)"
        let inner = Block(title: title, focused: focused, rightTitle: right)
            .draw(in: rect, buffer: &buffer, theme: theme)
        guard inner.height > 0 else { return }
        let columns = columns(width: inner.width, chosen: state.config.eventColumns)
        let visible = max(1, inner.height - 1)
        let selectedSerial = state.selectedEventSerial
        let count = state.visibleCount
        // Only the rows around the selection are built, so a frame costs the same with 100 or
        // 100,000 events kept.
        let firstShown = firstShownRow(state, bodyHeight: visible)
        let lastShown = min(count - 1, firstShown + visible - 1)
        var rows: [[TableCell]] = []
        var shown: [StoredEvent] = []
        var selectedRow: Int?
        if firstShown <= lastShown {
            for index in firstShown...lastShown {
                guard let serial = state.visibleSerial(at: index), let stored = state.event(serial: serial) else { continue }
                if serial == selectedSerial { selectedRow = rows.count }
                rows.append(row(stored, columns: columns, theme: theme))
                shown.append(stored)
            }
        }
        let table = Table(columns: columns, rows: rows, selected: (focused || !state.ui.following) ? selectedRow : nil)
        table.draw(in: inner, buffer: &buffer, theme: theme)
        markMatches(state.ui.search, shown: shown, columns: columns, frame: rect, inner: inner, buffer: &buffer, theme: theme)
    }

    /// Marks the rows matching the search with `▸` on the pane's left border (visible without
    /// colour, and for terms like `type:` that have no substring to show) and puts the search's
    /// words and phrases, wherever they appear in a matching row, on the search band.
    static func markMatches(_ search: EventFilter, shown: [StoredEvent], columns: [TableColumn], frame: Rect, inner: Rect,
                            buffer: inout Buffer, theme: Theme) {
        guard !search.isEmpty else { return }
        let needles = search.highlightedTexts
        let widths = Table.widths(columns, total: inner.width)
        // The table lists every row it was given from the top, one per line under its header.
        for (line, stored) in shown.enumerated() where search.matches(stored.event) {
            let y = inner.y + 1 + line
            guard y < inner.maxY else { break }
            buffer.put("▸", x: frame.x, y: y, style: theme.searchMarker)
            var x = inner.x
            for width in widths where width > 0 {
                let cell = Rect(x: x, y: y, width: min(width, inner.maxX - x), height: 1)
                for needle in needles { highlight(needle, in: cell, buffer: &buffer, style: theme.searchMatch) }
                x += width + 1
            }
        }
    }

    /// Restyles each case-insensitive occurrence of `needle` (lowercased) among the cells of a
    /// one-line `rect`, comparing grapheme by grapheme as drawn (so a truncated value matches as
    /// far as it is shown).
    static func highlight(_ needle: String, in rect: Rect, buffer: inout Buffer, style: Style) {
        guard !needle.isEmpty, rect.width > 0 else { return }
        var xs: [Int] = []
        var symbols: [String] = []
        for x in rect.x..<rect.maxX where !buffer[x, rect.y].isContinuation {
            xs.append(x)
            symbols.append(buffer[x, rect.y].symbol.lowercased())
        }
        var start = 0
        while start < symbols.count {
            var rest = Substring(needle)
            var end = start
            while !rest.isEmpty, end < symbols.count, !symbols[end].isEmpty, rest.hasPrefix(symbols[end]) {
                rest = rest.dropFirst(symbols[end].count)
                end += 1
            }
            guard rest.isEmpty else { start += 1; continue }
            let right = end < xs.count ? xs[end] : rect.maxX
            buffer.restyle(Rect(x: xs[start], y: rect.y, width: right - xs[start], height: 1)) { _ in style }
            start = end
        }
    }

    static func column(_ column: EventColumn, width: Int) -> TableColumn {
        switch column {
        case .time: TableColumn("time", width: 8)
        case .type: TableColumn("type", width: width >= 100 ? 22 : 16)
        case .platform: TableColumn("platform", width: width >= 100 ? 12 : 10)
        case .client: TableColumn("client", width: 8)
        case .session: TableColumn("session", width: 8)
        case .attributes: TableColumn("attributes", width: 0)
        }
    }

    static func row(_ stored: StoredEvent, columns: [TableColumn], theme: Theme) -> [TableCell] {
        let event = stored.event
        let style = theme.family(event.family)
        var cells: [TableCell] = []
        for column in columns {
            switch column.title {
            case "time": cells.append(TableCell(Timestamp.timeOfDay(event.eventTime ?? stored.receivedAt), theme.dim))
            case "type": cells.append(TableCell(TypeCounters.label(for: event), style))
            case "platform": cells.append(TableCell(event.platform ?? "-", theme.text))
            case "client": cells.append(TableCell(Format.shortID(event.clientId), theme.dim))
            case "session": cells.append(TableCell(Format.shortID(event.sessionId), theme.dim))
            default: cells.append(TableCell(event.summary, event.kind == .error ? style : theme.text))
            }
        }
        return cells
    }
}
