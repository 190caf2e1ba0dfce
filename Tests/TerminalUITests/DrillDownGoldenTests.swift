import EventDecoding
import MonitorCore
import XCTest
@testable import TerminalUI

/// Whole-screen goldens for the views reached by keys from the main screen: the session
/// drill-down, the detail opened from it, the latency view, the shards view, the filter prompt
/// and a zoomed pane, each at 120×40 and 80×24 from the same seeded demo traffic as
/// `ScreenGoldenTests` (see `GoldenScreen` for regenerating them on purpose).
final class DrillDownGoldenTests: XCTestCase {
    static let sizes = ScreenGoldenTests.sizes

    private func demo(width: Int, height: Int, events: Int = 600) -> DemoScreenState {
        DemoScreenState(events: events, width: width, height: height)
    }

    /// Traffic long enough for sessions to pause, resume and stop, in a ring small enough that
    /// the oldest events of some have gone.
    private func longDemo(width: Int, height: Int) -> DemoScreenState {
        DemoScreenState(events: 4000, width: width, height: height, retain: 2500)
    }

    /// Focuses the sessions pane and selects a session with the most to show: a pause, events
    /// no longer retained, then the most events in view (the first such in the pane's order).
    private func selectBusiestSession(_ demo: inout DemoScreenState) -> SessionInfo {
        demo.key(.tab)
        demo.key(.tab)
        let sessions = demo.state.sessions.ordered()
        let scores = sessions.map { info -> Int in
            let timeline = SessionTimeline(id: info.id, in: demo.state)
            return (timeline.pauses > 0 ? 10_000 : 0) + (timeline.retainedAll ? 0 : 1_000) + timeline.entries.count
        }
        let index = scores.firstIndex(of: scores.max()!)!
        for _ in 0..<index { demo.key(.character("j")) }
        XCTAssertEqual(demo.state.ui.sessionSelection, index)
        return sessions[index]
    }

    func testSessionDrillDown() {
        for (width, height) in Self.sizes {
            var demo = longDemo(width: width, height: height)
            let session = selectBusiestSession(&demo)
            demo.key(.enter)
            XCTAssertEqual(demo.state.ui.overlay, .session(id: session.id, selection: 0))
            demo.key(.character("j"))
            demo.key(.character("j"))
            XCTAssertEqual(demo.state.ui.overlay, .session(id: session.id, selection: 2))
            let screen = demo.screen(width: width, height: height)
            assertGoldenScreen(screen, named: "session-\(width)x\(height)")
            let lines = screen.lines
            XCTAssertTrue(lines[1].hasPrefix("┌Session \(session.id)"), lines[1])
            XCTAssertTrue(lines[1].contains("event 3 of "), lines[1])
            XCTAssertTrue(lines[2].contains("client \(session.clientId!)"), lines[2])
            XCTAssertTrue(lines[3].contains("started ") && lines[3].contains("duration "), lines[3])
            let timeline = SessionTimeline(id: session.id, in: demo.state)
            XCTAssertGreaterThan(timeline.pauses, 0, "the chosen session pauses")
            XCTAssertFalse(timeline.retainedAll, "the chosen session lost its oldest events")
            XCTAssertTrue(lines[4].contains("showing \(timeline.entries.count) of \(timeline.totalEvents) events (older ones no longer retained)"),
                          lines[4])
            XCTAssertTrue(lines[6].contains("↑"), lines[6])
            XCTAssertTrue(lines[7].contains("#") && lines[7].contains("gap") && lines[7].contains("elapsed"), lines[7])
            XCTAssertTrue(lines.contains { $0.contains("paused ") && $0.contains("_session.resume") })
            // The third event is on the selection band.
            XCTAssertEqual(screen[2, 10].style.bg, Theme.dark.selection.bg)
            XCTAssertNotEqual(screen[2, 9].style.bg, Theme.dark.selection.bg)
            XCTAssertTrue(lines[height - 1].hasPrefix(" Esc  back "), lines[height - 1])
            XCTAssertEqual(sessionViewPageSize(height: height), height - 2 - 2 - SessionView.summaryLines - 1,
                           "the page is the table's rows")
        }
    }

    func testDetailOpenedFromTheSessionView() {
        for (width, height) in Self.sizes {
            var demo = longDemo(width: width, height: height)
            let session = selectBusiestSession(&demo)
            demo.key(.enter)
            demo.key(.character("j"))
            let timeline = SessionTimeline(id: session.id, in: demo.state)
            demo.key(.enter)
            let serial = timeline.entries[1].stored.serial
            XCTAssertEqual(demo.state.ui.overlay, .detail(serial: serial, scroll: 0))
            let screen = demo.screen(width: width, height: height)
            assertGoldenScreen(screen, named: "session-detail-\(width)x\(height)")
            XCTAssertTrue(screen.lines[1].hasPrefix("┌Event #\(serial) · "), screen.lines[1])
            XCTAssertTrue(screen.lines.joined().contains("session       \(session.id)"))
            demo.key(.escape)
            XCTAssertEqual(demo.state.ui.overlay, .session(id: session.id, selection: 1), "Esc returns to the session")
            demo.key(.escape)
            XCTAssertNil(demo.state.ui.overlay)
            XCTAssertEqual(demo.state.ui.focus, .sessions)
        }
    }

    func testLatencyView() {
        for (width, height) in Self.sizes {
            var demo = demo(width: width, height: height)
            demo.key(.character("L"))
            XCTAssertEqual(demo.state.ui.overlay, .latency)
            let screen = demo.screen(width: width, height: height)
            assertGoldenScreen(screen, named: "latency-\(width)x\(height)")
            let lines = screen.lines
            XCTAssertTrue(lines[1].hasPrefix("┌Latency · 600 events in view"), lines[1])
            for (row, label) in ["client → Pinpoint", "Pinpoint → Kinesis", "Kinesis → Kinescope", "end to end"].enumerated() {
                XCTAssertTrue(lines[3 + row].hasPrefix("│ " + label), lines[3 + row])
            }
            XCTAssertTrue(lines[2].contains("p50") && lines[2].contains("p99") && lines[2].contains("negative"), lines[2])
            XCTAssertTrue(lines.contains { $0.contains("distribution") && $0.contains("<10m") })
            XCTAssertTrue(lines[height - 1].hasPrefix(" Esc  back "), lines[height - 1])
        }
    }

    func testShardsView() {
        for (width, height) in Self.sizes {
            var demo = demo(width: width, height: height)
            let shards = [
                ShardProgress(shardId: "shardId-000000000000", state: .caughtUp, millisBehindLatest: 0, records: 151),
                ShardProgress(shardId: "shardId-000000000001", state: .behind, millisBehindLatest: 4_200, records: 148, retries: 1),
                ShardProgress(shardId: "shardId-000000000002", state: .throttled, millisBehindLatest: 900, records: 152,
                              throttles: 3, lastError: "ProvisionedThroughputExceededException: Rate exceeded for shard"),
                ShardProgress(shardId: "shardId-000000000003", state: .caughtUp, millisBehindLatest: 0, records: 149),
            ]
            // The first reports, then a few seconds of traffic, then the counts above: the rec/s
            // column shows what each shard read in between.
            for shard in shards { update(&demo.state, .shardProgress(ShardProgress(shardId: shard.shardId, state: .polling))) }
            demo.feed(120)
            for shard in shards { update(&demo.state, .shardProgress(shard)) }
            demo.feed(40)
            demo.key(.character("S"))
            XCTAssertEqual(demo.state.ui.overlay, .shards)
            let screen = demo.screen(width: width, height: height)
            assertGoldenScreen(screen, named: "shards-\(width)x\(height)")
            XCTAssertTrue(screen.lines[1].hasPrefix("┌Shards"), screen.lines[1])
            XCTAssertTrue(screen.lines[4].contains("shardId-000000000001") && screen.lines[4].contains("4,200ms"), screen.lines[4])
        }
    }

    func testFilterPrompt() {
        for (width, height) in Self.sizes {
            var demo = demo(width: width, height: height)
            demo.key(.character("/"))
            for c in "type:_session.* platform:i" { demo.key(.character(c)) }
            let screen = demo.screen(width: width, height: height)
            assertGoldenScreen(screen, named: "filter-prompt-\(width)x\(height)")
            XCTAssertTrue(screen.lines[height - 1].hasPrefix(" /  type:_session.* platform:i▏"), screen.lines[height - 1])
        }
    }

    func testZoomedEventsPane() {
        for (width, height) in Self.sizes {
            var demo = demo(width: width, height: height)
            demo.key(.character("z"))
            XCTAssertTrue(demo.state.ui.zoomed)
            let screen = demo.screen(width: width, height: height)
            assertGoldenScreen(screen, named: "zoomed-events-\(width)x\(height)")
            XCTAssertTrue(screen.lines[1].hasPrefix("┌Events (600 kept)"), screen.lines[1])
            XCTAssertTrue(screen.lines[height - 2].hasPrefix("└"), screen.lines[height - 2])
            XCTAssertFalse(screen.lines.joined().contains("Event types"))
        }
    }
}

/// The glyphs of the session, latency and help views all have ASCII stand-ins (as
/// `GlyphSetTests` checks for the panes), so a vt100 shows no `?` of ours.
final class DrillDownGlyphTests: XCTestCase {
    func testEveryGlyphOfTheNewViewsHasAStandIn() {
        var demo = DemoScreenState(events: 4000, retain: 2500)
        var screens: [Buffer] = []
        demo.key(.tab)
        demo.key(.tab)
        demo.key(.enter)
        screens.append(demo.screen(width: 120, height: 40))
        demo.key(.escape)
        demo.key(.character("L"))
        screens.append(demo.screen(width: 120, height: 40))
        screens.append(demo.screen(width: 80, height: 24))
        demo.key(.character("?"))
        screens.append(demo.screen(width: 80, height: 24))
        XCTAssertEqual(glyphsWithoutASCIIStandIn(screens, state: demo.state), [], "glyphs without an ASCII stand-in")
    }
}
