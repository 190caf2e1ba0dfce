import EventDecoding

// `update`'s handling of search (`\`, `n`, `N`), copy (`y`) and write (`w`), in the panes and in
// the detail view. Like the rest of `update` it is pure: copying and writing are queued as
// effects for the runtime.

/// Performs a search, copy or write action.
func performOperator(_ action: Action, on state: inout MonitorState) {
    switch action {
    case .search:
        state.ui.prompt = Prompt(.search, text: state.ui.search.source)
    case .searchNext, .searchPrevious:
        searchAgain(action == .searchNext ? .forward : .backward, on: &state)
    case .copy:
        copySelected(&state)
    case .write:
        state.ui.prompt = Prompt(.write(serial: operatorSerial(state, for: .write)), text: OperatorOutput.defaultFileName(at: state.now))
    default:
        break
    }
}

/// The event `y` or `w` acts on: the one in the detail view or selected in the session
/// drill-down, or the events pane's selection when that pane has the focus. While following, the pane shows the newest event as selected, so `y`
/// copies it; `w` then acts on no single event (nil) and writes every retained event matching the
/// filter, which is what a user watching the tail wants in a file. Nil elsewhere, and for `w` while
/// the focus is on another pane.
private func operatorSerial(_ state: MonitorState, for action: Action) -> Int? {
    switch state.ui.overlay {
    case .detail(let serial, _)?:
        return serial
    case .session(let id, let selection)?:
        let entries = SessionTimeline(id: id, in: state).entries
        guard !entries.isEmpty else { return nil }
        return entries[min(max(0, selection), entries.count - 1)].stored.serial
    case nil:
        guard state.ui.focus == .events, state.visibleCount > 0 else { return nil }
        if action == .write && state.ui.following { return nil }
        return state.selectedEventSerial
    default:
        return nil
    }
}

/// The serial `n`/`N` start from: the event in the detail view, else the events pane's selection.
private func searchOrigin(_ state: MonitorState) -> Int {
    if case .detail(let serial, _)? = state.ui.overlay { return serial }
    return state.selectedEventSerial
}

/// Enter in the search prompt: sets the term (empty clears it) and jumps to the first match at or
/// after the selection, like less. While following, "after" would only be the newest event, so
/// it looks back from there instead: the newest match is what a user watching the tail wants.
func applySearch(_ text: String, on state: inout MonitorState) throws(FilterParseError) {
    let search = try EventFilter.parse(text)
    state.ui.prompt = nil
    state.ui.search = search
    guard !search.isEmpty else { return }
    let following = state.ui.following && state.ui.overlay == nil
    let hit = state.findMatch(search, from: searchOrigin(state), direction: following ? .backward : .forward, including: true)
    guard let hit else {
        state.ui.notice = Notice("no match for: \(search.source)")
        return
    }
    select(hit.serial, on: &state)
    if hit.wrapped && !following { state.ui.notice = Notice("search hit BOTTOM, continuing at TOP") }
}

private func searchAgain(_ direction: SearchDirection, on state: inout MonitorState) {
    let search = state.ui.search
    guard !search.isEmpty else {
        state.ui.notice = Notice("no search term: \\ sets one")
        return
    }
    guard let hit = state.findMatch(search, from: searchOrigin(state), direction: direction, including: false) else {
        state.ui.notice = Notice("no match for: \(search.source)")
        return
    }
    select(hit.serial, on: &state)
    if hit.wrapped {
        state.ui.notice = Notice(direction == .forward ? "search hit BOTTOM, continuing at TOP"
                                                       : "search hit TOP, continuing at BOTTOM")
    }
}

/// Moves the events pane's selection to `serial` (pausing following, as moving does) and, in the
/// detail view, shows that event's detail.
private func select(_ serial: Int, on state: inout MonitorState) {
    if case .detail? = state.ui.overlay { state.ui.overlay = .detail(serial: serial, scroll: 0) }
    if state.ui.following { pauseFollowing(&state) }
    state.ui.selectedSerial = serial
    // A match may be far from the window a click left: show it as the keys do, on the bottom row.
    state.ui.eventsTop = nil
    state.ui.focus = .events
}

private func copySelected(_ state: inout MonitorState) {
    guard let serial = operatorSerial(state, for: .copy) else {
        state.ui.notice = Notice("nothing to copy: select an event in the events pane")
        return
    }
    guard let stored = state.event(serial: serial) else {
        state.ui.notice = Notice("event #\(serial) is no longer kept", isError: true)
        return
    }
    let text = OperatorOutput.clipboardText(stored.event)
    let size = text.utf8.count
    guard size <= OperatorOutput.copyLimit else {
        state.ui.notice = Notice("event #\(serial) is too big to copy (\(size) bytes; the limit is \(OperatorOutput.copyLimit))",
                                 isError: true)
        return
    }
    state.effects.append(.copy(text: text, label: "event #\(serial)"))
}

/// Enter in the write prompt: queues the file's lines, or says why there are none.
func applyWrite(_ text: String, serial: Int?, on state: inout MonitorState) {
    state.ui.prompt = nil
    let path = String(text.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    guard !path.isEmpty else {
        state.ui.notice = Notice("nothing written: no file name")
        return
    }
    var lines: [String] = []
    if let serial {
        guard let stored = state.event(serial: serial) else {
            state.ui.notice = Notice("event #\(serial) is no longer kept", isError: true)
            return
        }
        lines = [TailLine.json(stored.event)]
    } else {
        lines.reserveCapacity(state.visibleCount)
        for index in 0..<state.visibleCount {
            if let visible = state.visibleSerial(at: index), let stored = state.event(serial: visible) {
                lines.append(TailLine.json(stored.event))
            }
        }
    }
    guard !lines.isEmpty else {
        state.ui.notice = Notice("nothing written: no events match")
        return
    }
    state.effects.append(.write(path: path, lines: lines))
}

extension OperatorOutput {
    /// What `y` copies: the event's JSON pretty-printed, exactly as the detail view shows it (the
    /// `event` value of its `tail` line). An undecodable record has no JSON of its own, so it is
    /// its whole `tail` line: the error, the metadata and the raw bytes in base64.
    public static func clipboardText(_ event: Event) -> String {
        if event.kind == .error { return TailLine.json(event) }
        return JSONWriter.prettyLines(event.payload).joined(separator: "\n")
    }
}
