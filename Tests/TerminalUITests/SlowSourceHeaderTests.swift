import EventDecoding
import MonitorCore
import XCTest
@testable import TerminalUI

/// A source that cannot keep the rate asked of it says so where the status is: the header.
final class SlowSourceHeaderTests: XCTestCase {
    func testTheHeaderShowsWhatASlowDemoKeeps() {
        var demo = DemoScreenState(events: 200)
        update(&demo.state, .sourceStatus(.slow("demo: 5,100 ev/s of 20,000 asked")))
        var header = demo.screen(width: 160, height: 40).lines[0]
        XCTAssertTrue(header.contains("│ 0 errors │ ● demo: 5,100 ev/s of 20,000 asked "), header)
        XCTAssertFalse(header.contains("running"), header)

        demo.key(.character(" "))
        header = demo.screen(width: 160, height: 40).lines[0]
        XCTAssertTrue(header.contains("● demo: 5,100 ev/s of 20,000 asked, paused +0 new"), header)

        demo.key(.character(" "))
        update(&demo.state, .sourceStatus(.running))
        header = demo.screen(width: 160, height: 40).lines[0]
        XCTAssertTrue(header.contains("● running "), header)
    }
}
