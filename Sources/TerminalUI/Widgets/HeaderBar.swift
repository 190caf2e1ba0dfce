import MonitorCore

/// The top line: source, rate, totals, sessions, errors, status and the clock (to the minute, so an
/// idle screen stays still). When the line is too narrow a long source is shortened in the middle
/// and the least important parts go first; the app name, the source, the filter and search (what
/// the user typed), "mouse on", errors and status always stay. If those still do not fit, the line is cut on
/// the right with "…", so what it starts with is never lost.
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
                 style: theme.header, priority: 7),
            Part(text: "\(Format.count(state.sessions.activeCount)) active sessions", style: theme.header, priority: 4),
        ]
        if !state.filter.isEmpty {
            parts.append(Part(text: "filter: \(state.filter.source)", style: theme.headerAccent, priority: 8))
        }
        if !state.ui.search.isEmpty {
            parts.append(Part(text: "search: \(state.ui.search.source)", style: theme.header, priority: 8))
        }
        if let shards = state.shardSummary {
            let trouble = state.shards.values.contains { $0.state == .failed || $0.state == .throttled || $0.state == .retrying }
            parts.append(Part(text: shards, style: trouble ? theme.headerWarning : theme.header, priority: 6))
        }
        if state.sessions.evicted > 0 {
            parts.append(Part(text: "\(Format.count(state.sessions.evicted)) evicted", style: theme.header, priority: 2))
        }
        // Said on screen because mouse reporting changes how the terminal's own selection works.
        if state.ui.mouse { parts.append(Part(text: "mouse on", style: theme.header, priority: 8)) }
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

    /// `text` in `width` columns with "…" in the middle: a path or an ARN keeps its start and,
    /// longer, its end (the file or stream name).
    static func middleCut(_ text: String, to width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        guard width > 1 else { return width == 1 ? "…" : "" }
        let headRoom = (width - 1) / 3
        var tailRoom = width - 1 - headRoom
        var head = ""
        var used = 0
        for c in text {
            let w = DisplayWidth.of(c)
            if used + w > headRoom { break }
            head.append(c)
            used += w
        }
        tailRoom += headRoom - used
        var tail: [Character] = []
        used = 0
        for c in text.reversed() {
            let w = DisplayWidth.of(c)
            if used + w > tailRoom { break }
            tail.append(c)
            used += w
        }
        return head + "…" + String(tail.reversed())
    }

    static func plural(_ n: Int, _ noun: String) -> String {
        "\(Format.count(n)) \(noun)\(n == 1 ? "" : "s")"
    }

    static func draw(_ state: MonitorState, in rect: Rect, buffer: inout Buffer, theme: Theme) {
        buffer.fill(rect, style: theme.header)
        let clock = Format.clock(state.now) + " UTC "
        let clockWidth = DisplayWidth.of(clock)
        let room = rect.width - clockWidth - 1
        let all = parts(state, theme: theme)
        var shown = Array(repeating: true, count: all.count)
        func width(_ list: [Part]) -> Int {
            list.enumerated().reduce(0) { total, item in
                let gap = item.offset == 0 ? 0 : (list[item.offset - 1].text.hasSuffix(" ") ? 2 : 3)
                return total + DisplayWidth.of(item.element.text) + gap
            }
        }
        // The source is part 1; `source` is what it shows, shortened in the middle when needed.
        var source = all.count > 1 ? all[1].text : ""
        var list: [Part] {
            var list = all.indices.filter { shown[$0] }.map { all[$0] }
            if list.count > 1 { list[1].text = source }
            return list
        }
        // A long source (a stream ARN, a file path) first gives up columns down to a third of the
        // line, then the least important parts go, then the source shrinks further before the
        // event count goes; the kept parts never do. Parts that fit again once others went come
        // back, most important first.
        func shrinkSource(to floor: Int) {
            guard all.count > 1, width(list) > room else { return }
            let columns = DisplayWidth.of(source)
            let target = max(min(columns, floor), columns - (width(list) - room))
            if target < columns { source = middleCut(source, to: target) }
        }
        func drop(below priority: Int) {
            while width(list) > room,
                  let weakest = all.indices.filter({ shown[$0] && all[$0].priority < priority })
                      .min(by: { all[$0].priority < all[$1].priority }) {
                shown[weakest] = false
            }
        }
        shrinkSource(to: max(shortestSource, room / 3))
        drop(below: 7)
        shrinkSource(to: shortestSource)
        drop(below: kept)
        for index in all.indices.filter({ !shown[$0] }).sorted(by: { all[$0].priority > all[$1].priority }) {
            shown[index] = true
            if width(list) > room { shown[index] = false }
        }
        // Columns still free are given back to a shortened source.
        if all.count > 1, source != all[1].text, width(list) < room {
            source = middleCut(all[1].text, to: DisplayWidth.of(source) + room - width(list))
        }
        let parts = list
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
