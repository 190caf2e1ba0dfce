import MonitorCore

/// The bottom line: the keys that work in the current context, from the key map.
enum FooterBar {
    static func actions(for state: MonitorState) -> [Action] {
        switch state.ui.overlay {
        case .help?: return [.back, .quit]
        case .shards?: return [.back, .help, .quit]
        case .detail?: return [.back, .up, .down, .pageUp, .pageDown, .top, .bottom, .help, .quit]
        case nil:
            var actions: [Action] = [.quit, .help, .filter, .nextPane]
            switch state.ui.focus {
            case .events: actions += [.toggleFollow, .bottom, .openDetail]
            case .types: actions += [.cycleSort]
            case .sessions: break
            }
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
        }
    }

    static func draw(_ state: MonitorState, in rect: Rect, buffer: inout Buffer, theme: Theme) {
        buffer.fill(rect, style: theme.footerText)
        if let prompt = state.ui.prompt {
            drawPrompt(prompt, in: rect, buffer: &buffer, theme: theme)
            return
        }
        var x = rect.x
        for action in actions(for: state) {
            guard let binding = KeyBindings.all.first(where: { $0.action == action }) else { continue }
            var name = label(action)
            if action == .toggleFollow && !state.ui.following { name = "resume" }
            if action == .zoom && state.ui.zoomed { name = "unzoom" }
            if action == .bottom && state.ui.focus == .events && state.ui.overlay == nil { name = "follow" }
            let width = DisplayWidth.of(binding.label) + 2 + DisplayWidth.of(name) + 1
            if x + width > rect.maxX { break }
            x = buffer.put(" \(binding.label) ", x: x, y: rect.y, style: theme.footerKey, clip: rect)
            x = buffer.put(" \(name) ", x: x, y: rect.y, style: theme.footerText, clip: rect)
        }
    }

    /// "/ type:_session.* platform:ios▏" and, after a failed Enter, where and why it failed.
    static func drawPrompt(_ prompt: FilterPrompt, in rect: Rect, buffer: inout Buffer, theme: Theme) {
        var x = buffer.put(" / ", x: rect.x, y: rect.y, style: theme.footerKey, clip: rect)
        x = buffer.put(" ", x: x, y: rect.y, style: theme.footerText, clip: rect)
        let errorText = prompt.error.map { "  \($0.description)" } ?? "  Enter applies · empty clears · Esc cancels"
        let room = max(0, rect.maxX - x - 1 - min(DisplayWidth.of(errorText), rect.width / 2))
        // Long input scrolls: the end, where the cursor is, stays in view.
        var text = prompt.text
        while DisplayWidth.of(text) > room, !text.isEmpty { text.removeFirst() }
        x = buffer.put(text, x: x, y: rect.y, style: Style(fg: .indexed(255)), clip: rect)
        x = buffer.put("▏", x: x, y: rect.y, style: theme.titleFocused, clip: rect)
        buffer.put(errorText, x: x, y: rect.y, style: prompt.error == nil ? theme.footerText : theme.family(.error), clip: rect)
    }
}
