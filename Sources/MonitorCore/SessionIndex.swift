import EventDecoding

/// The state of one session as its events say.
public enum SessionState: String, Sendable {
    case active, paused, stopped
}

/// A mark on a session's timeline strip.
public struct TimelineMark: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case start, stop, pause, resume, event, error }
    public var time: Double
    public var kind: Kind
}

/// What Kinescope knows of one session.
public struct SessionInfo: Sendable, Equatable {
    public var id: String
    public var clientId: String?
    public var platform: String?
    public var start: Double
    public var lastEventTime: Double
    /// When Kinescope last saw an event of it; orders the pane and picks whom to evict.
    public var lastActivity: Double
    public var eventCount: Int
    public var state: SessionState
    /// The most recent marks, oldest first, at most `SessionIndex.maxMarks`.
    public var marks: [TimelineMark]

    public var duration: Double { max(0, lastEventTime - start) }
}

/// Sessions by id, bounded: past `capacity` the least recently active are evicted (and counted).
///
/// Distinct session and client ids are counted exactly, by 64-bit hashes, so the totals stay right
/// after eviction while memory stays small.
public struct SessionIndex: Sendable {
    public static let maxMarks = 96
    public var capacity: Int
    public private(set) var sessions: [String: SessionInfo] = [:]
    public private(set) var evicted = 0
    private var seenSessions = Set<UInt64>()
    private var seenClients = Set<UInt64>()

    public init(capacity: Int = 5000) {
        self.capacity = max(1, capacity)
    }

    public var distinctSessions: Int { seenSessions.count }
    public var distinctClients: Int { seenClients.count }
    public var count: Int { sessions.count }

    public var activeCount: Int { sessions.values.reduce(0) { $0 + ($1.state == .stopped ? 0 : 1) } }

    public mutating func record(_ event: Event, receivedAt: Double) {
        if let client = event.clientId { seenClients.insert(StableHash.fnv1a(client)) }
        guard let id = event.sessionId else { return }
        seenSessions.insert(StableHash.fnv1a(id))
        let time = event.eventTime ?? receivedAt
        let kind = Self.markKind(event.eventType, isError: event.kind == .error)
        if var info = sessions[id] {
            info.eventCount += 1
            info.lastActivity = max(info.lastActivity, receivedAt)
            info.lastEventTime = max(info.lastEventTime, time)
            if let start = event.sessionStart { info.start = min(info.start, start) }
            info.start = min(info.start, time)
            if info.platform == nil { info.platform = event.platform }
            Self.insertMark(TimelineMark(time: time, kind: kind), into: &info.marks)
            info.state = Self.state(after: info.state, marks: info.marks, newest: kind)
            sessions[id] = info
        } else {
            let start = min(event.sessionStart ?? time, time)
            sessions[id] = SessionInfo(id: id, clientId: event.clientId, platform: event.platform, start: start,
                                       lastEventTime: time, lastActivity: receivedAt, eventCount: 1,
                                       state: kind == .stop ? .stopped : kind == .pause ? .paused : .active,
                                       marks: [TimelineMark(time: time, kind: kind)])
            if sessions.count > capacity + max(16, capacity / 10) { evict() }
        }
    }

    /// Most recently active first.
    public func ordered() -> [SessionInfo] {
        var list = Array(sessions.values)
        list.sort { a, b in
            a.lastActivity != b.lastActivity ? a.lastActivity > b.lastActivity : a.id < b.id
        }
        return list
    }

    /// Drops down to `capacity` in one pass; done in batches so each event costs O(1) amortised.
    private mutating func evict() {
        let keep = ordered().prefix(capacity)
        evicted += sessions.count - keep.count
        var kept: [String: SessionInfo] = [:]
        kept.reserveCapacity(capacity + capacity / 10 + 16)
        for info in keep { kept[info.id] = info }
        sessions = kept
    }

    static func markKind(_ type: String?, isError: Bool) -> TimelineMark.Kind {
        if isError { return .error }
        switch type {
        case "_session.start": return .start
        case "_session.stop": return .stop
        case "_session.pause": return .pause
        case "_session.resume": return .resume
        default: return .event
        }
    }

    /// The state the session's events say, by event time rather than delivery order: a stop is
    /// final, otherwise the latest mark decides (a pause pauses; anything later is activity).
    static func state(after previous: SessionState, marks: [TimelineMark], newest: TimelineMark.Kind) -> SessionState {
        if previous == .stopped || newest == .stop { return .stopped }
        return marks.last?.kind == .pause ? .paused : .active
    }

    /// Events can arrive out of order (arrival delays differ), so marks are kept sorted by time.
    static func insertMark(_ mark: TimelineMark, into marks: inout [TimelineMark]) {
        var index = marks.count
        while index > 0, marks[index - 1].time > mark.time { index -= 1 }
        marks.insert(mark, at: index)
        if marks.count > maxMarks { marks.removeFirst(marks.count - maxMarks) }
    }
}

/// A hash that is the same in every run (Swift's `Hasher` is seeded per process).
enum StableHash {
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
