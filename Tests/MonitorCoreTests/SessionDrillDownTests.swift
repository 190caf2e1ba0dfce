import XCTest
import EventDecoding
@testable import MonitorCore

/// The session drill-down (`Enter` on the sessions pane), the latency view (`L`) and going back
/// through overlays opened from one another.
final class SessionDrillDownTests: XCTestCase {
    private typealias F = MonitorFixture
    private let t0 = MonitorFixture.start

    /// Session "s1" (pause after 10 s, resume 30 s later, stop at 50 s) delivered out of order,
    /// between events of "s2".
    private func sessionEvents() -> [Event] {
        [F.event("_session.start", session: "s1", client: "c1", time: t0, platform: "iOS"),
         F.event("pageView", session: "s2", time: t0 + 1),
         F.event("_session.pause", session: "s1", client: "c1", time: t0 + 10),
         F.event("pageView", session: "s1", client: "c1", time: t0 + 5),
         F.event("_session.resume", session: "s1", client: "c1", time: t0 + 40),
         F.event("buttonClick", session: "s1", client: "c1", time: t0 + 42),
         F.event("pageView", session: "s2", time: t0 + 43),
         F.event("_session.stop", session: "s1", client: "c1", time: t0 + 50)]
    }

    private func state(retain: Int = 10_000) -> MonitorState {
        var state = F.state(retain: retain)
        let events = sessionEvents()
        // s2 last: it is the most recently active, first in the pane.
        update(&state, .records(Array(events.prefix(6)), recordCount: 6, receivedAt: t0 + 50))
        update(&state, .records([events[7]], recordCount: 1, receivedAt: t0 + 51))
        update(&state, .records([events[6]], recordCount: 1, receivedAt: t0 + 52))
        update(&state, .resize(width: 80, height: 24))
        return state
    }

    // MARK: - Copy and write from the drill-down

    func testYAndWActOnTheSessionsSelectedEvent() {
        var state = state()
        state.ui.overlay = .session(id: "s1", selection: 1)
        // In event-time order s1's second event is its pageView at t0 + 5, the 4th event received.
        update(&state, .key(.character("y")))
        guard case .copy(_, let label)? = state.effects.last else { return XCTFail("no copy effect: \(state.effects)") }
        XCTAssertEqual(label, "event #4")
        update(&state, .key(.character("w")))
        XCTAssertEqual(state.ui.prompt?.kind, .write(serial: 4))
        XCTAssertEqual(state.ui.overlay, .session(id: "s1", selection: 1), "the drill-down stays open under the prompt")
    }

    // MARK: - The timeline

    func testEventsInEventTimeOrderWithGapsElapsedAndSpans() {
        let timeline = SessionTimeline(id: "s1", in: state())
        XCTAssertEqual(timeline.entries.map { $0.stored.event.eventType },
                       ["_session.start", "pageView", "_session.pause", "_session.resume", "buttonClick", "_session.stop"])
        XCTAssertEqual(timeline.entries.map(\.gap), [nil, 5, 5, 30, 2, 8])
        XCTAssertEqual(timeline.entries.map(\.elapsed), [0, 5, 10, 40, 42, 50])
        XCTAssertEqual(timeline.entries.map(\.span), [nil, nil, .activeFor(10), .pausedFor(30), nil, .lasted(50)])
        XCTAssertEqual(timeline.entries.map(\.mark), [.start, .event, .pause, .resume, .event, .stop])
        XCTAssertEqual(timeline.pausedSeconds, 30)
        XCTAssertEqual(timeline.pauses, 1)
        XCTAssertEqual(timeline.info?.clientId, "c1")
        XCTAssertTrue(timeline.retainedAll)
        XCTAssertEqual(timeline.totalEvents, 6)
        XCTAssertEqual(SessionTimeline.count(id: "s1", in: state()), 6)
    }

    func testOlderEventsOutOfTheRingAreCountedNotShown() {
        let timeline = SessionTimeline(id: "s1", in: state(retain: 4))
        // Retained: resume, buttonClick, stop (and s2's last pageView).
        XCTAssertEqual(timeline.entries.map { $0.stored.event.eventType }, ["_session.resume", "buttonClick", "_session.stop"])
        XCTAssertFalse(timeline.retainedAll)
        XCTAssertEqual(timeline.totalEvents, 6)
        XCTAssertEqual(timeline.entries.first?.elapsed, 40, "elapsed still counts from the session's start")
        XCTAssertEqual(timeline.entries.last?.span, .lasted(50))
        XCTAssertEqual(timeline.entries.first?.span, nil, "no pause retained to measure from")
    }

    func testTheFilterAppliesAsOnEveryPane() throws {
        var state = state()
        state.setFilter(try EventFilter.parse("type:_session.*"))
        let timeline = SessionTimeline(id: "s1", in: state)
        XCTAssertEqual(timeline.entries.count, 4)
        XCTAssertTrue(timeline.retainedAll)
    }

    // MARK: - Keys

    func testEnterOnTheSessionsPaneOpensTheSelectedSession() {
        var state = state()
        XCTAssertEqual(state.sessions.ordered().map(\.id), ["s2", "s1"])
        F.press(&state, .tab, .tab, .character("j"), .enter)
        XCTAssertEqual(state.ui.overlay, .session(id: "s1", selection: 0))
        F.press(&state, .escape)
        XCTAssertNil(state.ui.overlay)
        XCTAssertEqual(state.ui.focus, .sessions)
        XCTAssertEqual(state.ui.sessionSelection, 1, "the pane keeps its selection")
    }

    func testEnterOnAnEmptySessionsPaneDoesNothing() {
        var state = F.state()
        F.press(&state, .tab, .tab, .enter)
        XCTAssertNil(state.ui.overlay)
    }

    func testMovingThroughTheSessionsEvents() {
        var state = state()
        F.press(&state, .tab, .tab, .character("j"), .enter)
        F.press(&state, .character("j"), .down)
        XCTAssertEqual(state.ui.overlay, .session(id: "s1", selection: 2))
        F.press(&state, .character("k"))
        XCTAssertEqual(state.ui.overlay, .session(id: "s1", selection: 1))
        F.press(&state, .character("G"))
        XCTAssertEqual(state.ui.overlay, .session(id: "s1", selection: 5))
        F.press(&state, .character("j"))
        XCTAssertEqual(state.ui.overlay, .session(id: "s1", selection: 5), "clamped at the newest")
        F.press(&state, .character("g"), .character("k"))
        XCTAssertEqual(state.ui.overlay, .session(id: "s1", selection: 0), "clamped at the oldest")
        F.press(&state, .pageDown)
        XCTAssertEqual(state.ui.overlay, .session(id: "s1", selection: 5), "a page is more than six rows at 24 lines")
        XCTAssertEqual(sessionViewPageSize(height: 24), 14)
        F.press(&state, .pageUp)
        XCTAssertEqual(state.ui.overlay, .session(id: "s1", selection: 0))
        XCTAssertEqual(state.ui.focus, .sessions)
        XCTAssertEqual(state.ui.sessionSelection, 1)
        XCTAssertTrue(state.ui.following, "the events pane is left alone")
    }

    func testEnterOpensTheEventsDetailAndEscGoesBackStepByStep() {
        var state = state()
        F.press(&state, .tab, .tab, .character("j"), .enter, .character("j"), .character("j"))
        let pause = SessionTimeline(id: "s1", in: state).entries[2].stored
        XCTAssertEqual(pause.event.eventType, "_session.pause")
        F.press(&state, .enter)
        XCTAssertEqual(state.ui.overlay, .detail(serial: pause.serial, scroll: 0))
        F.press(&state, .character("j"))
        XCTAssertEqual(state.ui.overlay, .detail(serial: pause.serial, scroll: 1), "the detail scrolls as ever")
        F.press(&state, .escape)
        XCTAssertEqual(state.ui.overlay, .session(id: "s1", selection: 2), "back to the session, selection kept")
        F.press(&state, .escape)
        XCTAssertNil(state.ui.overlay)
        XCTAssertEqual(state.ui.overlayStack, [])
    }

    func testHelpOverTheSessionViewReturnsToIt() {
        var state = state()
        F.press(&state, .tab, .tab, .enter, .character("?"))
        XCTAssertEqual(state.ui.overlay, .help)
        F.press(&state, .character("?"))
        XCTAssertEqual(state.ui.overlay, .session(id: "s2", selection: 0))
        F.press(&state, .enter, .character("?"), .escape)
        XCTAssertEqual(state.ui.overlay, .detail(serial: 2, scroll: 0), "help over a detail returns to it")
        F.press(&state, .escape, .escape)
        XCTAssertNil(state.ui.overlay)
    }

    func testTheHelpScrollsOnAShortScreen() {
        var state = state()
        let limit = HelpLayout.maxScroll(width: 80, height: 24)
        XCTAssertGreaterThan(limit, 0, "every binding does not fit in 24 lines")
        XCTAssertEqual(HelpLayout.maxScroll(width: 200, height: 80), 0)
        F.press(&state, .character("?"), .character("j"), .character("j"))
        XCTAssertEqual(state.ui.helpScroll, 2)
        F.press(&state, .character("G"))
        XCTAssertEqual(state.ui.helpScroll, limit)
        F.press(&state, .character("j"))
        XCTAssertEqual(state.ui.helpScroll, limit, "clamped at the last page")
        F.press(&state, .character("k"))
        XCTAssertEqual(state.ui.helpScroll, limit - 1, "k after G moves at once")
        F.press(&state, .character("g"), .up)
        XCTAssertEqual(state.ui.helpScroll, 0)
        F.press(&state, .pageDown, .escape)
        XCTAssertNil(state.ui.overlay)
        F.press(&state, .character("?"))
        XCTAssertEqual(state.ui.helpScroll, 0, "the help opens at its top")
    }

    func testLTogglesTheLatencyView() {
        var state = state()
        F.press(&state, .character("L"))
        XCTAssertEqual(state.ui.overlay, .latency)
        // Keys other than closing ones do nothing under it.
        F.press(&state, .tab, .character("j"), .enter, .character(" "))
        XCTAssertEqual(state.ui.overlay, .latency)
        XCTAssertEqual(state.ui.focus, .events)
        XCTAssertTrue(state.ui.following)
        F.press(&state, .character("L"))
        XCTAssertNil(state.ui.overlay)
        F.press(&state, .character("L"), .escape)
        XCTAssertNil(state.ui.overlay)
        F.press(&state, .character("L"), .character("?"))
        XCTAssertEqual(state.ui.overlay, .help)
        F.press(&state, .escape)
        XCTAssertEqual(state.ui.overlay, .latency)
        F.press(&state, .character("q"))
        XCTAssertTrue(state.shouldQuit)
    }

    func testLatencyFromTheSessionAndDetailViewsReturnsToThem() {
        var state = state()
        F.press(&state, .tab, .tab, .enter, .character("L"))
        XCTAssertEqual(state.ui.overlay, .latency)
        F.press(&state, .escape)
        XCTAssertEqual(state.ui.overlay, .session(id: "s2", selection: 0))
        F.press(&state, .enter, .character("L"), .character("L"))
        XCTAssertEqual(state.ui.overlay, .detail(serial: 2, scroll: 0))
        F.press(&state, .escape, .escape)
        XCTAssertNil(state.ui.overlay)
    }

    func testAStaleTrailIsDroppedWhenAnOverlayOpensFromThePanes() {
        var state = state()
        F.press(&state, .tab, .tab, .enter, .enter)
        XCTAssertEqual(state.ui.overlayStack, [.session(id: "s2", selection: 0)])
        // Something other than Esc closes the overlay (as a future action might)…
        state.ui.overlay = nil
        F.press(&state, .character("L"), .escape)
        XCTAssertNil(state.ui.overlay, "…and the next overlay from the panes starts afresh")
    }

    func testSelectionPastTheEndAfterEventsLeftTheRingIsClamped() {
        var state = state(retain: 8)
        F.press(&state, .tab, .tab, .character("j"), .enter, .character("G"))
        XCTAssertEqual(state.ui.overlay, .session(id: "s1", selection: 5))
        // Three more events push serials 1–3 out: s1's start and pause; four of its events remain.
        F.feed(&state, count: 3, at: t0 + 60)
        XCTAssertEqual(SessionTimeline.count(id: "s1", in: state), 4)
        F.press(&state, .character("k"))
        XCTAssertEqual(state.ui.overlay, .session(id: "s1", selection: 2))
        F.press(&state, .enter)
        if case .detail(let serial, _)? = state.ui.overlay {
            XCTAssertEqual(state.event(serial: serial)?.event.eventType, "buttonClick")
        } else {
            XCTFail("expected a detail, got \(String(describing: state.ui.overlay))")
        }
    }
}
