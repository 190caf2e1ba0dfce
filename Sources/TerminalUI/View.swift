import EventDecoding
import MonitorCore

/// Renders the whole screen for `state`. Pure: the same state and size give the same buffer.
public func view(_ state: MonitorState, width: Int, height: Int, theme: Theme = .dark) -> Buffer {
    var buffer = Buffer(width: width, height: height)
    if width < MainLayout.minimumWidth || height < MainLayout.minimumHeight {
        drawTooSmall(&buffer, theme: theme)
        return buffer
    }
    let layout = MainLayout(buffer.area)
    HeaderBar.draw(state, in: layout.header, buffer: &buffer, theme: theme)
    if state.ui.zoomed {
        let whole = Rect(x: 0, y: layout.header.maxY, width: width, height: layout.footer.y - layout.header.maxY)
        switch state.ui.focus {
        case .events: EventsPane.draw(state, in: whole, buffer: &buffer, theme: theme)
        case .types: TypesPane.draw(state, in: whole, buffer: &buffer, theme: theme)
        case .sessions: SessionsPane.draw(state, in: whole, buffer: &buffer, theme: theme)
        }
    } else {
        EventsPane.draw(state, in: layout.events, buffer: &buffer, theme: theme)
        TypesPane.draw(state, in: layout.types, buffer: &buffer, theme: theme)
        SessionsPane.draw(state, in: layout.sessions, buffer: &buffer, theme: theme)
    }
    FooterBar.draw(state, in: layout.footer, buffer: &buffer, theme: theme)
    switch state.ui.overlay {
    case .help?:
        HelpOverlay.draw(scroll: state.ui.helpScroll, in: buffer.area, buffer: &buffer, theme: theme)
    case .shards?:
        ShardsView.draw(state, in: Rect(x: 0, y: 1, width: width, height: height - 2), buffer: &buffer, theme: theme)
    case .detail(let serial, let scroll)?:
        let body = Rect(x: 0, y: 1, width: width, height: height - 2)
        DetailView.draw(state.event(serial: serial), serial: serial, scroll: scroll, in: body, buffer: &buffer, theme: theme)
    case .session(let id, let selection)?:
        SessionView.draw(state, id: id, selection: selection, in: Rect(x: 0, y: 1, width: width, height: height - 2),
                         buffer: &buffer, theme: theme)
    case .latency?:
        LatencyView.draw(state, in: Rect(x: 0, y: 1, width: width, height: height - 2), buffer: &buffer, theme: theme)
    case nil:
        break
    }
    return buffer
}

private func drawTooSmall(_ buffer: inout Buffer, theme: Theme) {
    let lines = ["terminal too small", "need \(MainLayout.minimumWidth)×\(MainLayout.minimumHeight)",
                 "have \(buffer.width)×\(buffer.height)", "q quits"]
    let top = max(0, (buffer.height - lines.count) / 2)
    for (i, line) in lines.enumerated() {
        let text = DisplayWidth.truncate(line, to: buffer.width)
        buffer.put(text, x: max(0, (buffer.width - DisplayWidth.of(text)) / 2), y: top + i,
                   style: i == 0 ? theme.title : theme.dim)
    }
}

/// Short forms used in tables.
enum Format {
    static func shortID(_ id: String?) -> String {
        guard let id, !id.isEmpty else { return "-" }
        return String(id.prefix(8))
    }

    static func count(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }

    static func rate(_ r: Double) -> String {
        if r == 0 { return "0" }
        if r < 10 { return String(format1(r)) }
        return String(Int(r.rounded()))
    }

    static func format1(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.down))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m\(String(format2(s % 60)))s" }
        return "\(s / 3600)h\(format2(s / 60 % 60))m"
    }

    static func format2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    static func clock(_ seconds: Double) -> String {
        String(Timestamp.timeOfDay(seconds).prefix(5))
    }
}
