import EventDecoding
import XCTest
@testable import MonitorCore

final class ControlMessageTests: XCTestCase {
    func testControlMessagesAreCountedAndReportedOnlyWhenPresent() {
        var state = MonitorState(config: MonitorConfig(sourceName: "file"), now: 0)
        update(&state, .records([Event(kind: .text, summary: "x")], recordCount: 2, receivedAt: 0))
        XCTAssertFalse(StatsSummary(state).json().contains("control_messages"))
        XCTAssertFalse(StatsSummary(state).text().contains("control messages"))
        update(&state, .controlMessages(1))
        XCTAssertEqual(state.controlMessages, 1)
        XCTAssertTrue(StatsSummary(state).json().hasSuffix(#","control_messages":1}"#), StatsSummary(state).json())
        XCTAssertTrue(StatsSummary(state).text().contains("control messages 1"))
    }
}
