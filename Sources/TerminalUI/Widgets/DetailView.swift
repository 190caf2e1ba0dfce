import EventDecoding
import MonitorCore

/// The full detail of one event: what it is, where it came from on the stream, how long each hop
/// took, then its JSON pretty-printed with colour. Scrolls; Esc returns to the panes.
public enum DetailView {
    struct Line {
        var segments: [(String, Style)]
    }

    /// The detail's content: a few fixed lines, then JSON values that are laid out only where they
    /// are seen. A 1,000,000-key event is counted (cheaply, without building strings) on each
    /// frame, and only the rows on screen are pretty-printed and coloured.
    struct Content {
        enum Piece {
            case line(Line)
            /// A JSON value pretty-printed as `JSONWriter.prettyLines` does, and its line count.
            case json(JSONValue, count: Int)
        }

        var pieces: [Piece] = []
        private(set) var count = 0

        mutating func append(_ line: Line) {
            pieces.append(.line(line))
            count += 1
        }

        mutating func append(json value: JSONValue) {
            let lines = DetailView.lineCount(value)
            pieces.append(.json(value, count: lines))
            count += lines
        }

        /// Lines `range` (clamped to the content), laid out and coloured.
        func lines(_ range: Range<Int>, theme: Theme) -> [Line] {
            let range = range.clamped(to: 0..<count)
            var out: [Line] = []
            var offset = 0
            for piece in pieces {
                if offset >= range.upperBound { break }
                switch piece {
                case .line(let line):
                    if range.contains(offset) { out.append(line) }
                    offset += 1
                case .json(let value, let lines):
                    let (low, high) = (max(0, range.lowerBound - offset), min(lines, range.upperBound - offset))
                    if low < high {
                        let local = low..<high
                        var texts: [String] = []
                        DetailView.prettyLines(value, indent: 0, prefix: "", suffix: "", range: local, into: &texts)
                        out += texts.map { DetailView.colour($0, theme: theme) }
                    }
                    offset += lines
                }
            }
            return out
        }
    }

    /// How many lines the JSON parts of detail views have pretty-printed, for tests that check the
    /// work a key costs (a count, not a time). Only the UI thread lays out.
    nonisolated(unsafe) static var jsonLinesLaidOut = 0

    static func content(_ stored: StoredEvent, theme: Theme) -> Content {
        let event = stored.event
        var out = Content()
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
        out.append(json: event.payload)
        if let embedded = event.embedded, !embedded.isEmpty {
            // Campaign and journey events carry the endpoint as a JSON string; shown parsed here.
            out.append(Line(segments: [("", theme.text)]))
            out.append(Line(segments: [("parsed from JSON strings in the event:", theme.dim)]))
            out.append(json: .object(embedded))
        }
        return out
    }

    /// Every line of the detail, laid out.
    static func lines(_ stored: StoredEvent, theme: Theme) -> [Line] {
        let content = content(stored, theme: theme)
        return content.lines(0..<content.count, theme: theme)
    }

    /// The number of lines `JSONWriter.prettyLines(value)` gives, without building them.
    static func lineCount(_ value: JSONValue) -> Int {
        if let index = LineIndex.of(value) { return index.last! + 2 }
        switch value {
        case .array(let items) where !items.isEmpty:
            var total = 2
            for item in items { total += lineCount(item) }
            return total
        case .object(let object) where !object.isEmpty:
            var total = 2
            for member in object.members { total += lineCount(member.value) }
            return total
        default:
            return 1
        }
    }

    /// Where each child of a big container starts, so that a key in the detail of a
    /// 1,000,000-key event neither counts the million again nor walks to the screen's first line:
    /// `starts[i]` is the number of lines of children `0..<i`. Kept for the few containers last
    /// asked about, keyed by their storage, which the entry retains (so the key cannot be reused).
    /// Used on the UI thread only.
    enum LineIndex {
        /// Containers with fewer children are counted each time: that is cheap.
        static let threshold = 1_024
        private struct Entry {
            var storage: UnsafeRawPointer
            var count: Int
            var retained: JSONValue
            var starts: [Int]
        }
        nonisolated(unsafe) private static var entries: [Entry] = []
        /// How many indexes were built (each is one pass over a big container's children).
        nonisolated(unsafe) static var built = 0

        static func of(_ value: JSONValue) -> [Int]? {
            let identity: (UnsafeRawPointer, Int)?
            switch value {
            case .array(let items) where items.count >= threshold:
                identity = items.withUnsafeBufferPointer { $0.baseAddress.map { (UnsafeRawPointer($0), items.count) } }
            case .object(let object) where object.members.count >= threshold:
                identity = object.members.withUnsafeBufferPointer { $0.baseAddress.map { (UnsafeRawPointer($0), object.members.count) } }
            default:
                return nil
            }
            guard let (storage, count) = identity else { return nil }
            if let hit = entries.firstIndex(where: { $0.storage == storage && $0.count == count }) {
                return entries[hit].starts
            }
            var starts = [0]
            starts.reserveCapacity(count + 1)
            switch value {
            case .array(let items): for item in items { starts.append(starts.last! + lineCount(item)) }
            case .object(let object): for member in object.members { starts.append(starts.last! + lineCount(member.value)) }
            default: return nil
            }
            built += 1
            entries.append(Entry(storage: storage, count: count, retained: value, starts: starts))
            if entries.count > 4 { entries.removeFirst() }
            return starts
        }
    }

    /// Lines `range` of `value` pretty-printed at `indent` exactly as `JSONWriter.prettyLines`
    /// lays them out, `prefix` (a member's key) before its first line and `suffix` (a comma) after
    /// its last. Children wholly outside `range` are only counted, never laid out.
    static func prettyLines(_ value: JSONValue, indent: Int, prefix: String, suffix: String, range: Range<Int>,
                            into out: inout [String]) {
        let pad = String(repeating: " ", count: indent * 2)
        let brackets: (open: String, close: String)
        let count: Int
        let child: (Int) -> JSONValue
        // Keys are escaped only for the children that are laid out.
        let key: (Int) -> String
        switch value {
        case .array(let items) where !items.isEmpty:
            brackets = ("[", "]")
            count = items.count
            child = { items[$0] }
            key = { _ in "" }
        case .object(let object) where !object.isEmpty:
            brackets = ("{", "}")
            count = object.members.count
            child = { object.members[$0].value }
            key = { index in
                var bytes: [UInt8] = []
                JSONWriter.writeString(object.members[index].key, into: &bytes)
                return String(decoding: bytes, as: UTF8.self) + ": "
            }
        default:
            if range.contains(0) {
                jsonLinesLaidOut += 1
                out.append(pad + prefix + JSONWriter.compact(value) + suffix)
            }
            return
        }
        // The opening line is line 0, each child takes its `lineCount` lines after it, and the
        // closing line comes last.
        if range.contains(0) {
            jsonLinesLaidOut += 1
            out.append(pad + prefix + brackets.open)
        }
        var offset = 1
        var index = 0
        if let starts = LineIndex.of(value), range.lowerBound > 1 {
            // The last child starting at or before the window's first line (binary search).
            var (low, high) = (0, count - 1)
            while low < high {
                let middle = (low + high + 1) / 2
                if 1 + starts[middle] <= range.lowerBound { low = middle } else { high = middle - 1 }
            }
            index = low
            offset = 1 + starts[low]
        }
        while index < count && offset < range.upperBound {
            let item = child(index)
            let lines = lineCount(item)
            let (low, high) = (max(0, range.lowerBound - offset), min(lines, range.upperBound - offset))
            if low < high {
                prettyLines(item, indent: indent + 1, prefix: key(index), suffix: index < count - 1 ? "," : "",
                            range: low..<high, into: &out)
            }
            offset += lines
            index += 1
        }
        if index == count && range.contains(offset) {
            jsonLinesLaidOut += 1
            out.append(pad + brackets.close + suffix)
        }
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
        let content = content(stored, theme: theme)
        let title = "Event #\(serial) · \(TypeCounters.label(for: stored.event))"
        let innerHeight = max(0, rect.height - 2)
        let maxScroll = max(0, content.count - innerHeight)
        let top = min(scroll, maxScroll)
        let position = content.count == 0 ? "" : "lines \(top + 1)–\(min(content.count, top + innerHeight)) of \(content.count)"
        let inner = Block(title: title, focused: true, rightTitle: position).draw(in: rect, buffer: &buffer, theme: theme)
        for (row, line) in content.lines(top..<top + max(0, inner.height), theme: theme).enumerated() {
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
        let count = state.event(serial: serial).map { content($0, theme: .dark).count } ?? 0
        let maxScroll = max(0, count - max(0, height - 4))
        if scroll > maxScroll { state.ui.overlay = .detail(serial: serial, scroll: maxScroll) }
    }
}
