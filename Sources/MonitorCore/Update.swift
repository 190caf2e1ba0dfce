import EventDecoding

/// The only way a `MonitorState` changes. Pure: time comes in with the messages.
public func update(_ state: inout MonitorState, _ message: Message) {
    switch message {
    case .records(let events, let recordCount, let receivedAt, let recordsByShard):
        state.now = max(state.now, receivedAt)
        state.ingest(events, recordCount: recordCount, receivedAt: receivedAt)
        state.countRecords(byShard: recordsByShard)
    case .sourceStatus(let status):
        state.status = status
    case .controlMessages(let count):
        state.controlMessages += count
    case .shardProgress(let progress):
        state.noteShardProgress(progress)
    case .tick(let time):
        state.now = time
    case .resize(let width, let height):
        state.ui.width = width
        state.ui.height = height
        // Focus, selections and the events window are kept as they are; only the help's scroll
        // can point past its end on a taller screen, where `k` would then seem to do nothing.
        state.ui.helpScroll = min(state.ui.helpScroll, HelpLayout.maxScroll(width: width, height: height))
    case .notice(let notice):
        state.ui.notice = notice
    case .pointer(let pointer):
        point(pointer, on: &state)
    case .key(let key):
        // A notice is read by the time the next key is pressed.
        state.ui.notice = nil
        if state.ui.prompt != nil {
            edit(key, on: &state)
            return
        }
        guard let action = KeyBindings.action(for: key) else { return }
        perform(action, on: &state)
    }
}

private func perform(_ action: Action, on state: inout MonitorState) {
    if action == .quit { state.shouldQuit = true; return }
    switch state.ui.overlay {
    case .help?:
        if action == .help || action == .back { state.popOverlay() } else { scrollHelp(action, on: &state) }
        return
    case .shards?:
        if action == .showShards || action == .back { state.popOverlay() }
        if action == .help { state.pushOverlay(.help) }
        return
    case .detail(let serial, let scroll)?:
        let page = max(1, state.ui.height - 4)
        switch action {
        case .back: state.popOverlay()
        case .help: state.pushOverlay(.help)
        case .showLatency: state.pushOverlay(.latency)
        case .showShards: state.pushOverlay(.shards)
        case .up: state.ui.overlay = .detail(serial: serial, scroll: max(0, scroll - 1))
        case .down: state.ui.overlay = .detail(serial: serial, scroll: scroll + 1)
        case .pageUp: state.ui.overlay = .detail(serial: serial, scroll: max(0, scroll - page))
        case .pageDown: state.ui.overlay = .detail(serial: serial, scroll: scroll + page)
        case .top: state.ui.overlay = .detail(serial: serial, scroll: 0)
        // The view clamps an over-long scroll to the last page.
        case .bottom: state.ui.overlay = .detail(serial: serial, scroll: Int.max / 2)
        case .search, .searchNext, .searchPrevious, .copy, .write: performOperator(action, on: &state)
        default: break
        }
        return
    case .session(let id, let selection)?:
        performInSession(action, id: id, selection: selection, on: &state)
        return
    case .latency?:
        performInLatency(action, on: &state)
        return
    case nil:
        break
    }
    switch action {
    case .help: state.pushOverlay(.help)
    case .showShards: state.pushOverlay(.shards)
    case .showLatency: state.pushOverlay(.latency)
    case .filter: state.ui.prompt = Prompt(.filter, text: state.filter.source)
    case .zoom: state.ui.zoomed.toggle()
    case .nextPane, .previousPane:
        let panes = Pane.allCases
        let step = action == .nextPane ? 1 : panes.count - 1
        state.ui.focus = panes[(panes.firstIndex(of: state.ui.focus)! + step) % panes.count]
    case .toggleFollow:
        if state.ui.following { pauseFollowing(&state) } else { state.ui.following = true }
    case .cycleSort:
        state.ui.typeSort = state.ui.typeSort.next
    case .openDetail:
        if state.ui.focus == .events, let stored = state.event(serial: state.selectedEventSerial) {
            state.pushOverlay(.detail(serial: stored.serial, scroll: 0))
        } else if state.ui.focus == .sessions {
            openSelectedSession(&state)
        }
    case .up, .down, .pageUp, .pageDown, .top, .bottom:
        move(action, on: &state)
    case .quit, .back:
        break
    case .search, .searchNext, .searchPrevious, .copy, .write:
        performOperator(action, on: &state)
    case .toggleMouse:
        state.ui.mouse.toggle()
    }
}

func pauseFollowing(_ state: inout MonitorState) {
    state.ui.selectedSerial = state.selectedEventSerial
    state.ui.following = false
    state.ui.eventsAtPause = state.totalEvents
    state.ui.eventsTop = nil
}

/// Where a movement key takes a selection at `index` in a list of `count` rows, `page` rows a
/// page: clamped to the list (0 when it is empty). Every list that moves with these keys uses it.
func steppedIndex(_ action: Action, from index: Int, count: Int, page: Int) -> Int {
    guard count > 0 else { return 0 }
    let next: Int
    switch action {
    case .up: next = index - 1
    case .down: next = index + 1
    case .pageUp: next = index - page
    case .pageDown: next = index + page
    case .top: next = 0
    default: next = count - 1
    }
    return min(max(next, 0), count - 1)
}

func move(_ action: Action, on state: inout MonitorState) {
    let page = max(1, state.ui.pageSize)
    func step(_ index: Int, count: Int) -> Int { steppedIndex(action, from: index, count: count, page: page) }
    switch state.ui.focus {
    case .events:
        let count = state.visibleCount
        guard count > 0 else { return }
        if action == .bottom { state.ui.following = true; return }
        let current = min(state.visibleIndex(ofSerial: state.selectedEventSerial), count - 1)
        let target = step(current, count: count)
        if state.ui.following {
            if target == count - 1 && action != .top { return }
            // Moving off the newest event holds the window where it is, as in less, htop or k9s:
            // the selection moves up the screen and the rows stay still until it reaches the top.
            let firstShown = state.eventsFirstShown(rows: page)
            pauseFollowing(&state)
            state.ui.eventsTop = state.visibleSerial(at: firstShown)
        }
        state.ui.selectedSerial = state.visibleSerial(at: target) ?? state.ui.selectedSerial
        // The window stays where it was until the selection leaves it; `pageSize` is the pane's
        // height in rows.
        if state.ui.eventsTop != nil { state.ui.eventsTop = state.visibleSerial(at: state.eventsFirstShown(rows: page)) }
    case .types:
        state.ui.typeSelection = step(state.ui.typeSelection, count: state.counters.byType.count)
    case .sessions:
        state.ui.sessionSelection = step(state.ui.sessionSelection, count: state.sessions.count)
    }
}

/// Keys while a prompt is open: typing edits it, Ctrl-U clears it (as in readline), Enter applies (a
/// filter or search that does not parse shows where it failed and keeps the previous one), Esc
/// cancels, Ctrl-C still quits.
private func edit(_ key: Key, on state: inout MonitorState) {
    guard var prompt = state.ui.prompt else { return }
    switch key {
    case .interrupt:
        state.shouldQuit = true
        return
    case .escape:
        state.ui.prompt = nil
        return
    case .enter:
        switch prompt.kind {
        case .filter: break
        case .search:
            do throws(FilterParseError) {
                try applySearch(prompt.text, on: &state)
            } catch {
                prompt.error = error
                state.ui.prompt = prompt
            }
            return
        case .write(let serial):
            applyWrite(prompt.text, serial: serial, on: &state)
            return
        }
        do {
            let filter = try EventFilter.parse(prompt.text)
            state.setFilter(filter)
            state.ui.prompt = nil
            state.ui.typeSelection = 0
            state.ui.sessionSelection = 0
        } catch {
            prompt.error = error
            state.ui.prompt = prompt
        }
        return
    case .backspace:
        if !prompt.text.isEmpty { prompt.text.removeLast() }
    case KeyBindings.clearPrompt:
        prompt.text = ""
    case .character(let c):
        // Control characters never enter the prompt; what is typed is what is shown.
        guard !c.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return }
        prompt.text.append(c)
    default:
        return
    }
    prompt.error = nil
    state.ui.prompt = prompt
}
