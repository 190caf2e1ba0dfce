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

    func testPointerIsIgnoredWhileAPromptIsOpen() {
        var s = state()
        MonitorFixture.press(&s, .character("/"))
        XCTAssertNotNil(s.ui.prompt)
        update(&s, .pointer(.click(pane: .sessions, row: 1)))
        XCTAssertEqual(s.ui.focus, .events)
        XCTAssertNotNil(s.ui.prompt)
    }
}
