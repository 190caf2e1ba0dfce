import EventDecoding
import MonitorCore

/// One row per session, most recently active first, each with a timeline strip on a shared
/// five-minute axis.
enum SessionsPane {
    static let maxAxisSeconds = 300.0
    static let minAxisSeconds = 60.0

    /// The end of the shared axis: the newest event time, so an idle screen stays still and a
    /// replay of old data shows its own time.
    static func axisEnd(_ state: MonitorState) -> Double {
        state.latestEventTime > 0 ? state.latestEventTime.rounded(.up) : state.now
    }

    /// The axis spans the oldest session kept, between one and five minutes, so young sessions
    /// are not squeezed into the last columns.
    static func axis(_ state: MonitorState) -> ClosedRange<Double> {
        let end = axisEnd(state)
        let oldest = state.sessions.oldestStart ?? end
        let span = min(maxAxisSeconds, max(minAxisSeconds, ((end - oldest) / 60).rounded(.up) * 60))
        return (end - span)...end
    }

    /// The index of the top row for `bodyHeight` rows, for drawing and the mouse hit test: the
    /// selection is kept in view whether or not the pane has the focus.
    static func firstShownRow(_ state: MonitorState, bodyHeight: Int) -> Int {
        let count = state.sessions.count
        guard count > 0 else { return 0 }
        return Table.visibleRange(count: count, selected: min(state.ui.sessionSelection, count - 1), height: bodyHeight).lowerBound
    }

    static func draw(_ state: MonitorState, in rect: Rect, buffer: inout Buffer, theme: Theme) {
        let focused = state.ui.focus == .sessions && state.ui.overlay == nil
        let count = state.sessions.count
        let axis = axis(state)
        let minutes = Int((axis.upperBound - axis.lowerBound) / 60)
        let inner = Block(title: "Sessions (\(Format.count(state.sessions.activeCount)) active, \(Format.count(state.sessions.count)) kept)", focused: focused,
                          rightTitle: rect.width >= 64 ? "[ start • event | pause ] stop · last \(minutes)m" : "last \(minutes)m")
            .draw(in: rect, buffer: &buffer, theme: theme)
        guard inner.height > 0 else { return }
        var columns = [TableColumn("session", width: 8)]
        if inner.width >= 60 { columns.append(TableColumn("platform", width: 9)) }
        if inner.width >= 70 { columns.append(TableColumn("started", width: 8)) }
        columns += [TableColumn("dur", width: 6, alignRight: true), TableColumn("ev", width: 4, alignRight: true),
                    TableColumn("state", width: 7), TableColumn("timeline", width: 0)]
        let visible = max(0, inner.height - 1)
        let selected = count == 0 ? nil : min(state.ui.sessionSelection, count - 1)
        // Rows are ordered and built only down to what shows (the selection keeps the window near
        // the top); the timelines are drawn over the flexible column.
        let first = firstShownRow(state, bodyHeight: visible)
        let window = first..<min(count, first + visible)
        let shown = Array(state.sessions.ordered(prefix: window.upperBound).dropFirst(window.lowerBound))
        let rows: [[TableCell]] = shown.map { info in
            var cells = [TableCell(Format.shortID(info.id), theme.text)]
            if inner.width >= 60 { cells.append(TableCell(info.platform ?? "-", theme.text)) }
            if inner.width >= 70 { cells.append(TableCell(Timestamp.timeOfDay(info.start), theme.dim)) }
            cells += [TableCell(Format.duration(info.duration), theme.text), TableCell(String(info.eventCount), theme.text),
                      TableCell(info.state.rawValue, theme.state(info.state)), TableCell("")]
            return cells
        }
        let selectedInShown = selected.flatMap { window.contains($0) ? $0 - window.lowerBound : nil }
        Table(columns: columns, rows: rows, selected: focused ? selectedInShown : nil)
            .draw(in: inner, buffer: &buffer, theme: theme)
        let widths = Table.widths(columns, total: inner.width)
        let timelineX = inner.x + widths.dropLast().filter { $0 > 0 }.reduce(0) { $0 + $1 + 1 }
        let timelineWidth = widths.last ?? 0
        guard timelineWidth >= 4 else { return }
        for (line, info) in shown.enumerated() {
            let base: Style? = (focused && selectedInShown == line) ? theme.selection : nil
            if let base { buffer.fill(Rect(x: timelineX, y: inner.y + 1 + line, width: timelineWidth, height: 1), style: base) }
            TimelineStrip.draw(info.marks, axis: axis, x: timelineX, y: inner.y + 1 + line, width: timelineWidth,
                               buffer: &buffer, theme: theme, baseStyle: base)
        }
    }
}
