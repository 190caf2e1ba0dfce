/// What the mouse did, in terms of panes and rows. `TerminalUI` turns the terminal's cell
/// coordinates into these with its layout (`PointerHitTest`), so `update` stays free of geometry.
public enum Pointer: Sendable, Equatable {
    /// A click in `pane`: focus it and, when `row` is given, select that row. For events `row` is
    /// the visible index (oldest first); for types and sessions, the position in the pane's order.
    case click(pane: Pane, row: Int?)
    /// The wheel over `pane`: focus it and move its selection `lines` rows (negative is up).
    case scroll(pane: Pane, lines: Int)
    /// The wheel over a full-screen view (the detail): scroll it `lines` lines.
    case scrollOverlay(lines: Int)
}

/// Applies a pointer message. Ignored while a prompt is open, so a stray click cannot change what
/// the prompt applies to.
func point(_ pointer: Pointer, on state: inout MonitorState) {
    guard state.ui.prompt == nil else { return }
    switch pointer {
    case .scrollOverlay(let lines):
        if case .detail(let serial, let scroll)? = state.ui.overlay {
            // The view clamps an over-long scroll to the last page.
            state.ui.overlay = .detail(serial: serial, scroll: max(0, scroll + lines))
        }
    case .click(let pane, let row):
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
