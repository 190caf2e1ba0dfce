import EventDecoding
import MonitorCore
import XCTest
@testable import TerminalUI

/// A resize changes the layout, never what is focused or selected: the same pane keeps the focus,
/// the same event, type and session stay selected and on screen, at every size.
final class ResizeTests: XCTestCase {
    /// The rows of `buffer` with cells on the selection band, as text.
    private func selectedRows(_ buffer: Buffer, theme: Theme = .dark) -> [String] {
        let xs = 0..<buffer.width
        return (0..<buffer.height).compactMap { y -> String? in
            guard xs.contains(where: { buffer[$0, y].style.bg == theme.selection.bg }) else { return nil }
            return xs.map { buffer[$0, y].symbol }.joined()
        }
    }

    func testFocusSelectionsAndTheSelectedRowsSurviveEveryResize() throws {
        var demo = DemoScreenState(events: 600, width: 120, height: 40)
        for _ in 0..<6 { demo.key(.character("k")) }
        demo.key(.tab)
        demo.key(.character("j"))
        demo.key(.character("j"))
        demo.key(.tab)
        for _ in 0..<4 { demo.key(.character("j")) }
        let before = demo.state.ui
        XCTAssertEqual(before.focus, .sessions)
        XCTAssertFalse(before.following)
        let serial = demo.state.selectedEventSerial
        let selectedEvent = try XCTUnwrap(demo.state.event(serial: serial))
        let session = demo.state.sessions.ordered(prefix: before.sessionSelection + 1)[before.sessionSelection].id

        for (width, height) in [(80, 24), (200, 60), (60, 15), (120, 40)] {
            demo.resize(width: width, height: height)
            let ui = demo.state.ui
            XCTAssertEqual(ui.focus, .sessions, "\(width)×\(height)")
            XCTAssertEqual(demo.state.selectedEventSerial, serial, "\(width)×\(height)")
            XCTAssertEqual(ui.typeSelection, before.typeSelection, "\(width)×\(height)")
            XCTAssertEqual(ui.sessionSelection, before.sessionSelection, "\(width)×\(height)")
            XCTAssertFalse(ui.following, "\(width)×\(height): still paused")

            let screen = demo.screen(width: width, height: height)
            let banded = selectedRows(screen)
            // The events pane (full width, top) and the sessions pane (bottom right) each show
            // their selection on the band.
            let time = String(Timestamp.timeOfDay(try XCTUnwrap(selectedEvent.event.eventTime)).prefix(8))
            XCTAssertTrue(banded.contains { $0.contains(time) && $0.contains(selectedEvent.event.eventType ?? "?") },
                          "\(width)×\(height): the selected event's row is on screen and banded: \(banded)")
            XCTAssertTrue(banded.contains { $0.contains(String(session.prefix(8))) },
                          "\(width)×\(height): the selected session's row is on screen and banded: \(banded)")
        }
    }

    func testTheHelpScrollIsClampedWhenTheScreenGrows() {
        var demo = DemoScreenState(events: 10, width: 80, height: 20)
        demo.key(.character("?"))
        demo.key(.end)
        let limit = HelpLayout.maxScroll(width: 80, height: 20)
        XCTAssertGreaterThan(limit, 0, "the help is taller than 20 rows")
        XCTAssertEqual(demo.state.ui.helpScroll, limit)
        demo.resize(width: 120, height: 60)
        XCTAssertEqual(demo.state.ui.helpScroll, HelpLayout.maxScroll(width: 120, height: 60))
        demo.resize(width: 80, height: 20)
        demo.key(.character("k"))
        XCTAssertEqual(demo.state.ui.helpScroll, max(0, HelpLayout.maxScroll(width: 120, height: 60) - 1),
                       "one step up from where the help is shown, not from past its end")
    }
}
