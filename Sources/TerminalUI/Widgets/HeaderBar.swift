import MonitorCore

/// The top line: source, rate, totals, sessions, errors, status and the clock (to the minute, so an
/// idle screen stays still).
enum HeaderBar {
    static func draw(_ state: MonitorState, in rect: Rect, buffer: inout Buffer, theme: Theme) {
        buffer.fill(rect, style: theme.header)
        var parts: [(String, Style)] = [
            (" Kinescope ", theme.headerAccent),
            (state.config.sourceName, theme.header),
            ("\(Format.rate(state.rate.rate(at: state.now))) ev/s", theme.headerAccent),
            ("\(Format.count(state.totalEvents)) events", theme.header),
            ("\(Format.count(state.sessions.activeCount)) active sessions", theme.header),
        ]
        if state.sessions.evicted > 0 {
            parts.append(("\(Format.count(state.sessions.evicted)) evicted", theme.header))
        }
        parts.append(("\(Format.count(state.totalErrors)) errors", state.totalErrors > 0 ? theme.headerWarning : theme.header))
        let status: String
        switch state.status {
        case .starting: status = "starting"
        case .running: status = state.ui.following ? "running" : "paused"
        case .ended: status = state.ui.following ? "ended" : "ended, paused"
        case .failed(let message): status = "failed: \(message)"
        }
        var statusText = "● " + status
        if !state.ui.following { statusText += " +\(Format.count(state.arrivedSincePause)) new" }
        let statusStyle: Style
        if case .failed = state.status { statusStyle = theme.headerWarning } else if !state.ui.following { statusStyle = theme.headerWarning } else { statusStyle = theme.headerAccent }
        parts.append((statusText, statusStyle))
        let clock = Format.clock(state.now) + " UTC "
        let clockWidth = DisplayWidth.of(clock)
        var x = rect.x
        let limit = rect.maxX - clockWidth - 1
        for (i, part) in parts.enumerated() {
            let separator = i == 0 ? "" : " │ "
            let needed = DisplayWidth.of(separator) + DisplayWidth.of(part.0)
            if x + needed > limit {
                if i > 1 { break }
            }
            x = buffer.put(separator, x: x, y: rect.y, style: theme.header, clip: Rect(x: rect.x, y: rect.y, width: limit - rect.x, height: 1))
            x = buffer.put(part.0, x: x, y: rect.y, style: part.1, clip: Rect(x: rect.x, y: rect.y, width: limit - rect.x, height: 1))
        }
        buffer.put(clock, x: rect.maxX - clockWidth, y: rect.y, style: theme.header)
    }
}
