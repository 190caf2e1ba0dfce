import MonitorCore

/// The bottom line: the keys that work in the current context, from the key map.
enum FooterBar {
    static func actions(for state: MonitorState) -> [Action] {
        switch state.ui.overlay {
        case .help?: return [.back, .quit]
        case .shards?: return [.back, .help, .quit]
        case .detail?: return [.back, .up, .down, .pageUp, .pageDown, .top, .bottom, .help, .quit]
        case nil:
            var actions: [Action] = [.quit, .help, .nextPane, .up, .down]
            switch state.ui.focus {
            case .events: actions += [.toggleFollow, .bottom, .openDetail]
            case .types: actions += [.cycleSort]
            case .sessions: break
            }
            return actions
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
        }
    }

    static func draw(_ state: MonitorState, in rect: Rect, buffer: inout Buffer, theme: Theme) {
        buffer.fill(rect, style: theme.footerText)
        var x = rect.x
        for action in actions(for: state) {
            guard let binding = KeyBindings.all.first(where: { $0.action == action }) else { continue }
            var name = label(action)
            if action == .toggleFollow && !state.ui.following { name = "resume" }
            if action == .bottom && state.ui.focus == .events && state.ui.overlay == nil { name = "follow" }
            let width = DisplayWidth.of(binding.label) + 2 + DisplayWidth.of(name) + 1
            if x + width > rect.maxX { break }
            x = buffer.put(" \(binding.label) ", x: x, y: rect.y, style: theme.footerKey, clip: rect)
            x = buffer.put(" \(name) ", x: x, y: rect.y, style: theme.footerText, clip: rect)
        }
    }
}
