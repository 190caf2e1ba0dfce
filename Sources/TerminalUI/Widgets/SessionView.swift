import EventDecoding
import MonitorCore

/// One session, full width (`Enter` on the sessions pane): the client and device it came from,
/// its timeline on its own axis, then every retained event in event-time order with the gap
/// before it, the time since the session started and the spans a pause, resume or stop closes.
/// `Enter` opens the selected event's detail; `Esc` returns to the panes.
enum SessionView {
    /// Lines above the event table; `sessionViewPageSize` in MonitorCore counts on them.
    static let summaryLines = 5

    static func draw(_ state: MonitorState, id: String, selection: Int, in rect: Rect, buffer: inout Buffer, theme: Theme) {
        buffer.fill(rect)
        let timeline = SessionTimeline(id: id, in: state)
        let entries = timeline.entries
        let selected = entries.isEmpty ? nil : min(max(0, selection), entries.count - 1)
        var title = "Session \(id)"
        if let platform = timeline.info?.platform ?? entries.first?.stored.event.platform { title += " · \(platform)" }
        if let info = timeline.info { title += " · \(info.state.rawValue)" }
        let position = selected.map { "event \($0 + 1) of \(entries.count)" }
        // Sanitized before measuring: an escape shown as "\u202e" is wider than the character.
        let inner = Block(title: Sanitizer.visible(title), focused: true, rightTitle: position).draw(in: rect, buffer: &buffer, theme: theme)
        let content = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        guard content.width > 0, content.height > 0 else { return }

        func line(_ row: Int, _ segments: [(String, Style)]) {
            var x = content.x
            for (text, style) in segments where x < content.maxX {
                x = buffer.put(DisplayWidth.truncate(Sanitizer.visible(text), to: content.maxX - x), x: x, y: content.y + row, style: style, clip: content)
            }
        }
        let first = entries.first?.stored.event
        let client = timeline.info?.clientId ?? entries.lazy.compactMap(\.stored.event.clientId).first
        var who: [(String, Style)] = [("client ", theme.dim), (client ?? "-", theme.text)]
        if let device = entries.lazy.compactMap({ device(of: $0.stored.event) }).first {
            who += [("   device ", theme.dim), (device, theme.text)]
        } else if let platform = first?.platform {
            who += [("   platform ", theme.dim), (platform, theme.text)]
        }
        line(0, who)

        let start = timeline.info?.start ?? entries.first?.time
        let last = max(timeline.info?.lastEventTime ?? -.infinity, entries.last?.time ?? -.infinity)
        var when: [(String, Style)] = []
        if let start, last.isFinite {
            when = [("started ", theme.dim), (Timestamp.timeOfDay(start), theme.text),
                    ("   last event ", theme.dim), (Timestamp.timeOfDay(last), theme.text),
                    ("   duration ", theme.dim), (Format.duration(max(0, last - start)), theme.text)]
        }
        if timeline.pauses > 0 {
            let paused = "\(DetailView.seconds(timeline.pausedSeconds)) in \(timeline.pauses) pause\(timeline.pauses == 1 ? "" : "s")"
            when += [("   paused ", theme.dim), (paused, theme.markPause)]
        }
        line(1, when)

        let filtered = state.filter.isEmpty ? "" : " matching the filter"
        let count: String
        if entries.isEmpty {
            count = state.filter.isEmpty ? "none of its events is retained any more (older than the retained window)"
                : "none of its retained events match the filter"
        } else if timeline.retainedAll {
            count = "\(Format.count(entries.count)) event\(entries.count == 1 ? "" : "s")\(filtered)"
        } else {
            count = "showing \(Format.count(entries.count)) of \(Format.count(timeline.totalEvents)) events\(filtered) (older ones no longer retained)"
        }
        line(2, [(count, timeline.retainedAll ? theme.dim : theme.markPause)])
        guard let firstEntry = entries.first, let lastEntry = entries.last else { return }

        // The session's own axis, so its whole retained life spans the width.
        let lower = firstEntry.time, upper = max(lastEntry.time, firstEntry.time + 1)
        drawStrip(timeline, axis: lower...upper, selected: selected, y: content.y + 3, in: content, buffer: &buffer, theme: theme)

        let tableRect = Rect(x: content.x, y: content.y + summaryLines, width: content.width,
                             height: content.height - summaryLines)
        guard tableRect.height > 1 else { return }
        let columns = columns(width: content.width)
        let window = Table(columns: columns, rows: Array(repeating: [], count: entries.count), selected: selected)
            .visibleRange(height: tableRect.height - 1)
        let rows = window.map { row(entries[$0], index: $0, columns: columns, theme: theme) }
        Table(columns: columns, rows: rows, selected: selected.map { $0 - window.lowerBound })
            .draw(in: tableRect, buffer: &buffer, theme: theme)
    }

    /// The strip and, below it, the axis' ends and a `↑` under the selected event; paused spans
    /// are dotted so they read without colour (and in ASCII, where `─` becomes `-`) too.
    static func drawStrip(_ timeline: SessionTimeline, axis: ClosedRange<Double>, selected: Int?, y: Int, in content: Rect,
                          buffer: inout Buffer, theme: Theme) {
        let width = content.width
        let span = axis.upperBound - axis.lowerBound
        // As TimelineStrip places marks, so the dots and the caret line up with them.
        func column(_ t: Double) -> Int {
            min(width - 1, max(0, Int(((t - axis.lowerBound) / span * Double(width)).rounded(.down))))
        }
        TimelineStrip.draw(timeline.marks, axis: axis, x: content.x, y: y, width: width, buffer: &buffer, theme: theme)
        var pausedAt: Double?
        for entry in timeline.entries {
            if entry.mark == .pause { pausedAt = entry.time }
            if entry.mark == .resume, let from = pausedAt {
                let a = column(from) + 1, b = column(entry.time)
                if a < b { buffer.put(String(repeating: ".", count: b - a), x: content.x + a, y: y, style: theme.markPause, clip: content) }
                pausedAt = nil
            }
        }
        // The axis' ends as times, each left out where the caret would cut into it.
        let caret = selected.map { column(timeline.entries[$0].time) }
        let left = Timestamp.timeOfDay(axis.lowerBound)
        let right = Timestamp.timeOfDay(timeline.entries.last?.time ?? axis.upperBound)
        let leftEnd = DisplayWidth.of(left), rightStart = width - DisplayWidth.of(right)
        if caret.map({ $0 > leftEnd }) ?? true {
            buffer.put(left, x: content.x, y: y + 1, style: theme.dim, clip: content)
        }
        if rightStart > leftEnd + 1, caret.map({ $0 < rightStart - 1 }) ?? true {
            buffer.put(right, x: content.x + rightStart, y: y + 1, style: theme.dim, clip: content)
        }
        if let caret {
            buffer.put("↑", x: content.x + caret, y: y + 1, style: theme.titleFocused, clip: content)
        }
    }

    static func columns(width: Int) -> [TableColumn] {
        [TableColumn("#", width: 4, alignRight: true), TableColumn("time", width: 8),
         TableColumn("gap", width: 7, alignRight: true), TableColumn("elapsed", width: 7, alignRight: true),
         TableColumn("type", width: width >= 100 ? 22 : 16), TableColumn("span", width: 13),
         TableColumn("attributes", width: 0)]
    }

    static func row(_ entry: SessionTimeline.Entry, index: Int, columns: [TableColumn], theme: Theme) -> [TableCell] {
        let event = entry.stored.event
        let gap = entry.gap.map { "+" + DetailView.seconds($0) } ?? ""
        let span: TableCell
        switch entry.span {
        case .activeFor(let s)?: span = TableCell("active \(DetailView.seconds(s))", theme.state(.active))
        case .pausedFor(let s)?: span = TableCell("paused \(DetailView.seconds(s))", theme.markPause)
        case .lasted(let s)?: span = TableCell("lasted \(DetailView.seconds(s))", theme.markStop)
        case nil: span = TableCell("")
        }
        // A minute or more of silence inside a session is worth noticing.
        let gapStyle = (entry.gap ?? 0) >= 60 ? theme.markPause : theme.text
        return [TableCell(String(index + 1), theme.dim), TableCell(Timestamp.timeOfDay(entry.time), theme.dim),
                TableCell(gap, gapStyle), TableCell(DetailView.seconds(entry.elapsed), theme.text),
                TableCell(Sanitizer.visible(TypeCounters.label(for: event)), theme.family(event.family)), span,
                TableCell(Sanitizer.visible(event.summary), event.kind == .error ? theme.family(.error) : theme.text)]
    }

    /// "Apple iPhone · iOS 17.4.1 · Kinescope Shop 4.12.0" from a Pinpoint event's `device` and
    /// `application`; nil when it has none of them (Amplify and other events carry only a platform).
    static func device(of event: Event) -> String? {
        func text(_ path: String) -> String? {
            guard let value = event.payload.value(atPath: path)?.string, !value.isEmpty else { return nil }
            return value
        }
        func join(_ parts: [String?]) -> String? {
            let present = parts.compactMap { $0 }
            return present.isEmpty ? nil : present.joined(separator: " ")
        }
        let parts = [join([text("device.make"), text("device.model")]),
                     join([text("device.platform.name"), text("device.platform.version")]),
                     join([text("application.title"), text("application.version_name")])].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}
