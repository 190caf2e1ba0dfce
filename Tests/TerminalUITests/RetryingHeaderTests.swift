import EventDecoding
import MonitorCore
import XCTest
@testable import TerminalUI

/// A stream whose endpoint does not answer keeps being tried; the header says so, in the warning
/// style, and goes back to running when it answers.
final class RetryingHeaderTests: XCTestCase {
    func testTheHeaderShowsTheRetryAndThenRunningAgain() {
        var state = MonitorState(config: MonitorConfig(sourceName: "stream web-events"), now: DemoScreenState.startTime)
        let line = "connecting to http://127.0.0.1:4567 failed: connection refused, retry 3 in 4 s"
        update(&state, .sourceStatus(.retrying(line)))
        let header = view(state, width: 160, height: 24).lines[0]
        XCTAssertTrue(header.contains("● " + line), header)
        XCTAssertFalse(header.contains("failed: connecting"), "not called failed while it is still trying: \(header)")
        update(&state, .sourceStatus(.running))
        XCTAssertTrue(view(state, width: 160, height: 24).lines[0].contains("● running"))
    }
}
