import EventDecoding
import MonitorCore
import XCTest
@testable import TerminalUI

final class FilterPromptViewTests: XCTestCase {
    private func state() -> MonitorState {
        var state = MonitorState(config: MonitorConfig(sourceName: "demo (seed 1)"), now: 1_767_225_600)
        let events = [Event(kind: .pinpointApp, eventType: "_session.start", platform: "iOS"),
                      Event(kind: .pinpointApp, eventType: "pageView", platform: "Android")]
        update(&state, .records(events, recordCount: 2, receivedAt: 1_767_225_600))
        return state
    }

    func testThePromptReplacesTheFooterAndShowsErrors() {
        var s = state()
        update(&s, .key(.character("/")))
        for c in "type:x or" { update(&s, .key(.character(c))) }
        var footer = view(s, width: 100, height: 12).lines[11]
        XCTAssertTrue(footer.hasPrefix(" /  type:x or▏  Enter applies · empty clears · Esc cancels"), footer)
        update(&s, .key(.enter))
        footer = view(s, width: 100, height: 12).lines[11]
        XCTAssertTrue(footer.hasPrefix(" /  type:x or▏  at 9: expected a term after 'or'"), footer)
    }

    func testAnActiveFilterIsNamedInTheHeaderWithMatchedAndTotalCounts() {
        var s = state()
        s.setFilter(try! EventFilter.parse("platform:ios"))
        let lines = view(s, width: 140, height: 14).lines
        XCTAssertTrue(lines[0].contains("1 of 2 events"), lines[0])
        XCTAssertTrue(lines[0].contains("filter: platform:ios"), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("┌Events (1 of 2 kept match)"), lines[1])
    }
}
