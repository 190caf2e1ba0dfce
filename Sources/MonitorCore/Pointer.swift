/// What the mouse did, in terms of panes and rows. `TerminalUI` turns the terminal's cell
/// coordinates into these with its layout (`PointerHitTest`), so `update` stays free of geometry.
public enum Pointer: Sendable, Equatable {
    /// A click in `pane`: focus it and, when `row` is given, select that row. For events `row` is
    /// the visible index (oldest first); for types and sessions, the position in the pane's order.
    /// `top` is, for events, the visible index of the pane's first row on screen: the window stays
    /// there rather than moving the clicked row to the bottom.
    case click(pane: Pane, row: Int?, top: Int? = nil)
    /// The wheel over `pane`: focus it and move its selection `lines` rows (negative is up).
    case scroll(pane: Pane, lines: Int)
    /// The wheel over a full-screen view: the detail and the help scroll `lines` lines, the
    /// session drill-down moves its selection; the latency and shards views do not scroll.
    case scrollOverlay(lines: Int)
}

/// Applies a pointer message. Ignored while a prompt is open, so a stray click cannot change what
/// the prompt applies to.
func point(_ pointer: Pointer, on state: inout MonitorState) {
    guard state.ui.prompt == nil else { return }
    switch pointer {
    case .scrollOverlay(let lines):
        switch state.ui.overlay {
        case .detail(let serial, let scroll)?:
            // The view clamps an over-long scroll to the last page.
            state.ui.overlay = .detail(serial: serial, scroll: max(0, scroll + lines))
        case .help?, .session?:
            // As the arrow keys do there: the help scrolls (clamped), the drill-down's selection moves.
            for _ in 0..<abs(lines) { performInOverlay(lines < 0 ? .up : .down, on: &state) }
        case .latency?, .shards?, nil:
            break
        }
    case .click(let pane, let row, let top):
        guard state.ui.overlay == nil else { return }
        state.ui.focus = pane
        guard let row, row >= 0 else { return }
        switch pane {
        case .events:
            let count = state.visibleCount
            guard row < count else { return }
            // A click on the newest row while following keeps following, as `G` would.
            if state.ui.following && row == count - 1 { return }
            if state.ui.following { pauseFollowing(&state) }
            state.ui.selectedSerial = state.visibleSerial(at: row) ?? state.ui.selectedSerial
            if let top { state.ui.eventsTop = state.visibleSerial(at: top) }
        case .types:
            if row < state.counters.byType.count { state.ui.typeSelection = row }
        case .sessions:
            if row < state.sessions.count { state.ui.sessionSelection = row }
        }
    case .scroll(let pane, let lines):
        guard state.ui.overlay == nil, lines != 0 else { return }
        state.ui.focus = pane
        for _ in 0..<abs(lines) { move(lines < 0 ? .up : .down, on: &state) }
    }
}
