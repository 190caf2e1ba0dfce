import MonitorCore

/// The bottom line: the keys that work in the current context, from the key map.
enum FooterBar {
    static func actions(for state: MonitorState) -> [Action] {
        switch state.ui.overlay {
        case .help?: return [.back, .quit]
        case .shards?: return [.back, .help, .quit]
        case .detail?:
            let search: [Action] = state.ui.search.isEmpty ? [] : [.searchNext, .searchPrevious]
            return [.back, .copy, .write] + search + [.up, .down, .pageUp, .pageDown, .top, .bottom, .help, .quit]
        case .session?: return [.back, .up, .down, .openDetail, .copy, .write, .help, .quit, .showLatency]
        case .latency?: return [.back, .help, .quit]
        case nil:
            var actions: [Action] = [.quit, .help, .filter, .nextPane]
            switch state.ui.focus {
            case .events: actions += [.toggleFollow, .bottom, .openDetail]
            case .types: actions += [.cycleSort]
            case .sessions: actions += [.openDetail]
            }
            // Search and write work from any pane; copy needs the events pane's selection.
            actions += [.search]
            if !state.ui.search.isEmpty { actions += [.searchNext] }
            if state.ui.focus == .events { actions += [.copy] }
            actions += [.write]
            // Last, so it is the first to go on a narrow screen.
            return actions + [.zoom]
        }
    }

    static func label(_ action: Action) -> String {
        switch action {
        case .quit: return "quit"
        case .help: return "help"
        case .back: return "back"
        case .nextPane: return "focus"
        case .previousPane: return "focus back"
        case .toggleFollow: return "pause"
        case .up: return "up"
        case .down: return "down"
        case .pageUp: return "page up"
        case .pageDown: return "page"
        case .top: return "top"
        case .bottom: return "bottom"
        case .openDetail: return "detail"
        case .cycleSort: return "sort"
        case .showShards: return "shards"
        case .filter: return "filter"
        case .zoom: return "zoom"
        case .search: return "search"
        case .searchNext: return "next"
        case .searchPrevious: return "previous"
        case .copy: return "copy"
        case .write: return "write"
        case .showLatency: return "latency"
        case .toggleMouse: return "mouse"
        }
    }

    static func draw(_ state: MonitorState, in rect: Rect, buffer: inout Buffer, theme: Theme) {
        buffer.fill(rect, style: theme.footerText)
        if let prompt = state.ui.prompt {
            drawPrompt(prompt, matching: state.visibleCount, in: rect, buffer: &buffer, theme: theme)
            return
        }
        if let notice = state.ui.notice {
            buffer.put(" " + notice.text, x: rect.x, y: rect.y, style: notice.isError ? theme.family(.error) : theme.footerNotice,
                       clip: rect)
            return
        }
        var x = rect.x
        for action in actions(for: state) {
            guard let binding = KeyBindings.all.first(where: { $0.action == action }) else { continue }
            var name = label(action)
            if action == .toggleFollow && !state.ui.following { name = "resume" }
            if action == .zoom && state.ui.zoomed { name = "unzoom" }
            if action == .openDetail && state.ui.overlay == nil && state.ui.focus == .sessions { name = "timeline" }
            if action == .bottom && state.ui.focus == .events && state.ui.overlay == nil { name = "follow" }
            let width = DisplayWidth.of(binding.label) + 2 + DisplayWidth.of(name) + 1
            if x + width > rect.maxX { break }
            x = buffer.put(" \(binding.label) ", x: x, y: rect.y, style: theme.footerKey, clip: rect)
            x = buffer.put(" \(name) ", x: x, y: rect.y, style: theme.footerText, clip: rect)
        }
    }

    /// "/ type:_session.* platform:ios▏" and, after a failed Enter, where and why it failed; the
    /// search prompt (`\`) reads the same, and the write prompt (`w`) says what it will write.
    /// `matching` is how many events the events pane lists (what a write of "all" writes).
    static func drawPrompt(_ prompt: Prompt, matching: Int, in rect: Rect, buffer: inout Buffer, theme: Theme) {
        let key: String, lead: String, hint: String
        switch prompt.kind {
        case .filter:
            (key, lead, hint) = ("/", "", "Enter applies · empty clears · Esc cancels")
        case .search:
            (key, lead, hint) = ("\\", "search ", "Enter finds · empty clears · Esc cancels")
        case .write(let serial):
            let what = serial.map { "event #\($0)" } ?? HeaderBar.plural(matching, "event")
            (key, lead, hint) = ("w", "write \(what) to ", "Enter writes · Esc cancels")
        }
        var x = buffer.put(" \(key) ", x: rect.x, y: rect.y, style: theme.footerKey, clip: rect)
        x = buffer.put(" ", x: x, y: rect.y, style: theme.footerText, clip: rect)
        x = buffer.put(lead, x: x, y: rect.y, style: theme.footerText, clip: rect)
        var errorText = prompt.error.map { "  \($0.description)" } ?? "  " + hint
        // The hint gives way to the text (a file name is long); an error never does.
        if prompt.error == nil, DisplayWidth.of(prompt.text) + 1 + DisplayWidth.of(errorText) > rect.maxX - x {
            errorText = ""
        }
        let room = max(0, rect.maxX - x - 1 - min(DisplayWidth.of(errorText), rect.width / 2))
        // Long input scrolls: the end, where the cursor is, stays in view.
        var text = prompt.text
        while DisplayWidth.of(text) > room, !text.isEmpty { text.removeFirst() }
        x = buffer.put(text, x: x, y: rect.y, style: Style(fg: .indexed(255)), clip: rect)
        x = buffer.put("▏", x: x, y: rect.y, style: theme.titleFocused, clip: rect)
        buffer.put(errorText, x: x, y: rect.y, style: prompt.error == nil ? theme.footerText : theme.family(.error), clip: rect)
    }
}
