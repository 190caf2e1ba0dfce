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

    mutating func add(time: Double, kind: TimelineMark.Kind, sessionStart: Double?, platform: String?, receivedAt: Double) {
        eventCount += 1
        lastActivity = max(lastActivity, receivedAt)
        lastEventTime = max(lastEventTime, time)
        if let sessionStart { start = min(start, sessionStart) }
        start = min(start, time)
        if self.platform == nil { self.platform = platform }
        SessionIndex.insertMark(TimelineMark(time: time, kind: kind), into: &marks)
        state = SessionIndex.state(after: state, marks: marks, newest: kind)
    }
}

/// Sessions by id, bounded: past `capacity` the least recently active are evicted (and counted).
///
/// Distinct session and client ids are counted by 64-bit hashes, so the totals stay right after
/// eviction: exactly up to `DistinctCounter.defaultExactLimit` ids each, then approximately (about
/// 0.8 % error) so that memory stays flat on a long stream; `distinctSessionsApproximate` and
/// `distinctClientsApproximate` say when that happened.
public struct SessionIndex: Sendable {
    public static let maxMarks = 96
    public var capacity: Int
    public private(set) var sessions: [String: SessionInfo] = [:]
    public private(set) var evicted = 0
    private var seenSessions: DistinctCounter
    private var seenClients: DistinctCounter

    /// `exactDistinctLimit` is for tests: how many distinct ids of each kind are counted exactly.
    public init(capacity: Int = 5000, exactDistinctLimit: Int = DistinctCounter.defaultExactLimit) {
        self.capacity = max(1, capacity)
        seenSessions = DistinctCounter(exactLimit: exactDistinctLimit)
        seenClients = DistinctCounter(exactLimit: exactDistinctLimit)
    }

    /// Eviction waits until the index is this much over `capacity` (a tenth, at least 16), so
    /// each eviction pays for many insertions. Saturates instead of trapping on a huge capacity.
    var evictionThreshold: Int {
        let (sum, overflow) = capacity.addingReportingOverflow(max(16, capacity / 10))
        return overflow ? Int.max : sum
    }

    public var distinctSessions: Int { seenSessions.count }
    public var distinctClients: Int { seenClients.count }
    /// True once `distinctSessions` is an estimate (more distinct ids than are counted exactly).
    public var distinctSessionsApproximate: Bool { seenSessions.isApproximate }
    /// True once `distinctClients` is an estimate.
    public var distinctClientsApproximate: Bool { seenClients.isApproximate }
    public var count: Int { sessions.count }

    public var activeCount: Int { sessions.values.reduce(0) { $0 + ($1.state == .stopped ? 0 : 1) } }

    public mutating func record(_ event: Event, receivedAt: Double) {
        if let client = event.clientId { seenClients.insert(StableHash.fnv1a(client)) }
        guard let id = event.sessionId else { return }
        seenSessions.insert(StableHash.fnv1a(id))
        let time = event.eventTime ?? receivedAt
        let kind = Self.markKind(event.eventType, isError: event.kind == .error)
        if let index = sessions.index(forKey: id) {
            // Updated in place: copying the session out and back would copy its marks every event.
            sessions.values[index].add(time: time, kind: kind, sessionStart: event.sessionStart,
                                       platform: event.platform, receivedAt: receivedAt)
        } else {
            let start = min(event.sessionStart ?? time, time)
            sessions[id] = SessionInfo(id: id, clientId: event.clientId, platform: event.platform, start: start,
                                       lastEventTime: time, lastActivity: receivedAt, eventCount: 1,
                                       state: kind == .stop ? .stopped : kind == .pause ? .paused : .active,
                                       marks: [TimelineMark(time: time, kind: kind)])
            if sessions.count > evictionThreshold { evict() }
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

    /// The first `count` sessions of `ordered()` (fewer if fewer are kept), in the same order.
    ///
    /// The sessions pane shows a few dozen rows of up to `capacity` (5,000) sessions each frame;
    /// copying and sorting them all was half of a frame. This keeps only the best `count` while
    /// walking the sessions once, so the cost is about one comparison per session.
    public func ordered(prefix count: Int) -> [SessionInfo] {
        let wanted = min(max(0, count), sessions.count)
        guard wanted > 0 else { return [] }
        // Insertion into the kept list costs O(wanted); past this a full sort is as cheap.
        guard wanted <= Self.selectionLimit else { return Array(ordered().prefix(wanted)) }
        typealias Candidate = (activity: Double, index: Dictionary<String, SessionInfo>.Index)
        // Best first, so the one to beat is the last; ids are unique, so the order is total.
        func precedes(_ a: Candidate, _ b: Candidate) -> Bool {
            a.activity != b.activity ? a.activity > b.activity : sessions.keys[a.index] < sessions.keys[b.index]
        }
        var kept: [Candidate] = []
        kept.reserveCapacity(wanted + 1)
        var index = sessions.startIndex
        while index != sessions.endIndex {
            let candidate = (activity: sessions.values[index].lastActivity, index: index)
            sessions.formIndex(after: &index)
            if kept.count == wanted && !precedes(candidate, kept[wanted - 1]) { continue }
            var slot = kept.count
            while slot > 0 && precedes(candidate, kept[slot - 1]) { slot -= 1 }
            kept.insert(candidate, at: slot)
            if kept.count > wanted { kept.removeLast() }
        }
        return kept.map { sessions.values[$0.index] }
    }

    /// Above this many rows `ordered(prefix:)` sorts everything instead of selecting.
    static let selectionLimit = 512

    /// The earliest start of any kept session (the sessions pane's time axis reaches back to it),
    /// without copying the sessions.
    public var oldestStart: Double? {
        var oldest: Double?
        for info in sessions.values where oldest.map({ info.start < $0 }) ?? true { oldest = info.start }
        return oldest
    }

    /// Drops down to `capacity` in one pass; done in batches so each event costs O(1) amortised.
    ///
    /// Keeps exactly the first `capacity` sessions of `ordered()`, but finds them by sorting only
    /// the activity times (and the ids of sessions tied at the cut), then removes the rest in
    /// place: sorting and copying every session each time was a visible share of `stats`.
    private mutating func evict() {
        guard sessions.count > capacity else { return }
        var times = sessions.values.map(\.lastActivity)
        times.sort(by: >)
        let cut = times[capacity - 1]
        // Sessions more recent than the cut all stay; those at the cut stay in id order while room is left.
        var room = capacity
        for time in times.prefix(capacity) where time > cut { room -= 1 }
        var doomed: [String] = []
        var tied: [String] = []
        for (id, info) in sessions {
            if info.lastActivity > cut { continue }
            if info.lastActivity == cut { tied.append(id) } else { doomed.append(id) }
        }
        if tied.count > room {
            tied.sort()
            doomed += tied[room...]
        }
        for id in doomed { sessions.removeValue(forKey: id) }
        evicted += doomed.count
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
        // Native strings hand out their UTF-8 bytes directly, which is several times faster to
        // walk than the view's iterator; bridged or lazy strings take the iterator.
        if let hash = text.utf8.withContiguousStorageIfAvailable({ fnv1a($0) }) { return hash }
        var hash = offsetBasis
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= prime
        }
        return hash
    }

    static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = offsetBasis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= prime
        }
        return hash
    }

    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01B3
}
