import EventDecoding
import MonitorCore
import XCTest
@testable import TerminalUI

/// The session and latency views on small screens, line by line.
final class DrillDownViewTests: XCTestCase {
    private let t0 = 1_767_225_600.0

    private func event(_ type: String, session: String = "s1", at offset: Double, summary: String = "") -> Event {
        Event(kind: .pinpointApp, eventType: type, eventTime: t0 + offset, sessionId: session, clientId: "c1",
              platform: "iOS", summary: summary)
    }

    /// Session s1: start, a page, a pause, a resume 30 s later, a click and a stop, one event of
    /// another session between them.
    private func sessionState(width: Int, height: Int) -> MonitorState {
        var state = MonitorState(config: MonitorConfig(sourceName: "test"), now: t0 + 60)
        let events = [event("_session.start", at: 0), event("pageView", at: 5, summary: "url=/home"),
                      event("other", session: "s2", at: 6), event("_session.pause", at: 10),
                      event("_session.resume", at: 40), event("buttonClick", at: 42, summary: "buttonId=buy"),
                      event("_session.stop", at: 50)]
        update(&state, .records(events, recordCount: events.count, receivedAt: t0 + 60))
        update(&state, .resize(width: width, height: height))
        return state
    }

    func testSessionViewLines() {
        var state = sessionState(width: 72, height: 16)
        XCTAssertEqual(state.sessions.ordered().map(\.id), ["s1", "s2"])
        update(&state, .key(.tab))
        update(&state, .key(.tab))
        update(&state, .key(.enter))
        update(&state, .key(.character("j")))
        let lines = view(state, width: 72, height: 16).lines
        XCTAssertEqual(Array(lines[1...14]), [
            "┌Session s1 · iOS · stopped────────────────────────────────event 2 of 6┐",
            "│ client c1   platform iOS                                             │",
            "│ started 00:00:00   last event 00:00:50   duration 50s   paused 30.0… │",
            "│ 6 events                                                             │",
            "│ [─────•──────|........................................>──•─────────] │",
            "│       ↑                                                     00:00:50 │",
            "│    # time         gap elapsed type             span          attrib… │",
            "│    1 00:00:00            0.0s _session.start                         │",
            "│    2 00:00:05   +5.0s    5.0s pageView                       url=/h… │",
            "│    3 00:00:10   +5.0s   10.0s _session.pause   active 10.0s          │",
            "│    4 00:00:40  +30.0s   40.0s _session.resume  paused 30.0s          │",
            "│    5 00:00:42   +2.0s   42.0s buttonClick                    button… │",
            "│    6 00:00:50   +8.0s   50.0s _session.stop    lasted 50.0s          │",
            "└──────────────────────────────────────────────────────────────────────┘",
        ])
        let screen = view(state, width: 72, height: 16)
        XCTAssertEqual(screen[2, 9].style.bg, Theme.dark.selection.bg, "the selected event is on the band")
        XCTAssertEqual(screen[16, 5].style, Theme.dark.markPause, "the paused span")
    }

    func testTheTableScrollsToKeepTheSelectionInViewAndOlderEventsAreNamed() {
        var state = MonitorState(config: MonitorConfig(sourceName: "test", retain: 12), now: t0)
        let events = (0..<20).map { event("pageView", at: Double($0) * 2, summary: "n=\($0)") }
        update(&state, .records(events, recordCount: 20, receivedAt: t0 + 60))
        update(&state, .resize(width: 80, height: 16))
        state.ui.focus = .sessions
        update(&state, .key(.enter))
        update(&state, .key(.character("G")))
        let lines = view(state, width: 80, height: 16).lines
        XCTAssertTrue(lines[1].hasSuffix("event 12 of 12┐"), lines[1])
        XCTAssertTrue(lines[4].contains("showing 12 of 20 events (older ones no longer retained)"), lines[4])
        // Six rows fit (16 lines less header, footer, frame, five summary lines, column titles).
        XCTAssertEqual(sessionViewPageSize(height: 16), 6)
        XCTAssertTrue(lines[8].contains("   7 ") && lines[8].contains("n=14"), lines[8])
        XCTAssertTrue(lines[13].contains("  12 ") && lines[13].contains("n=19"), lines[13])
        update(&state, .key(.pageUp))
        XCTAssertEqual(state.ui.overlay, .session(id: "s1", selection: 5))
    }

    func testEventTextIsSanitizedAndMeasuredInColumns() {
        var state = MonitorState(config: MonitorConfig(sourceName: "test"), now: t0)
        let hostile = Event(kind: .pinpointApp, eventType: "x\u{1B}[2Jy", eventTime: t0, sessionId: "s\u{1B}]0;t\u{07}",
                            clientId: "c\u{202E}1", platform: "東京", summary: "a\u{1B}[31mb")
        update(&state, .records([hostile], recordCount: 1, receivedAt: t0))
        state.ui.focus = .sessions
        update(&state, .key(.enter))
        let screen = view(state, width: 60, height: 14)
        let text = screen.lines.joined(separator: "\n")
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E }, text)
        XCTAssertTrue(screen.lines[1].hasPrefix("┌Session s␛]0;t␇ · 東京"), screen.lines[1])
        XCTAssertTrue(text.contains("client c\\u202e1"), text)
        XCTAssertTrue(text.contains("x␛[2Jy"), text)
        for line in screen.lines { XCTAssertEqual(DisplayWidth.of(line), 60, line) }
    }

    func testASessionWithNothingRetainedSaysSo() {
        var state = sessionState(width: 80, height: 16)
        state.ui.overlay = .session(id: "gone", selection: 3)
        let lines = view(state, width: 80, height: 16).lines
        XCTAssertTrue(lines[1].hasPrefix("┌Session gone───"), lines[1])
        XCTAssertTrue(lines[4].contains("none of its events is retained any more"), lines[4])
        update(&state, .key(.enter))
        update(&state, .key(.character("j")))
        XCTAssertEqual(state.ui.overlay, .session(id: "gone", selection: 3), "nothing to open or move to")
    }

    // MARK: - Latency

    private func latencyState() -> MonitorState {
        var state = MonitorState(config: MonitorConfig(sourceName: "test"), now: t0)
        func stamped(sent: Double, ingest: Double?, arrival: Double?) -> Event {
            var event = Event(kind: .pinpointApp, eventType: "pageView", eventTime: t0 + sent,
                              record: RecordMetadata(arrival: arrival.map { t0 + $0 }))
            event.ingestTime = ingest.map { t0 + $0 }
            return event
        }
        // Client → Pinpoint 2 s, 120 s and −1 s (skew); one event with no Kinesis arrival.
        let events = [stamped(sent: 0, ingest: 2, arrival: 2.5), stamped(sent: 0, ingest: 120, arrival: 120.2),
                      stamped(sent: 130, ingest: 129, arrival: 129.05), stamped(sent: 100, ingest: 101, arrival: nil)]
        update(&state, .records(events, recordCount: 4, receivedAt: t0 + 130.5))
        update(&state, .resize(width: 80, height: 24))
        return state
    }

    func testLatencyViewLines() {
        var state = latencyState()
        update(&state, .key(.character("L")))
        let lines = view(state, width: 80, height: 24).lines
        XCTAssertEqual(Array(lines[1...7]), [
            "┌Latency · 4 events in view────────────────────exact percentiles (nearest rank)┐",
            "│ hop                    p50    p90    p99    max share events missing negative│",
            "│ client → Pinpoint     1.0s  2m00s  2m00s  2m00s   46%      4       0        1│",
            "│ Pinpoint → Kinesis   200ms  500ms  500ms  500ms    0%      3       1        0│",
            "│ Kinesis → Kinescope  10.3s  2m08s  2m08s  2m08s   53%      3       1        0│",
            "│ end to end           30.5s  2m10s  2m10s  2m10s            4       0        0│",
            "│                                                                              │",
        ])
        // The histogram: bucket labels, then per hop its bars and counts (the skewed one first).
        XCTAssertTrue(lines[8].hasPrefix("│ distribution        <0     <10ms  <100ms <1s    <10s   <1m    <10m   >=10m"), lines[8])
        XCTAssertEqual(lines[9], "│ client → Pinpoint   ▄▄▄▄▄▄                      ██████        ▄▄▄▄▄▄         │")
        XCTAssertEqual(lines[10], "│                     1                           2             1              │")
        let screen = view(state, width: 80, height: 24)
        XCTAssertEqual(screen[22, 9].style, Theme.dark.markPause, "negative hops stand out")
        XCTAssertEqual(screen[50, 9].style, Theme.dark.sparkline)
        XCTAssertEqual(screen[69, 4].style, Theme.dark.markPause, "a count of missing hops stands out")
        XCTAssertEqual(screen[69, 3].style, Theme.dark.dim, "none missing is quiet")
        update(&state, .key(.escape))
        XCTAssertNil(state.ui.overlay)
    }

    func testLatencyViewWithNoEvents() {
        var state = MonitorState(config: MonitorConfig(sourceName: "test"), now: t0)
        update(&state, .key(.character("L")))
        let lines = view(state, width: 80, height: 24).lines
        XCTAssertTrue(lines[1].hasPrefix("┌Latency · 0 events in view"), lines[1])
        XCTAssertTrue(lines[3].hasPrefix("│ client → Pinpoint        -      -      -      -            0       0        0"), lines[3])
        XCTAssertTrue(lines[8].contains("No events in view yet."), lines[8])
    }

    func testLatencyViewNamesTheFilter() throws {
        var state = latencyState()
        state.setFilter(try EventFilter.parse("type:nothing"))
        update(&state, .key(.character("L")))
        let lines = view(state, width: 120, height: 30).lines
        XCTAssertTrue(lines[1].hasPrefix("┌Latency · 0 of 4 kept events match the filter"), lines[1])
    }
}
