import XCTest
import EventDecoding
@testable import MonitorCore

final class KeyHandlingTests: XCTestCase {
    private typealias F = MonitorFixture

    private func stateWithEvents(_ count: Int, retain: Int = 10_000) -> MonitorState {
        var state = F.state(retain: retain)
        F.feed(&state, count: count)
        return state
    }

    // MARK: - Focus

    func testTabAndBackTabCycleFocus() {
        var state = F.state()
        XCTAssertEqual(state.ui.focus, .events)
        var order: [Pane] = []
        for _ in 0..<4 { F.press(&state, .tab); order.append(state.ui.focus) }
        XCTAssertEqual(order, [.types, .sessions, .events, .types])
        order = []
        for _ in 0..<4 { F.press(&state, .backTab); order.append(state.ui.focus) }
        XCTAssertEqual(order, [.events, .sessions, .types, .events])
    }

    // MARK: - Following

    /// Moving off the newest event pauses and holds the window, as in less, htop or k9s: the
    /// selection walks up the screen, the rows scroll only once it passes the top, and new events
    /// arriving meanwhile do not move what is shown.
    func testMovementKeysWalkTheSelectionUpAStillWindow() {
        var state = stateWithEvents(30)
        state.ui.pageSize = 8
        XCTAssertEqual(state.eventsFirstShown(rows: 8), 22, "following shows the newest 8 of 30")
        for step in 1...7 {
            F.press(&state, .character("k"))
            XCTAssertEqual(state.eventsFirstShown(rows: 8), 22, "after \(step) k the rows stay still")
            XCTAssertEqual(state.visibleIndex(ofSerial: state.selectedEventSerial), 29 - step)
        }
        F.feed(&state, count: 5)
        XCTAssertEqual(state.eventsFirstShown(rows: 8), 22, "arrivals while paused do not scroll the window")
        F.press(&state, .character("k"))
        XCTAssertEqual(state.visibleIndex(ofSerial: state.selectedEventSerial), 21)
        XCTAssertEqual(state.eventsFirstShown(rows: 8), 21, "past the top row the window scrolls by one")
        F.press(&state, .pageDown)
        XCTAssertEqual(state.visibleIndex(ofSerial: state.selectedEventSerial), 29)
        XCTAssertEqual(state.eventsFirstShown(rows: 8), 22, "a page down leaves the selection on the bottom row")
        F.press(&state, .character("G"))
        XCTAssertTrue(state.ui.following)
        XCTAssertEqual(state.eventsFirstShown(rows: 8), 27, "G follows the newest again (35 events)")
    }

    func testSpacePausesAndCountsArrivals() {
        var state = stateWithEvents(5)
        XCTAssertTrue(state.ui.following)
        XCTAssertEqual(state.selectedEventSerial, 5)
        XCTAssertEqual(state.arrivedSincePause, 0)

        F.press(&state, .character(" "))
        XCTAssertFalse(state.ui.following)
        XCTAssertEqual(state.selectedEventSerial, 5)
        XCTAssertEqual(state.arrivedSincePause, 0)

        F.feed(&state, count: 3)
        update(&state, .records([F.error()], recordCount: 1, receivedAt: F.start))
        XCTAssertEqual(state.arrivedSincePause, 4)
        XCTAssertEqual(state.selectedEventSerial, 5, "the selection stays put while paused")

        F.press(&state, .character(" "))
        XCTAssertTrue(state.ui.following)
        XCTAssertEqual(state.arrivedSincePause, 0)
        XCTAssertEqual(state.selectedEventSerial, 9)
        F.feed(&state, count: 1)
        XCTAssertEqual(state.selectedEventSerial, 10)
    }

    // MARK: - Moving the selection

    func testMovingUpStopsFollowingAndGResumes() {
        var state = stateWithEvents(50)
        F.press(&state, .character("k"))
        XCTAssertFalse(state.ui.following)
        XCTAssertEqual(state.selectedEventSerial, 49)
        XCTAssertEqual(state.ui.eventsAtPause, 50)
        F.press(&state, .character("k"), .up)
        XCTAssertEqual(state.selectedEventSerial, 47)
        F.press(&state, .character("j"))
        XCTAssertEqual(state.selectedEventSerial, 48)
        F.press(&state, .down, .down, .down)
        XCTAssertEqual(state.selectedEventSerial, 50, "clamped at the newest")
        XCTAssertFalse(state.ui.following)
        F.press(&state, .character("G"))
        XCTAssertTrue(state.ui.following)
        F.feed(&state, count: 2)
        XCTAssertEqual(state.selectedEventSerial, 52)
    }

    func testMovingDownWhileFollowingKeepsFollowing() {
        var state = stateWithEvents(5)
        F.press(&state, .character("j"), .pageDown, .end)
        XCTAssertTrue(state.ui.following)
        XCTAssertEqual(state.selectedEventSerial, 5)
    }

    func testTopAndPages() {
        var state = stateWithEvents(50)
        state.ui.pageSize = 10
        F.press(&state, .pageUp)
        XCTAssertFalse(state.ui.following)
        XCTAssertEqual(state.selectedEventSerial, 40)
        F.press(&state, .character("b"))
        XCTAssertEqual(state.selectedEventSerial, 30)
        F.press(&state, .pageDown)
        XCTAssertEqual(state.selectedEventSerial, 40)
        F.press(&state, .character("f"), .pageDown)
        XCTAssertEqual(state.selectedEventSerial, 50)
        F.press(&state, .character("g"))
        XCTAssertEqual(state.selectedEventSerial, 1)
        F.press(&state, .pageUp, .character("k"))
        XCTAssertEqual(state.selectedEventSerial, 1, "clamped at the oldest")
        F.press(&state, .end)
        XCTAssertTrue(state.ui.following)
        F.press(&state, .home)
        XCTAssertFalse(state.ui.following)
        XCTAssertEqual(state.selectedEventSerial, 1)
    }

    func testTopIsTheOldestRetainedEvent() {
        var state = stateWithEvents(30, retain: 10)
        F.press(&state, .character("g"))
        XCTAssertEqual(state.selectedEventSerial, 21)
        // The selected event leaves the ring: the selection clamps to what is still there.
        F.feed(&state, count: 5)
        XCTAssertEqual(state.firstRetainedSerial, 26)
        XCTAssertEqual(state.selectedEventSerial, 26)
        XCTAssertNotNil(state.event(serial: state.selectedEventSerial))
        F.press(&state, .character("j"))
        XCTAssertEqual(state.selectedEventSerial, 27)
    }

    func testMovingWithNoEventsDoesNothing() {
        var state = F.state()
        let before = state.ui
        F.press(&state, .character("k"), .character("g"), .pageUp, .enter)
        XCTAssertEqual(state.ui, before)
    }

    func testOtherPanesMoveTheirOwnSelection() {
        var state = F.state()
        let events = (0..<4).map { F.event("type\($0)", session: "s\($0)") }
        update(&state, .records(events, recordCount: 4, receivedAt: F.start))
        F.press(&state, .tab)
        F.press(&state, .character("j"), .character("j"))
        XCTAssertEqual(state.ui.typeSelection, 2)
        F.press(&state, .pageDown)
        XCTAssertEqual(state.ui.typeSelection, 3)
        F.press(&state, .character("g"))
        XCTAssertEqual(state.ui.typeSelection, 0)
        F.press(&state, .tab, .character("G"))
        XCTAssertEqual(state.ui.sessionSelection, 3)
        F.press(&state, .character("k"))
        XCTAssertEqual(state.ui.sessionSelection, 2)
        XCTAssertTrue(state.ui.following, "moving in other panes leaves the events pane alone")
        XCTAssertEqual(state.ui.typeSelection, 0)
    }

    // MARK: - Overlays

    func testEnterOpensTheSelectedEventAndEscCloses() {
        var state = stateWithEvents(20)
        F.press(&state, .enter)
        XCTAssertEqual(state.ui.overlay, .detail(serial: 20, scroll: 0))
        F.press(&state, .escape)
        XCTAssertNil(state.ui.overlay)
        F.press(&state, .character("k"), .character("k"), .enter)
        XCTAssertEqual(state.ui.overlay, .detail(serial: 18, scroll: 0))
    }

    func testDetailKeysScrollAndLeaveTheSelectionAlone() {
        var state = stateWithEvents(20)
        update(&state, .resize(width: 80, height: 24))
        F.press(&state, .enter, .character("j"), .character("j"))
        XCTAssertEqual(state.ui.overlay, .detail(serial: 20, scroll: 2))
        F.press(&state, .character("k"), .up, .up)
        XCTAssertEqual(state.ui.overlay, .detail(serial: 20, scroll: 0))
        F.press(&state, .pageDown)
        XCTAssertEqual(state.ui.overlay, .detail(serial: 20, scroll: 20))
        F.press(&state, .character("g"))
        XCTAssertEqual(state.ui.overlay, .detail(serial: 20, scroll: 0))
        F.press(&state, .tab, .character(" "))
        XCTAssertEqual(state.ui.focus, .events)
        XCTAssertTrue(state.ui.following)
        F.press(&state, .escape)
        XCTAssertNil(state.ui.overlay)
    }

    func testEnterOnlyOpensFromTheEventsPane() {
        var state = stateWithEvents(3)
        F.press(&state, .tab, .enter)
        XCTAssertNil(state.ui.overlay)
    }

    func testQuestionMarkTogglesHelp() {
        var state = stateWithEvents(3)
        F.press(&state, .character("?"))
        XCTAssertEqual(state.ui.overlay, .help)
        // Keys other than closing ones do nothing under the help.
        F.press(&state, .tab, .character("k"), .enter)
        XCTAssertEqual(state.ui.overlay, .help)
        XCTAssertEqual(state.ui.focus, .events)
        XCTAssertTrue(state.ui.following)
        F.press(&state, .character("?"))
        XCTAssertNil(state.ui.overlay)
        F.press(&state, .character("?"), .escape)
        XCTAssertNil(state.ui.overlay)
    }

    func testQuitFromAnywhere() {
        var state = F.state()
        XCTAssertFalse(state.shouldQuit)
        F.press(&state, .character("q"))
        XCTAssertTrue(state.shouldQuit)

        state = F.state()
        F.press(&state, .interrupt)
        XCTAssertTrue(state.shouldQuit)

        state = stateWithEvents(2)
        F.press(&state, .character("?"), .character("q"))
        XCTAssertTrue(state.shouldQuit)

        state = stateWithEvents(2)
        F.press(&state, .enter, .interrupt)
        XCTAssertTrue(state.shouldQuit)
    }

    func testUnboundKeysChangeNothing() {
        var state = stateWithEvents(3)
        let before = state.ui
        F.press(&state, .character("x"), .character("Q"), .left, .right, .backspace)
        XCTAssertEqual(state.ui, before)
        XCTAssertFalse(state.shouldQuit)
    }

    func testEveryBindingIsReachable() {
        for binding in KeyBindings.all {
            for key in binding.keys {
                XCTAssertEqual(KeyBindings.action(for: key), binding.action, binding.label)
            }
        }
        XCTAssertEqual(Set(KeyBindings.all.map(\.action)), Set(Action.allCases))
    }

    // MARK: - Prompts

    /// Ctrl-U (0x15) empties every prompt, as readline's unix-line-discard does, and the prompt
    /// stays open for new text; other control characters still never enter the text.
    func testCtrlUClearsEveryPrompt() {
        for (opener, kind) in [("/", "filter"), ("\\", "search"), ("w", "write")] {
            var state = stateWithEvents(5)
            F.press(&state, .character(Character(opener)))
            XCTAssertNotNil(state.ui.prompt, "\(kind): \(opener) opens a prompt")
            for c in "type:abc" { F.press(&state, .character(c)) }
            XCTAssertTrue(state.ui.prompt?.text.hasSuffix("type:abc") ?? false, "\(kind): \(String(describing: state.ui.prompt))")
            F.press(&state, .character("\u{15}"))
            XCTAssertEqual(state.ui.prompt?.text, "", "\(kind): Ctrl-U clears the text")
            F.press(&state, .character("\u{2}"))
            F.press(&state, .character("x"))
            XCTAssertEqual(state.ui.prompt?.text, "x", "\(kind): the prompt takes new text after Ctrl-U")
            XCTAssertFalse(state.shouldQuit)
        }
    }
}
