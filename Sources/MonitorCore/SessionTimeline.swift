import EventDecoding

/// One session's retained events in event-time order, with the gap before each, the time since
/// the session started and its pause/resume spans: what the session drill-down shows.
///
/// Built from the ring of recent events (and the filter, like every pane), so a long session's
/// oldest events may be gone; `totalEvents` says how many it had as far as the session index
/// knows.
///
/// ```swift
/// let timeline = SessionTimeline(id: "f843…", in: state)
/// timeline.entries.first?.gap        // nil: nothing before it
/// timeline.retainedAll               // false when older events left the ring
/// ```
public struct SessionTimeline: Sendable, Equatable {
    /// What a pause, resume or stop closes.
    public enum Span: Sendable, Equatable {
        /// On a pause: how long the session had been active since it started or last resumed.
        case activeFor(Double)
        /// On a resume: how long the session was paused.
        case pausedFor(Double)
        /// On a stop: the session's length from its start.
        case lasted(Double)
    }

    public struct Entry: Sendable, Equatable {
        public var stored: StoredEvent
        /// The event's own time, or when Kinescope received it if it has none (as on the
        /// sessions pane's timelines).
        public var time: Double
        /// Seconds since the previous retained event of the session; nil for the first.
        public var gap: Double?
        /// Seconds since the session started.
        public var elapsed: Double
        public var span: Span?
        public var mark: TimelineMark.Kind
    }

    public var id: String
    /// The session index's record of it; nil once the session was evicted from the index.
    public var info: SessionInfo?
    public var entries: [Entry]
    /// Seconds spent paused between the retained pause/resume pairs.
    public var pausedSeconds: Double
    public var pauses: Int

    /// The session's events in view (retained and matching the filter).
    public init(id: String, in state: MonitorState) {
        var events: [StoredEvent] = []
        for index in 0..<state.visibleCount {
            guard let serial = state.visibleSerial(at: index), let stored = state.event(serial: serial),
                  stored.event.sessionId == id else { continue }
            events.append(stored)
        }
        self.init(id: id, events: events, info: state.sessions.sessions[id])
    }

    public init(id: String, events: [StoredEvent], info: SessionInfo?) {
        self.id = id
        self.info = info
        // Delivery order is not event order (arrival delays differ); ties keep delivery order.
        let timed = events.map { (stored: $0, time: $0.event.eventTime ?? $0.receivedAt) }
            .sorted { $0.time != $1.time ? $0.time < $1.time : $0.stored.serial < $1.stored.serial }
        let start = Swift.min(info?.start ?? .infinity, timed.first?.time ?? 0)
        var entries: [Entry] = []
        entries.reserveCapacity(timed.count)
        var activeSince = start
        var pausedAt: Double?
        var pausedSeconds = 0.0
        var pauses = 0
        for (stored, time) in timed {
            let mark = SessionIndex.markKind(stored.event.eventType, isError: stored.event.kind == .error)
            var span: Span?
            switch mark {
            case .start:
                activeSince = time
            case .pause:
                span = .activeFor(time - activeSince)
                pausedAt = time
                pauses += 1
            case .resume:
                if let pausedAt {
                    span = .pausedFor(time - pausedAt)
                    pausedSeconds += time - pausedAt
                }
                pausedAt = nil
                activeSince = time
            case .stop:
                span = .lasted(time - start)
            case .event, .error:
                break
            }
            entries.append(Entry(stored: stored, time: time, gap: entries.last.map { time - $0.time },
                                 elapsed: time - start, span: span, mark: mark))
        }
        self.entries = entries
        self.pausedSeconds = pausedSeconds
        self.pauses = pauses
    }

    /// How many events the session had as far as the index knows (at least those retained).
    public var totalEvents: Int { Swift.max(info?.eventCount ?? 0, entries.count) }

    /// False when some of the session's events have left the ring.
    public var retainedAll: Bool { totalEvents <= entries.count }

    public var marks: [TimelineMark] { entries.map { TimelineMark(time: $0.time, kind: $0.mark) } }

    /// How many of the session's events are in view, without building the timeline (for moving
    /// the selection).
    public static func count(id: String, in state: MonitorState) -> Int {
        var count = 0
        for index in 0..<state.visibleCount {
            if let serial = state.visibleSerial(at: index), state.event(serial: serial)?.event.sessionId == id { count += 1 }
        }
        return count
    }
}
