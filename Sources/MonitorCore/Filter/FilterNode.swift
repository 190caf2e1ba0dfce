import EventDecoding

/// A parsed filter expression: terms under `!`, AND and OR.
indirect enum FilterNode: Sendable {
    /// A term and its text as written, kept for `outline`.
    case term(FilterTerm, text: String)
    case not(FilterNode)
    case and([FilterNode])
    case or([FilterNode])

    func matches(_ event: Event) -> Bool {
        switch self {
        case .term(let term, _):
            return term.matches(event)
        case .not(let node):
            return !node.matches(event)
        case .and(let nodes):
            for node in nodes where !node.matches(event) { return false }
            return true
        case .or(let nodes):
            for node in nodes where node.matches(event) { return true }
            return false
        }
    }

    /// The tree with its grouping made explicit, e.g. `((a AND b) OR !c)`; tests use it to check
    /// precedence, and it reads well in a debugger.
    var outline: String {
        switch self {
        case .term(_, let text): text
        case .not(let node): "!" + node.outline
        case .and(let nodes): "(" + nodes.map(\.outline).joined(separator: " AND ") + ")"
        case .or(let nodes): "(" + nodes.map(\.outline).joined(separator: " OR ") + ")"
        }
    }
}
