import EventDecoding

/// Which way `n` and `N` look from the selection.
enum SearchDirection: Sendable {
    case forward, backward
}

/// Where a search landed: the event, and whether it went past the end (or start) to get there.
struct SearchHit: Sendable, Equatable {
    var serial: Int
    var wrapped: Bool
}

extension MonitorState {
    /// The nearest visible event matching `search` from `serial` in `direction`, wrapping around
    /// once (as less and vim do); `serial` itself counts only when `including`. Linear in the
    /// events kept, which is fine for a key press (10,000 kept events take well under a millisecond).
    func findMatch(_ search: EventFilter, from serial: Int, direction: SearchDirection, including: Bool) -> SearchHit? {
        let count = visibleCount
        guard count > 0 else { return nil }
        let index = visibleIndex(ofSerial: serial)
        let isVisible = visibleSerial(at: index) == serial
        let begin: Int
        switch direction {
        case .forward: begin = isVisible && !including ? index + 1 : index
        case .backward: begin = isVisible && including ? index : index - 1
        }
        for step in 0..<count {
            let raw = direction == .forward ? begin + step : begin - step
            let position = (raw % count + count) % count
            guard let candidate = visibleSerial(at: position), let stored = event(serial: candidate) else { continue }
            if search.matches(stored.event) {
                return SearchHit(serial: candidate, wrapped: raw >= count || raw < 0)
            }
        }
        return nil
    }
}

extension EventFilter {
    /// The words and quoted phrases of the expression that are not negated, lowercased: what the
    /// events pane highlights inside matching rows. Field terms (`type:`, `attr.`…) match whole
    /// fields, so there is no substring to mark; their rows get only the match marker.
    public var highlightedTexts: [String] {
        var out: [String] = []
        func collect(_ node: FilterNode) {
            switch node {
            case .term(.text(let needle, _), _): if !needle.isEmpty, !out.contains(needle.text) { out.append(needle.text) }
            case .term: break
            case .not: break
            case .and(let nodes), .or(let nodes): nodes.forEach(collect)
            }
        }
        if let root { collect(root) }
        return out
    }
}
