import EventDecoding
import EventSources
import MonitorCore
import TerminalUI

/// One frame as the TUI makes it: `view(state)` into a fresh `Buffer`, then the diff against the
/// previous frame that `NCursesBackend.draw` walks (`Buffer.forEachChange`); the ncurses calls
/// themselves are left out (the terminal-bytes case covers output).
///
/// The state holds `events` retained events and at least `sessions` live (not stopped) sessions,
/// from several interleaved demo generators (one keeps a few hundred sessions going). Between
/// frames `eventsPerFrame` new events arrive and the clock ticks, as at 1,000 events/s and 10 fps.
struct FrameBench {
    var events: Int
    var sessions: Int
    var frames: Int
    var width: Int
    var height: Int
    var eventsPerFrame: Int
    let warmup = 10

    func run() throws {
        var feed = InterleavedDemo(generators: max(1, (sessions + 299) / 300))
        let setupStart = Measure.now()
        var state = MonitorState(config: MonitorConfig(sourceName: "demo (bench)", retain: events,
                                                       sessionCapacity: max(5_000, sessions * 2)),
                                 now: InterleavedDemo.startTime)
        update(&state, .sourceStatus(.running))
        update(&state, .resize(width: width, height: height))
        state.ui.pageSize = MainLayout.pageSize(width: width, height: height)
        var fed = 0
        while fed < events {
            let n = min(256, events - fed)
            feed.deliver(n, into: &state)
            fed += n
        }
        FileHandleOutput.stderr("frame: \(state.recent.count) retained events, \(state.sessions.count) sessions kept, "
                                + "\(state.sessions.activeCount) live, from \(feed.generators) generators; "
                                + "setup \(Measure.fixed(Measure.now() - setupStart, 1)) s\n")

        var previous = view(state, width: width, height: height)
        var total: [Double] = []
        var viewOnly: [Double] = []
        var diffOnly: [Double] = []
        var changedCells: [Double] = []
        var ordering: [Double] = []
        for frame in 0..<(warmup + frames) {
            feed.deliver(eventsPerFrame, into: &state)
            let start = Measure.now()
            let next = view(state, width: width, height: height)
            let drawn = Measure.now()
            var changed = 0
            next.forEachChange(since: previous) { _, _, _ in changed += 1 }
            let end = Measure.now()
            previous = next
            // What the sessions pane's ordering alone costs (it is part of `view`), timed apart:
            // the rows down to the bottom of its window (the selection is 0 here, so its height).
            let orderStart = Measure.now()
            let ordered = state.sessions.ordered(prefix: height)
            let orderEnd = Measure.now()
            guard frame >= warmup, !ordered.isEmpty else { continue }
            ordering.append((orderEnd - orderStart) * 1e6)
            total.append((end - start) * 1e6)
            viewOnly.append((drawn - start) * 1e6)
            diffOnly.append((end - drawn) * 1e6)
            changedCells.append(Double(changed))
        }
        let fields = [
            "\"case\":\"frame\"",
            "\"width\":\(width)", "\"height\":\(height)",
            "\"retained_events\":\(state.recent.count)",
            "\"sessions_kept\":\(state.sessions.count)",
            "\"sessions_live\":\(state.sessions.activeCount)",
            "\"events_per_frame\":\(eventsPerFrame)",
            "\"frames\":\(frames)",
            "\"median_us\":\(Measure.fixed(Measure.percentile(total, 0.5), 1))",
            "\"p90_us\":\(Measure.fixed(Measure.percentile(total, 0.9), 1))",
            "\"min_us\":\(Measure.fixed(total.min()!, 1))",
            "\"max_us\":\(Measure.fixed(total.max()!, 1))",
            "\"view_median_us\":\(Measure.fixed(Measure.percentile(viewOnly, 0.5), 1))",
            "\"diff_median_us\":\(Measure.fixed(Measure.percentile(diffOnly, 0.5), 1))",
            "\"session_ordering_median_us\":\(Measure.fixed(Measure.percentile(ordering, 0.5), 1))",
            "\"changed_cells_median\":\(Measure.fixed(Measure.percentile(changedCells, 0.5), 0))",
        ]
        FileHandleOutput.stdout("{" + fields.joined(separator: ",") + "}\n")
    }
}

/// Several seeded demo generators merged in stream order, so the state sees more concurrent
/// sessions than one generator keeps going (a few hundred).
struct InterleavedDemo {
    static let startTime = 1_767_225_600.0
    let generators: Int
    private var traffic: [DemoTraffic]
    private var pending: [DemoEmission]
    private let decoder = EventDecoder()
    private var report = DecodeReport()

    init(generators: Int) {
        self.generators = generators
        var traffic = (0..<generators).map { DemoTraffic(seed: UInt64(1 + $0), startTime: Self.startTime, rate: 100) }
        pending = traffic.indices.map { traffic[$0].next() }
        self.traffic = traffic
    }

    /// Decodes the next `count` records and applies them as one batch, then ticks to the last one.
    mutating func deliver(_ count: Int, into state: inout MonitorState) {
        var events: [Event] = []
        events.reserveCapacity(count)
        var time = state.now
        for _ in 0..<count {
            var first = 0
            for i in pending.indices where pending[i].time < pending[first].time { first = i }
            let emission = pending[first]
            pending[first] = traffic[first].next()
            events += decoder.decode(emission.record, report: &report)
            time = max(time, emission.time)
        }
        update(&state, .records(events, recordCount: count, receivedAt: time))
        update(&state, .tick(time))
    }
}
