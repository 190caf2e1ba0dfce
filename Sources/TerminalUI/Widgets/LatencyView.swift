import EventDecoding
import MonitorCore

/// Where the time goes (`L`): for the events in view, each hop's p50/p90/p99, maximum and share
/// of the time, how many events lack the hop or have it negative, and a histogram per hop on a
/// log scale. `L` or `Esc` closes it.
enum LatencyView {
    static func draw(_ state: MonitorState, in rect: Rect, buffer: inout Buffer, theme: Theme) {
        buffer.fill(rect)
        let stats = LatencyStats(state: state)
        let title = state.filter.isEmpty ? "Latency · \(Format.count(stats.events)) events in view"
            : "Latency · \(Format.count(stats.events)) of \(Format.count(state.recent.count)) kept events match the filter"
        let inner = Block(title: title, focused: true, rightTitle: "exact percentiles (nearest rank)")
            .draw(in: rect, buffer: &buffer, theme: theme)
        // No right margin: at 80 columns every figure's column fits only without it.
        let content = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 1, height: inner.height)
        guard content.width > 0, content.height > 0 else { return }

        let rows = stats.hops.map { row($0, share: stats.share(of: $0.hop), theme: theme) }
        let tableHeight = min(content.height, rows.count + 1)
        Table(columns: columns, rows: rows).draw(in: Rect(x: content.x, y: content.y, width: content.width, height: tableHeight),
                                                 buffer: &buffer, theme: theme)
        var y = content.y + tableHeight + 1
        if stats.events == 0, y < content.maxY {
            buffer.put("No events in view yet.", x: content.x, y: y, style: theme.dim, clip: content)
            return
        }

        // Bars up to four rows tall, with a row of counts under them, as the height allows.
        let notes = wrap(noteText, width: content.width - 1)
        let perHop = (content.maxY - y - 1 - notes.count - 1) / stats.hops.count
        let withCounts = perHop >= 2
        let barHeight = max(1, min(4, perHop - (withCounts ? 1 : 0)))
        y = drawHistograms(stats, barHeight: barHeight, withCounts: withCounts, y: y, in: content, buffer: &buffer, theme: theme)
        y += 1
        for note in notes where y < content.maxY {
            buffer.put(note, x: content.x, y: y, style: theme.dim, clip: content)
            y += 1
        }
    }

    static let noteText = "missing: events without one of the hop's two timestamps (file sources have no Kinesis arrival; "
        + "only Pinpoint events carry arrival_timestamp). negative: a later timestamp before an earlier one (clock skew), "
        + "kept in the percentiles and the <0 column rather than dropped."

    static let columns = [
        TableColumn("hop", width: 19), TableColumn("p50", width: 6, alignRight: true),
        TableColumn("p90", width: 6, alignRight: true), TableColumn("p99", width: 6, alignRight: true),
        TableColumn("max", width: 6, alignRight: true), TableColumn("share", width: 5, alignRight: true),
        TableColumn("events", width: 6, alignRight: true), TableColumn("missing", width: 7, alignRight: true),
        TableColumn("negative", width: 8, alignRight: true),
    ]

    static func row(_ hop: HopLatency, share: Double?, theme: Theme) -> [TableCell] {
        func value(_ seconds: Double?) -> TableCell {
            guard let seconds else { return TableCell("-", theme.dim) }
            return TableCell(duration(seconds), seconds < 0 ? theme.markPause : theme.text)
        }
        let name = hop.hop == .endToEnd ? "end to end" : hop.hop.label
        return [TableCell(name, hop.hop == .endToEnd ? theme.title : theme.text),
                value(hop.p50), value(hop.p90), value(hop.p99), value(hop.max),
                TableCell(share.map { "\(Int(($0 * 100).rounded()))%" } ?? "", theme.text),
                TableCell(Format.count(hop.count), theme.text),
                TableCell(Format.count(hop.missing), hop.missing > 0 ? theme.markPause : theme.dim),
                TableCell(Format.count(hop.negative), hop.negative > 0 ? theme.markPause : theme.dim)]
    }

    /// Per hop, a bar per bucket, each the height of its count against the hop's busiest bucket
    /// (so each hop's shape shows, whatever its volume), with the bucket labels above and, when
    /// there is room, the counts below each bar. Returns the row after the last one drawn.
    @discardableResult
    static func drawHistograms(_ stats: LatencyStats, barHeight: Int, withCounts: Bool, y top: Int, in content: Rect,
                               buffer: inout Buffer, theme: Theme) -> Int {
        let labelWidth = 20
        let buckets = LatencyStats.bucketLabels.count
        let bucketWidth = max(2, min(10, (content.width - labelWidth) / buckets))
        var y = top
        guard y < content.maxY else { return y }
        buffer.put("distribution", x: content.x, y: y, style: theme.columnHeader, clip: content)
        for (i, label) in LatencyStats.bucketLabels.enumerated() {
            buffer.put(DisplayWidth.truncate(label, to: bucketWidth - 1), x: content.x + labelWidth + i * bucketWidth, y: y,
                       style: theme.columnHeader, clip: content)
        }
        y += 1
        for hop in stats.hops where y < content.maxY {
            let name = hop.hop == .endToEnd ? "end to end" : hop.hop.label
            buffer.put(name, x: content.x, y: y + barHeight - 1, style: hop.hop == .endToEnd ? theme.title : theme.text, clip: content)
            for (i, count) in hop.histogram.enumerated() {
                let column = bar(count, of: hop.histogram.max() ?? 0, height: barHeight)
                for (row, symbol) in column.enumerated() where symbol != " " {
                    // Negative hops are clock skew: their bar stands out from the others.
                    buffer.put(String(repeating: symbol, count: bucketWidth - 1), x: content.x + labelWidth + i * bucketWidth,
                               y: y + row, style: i == 0 ? theme.markPause : theme.sparkline, clip: content)
                }
            }
            y += barHeight
            if withCounts, y < content.maxY {
                for (i, count) in hop.histogram.enumerated() where count > 0 {
                    buffer.put(DisplayWidth.truncate(Format.count(count), to: bucketWidth - 1),
                               x: content.x + labelWidth + i * bucketWidth, y: y, style: theme.dim, clip: content)
                }
                y += 1
            }
        }
        return y
    }

    /// A vertical bar `height` rows tall, top row first, in eighths of a row as `Sparkline` draws
    /// them: zero is blank and any other count shows at least the lowest eighth.
    static func bar(_ count: Int, of top: Int, height: Int) -> [Character] {
        guard count > 0, top > 0, height > 0 else { return Array(repeating: " ", count: max(0, height)) }
        let eighths = max(1, Int((Double(count) / Double(top) * Double(height * 8)).rounded(.up)))
        return (0..<height).reversed().map { row in
            let filled = min(8, max(0, eighths - row * 8))
            return filled == 0 ? " " : Sparkline.levels[filled - 1]
        }
    }

    /// Latency for a narrow column: milliseconds under a second (hops inside AWS are that
    /// short), tenths of seconds under 100 s, then minutes and hours.
    static func duration(_ seconds: Double) -> String {
        let sign = seconds < 0 ? "-" : ""
        let v = abs(seconds)
        if v < 1 { return "\(sign)\(Int((v * 1000).rounded(.down)))ms" }
        if v < 100 { return "\(sign)\(Format.format1(v))s" }
        return sign + Format.duration(v)
    }

    /// Words of `text` in lines at most `width` columns wide.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if DisplayWidth.of(candidate) <= width || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
