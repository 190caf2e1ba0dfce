import MonitorCore

/// The top line: source, rate, totals, sessions, errors, status and the clock (to the minute, so an
/// idle screen stays still). When the line is too narrow the least important parts go first; the
/// app name, the source, errors and status always stay. If those still do not fit, a long source
/// is shortened, then the line is cut on the right with "…", so what it starts with is never lost.
enum HeaderBar {
    struct Part {
        var text: String
        var style: Style
        /// Lower goes first when space runs out; `kept` and above never go.
        var priority: Int
    }

    /// Parts at this priority or above stay whatever the width.
    static let kept = 8
    /// A source name is shortened to no fewer columns than this to make room for errors and status.
    static let shortestSource = 12

    static func parts(_ state: MonitorState, theme: Theme) -> [Part] {
        var parts = [
            Part(text: " Kinescope ", style: theme.headerAccent, priority: 10),
            Part(text: state.config.sourceName, style: theme.header, priority: 9),
            Part(text: "\(Format.rate(state.rate.rate(at: state.now))) ev/s", style: theme.headerAccent, priority: 6),
            Part(text: state.filter.isEmpty ? plural(state.totalEvents, "event")
                    : "\(Format.count(state.matchedEvents)) of \(plural(state.totalEvents, "event"))",
                 style: theme.header, priority: 5),
            Part(text: "\(Format.count(state.sessions.activeCount)) active sessions", style: theme.header, priority: 4),
        ]
        if !state.filter.isEmpty {
            parts.append(Part(text: "filter: \(state.filter.source)", style: theme.headerAccent, priority: 7))
        }
        if !state.ui.search.isEmpty {
            parts.append(Part(text: "search: \(state.ui.search.source)", style: theme.header, priority: 5))
        }
        if let shards = state.shardSummary {
            let trouble = state.shards.values.contains { $0.state == .failed || $0.state == .throttled || $0.state == .retrying }
            parts.append(Part(text: shards, style: trouble ? theme.headerWarning : theme.header, priority: 6))
        }
        if state.sessions.evicted > 0 {
            parts.append(Part(text: "\(Format.count(state.sessions.evicted)) evicted", style: theme.header, priority: 2))
        }
        // Said on screen because mouse reporting changes how the terminal's own selection works.
        if state.ui.mouse { parts.append(Part(text: "mouse on", style: theme.header, priority: 6)) }
        parts.append(Part(text: plural(state.totalErrors, "error"),
                          style: state.totalErrors > 0 ? theme.headerWarning : theme.header, priority: 8))
        let status: String
        switch state.status {
        case .starting: status = "starting"
        case .running: status = state.ui.following ? "running" : "paused"
        case .ended: status = state.ui.following ? "ended" : "ended, paused"
        case .failed(let message): status = "failed: \(message)"
        case .retrying(let message): status = message
        case .slow(let note): status = state.ui.following ? note : note + ", paused"
        }
        var statusText = "● " + status
        if !state.ui.following { statusText += " +\(Format.count(state.arrivedSincePause)) new" }
        var failed = false
        if case .failed = state.status { failed = true }
        if case .retrying = state.status { failed = true }
        parts.append(Part(text: statusText, style: failed || !state.ui.following ? theme.headerWarning : theme.headerAccent,
                          priority: 8))
        return parts
    }

    static func plural(_ n: Int, _ noun: String) -> String {
        "\(Format.count(n)) \(noun)\(n == 1 ? "" : "s")"
    }

    static func draw(_ state: MonitorState, in rect: Rect, buffer: inout Buffer, theme: Theme) {
        buffer.fill(rect, style: theme.header)
        let clock = Format.clock(state.now) + " UTC "
        let clockWidth = DisplayWidth.of(clock)
        let room = rect.width - clockWidth - 1
        var parts = parts(state, theme: theme)
        func width(_ list: [Part]) -> Int {
            list.enumerated().reduce(0) { total, item in
                let gap = item.offset == 0 ? 0 : (list[item.offset - 1].text.hasSuffix(" ") ? 2 : 3)
                return total + DisplayWidth.of(item.element.text) + gap
            }
        }
        while width(parts) > room,
              let weakest = parts.indices.filter({ parts[$0].priority < kept })
                  .min(by: { parts[$0].priority < parts[$1].priority }) {
            parts.remove(at: weakest)
        }
        // A long source (a stream ARN, a file path) gives up columns before errors and status do.
        if width(parts) > room, parts.count > 1 {
            let source = DisplayWidth.of(parts[1].text)
            let target = max(min(source, shortestSource), source - (width(parts) - room))
            if target < source { parts[1].text = DisplayWidth.truncate(parts[1].text, to: target) }
        }
        let clip = Rect(x: rect.x, y: rect.y, width: max(0, room), height: 1)
        var x = rect.x
        for (i, part) in parts.enumerated() {
            // The badge carries its own padding; other parts need a space before the bar.
            if i > 0 { x = buffer.put(parts[i - 1].text.hasSuffix(" ") ? "│ " : " │ ", x: x, y: rect.y, style: theme.header, clip: clip) }
            x = buffer.put(part.text, x: x, y: rect.y, style: part.style, clip: clip)
        }
        // Whatever is still too wide is cut at the right edge of the room, and says so.
        if width(parts) > room, room > 0 {
            buffer.put("…", x: rect.x + room - 1, y: rect.y, style: theme.header, clip: clip)
        }
        buffer.put(clock, x: rect.maxX - clockWidth, y: rect.y, style: theme.header)
    }
}
