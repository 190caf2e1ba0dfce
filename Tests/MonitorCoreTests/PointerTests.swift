import EventDecoding
import XCTest
@testable import MonitorCore

/// Mouse messages (already placed on panes by the view's hit test) and `m`.
final class PointerTests: XCTestCase {
    private func state(events: Int = 20) -> MonitorState {
        var state = MonitorFixture.state()
        let batch = (0..<events).map { MonitorFixture.event($0 % 2 == 0 ? "pageView" : "click", session: "s\($0 % 4)") }
        update(&state, .records(batch, recordCount: events, receivedAt: MonitorFixture.start))
        return state
    }

    func testMTogglesMouseWhichStartsOff() {
        var s = state()
        XCTAssertFalse(s.ui.mouse)
        MonitorFixture.press(&s, .character("m"))
        XCTAssertTrue(s.ui.mouse)
        MonitorFixture.press(&s, .character("m"))
        XCTAssertFalse(s.ui.mouse)
    }

    func testClickingAnEventRowSelectsItAndStopsFollowing() {
        var s = state()
        update(&s, .pointer(.click(pane: .events, row: 5)))
        XCTAssertEqual(s.ui.focus, .events)
        XCTAssertFalse(s.ui.following)
        XCTAssertEqual(s.selectedEventSerial, s.visibleSerial(at: 5))
        XCTAssertEqual(s.ui.eventsAtPause, 20)
    }

    func testClickingTheNewestEventWhileFollowingKeepsFollowing() {
        var s = state()
        update(&s, .pointer(.click(pane: .events, row: 19)))
        XCTAssertTrue(s.ui.following)
    }

    func testClickingAnotherPaneFocusesItAndSelectsTheRow() {
        var s = state()
        update(&s, .pointer(.click(pane: .sessions, row: 2)))
        XCTAssertEqual(s.ui.focus, .sessions)
        XCTAssertEqual(s.ui.sessionSelection, 2)
        update(&s, .pointer(.click(pane: .types, row: 1)))
        XCTAssertEqual(s.ui.focus, .types)
        XCTAssertEqual(s.ui.typeSelection, 1)
        XCTAssertTrue(s.ui.following, "clicks elsewhere leave the events pane following")
    }

    func testClicksBelowTheRowsOrOnABorderOnlyFocus() {
        var s = state()
        update(&s, .pointer(.click(pane: .types, row: 7)))
        XCTAssertEqual(s.ui.focus, .types)
        XCTAssertEqual(s.ui.typeSelection, 0, "only two types: row 7 is empty space")
        update(&s, .pointer(.click(pane: .sessions, row: nil)))
        XCTAssertEqual(s.ui.focus, .sessions)
        XCTAssertEqual(s.ui.sessionSelection, 0)
    }

    func testTheWheelFocusesThePaneAndMovesItsSelection() {
        var s = state()
        update(&s, .pointer(.scroll(pane: .events, lines: -3)))
        XCTAssertFalse(s.ui.following, "scrolling up leaves the newest event, as k does")
        XCTAssertEqual(s.selectedEventSerial, 17)
        update(&s, .pointer(.scroll(pane: .events, lines: 3)))
        XCTAssertEqual(s.selectedEventSerial, 20)
        update(&s, .pointer(.scroll(pane: .sessions, lines: 3)))
        XCTAssertEqual(s.ui.focus, .sessions)
        XCTAssertEqual(s.ui.sessionSelection, 3)
        update(&s, .pointer(.scroll(pane: .sessions, lines: -3)))
        XCTAssertEqual(s.ui.sessionSelection, 0)
    }

    func testTheWheelScrollsTheDetailAndClicksDoNothingUnderAnOverlay() {
        var s = state()
        MonitorFixture.press(&s, .enter)
        guard case .detail(let serial, 0)? = s.ui.overlay else { return XCTFail("no detail: \(String(describing: s.ui.overlay))") }
        update(&s, .pointer(.scrollOverlay(lines: 3)))
        XCTAssertEqual(s.ui.overlay, .detail(serial: serial, scroll: 3))
        update(&s, .pointer(.scrollOverlay(lines: -9)))
        XCTAssertEqual(s.ui.overlay, .detail(serial: serial, scroll: 0))
        update(&s, .pointer(.click(pane: .types, row: 0)))
        XCTAssertEqual(s.ui.focus, .events, "a click under an overlay changes nothing behind it")
        update(&s, .pointer(.scroll(pane: .types, lines: 3)))
        XCTAssertEqual(s.ui.focus, .events)
    }

    func testTheWheelScrollsTheHelpAndMovesTheSessionSelection() {
        var s = state()
        update(&s, .resize(width: 80, height: 12))
        MonitorFixture.press(&s, .character("?"))
        XCTAssertEqual(s.ui.overlay, .help)
        XCTAssertGreaterThan(HelpLayout.maxScroll(width: 80, height: 12), 3, "the help is taller than the screen")
        update(&s, .pointer(.scrollOverlay(lines: 3)))
        XCTAssertEqual(s.ui.helpScroll, 3)
        update(&s, .pointer(.scrollOverlay(lines: -9)))
        XCTAssertEqual(s.ui.helpScroll, 0, "clamped at the top")
        MonitorFixture.press(&s, .escape)

        MonitorFixture.press(&s, .tab, .tab, .enter)
        guard case .session(let id, 0)? = s.ui.overlay else { return XCTFail("no session: \(String(describing: s.ui.overlay))") }
        update(&s, .pointer(.scrollOverlay(lines: 3)))
        XCTAssertEqual(s.ui.overlay, .session(id: id, selection: 3))
        update(&s, .pointer(.scrollOverlay(lines: -3)))
        XCTAssertEqual(s.ui.overlay, .session(id: id, selection: 0))
    }

    func testTheWheelLeavesTheLatencyAndShardsViewsAlone() {
        var s = state()
        MonitorFixture.press(&s, .character("L"))
        XCTAssertEqual(s.ui.overlay, .latency)
        update(&s, .pointer(.scrollOverlay(lines: 3)))
        XCTAssertEqual(s.ui.overlay, .latency)
        XCTAssertEqual(s.ui.focus, .events)
    }

    /// A click keeps the events pane's window where it was (the hit test says where it starts);
    /// the keys then move the selection inside it, and the window only as far as the selection
    /// leaves it.
    func testAClickHoldsTheEventsWindowStill() {
        var s = state()
        s.ui.pageSize = 8
        // Following, rows 12…19 are on screen; row 14 is clicked.
        XCTAssertEqual(s.eventsFirstShown(rows: 8), 12)
        update(&s, .pointer(.click(pane: .events, row: 14, top: 12)))
        XCTAssertEqual(s.selectedEventSerial, s.visibleSerial(at: 14))
        XCTAssertEqual(s.eventsFirstShown(rows: 8), 12, "the clicked row stays where it was")
        MonitorFixture.press(&s, .character("k"), .character("k"))
        XCTAssertEqual(s.eventsFirstShown(rows: 8), 12, "moving inside the window keeps it still")
        MonitorFixture.press(&s, .character("k"))
        XCTAssertEqual(s.visibleIndex(ofSerial: s.selectedEventSerial), 11)
        XCTAssertEqual(s.eventsFirstShown(rows: 8), 11, "past the top it scrolls by one")
        MonitorFixture.press(&s, .character("j"))
        XCTAssertEqual(s.eventsFirstShown(rows: 8), 11, "and stays there coming back")
        // Keys alone (no click) hold the window too: following shows rows 12…19, and `k` moves
        // the selection up the screen while the rows stay where they were.
        MonitorFixture.press(&s, .character("G"), .character("k"))
        XCTAssertEqual(s.ui.eventsTop, s.visibleSerial(at: 12))
        XCTAssertEqual(s.eventsFirstShown(rows: 8), 12)
        XCTAssertEqual(s.visibleIndex(ofSerial: s.selectedEventSerial), 18)
    }

    func testPointerIsIgnoredWhileAPromptIsOpen() {
        var s = state()
        MonitorFixture.press(&s, .character("/"))
        XCTAssertNotNil(s.ui.prompt)
        update(&s, .pointer(.click(pane: .sessions, row: 1)))
        XCTAssertEqual(s.ui.focus, .events)
        XCTAssertNotNil(s.ui.prompt)
    }
}
