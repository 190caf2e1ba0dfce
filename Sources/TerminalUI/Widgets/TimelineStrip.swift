import EventDecoding
import MonitorCore

/// A session's events as marks along a shared time axis: `[` start, `]` stop, `|` pause,
/// `>` resume, `•` event, `×` error, with `─` between the first and last mark.
public enum TimelineStrip {
    public static func glyph(_ kind: TimelineMark.Kind) -> String {
        switch kind {
        case .start: return "["
        case .stop: return "]"
        case .pause: return "|"
        case .resume: return ">"
        case .event: return "•"
        case .error: return "×"
        }
    }

    /// Which mark wins a column when several fall in it.
    static func priority(_ kind: TimelineMark.Kind) -> Int {
        switch kind {
        case .error: return 6
        // A stop outranks the start in the same column, so a short finished session reads as one.
        case .stop: return 5
        case .start: return 4
        case .pause, .resume: return 3
        case .event: return 1
        }
    }

    public static func draw(_ marks: [TimelineMark], axis: ClosedRange<Double>, x: Int, y: Int, width: Int,
                            buffer: inout Buffer, theme: Theme, baseStyle: Style? = nil) {
        guard width > 0, axis.upperBound > axis.lowerBound else { return }
        let span = axis.upperBound - axis.lowerBound
        func column(_ t: Double) -> Int {
            min(width - 1, max(0, Int(((t - axis.lowerBound) / span * Double(width)).rounded(.down))))
        }
        var cells = [TimelineMark.Kind?](repeating: nil, count: width)
        var first = Int.max, last = Int.min
        for mark in marks where mark.time >= axis.lowerBound && mark.time <= axis.upperBound {
            let c = column(mark.time)
            first = min(first, c)
            last = max(last, c)
            if let existing = cells[c], priority(existing) >= priority(mark.kind) { continue }
            cells[c] = mark.kind
        }
        if first <= last, first + 1 < last {
            var spanStyle = theme.span
            if let baseStyle { spanStyle.bg = baseStyle.bg; spanStyle.reverse = baseStyle.reverse }
            buffer.put(String(repeating: "─", count: last - first - 1), x: x + first + 1, y: y, style: spanStyle)
        }
        for (c, kind) in cells.enumerated() {
            guard let kind else { continue }
            var style = theme.mark(kind)
            if let baseStyle { style.bg = baseStyle.bg; style.reverse = baseStyle.reverse }
            buffer.put(glyph(kind), x: x + c, y: y, style: style)
        }
    }
}
