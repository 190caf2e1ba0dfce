/// What a key does. The key map below is the one place keys are bound; the footer and the help
/// overlay read it too, so what they list is what works.
public enum Action: String, Sendable, CaseIterable {
    case quit, help, back, nextPane, previousPane, toggleFollow
    case up, down, pageUp, pageDown, top, bottom
    case openDetail, cycleSort, showShards, filter, zoom
    case search, searchNext, searchPrevious, copy, write, showLatency, toggleMouse
}

/// One binding as the help overlay lists it.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var label: String
    public var action: Action
    public var help: String
}

/// Kinescope's keys, as users of less, lnav and k9s expect them.
public enum KeyBindings {
    public static let all: [KeyBinding] = [
        KeyBinding(keys: [.character("q"), .interrupt], label: "q", action: .quit, help: "quit"),
        KeyBinding(keys: [.character("?")], label: "?", action: .help, help: "show or hide this help"),
        KeyBinding(keys: [.escape], label: "Esc", action: .back, help: "back: close this view (to the one it was opened from)"),
        KeyBinding(keys: [.tab], label: "Tab", action: .nextPane, help: "focus the next pane"),
        KeyBinding(keys: [.backTab], label: "S-Tab", action: .previousPane, help: "focus the previous pane"),
        KeyBinding(keys: [.character(" ")], label: "space", action: .toggleFollow, help: "pause / resume following new events"),
        KeyBinding(keys: [.character("k"), .up], label: "k/↑", action: .up, help: "move the selection up"),
        KeyBinding(keys: [.character("j"), .down], label: "j/↓", action: .down, help: "move the selection down"),
        KeyBinding(keys: [.pageUp, .character("b")], label: "PgUp", action: .pageUp, help: "up one page"),
        KeyBinding(keys: [.pageDown, .character("f")], label: "PgDn", action: .pageDown, help: "down one page"),
        KeyBinding(keys: [.character("g"), .home], label: "g", action: .top, help: "first (oldest) row"),
        KeyBinding(keys: [.character("G"), .end], label: "G", action: .bottom, help: "last row; in events, follow again"),
        KeyBinding(keys: [.enter], label: "Enter", action: .openDetail, help: "open the selected event's detail or session's timeline"),
        KeyBinding(keys: [.character("/")], label: "/", action: .filter, help: "filter every pane (Enter applies, empty clears, Esc cancels)"),
        KeyBinding(keys: [.character("\\")], label: "\\", action: .search, help: "search the events (same language as the filter; highlights, hides nothing)"),
        KeyBinding(keys: [.character("n")], label: "n", action: .searchNext, help: "next event matching the search"),
        KeyBinding(keys: [.character("N")], label: "N", action: .searchPrevious, help: "previous event matching the search"),
        KeyBinding(keys: [.character("y")], label: "y", action: .copy, help: "copy the selected event's JSON to the clipboard (OSC 52)"),
        KeyBinding(keys: [.character("w")], label: "w", action: .write, help: "write the selected event, or all matching the filter, to a JSONL file"),
        KeyBinding(keys: [.character("L")], label: "L", action: .showLatency, help: "show or hide the latency view (p50/p90/p99 per hop)"),
        KeyBinding(keys: [.character("m")], label: "m", action: .toggleMouse, help: "turn mouse support on or off"),
        KeyBinding(keys: [.character("s")], label: "s", action: .cycleSort, help: "cycle the event types sort"),
        KeyBinding(keys: [.character("S")], label: "S", action: .showShards, help: "show or hide the shards of a stream"),
        KeyBinding(keys: [.character("z")], label: "z", action: .zoom, help: "zoom the focused pane to full screen and back"),
    ]

    private static let table: [Key: Action] = {
        var table: [Key: Action] = [:]
        for binding in all { for key in binding.keys { table[key] = binding.action } }
        return table
    }()

    public static func action(for key: Key) -> Action? { table[key] }

    /// Ctrl-U (byte 0x15 in raw mode) in a prompt: clears what was typed, as readline's
    /// `unix-line-discard` does.
    public static let clearPrompt = Key.character("\u{15}")
}
