import EventDecoding
import MonitorCore

/// The recent events, oldest at the top and newest at the bottom, as in a log.
enum EventsPane {
    static func columns(width: Int) -> [TableColumn] {
        var columns = [TableColumn("time", width: 8), TableColumn("type", width: width >= 100 ? 22 : 16)]
        if width >= 70 { columns.append(TableColumn("platform", width: width >= 100 ? 12 : 10)) }
        if width >= 90 { columns.append(TableColumn("client", width: 8)) }
        if width >= 60 { columns.append(TableColumn("session", width: 8)) }
        columns.append(TableColumn("attributes", width: 0))
        return columns
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
        let columns = columns(width: inner.width)
        let visible = max(1, inner.height - 1)
        let selectedSerial = state.selectedEventSerial
        let count = state.visibleCount
        // Only the rows around the selection are built, so a frame costs the same with 100 or
        // 100,000 events kept.
        let selectedIndex = min(state.visibleIndex(ofSerial: selectedSerial), max(0, count - 1))
        let lastShown = min(count - 1, max(selectedIndex, visible - 1))
        let firstShown = max(0, lastShown - visible + 1)
        var rows: [[TableCell]] = []
        var selectedRow: Int?
        if firstShown <= lastShown {
            for index in firstShown...lastShown {
                guard let serial = state.visibleSerial(at: index), let stored = state.event(serial: serial) else { continue }
                if serial == selectedSerial { selectedRow = rows.count }
                rows.append(row(stored, columns: columns, theme: theme))
            }
        }
        let table = Table(columns: columns, rows: rows, selected: (focused || !state.ui.following) ? selectedRow : nil)
        table.draw(in: inner, buffer: &buffer, theme: theme)
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
