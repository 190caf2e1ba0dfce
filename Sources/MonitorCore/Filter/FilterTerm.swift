import EventDecoding

/// A key inside an event's `attributes` or `metrics` object, written dotted in a filter.
///
/// Pinpoint attribute keys are flat but may contain dots themselves, so the whole name is tried
/// as one key first and only then as a path into nested objects.
struct FilterPath: Sendable, Equatable {
    let name: String
    let components: [String]

    init(_ name: String) {
        self.name = name
        components = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    func lookup(in container: JSONValue?) -> JSONValue? {
        guard case .object(let object)? = container else { return nil }
        if let value = object[name] { return value }
        guard components.count > 1 else { return nil }
        var current: JSONValue? = container
        for component in components {
            current = current?[component]
            if current == nil { return nil }
        }
        return current
    }
}

/// How `metric.NAME` compares with the number after it.
enum FilterComparison: String, Sendable, Equatable {
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "=", notEqual = "!="

    func holds(_ left: Double, _ right: Double) -> Bool {
        switch self {
        case .less: left < right
        case .lessOrEqual: left <= right
        case .greater: left > right
        case .greaterOrEqual: left >= right
        case .equal: left == right
        case .notEqual: left != right
        }
    }
}

/// One leaf of a filter, with everything it needs prepared at parse time.
enum FilterTerm: Sendable {
    /// `type:GLOB`; `kindLabels` holds the kinds whose `(kind)` label the glob matches, for events
    /// without a type and for errors.
    case type(FilterGlob, kindLabels: FilterKindSet)
    case kind(FilterKindSet)
    case platform(FilterNeedle)
    case session(FilterNeedle)
    case client(FilterNeedle)
    case shard(FilterShard)
    case attributeEquals(FilterPath, String)
    case attributeMatches(FilterPath, FilterRegex)
    case metric(FilterPath, FilterComparison, Double)
    case error
    /// A bare word or quoted phrase; `kindLabels` as for `type`.
    case text(FilterNeedle, kindLabels: FilterKindSet)

    func matches(_ event: Event) -> Bool {
        switch self {
        case .type(let glob, let kindLabels):
            // Same rule as TypeCounters.label(for:): errors and untyped events go by their kind.
            guard event.kind != .error, let type = event.eventType else { return kindLabels.contains(event.kind) }
            return glob.matches(type)
        case .kind(let kinds):
            return kinds.contains(event.kind)
        case .platform(let needle):
            guard let platform = event.platform else { return false }
            return needle.isPrefix(of: platform)
        case .session(let needle):
            guard let session = event.sessionId else { return false }
            return needle.isPrefix(of: session)
        case .client(let needle):
            guard let client = event.clientId else { return false }
            return needle.isPrefix(of: client)
        case .shard(let shard):
            guard let id = event.record.shard else { return false }
            return shard.matches(id)
        case .attributeEquals(let path, let expected):
            return path.lookup(in: event.payload["attributes"])?.scalarText == expected
        case .attributeMatches(let path, let regex):
            guard let text = path.lookup(in: event.payload["attributes"])?.scalarText else { return false }
            return regex.occurs(in: text)
        case .metric(let path, let comparison, let number):
            guard let value = path.lookup(in: event.payload["metrics"])?.double else { return false }
            return comparison.holds(value, number)
        case .error:
            return event.kind == .error
        case .text(let needle, let kindLabels):
            // The display text is searched field by field rather than joined, which would cost an
            // allocation per event; a phrase spanning two fields does not match.
            if event.kind != .error, let type = event.eventType {
                if needle.occurs(in: type) { return true }
            } else if kindLabels.contains(event.kind) {
                return true
            }
            if needle.occurs(in: event.summary) { return true }
            if let platform = event.platform, needle.occurs(in: platform) { return true }
            if let session = event.sessionId, needle.occurs(in: session) { return true }
            if let client = event.clientId, needle.occurs(in: client) { return true }
            return false
        }
    }
}
