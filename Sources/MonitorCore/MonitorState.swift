import DequeModule
import EventDecoding

/// An event as the store keeps it: the event plus when Kinescope received it and its serial number
/// (1 for the first event ever received), which selections refer to.
public struct StoredEvent: Sendable, Equatable {
    public var serial: Int
    public var receivedAt: Double
    public var event: Event
}

/// The panes that take focus, in `Tab` order.
public enum Pane: String, Sendable, CaseIterable {
    case events, types, sessions
}

/// Full-screen views drawn over the panes.
public enum Overlay: Sendable, Equatable {
    case help
    /// Per-shard state of a stream source.
    case shards
    /// The detail of the event with this serial, scrolled down by `scroll` lines.
    case detail(serial: Int, scroll: Int)
    /// One session's timeline, full width; `selection` indexes its events, oldest first.
    case session(id: String, selection: Int)
    /// Latency percentiles and histograms per hop for the events in view.
    case latency
}

/// Settings fixed at start-up.
public struct MonitorConfig: Sendable, Equatable {
    /// Shown in the header: "demo (seed 1)", "file app.ndjson", "stream web-events".
    public var sourceName: String
    /// How many recent events the ring keeps.
    public var retain: Int
    /// How many bytes of events (`Event.approximateBytes`) the ring keeps at most: events differ in
    /// size by orders of magnitude, and `retain` events of a megabyte each would not fit in
    /// memory. The newest event is kept whatever its size.
    public var retainBytes: Int
    /// How many sessions are kept before the least recently active are evicted.
    public var sessionCapacity: Int
    /// The events pane's columns in order (config `columns`); nil picks them by width.
    public var eventColumns: [EventColumn]?

    /// 64 MiB keeps the default 10,000 events of ordinary analytics traffic (a few KB each).
    public static let defaultRetainBytes = 64 << 20

    public init(sourceName: String, retain: Int = 10_000, retainBytes: Int = MonitorConfig.defaultRetainBytes,
                sessionCapacity: Int = 5_000, eventColumns: [EventColumn]? = nil) {
        self.sourceName = sourceName
        self.retain = max(1, retain)
        self.retainBytes = max(0, retainBytes)
        self.sessionCapacity = max(1, sessionCapacity)
        self.eventColumns = eventColumns
    }
}

/// UI state that `update` changes in response to keys.
public struct UIState: Sendable, Equatable {
    public var focus: Pane = .events
    public var overlay: Overlay?
    /// The overlays under `overlay`, each opened from the one before; `Esc` returns to the last.
    public var overlayStack: [Overlay] = []
    /// How far the help overlay is scrolled, in lines (it scrolls when taller than the screen).
    public var helpScroll = 0
    /// While true the events pane shows the newest event; `space` toggles it.
    public var following = true
    /// The selected event's serial; meaningful while not following.
    public var selectedSerial = 0
    /// While paused by a movement key or a click in the events pane: the serial of the event on
    /// the pane's top row, so the window stays still while the selection moves in it (and scrolls
    /// only as far as the selection leaves it). Nil keeps the selection on the bottom row, as
    /// following does.
    public var eventsTop: Int?
    /// `totalEvents` when following stopped, to show how many arrived since.
    public var eventsAtPause = 0
    public var typeSort: TypeSort = .count
    public var typeSelection = 0
    public var sessionSelection = 0
    /// Rows the focused pane moves on PgUp/PgDn; the view tells it (it depends on the layout).
    public var pageSize = 10
    public var width = 80
    public var height = 24
    /// The prompt in the footer (filter, search or file name), while it is open.
    public var prompt: Prompt?
    /// The search term `n`/`N` move to and the events pane highlights; empty when there is none.
    public var search = EventFilter()
    /// A message in the footer until the next key (outcome of a copy or write, a wrapped search).
    public var notice: Notice?
    /// `z`: the focused pane takes the whole screen between header and footer.
    public var zoomed = false
    /// `m` / `--mouse`: the terminal reports clicks and the wheel. Off by default so that the
    /// terminal's own text selection works.
    public var mouse = false

    public init() {}
}

/// The whole state of a monitor: what the panes show, as pure data.
///
/// Change it only with `update(_:_:)`; render it with `TerminalUI.view`.
public struct MonitorState: Sendable {
    public var config: MonitorConfig
    public var now: Double
    public var status: SourceStatus = .starting
    public private(set) var recent: Deque<StoredEvent> = []
    /// `approximateBytes` of each event in `recent`, in the same order.
    private var recentSizes: Deque<Int> = []
    /// The sum of `recentSizes`: what the ring holds, which `config.retainBytes` bounds.
    public private(set) var retainedBytes = 0
    public private(set) var totalRecords = 0
    public private(set) var totalEvents = 0
    public private(set) var totalErrors = 0
    /// Counters, sessions and rate over every event, always kept so that clearing a filter gives
    /// the exact totals back.
    private var all: EventTally
    /// The same over the events matching the filter, rebuilt from the retained ring when the filter
    /// changes; nil without a filter.
    private var matching: FilteredTally?
    /// The filter every pane shows; empty matches everything.
    public private(set) var filter = EventFilter()
    /// The latest client-side event time seen (ignoring times ahead of their arrival by more than
    /// five minutes): the end of the session timelines' axis, so the axis moves with the events and
    /// stands still when none arrive.
    public private(set) var latestEventTime: Double = 0
    /// Records that were CloudWatch Logs control messages (no events in them).
    public internal(set) var controlMessages = 0
    /// Per-shard reading state, for stream sources. Changed by `noteShardProgress(_:)`.
    public private(set) var shards: [String: ShardProgress] = [:]
    /// Records read per second from each shard (the shards view's `rec/s`), kept by
    /// `noteShardProgress(_:)` from the growth of each shard's running record count.
    public private(set) var shardRates: [String: RateWindow] = [:]
    public var ui = UIState()
    public var shouldQuit = false
    /// Work for the runtime (copy to the clipboard, write a file), queued by `update` and drained
    /// by `TerminalSession` after each update.
    public var effects: [Effect] = []

    public init(config: MonitorConfig, now: Double) {
        self.config = config
        self.now = now
        all = EventTally(sessionCapacity: config.sessionCapacity)
    }

    /// What the panes count: the filtered view while a filter is set.
    public var counters: TypeCounters { matching?.tally.counters ?? all.counters }
    public var sessions: SessionIndex { matching?.tally.sessions ?? all.sessions }
    public var rate: RateWindow { matching?.tally.rate ?? all.rate }
    /// Events that match the filter (all events without one). With a filter set, counted over the
    /// retained events when it was set and everything since.
    public var matchedEvents: Int { matching?.tally.events ?? totalEvents }

    public var firstRetainedSerial: Int { recent.first?.serial ?? (totalEvents + 1) }

    /// Sets the filter and rebuilds the filtered view from the retained events.
    public mutating func setFilter(_ newFilter: EventFilter) {
        filter = newFilter
        guard !newFilter.isEmpty else {
            matching = nil
            return
        }
        var rebuilt = FilteredTally(tally: EventTally(sessionCapacity: config.sessionCapacity))
        // Records are not filtered: the filtered view keeps counting them all.
        rebuilt.tally.counters.countRecords(byShard: all.counters.byShard)
        for stored in recent where newFilter.matches(stored.event) {
            rebuilt.add(stored)
        }
        matching = rebuilt
        if !ui.following { ui.selectedSerial = nearestVisibleSerial(to: ui.selectedSerial) ?? ui.selectedSerial }
    }

    // MARK: The events pane's rows: retained events that match the filter, by position

    /// How many retained events the events pane can show.
    public var visibleCount: Int { matching?.serials.count ?? recent.count }

    /// The serial of the `index`th visible event, oldest first.
    public func visibleSerial(at index: Int) -> Int? {
        guard index >= 0, index < visibleCount else { return nil }
        if let matching { return matching.serials[index] }
        return recent[index].serial
    }

    /// Where `serial` is among the visible events, or where it would be (the first visible event
    /// after it).
    public func visibleIndex(ofSerial serial: Int) -> Int {
        guard let matching else { return max(0, min(recent.count, serial - firstRetainedSerial)) }
        var low = 0, high = matching.serials.count
        while low < high {
            let mid = (low + high) / 2
            if matching.serials[mid] < serial { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private func nearestVisibleSerial(to serial: Int) -> Int? {
        let index = visibleIndex(ofSerial: serial)
        return visibleSerial(at: min(index, visibleCount - 1))
    }

    public func event(serial: Int) -> StoredEvent? {
        let index = serial - firstRetainedSerial
        guard index >= 0, index < recent.count else { return nil }
        return recent[index]
    }

    /// The serial the events pane has selected: the newest visible one while following.
    public var selectedEventSerial: Int {
        if ui.following { return visibleSerial(at: visibleCount - 1) ?? totalEvents }
        return min(max(ui.selectedSerial, firstRetainedSerial), totalEvents)
    }

    /// Takes a shard's new progress. The records it read since the last report count in the
    /// second of `now`: a source delivers a batch (which moves `now`) before it reports progress.
    public mutating func noteShardProgress(_ progress: ShardProgress) {
        var progress = progress
        let previous = shards[progress.shardId]?.records ?? 0
        // A shard's count only grows. Retry reports are sent from inside a call on tasks of their
        // own, so one can arrive after a later report with a smaller count; taking it as it is
        // would count the records in between twice.
        progress.records = max(progress.records, previous)
        shards[progress.shardId] = progress
        if progress.records > previous {
            shardRates[progress.shardId, default: RateWindow(seconds: 11)].add(progress.records - previous, at: now)
        }
    }

    /// Records per second read from `shardId` over the last 10 complete seconds.
    public func shardRecordRate(_ shardId: String) -> Double {
        shardRates[shardId]?.rate(at: now) ?? 0
    }

    /// Whether no rate on any screen can still change as time passes: the events' rate (and its
    /// sparklines) and every shard's records/s have decayed to zero.
    public func ratesAreQuiet(at time: Double) -> Bool {
        rate.isQuiet(at: time) && shardRates.values.allSatisfy { $0.isQuiet(at: time) }
    }

    /// The shards in one phrase for the header: "4 shards caught up", "3 caught up · 1 throttled".
    public var shardSummary: String? {
        guard !shards.isEmpty else { return nil }
        var counts: [String: Int] = [:]
        var order: [String] = []
        // Behind shards share one label with the worst lag: that is the one that matters.
        let worst = shards.values.compactMap { $0.state == .behind ? $0.millisBehindLatest : nil }.max() ?? 0
        let behindLabel = ShardProgress(shardId: "", state: .behind, millisBehindLatest: worst).summary
        for progress in shards.values.sorted(by: { $0.shardId < $1.shardId }) {
            let label: String
            switch progress.state {
            case .behind:
                label = behindLabel
            case .failed: label = "failed"
            case .retrying: label = "retrying"
            default: label = progress.summary
            }
            if counts[label] == nil { order.append(label) }
            counts[label, default: 0] += 1
        }
        if order.count == 1 { return "\(shards.count) shard\(shards.count == 1 ? "" : "s") \(order[0])" }
        return order.map { "\(counts[$0]!) \($0)" }.joined(separator: " · ")
    }

    /// Events received while the view was paused.
    public var arrivedSincePause: Int { ui.following ? 0 : totalEvents - ui.eventsAtPause }

    /// Records read per shard, for `by_shard` (filtered or not: records are not filtered).
    mutating func countRecords(byShard counts: [String: Int]) {
        guard !counts.isEmpty else { return }
        all.counters.countRecords(byShard: counts)
        matching?.tally.counters.countRecords(byShard: counts)
    }

    mutating func ingest(_ events: [Event], recordCount: Int, receivedAt: Double) {
        totalRecords += recordCount
        // Only the newest `retain` events within `retainBytes` stay in `recent`; storing (copying)
        // the others only to drop them again costs a copy of every event in headless runs, which
        // retain one. The newest is kept whatever its size.
        var firstKept = events.count
        var keptBytes = 0
        var keptSizes: [Int] = []
        keptSizes.reserveCapacity(min(events.count, config.retain))
        while firstKept > 0, events.count - firstKept < config.retain {
            let size = events[firstKept - 1].approximateBytes
            if firstKept < events.count, keptBytes + size > config.retainBytes { break }
            keptBytes += size
            keptSizes.append(size)
            firstKept -= 1
        }
        // Events are read in place and copied only into what keeps them (`recent`, the filtered
        // tally): a copy retains each of an event's strings and arrays, and `stats` keeps one.
        for index in events.indices {
            totalEvents += 1
            if events[index].kind == .error { totalErrors += 1 }
            all.add(events[index], receivedAt: receivedAt)
            if matching != nil, filter.matches(events[index]) {
                matching!.add(StoredEvent(serial: totalEvents, receivedAt: receivedAt, event: events[index]))
            }
            // A client with a clock far ahead must not drag the timelines' axis into the future.
            if let t = events[index].eventTime, t > latestEventTime, t <= receivedAt + 300 { latestEventTime = t }
            if index >= firstKept { recent.append(StoredEvent(serial: totalEvents, receivedAt: receivedAt, event: events[index])) }
        }
        recentSizes.append(contentsOf: keptSizes.reversed())
        retainedBytes += keptBytes
        if recent.count > config.retain || retainedBytes > config.retainBytes || firstKept > 0 {
            // Serials in the ring are consecutive: when some of this batch's events were not
            // kept, nothing older may stay either.
            var drop = firstKept > 0 ? recent.count - (events.count - firstKept) : max(0, recent.count - config.retain)
            var bytes = retainedBytes
            for index in 0..<drop { bytes -= recentSizes[index] }
            while bytes > config.retainBytes, drop < recent.count - 1 {
                bytes -= recentSizes[drop]
                drop += 1
            }
            recent.removeFirst(drop)
            recentSizes.removeFirst(drop)
            retainedBytes = bytes
            let first = firstRetainedSerial
            matching?.dropSerials(before: first)
        }
    }
}

/// Counters, sessions and the rate over a set of events.
struct EventTally: Sendable {
    var counters = TypeCounters()
    var sessions: SessionIndex
    var rate = RateWindow()
    var events = 0

    init(sessionCapacity: Int) {
        sessions = SessionIndex(capacity: sessionCapacity)
    }

    mutating func add(_ event: Event, receivedAt: Double) {
        events += 1
        counters.record(event, receivedAt: receivedAt)
        sessions.record(event, receivedAt: receivedAt)
        rate.add(1, at: receivedAt)
    }
}

/// The filtered view: its tally and the serials of the retained events that match, oldest first.
struct FilteredTally: Sendable {
    var tally: EventTally
    var serials: Deque<Int> = []

    mutating func add(_ stored: StoredEvent) {
        tally.add(stored.event, receivedAt: stored.receivedAt)
        serials.append(stored.serial)
    }

    mutating func dropSerials(before serial: Int) {
        while let first = serials.first, first < serial { serials.removeFirst() }
    }
}
