import EventDecoding
import MonitorCore

/// The full detail of one event: what it is, where it came from on the stream, how long each hop
/// took, then its JSON pretty-printed with colour. Scrolls; Esc returns to the panes.
enum DetailView {
    struct Line {
        var segments: [(String, Style)]
    }

    static func lines(_ stored: StoredEvent, theme: Theme) -> [Line] {
        let event = stored.event
        var out: [Line] = []
        func field(_ name: String, _ value: String?) {
            guard let value else { return }
            out.append(Line(segments: [(DisplayWidth.fit(name, to: 14), theme.dim), (value, theme.text)]))
        }
        field("kind", event.kind.rawValue)
        field("type", event.eventType)
        field("event time", event.eventTime.map(Timestamp.iso8601))
        field("session", event.sessionId)
        field("client", event.clientId)
        field("platform", event.platform)
        field("shard", event.record.shard)
        field("sequence", event.record.sequence)
        field("sub-sequence", event.record.subSequence.map { "\($0) (KPL user record)" })
        field("partition key", event.record.partitionKey)
        field("hash key", event.record.explicitHashKey)
        field("arrival", event.record.arrival.map(Timestamp.iso8601))
        field("received", Timestamp.iso8601(stored.receivedAt))
        if !event.envelopes.isEmpty { field("envelopes", event.envelopes.joined(separator: " → ")) }
        for (index, hop) in latency(stored).enumerated() { field(index == 0 ? "latency" : "", hop) }
        if let error = event.error { out.append(Line(segments: [(DisplayWidth.fit("error", to: 14), theme.dim), (error, theme.family(.error))])) }
        out.append(Line(segments: [("", theme.text)]))
        if event.kind == .error, let raw = event.raw {
            out.append(Line(segments: [("raw bytes (\(raw.count)), base64:", theme.dim)]))
            let encoded = Base64.encode(Array(raw.prefix(64 * 1024)))
            var index = encoded.startIndex
            while index < encoded.endIndex {
                let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
                out.append(Line(segments: [(String(encoded[index..<end]), theme.text)]))
                index = end
            }
            return out
        }
        for text in JSONWriter.prettyLines(event.payload) {
            out.append(colour(text, theme: theme))
        }
        if let embedded = event.embedded, !embedded.isEmpty {
            // Campaign and journey events carry the endpoint as a JSON string; shown parsed here.
            out.append(Line(segments: [("", theme.text)]))
            out.append(Line(segments: [("parsed from JSON strings in the event:", theme.dim)]))
            for text in JSONWriter.prettyLines(.object(embedded)) {
                out.append(colour(text, theme: theme))
            }
        }
        return out
    }

    /// Each known hop and its time: client → Pinpoint (`arrival_timestamp − event_timestamp`),
    /// Pinpoint → Kinesis (`ApproximateArrivalTimestamp − arrival_timestamp`), Kinesis → Kinescope,
    /// as `LatencyHop` defines them for the latency view too.
    static func latency(_ stored: StoredEvent) -> [String] {
        LatencyHop.stages.compactMap { hop in hop.seconds(stored).map { "\(seconds($0)) \(hop.label)" } }
    }

    static func seconds(_ s: Double) -> String {
        let sign = s < 0 ? "-" : ""
        let v = abs(s)
        return v < 100 ? "\(sign)\(Format.format1(v))s" : "\(sign)\(Format.duration(v))"
    }

    /// Colours one pretty-printed JSON line: keys, strings, numbers and literals.
    static func colour(_ text: String, theme: Theme) -> Line {
        var segments: [(String, Style)] = []
        let chars = Array(text)
        var i = 0
        var pending = ""
        func flush(_ style: Style) {
            if !pending.isEmpty { segments.append((pending, style)); pending = "" }
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\"" {
                flush(theme.text)
                var j = i + 1
                while j < chars.count, chars[j] != "\"" { j += chars[j] == "\\" ? 2 : 1 }
                let end = min(j + 1, chars.count)
                let token = String(chars[i..<end])
                let isKey = end < chars.count && chars[end] == ":"
                segments.append((token, isKey ? theme.jsonKey : theme.jsonString))
                i = end
            } else if c == "-" || c.isNumber {
                flush(theme.text)
                var j = i
                while j < chars.count, "-+.eE0123456789".contains(chars[j]) { j += 1 }
                segments.append((String(chars[i..<j]), theme.jsonNumber))
                i = j
            } else if c.isLetter {
                flush(theme.text)
                var j = i
                while j < chars.count, chars[j].isLetter { j += 1 }
                segments.append((String(chars[i..<j]), theme.jsonLiteral))
                i = j
            } else {
                pending.append(c)
                i += 1
            }
        }
        flush(theme.text)
        return Line(segments: segments)
    }

    static func draw(_ stored: StoredEvent?, serial: Int, scroll: Int, in rect: Rect, buffer: inout Buffer, theme: Theme) {
        buffer.fill(rect)
        guard let stored else {
            let inner = Block(title: "Event #\(serial)", focused: true).draw(in: rect, buffer: &buffer, theme: theme)
            buffer.put("This event is no longer kept (older than the retained window).", x: inner.x + 1, y: inner.y,
                       style: theme.dim, clip: inner)
            return
        }
        let content = lines(stored, theme: theme)
        let title = "Event #\(serial) · \(TypeCounters.label(for: stored.event))"
        let innerHeight = max(0, rect.height - 2)
        let maxScroll = max(0, content.count - innerHeight)
        let top = min(scroll, maxScroll)
        let position = content.isEmpty ? "" : "lines \(top + 1)–\(min(content.count, top + innerHeight)) of \(content.count)"
        let inner = Block(title: title, focused: true, rightTitle: position).draw(in: rect, buffer: &buffer, theme: theme)
        for (row, line) in content.dropFirst(top).prefix(inner.height).enumerated() {
            var x = inner.x + 1
            for (text, style) in line.segments {
                let room = inner.maxX - x
                if room <= 0 { break }
                // Long values end in "…" rather than being cut silently at the border.
                x = buffer.put(DisplayWidth.truncate(text, to: room), x: x, y: inner.y + row, style: style, clip: inner)
            }
        }
    }
}

extension DetailView {
    /// Keeps the detail view's scroll within its content, so `k` after `G` moves at once.
    public static func clampScroll(_ state: inout MonitorState, height: Int) {
        guard case .detail(let serial, let scroll)? = state.ui.overlay else { return }
        let count = state.event(serial: serial).map { lines($0, theme: .dark).count } ?? 0
        let maxScroll = max(0, count - max(0, height - 4))
        if scroll > maxScroll { state.ui.overlay = .detail(serial: serial, scroll: maxScroll) }
    }
}
