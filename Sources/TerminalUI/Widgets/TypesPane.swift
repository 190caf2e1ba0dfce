import EventDecoding
import MonitorCore

/// Per-event-type counters: total, rate, a 60-second sparkline and when it was last seen.
enum TypesPane {
    /// The index of the top row for `bodyHeight` rows, for drawing and the mouse hit test: the
    /// selection scrolls the table only while the pane has the focus.
    static func firstShownRow(_ state: MonitorState, bodyHeight: Int) -> Int {
        let count = state.counters.byType.count
        guard count > 0 else { return 0 }
        let focused = state.ui.focus == .types && state.ui.overlay == nil
        let selected = focused ? min(state.ui.typeSelection, count - 1) : nil
        return Table.visibleRange(count: count, selected: selected, height: bodyHeight).lowerBound
    }

    static func draw(_ state: MonitorState, in rect: Rect, buffer: inout Buffer, theme: Theme) {
        let focused = state.ui.focus == .types && state.ui.overlay == nil
        let inner = Block(title: "Event types", focused: focused, rightTitle: "sort: \(state.ui.typeSort.rawValue)")
            .draw(in: rect, buffer: &buffer, theme: theme)
        guard inner.height > 0 else { return }
        let counters = state.counters.sorted(by: state.ui.typeSort, at: state.now)
        // The type name is the flexible column; "last" and the sparkline go when space is short.
        let showLast = inner.width >= 46
        let fixed = 7 + 1 + 5 + 1 + (showLast ? 9 : 0)
        // Type names get 19 columns ("_userauth.auth_fail") before the sparkline takes the rest.
        let sparkWidth = min(60, inner.width - fixed - 1 - 19 - 1)
        var columns = [TableColumn("type", width: 0), TableColumn("total", width: 7, alignRight: true),
                       TableColumn("/s", width: 5, alignRight: true)]
        if sparkWidth >= 6 { columns.append(TableColumn("last 60s", width: sparkWidth)) }
        if showLast { columns.append(TableColumn("last", width: 8)) }
        let rows: [[TableCell]] = counters.map { counter in
            var cells = [TableCell(counter.type, theme.family(counter.family)),
                         TableCell(Format.count(counter.total), theme.text),
                         TableCell(Format.rate(counter.window.rate(at: state.now)), theme.text)]
            if sparkWidth >= 6 {
                cells.append(TableCell(Sparkline.render(counter.window.series(at: state.now), width: sparkWidth), theme.sparkline))
            }
            if showLast { cells.append(TableCell(Timestamp.timeOfDay(counter.lastSeen), theme.dim)) }
            return cells
        }
        let selected = rows.isEmpty ? nil : min(state.ui.typeSelection, rows.count - 1)
        Table(columns: columns, rows: rows, selected: focused ? selected : nil,
              offset: firstShownRow(state, bodyHeight: inner.height - 1))
            .draw(in: inner, buffer: &buffer, theme: theme)
    }
}
