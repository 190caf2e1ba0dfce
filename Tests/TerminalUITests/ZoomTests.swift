import EventDecoding
import MonitorCore
import XCTest
@testable import TerminalUI

final class ZoomTests: XCTestCase {
    private func state() -> MonitorState {
        var state = MonitorState(config: MonitorConfig(sourceName: "demo"), now: 1_767_225_600)
        let events = (0..<30).map { Event(kind: .pinpointApp, eventType: "pageView", sessionId: "s\($0 % 5)", platform: "iOS") }
        update(&state, .records(events, recordCount: 30, receivedAt: 1_767_225_600))
        return state
    }

    func testZTogglesTheFocusedPaneToFullScreen() {
        var s = state()
        update(&s, .key(.tab))
        update(&s, .key(.tab))
        update(&s, .key(.character("z")))
        XCTAssertTrue(s.ui.zoomed)
        let lines = view(s, width: 100, height: 20).lines
        XCTAssertTrue(lines[1].hasPrefix("┌Sessions (5 active, 5 kept)"), lines[1])
        XCTAssertTrue(lines[18].hasPrefix("└"), lines[18])
        XCTAssertFalse(lines.joined().contains("Event types"), "only the zoomed pane shows")
        XCTAssertTrue(lines[19].contains("unzoom"), lines[19])
        update(&s, .key(.character("z")))
        XCTAssertFalse(s.ui.zoomed)
        XCTAssertTrue(view(s, width: 100, height: 20).lines.joined().contains("┌Event types"))
    }

    func testZoomedEventsPaneShowsMoreRows() {
        var s = state()
        update(&s, .key(.character("z")))
        let rows = view(s, width: 100, height: 30).lines.filter { $0.contains("pageView") }
        XCTAssertEqual(rows.count, 25, "30 rows minus header, footer, borders and the column titles")
        XCTAssertEqual(MainLayout.pageSize(width: 100, height: 30, zoomed: true), 25)
    }
}
