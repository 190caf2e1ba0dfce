import EventDecoding

/// Totals and recent rate for one event type.
public struct TypeCounter: Sendable, Equatable {
    public var type: String
    public var family: EventFamily
    public var total: Int
    public var lastSeen: Double
    public var window: RateWindow

    public init(type: String, family: EventFamily) {
        self.type = type
        self.family = family
        total = 0
        lastSeen = 0
        window = RateWindow()
    }

    mutating func count(at receivedAt: Double) {
        total += 1
        lastSeen = max(lastSeen, receivedAt)
        window.add(1, at: receivedAt)
    }
}

/// How the event types pane is sorted; `s` cycles through them.
public enum TypeSort: String, Sendable, CaseIterable {
    case count, rate, name, recent

    public var next: TypeSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// Exact per-type counters. Types are few (tens), so a dictionary plus sorting on demand is enough.
public struct TypeCounters: Sendable {
    public private(set) var byType: [String: TypeCounter] = [:]
    public private(set) var byKind: [EventKind: Int] = [:]
    public private(set) var byShard: [String: Int] = [:]

    public init() {}

    /// The label an event is counted under: its type, or its kind when it has none.
    public static func label(for event: Event) -> String {
        if event.kind == .error { return "(error)" }
        return event.eventType ?? "(\(event.kind.rawValue))"
    }

    public mutating func record(_ event: Event, receivedAt: Double) {
        let label = Self.label(for: event)
        // Updated in place: copying a counter out and back would copy its rate window's buckets.
        if let index = byType.index(forKey: label) {
            byType.values[index].count(at: receivedAt)
        } else {
            var counter = TypeCounter(type: label, family: event.family)
            counter.count(at: receivedAt)
            byType[label] = counter
        }
        byKind[event.kind, default: 0] += 1
    }

    /// Records read per shard (not events: a KPL aggregate or a CloudWatch Logs batch is one record).
    public mutating func countRecords(byShard counts: [String: Int]) {
        for (shard, count) in counts { byShard[shard, default: 0] += count }
    }

    public func sorted(by sort: TypeSort, at time: Double) -> [TypeCounter] {
        let list = Array(byType.values)
        switch sort {
        case .count:
            return list.sorted { $0.total != $1.total ? $0.total > $1.total : $0.type < $1.type }
        case .name:
            return list.sorted { $0.type < $1.type }
        case .recent:
            return list.sorted { $0.lastSeen != $1.lastSeen ? $0.lastSeen > $1.lastSeen : $0.type < $1.type }
        case .rate:
            let rates = Dictionary(uniqueKeysWithValues: list.map { ($0.type, $0.window.rate(at: time)) })
            return list.sorted { a, b in
                let ra = rates[a.type]!, rb = rates[b.type]!
                return ra != rb ? ra > rb : (a.total != b.total ? a.total > b.total : a.type < b.type)
            }
        }
    }
}
