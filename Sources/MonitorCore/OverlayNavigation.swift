import EventDecoding

// `update`'s handling of the session drill-down and the latency view, and of going back through
// overlays opened from one another (session → detail → Esc → session → Esc → panes).

extension MonitorState {
    /// Opens `overlay` over the current one, which `Esc` returns to. Opened from the panes it
    /// starts a new trail, so nothing left from an earlier one can come back.
    mutating func pushOverlay(_ overlay: Overlay) {
        if let current = ui.overlay { ui.overlayStack.append(current) } else { ui.overlayStack = [] }
        ui.overlay = overlay
        if overlay == .help { ui.helpScroll = 0 }
    }

    /// Closes the current overlay, back to the one it was opened from, or to the panes.
    mutating func popOverlay() {
        ui.overlay = ui.overlayStack.popLast()
    }
}

/// `Enter` on the sessions pane: the selected session's drill-down, its oldest retained event
/// selected so the session reads from its start.
func openSelectedSession(_ state: inout MonitorState) {
    let count = state.sessions.count
    guard count > 0 else { return }
    let row = min(max(0, state.ui.sessionSelection), count - 1)
    guard let info = state.sessions.ordered(prefix: row + 1).last else { return }
    state.pushOverlay(.session(id: info.id, selection: 0))
}

/// Rows the session view's event table moves on PgUp/PgDn: the screen less the header and footer,
/// the frame, the view's five lines above the table and the column titles.
public func sessionViewPageSize(height: Int) -> Int { max(1, height - 10) }

/// Keys in the session drill-down: move through its events, `Enter` for one's detail.
func performInSession(_ action: Action, id: String, selection: Int, on state: inout MonitorState) {
    switch action {
    case .back:
        state.popOverlay()
    case .copy, .write:
        // The selected event of the session, as in the detail view.
        performOperator(action, on: &state)
    case .help:
        state.pushOverlay(.help)
    case .showLatency:
        state.pushOverlay(.latency)
    case .openDetail:
        let timeline = SessionTimeline(id: id, in: state)
        guard !timeline.entries.isEmpty else { return }
        let entry = timeline.entries[min(max(0, selection), timeline.entries.count - 1)]
        state.pushOverlay(.detail(serial: entry.stored.serial, scroll: 0))
    case .up, .down, .pageUp, .pageDown, .top, .bottom:
        let count = SessionTimeline.count(id: id, in: state)
        guard count > 0 else { return }
        let page = sessionViewPageSize(height: state.ui.height)
        // The selection may point past the end once older events left the ring.
        let current = min(max(0, selection), count - 1)
        state.ui.overlay = .session(id: id, selection: steppedIndex(action, from: current, count: count, page: page))
    default:
        break
    }
}

/// An up or down step in the help or the session drill-down, for the mouse wheel.
func performInOverlay(_ action: Action, on state: inout MonitorState) {
    switch state.ui.overlay {
    case .help?: scrollHelp(action, on: &state)
    case .session(let id, let selection)?: performInSession(action, id: id, selection: selection, on: &state)
    default: break
    }
}

/// Keys under the help: scroll it when it is taller than the screen.
func scrollHelp(_ action: Action, on state: inout MonitorState) {
    let limit = HelpLayout.maxScroll(width: state.ui.width, height: state.ui.height)
    let page = HelpLayout.box(width: state.ui.width, height: state.ui.height).rows
    let scroll = state.ui.helpScroll
    switch action {
    case .up: state.ui.helpScroll = scroll - 1
    case .down: state.ui.helpScroll = scroll + 1
    case .pageUp: state.ui.helpScroll = scroll - page
    case .pageDown: state.ui.helpScroll = scroll + page
    case .top: state.ui.helpScroll = 0
    case .bottom: state.ui.helpScroll = limit
    default: return
    }
    state.ui.helpScroll = min(max(0, state.ui.helpScroll), limit)
}

/// Keys in the latency view: `L` or `Esc` closes it, `?` shows the help over it.
func performInLatency(_ action: Action, on state: inout MonitorState) {
    switch action {
    case .back, .showLatency: state.popOverlay()
    case .help: state.pushOverlay(.help)
    default: break
    }
}
