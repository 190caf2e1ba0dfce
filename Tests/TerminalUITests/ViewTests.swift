import EventDecoding
import MonitorCore
import XCTest
@testable import TerminalUI

final class ViewTests: XCTestCase {
    private func differingLines(_ a: Buffer, _ b: Buffer) -> String {
        zip(a.lines.indices, zip(a.lines, b.lines)).filter { $0.1.0 != $0.1.1 }
            .map { "row \($0.0):\n  before: |\($0.1.0)|\n  after:  |\($0.1.1)|" }.joined(separator: "\n")
    }

    func testViewIsPureAndRepeatable() {
        let demo = DemoScreenState(events: 400)
        let again = DemoScreenState(events: 400)
        for (width, height) in [(120, 40), (80, 24), (40, 10), (30, 8)] {
            let first = demo.screen(width: width, height: height)
            XCTAssertEqual(first.width, width)
            XCTAssertEqual(first.height, height)
            XCTAssertEqual(demo.screen(width: width, height: height), first, "same state, same buffer")
            XCTAssertEqual(again.screen(width: width, height: height), first, "same seed and clock, same buffer")
        }
        // Rendering at another size in between leaves nothing behind.
        let before = demo.screen(width: 100, height: 30)
        _ = demo.screen(width: 60, height: 15)
        XCTAssertEqual(demo.screen(width: 100, height: 30), before)
    }

    func testEmptyStateRenders() {
        let state = MonitorState(config: MonitorConfig(sourceName: "stream web-events"), now: DemoScreenState.startTime)
        let screen = view(state, width: 80, height: 24)
        // At 80 columns the rate and sessions give way first; the app name and the source always lead.
        XCTAssertTrue(screen.lines[0].hasPrefix(" Kinescope │ stream web-events │ 0 events │ 0 errors │ ● starting"), screen.lines[0])
        let wide = view(state, width: 120, height: 40)
        XCTAssertTrue(wide.lines[0].hasPrefix(" Kinescope │ stream web-events │ 0 ev/s │ 0 events "), wide.lines[0])
        XCTAssertTrue(screen.lines[1].hasPrefix("┌Events (0 kept)"), screen.lines[1])
        XCTAssertEqual(screen.lines[3], "│" + String(repeating: " ", count: 78) + "│", "no rows, no selection")
        XCTAssertFalse(screen.cells.contains { $0.style.reverse })
    }

    func testIdleScreenIsStillWithinAMinuteOnceRatesHaveDecayed() {
        var demo = DemoScreenState(events: 600)
        // The first whole minute that starts more than 61 s after the last event: rates and
        // sparklines have decayed to zero, and the header clock shows the same minute throughout.
        let minute = ((demo.lastTime + 62) / 60).rounded(.up) * 60
        update(&demo.state, .tick(minute + 1))
        XCTAssertTrue(demo.state.rate.isQuiet(at: demo.state.now))
        let early = demo.screen(width: 120, height: 40)
        XCTAssertTrue(early.lines[0].contains("│ 0 ev/s │"), early.lines[0])
        let types = MainLayout(early.area).types
        XCTAssertFalse(early.lines[types.y + 2].contains("█"), "sparklines have decayed: \(early.lines[types.y + 2])")

        update(&demo.state, .tick(minute + 59))
        let late = demo.screen(width: 120, height: 40)
        let backend = TestBackend(width: 120, height: 40)
        backend.draw(early)
        let written = backend.cellsWritten
        backend.draw(late)
        XCTAssertEqual(backend.cellsWritten - written, 0, "an idle screen should not change within the minute:\n"
                       + differingLines(early, late))
    }

    func testIdleScreenIsStillOnceTheSessionTimelinesHaveEmptied() {
        var demo = DemoScreenState(events: 600)
        let minute = ((demo.lastTime + 301) / 60).rounded(.up) * 60
        update(&demo.state, .tick(minute + 1))
        let early = demo.screen(width: 120, height: 40)
        update(&demo.state, .tick(minute + 59))
        let late = demo.screen(width: 120, height: 40)
        XCTAssertEqual(early, late, differingLines(early, late))
        // The next minute changes the clock and nothing else.
        update(&demo.state, .tick(minute + 61))
        let next = demo.screen(width: 120, height: 40)
        let backend = TestBackend(width: 120, height: 40)
        backend.draw(late)
        let written = backend.cellsWritten
        backend.draw(next)
        XCTAssertEqual(backend.cellsWritten - written, 1, "one clock digit:\n" + differingLines(late, next))
    }

    func testHeaderKeepsErrorsAndStatusAt80Columns() {
        // At 80 columns the header has about 20 free columns, yet it stops at the first part that
        // does not fit ("133 active sessions"), so the error count and the running/paused status
        // (with "+N new") disappear, while the less important parts before them stay.
        var demo = DemoScreenState(events: 600, width: 80, height: 24)
        demo.feedRecord("{\"broken")
        demo.key(.character(" "))
        demo.feed(25)
        let header = demo.screen(width: 80, height: 24).lines[0]
        XCTAssertTrue(header.contains("1 error │"), header)
        XCTAssertTrue(header.contains("● paused +25 new"), header)
        XCTAssertTrue(header.hasSuffix(" UTC "), header)
    }

    /// The app name and the source lead the header at every width; a long source or a long
    /// failure is cut on the right with "…", never on the left.
    func testHeaderKeepsAppNameAndSourceAndCutsOnTheRight() {
        let arn = "arn:aws:kinesis:eu-west-1:123456789012:stream/a-very-long-stream-name-for-the-header"
        var state = MonitorState(config: MonitorConfig(sourceName: arn), now: DemoScreenState.startTime)
        update(&state, .sourceStatus(.running))
        for width in [40, 60, 80, 120] {
            let header = view(state, width: width, height: 24).lines[0]
            XCTAssertTrue(header.hasPrefix(" Kinescope │ arn"), "\(width): \(header)")
            XCTAssertTrue(header.contains("…"), "\(width): the source is shortened: \(header)")
            XCTAssertTrue(header.hasSuffix(" UTC "), "\(width): \(header)")
            if width >= 80 {
                XCTAssertTrue(header.contains("0 errors │ ● running"), "\(width): errors and status stay: \(header)")
                XCTAssertTrue(header.contains("header │ "), "\(width): a shortened source keeps its end (the name): \(header)")
            }
            if width >= 120 {
                XCTAssertTrue(header.contains("0 events"), "\(width): the source gives way before the totals: \(header)")
            }
        }
        let wide = view(state, width: 200, height: 24).lines[0]
        XCTAssertTrue(wide.contains(arn), "a source that fits is shown whole: \(wide)")

        let reason = "cannot open /var/tmp/some/deep/directory/events-" + String(repeating: "x", count: 120) + ".ndjson: no such file"
        update(&state, .sourceStatus(.failed(reason)))
        let header = view(state, width: 100, height: 24).lines[0]
        XCTAssertTrue(header.hasPrefix(" Kinescope │ arn"), header)
        XCTAssertTrue(header.contains("● failed: cannot open /var/tmp"), header)
        XCTAssertTrue(header.hasSuffix("… 00:00 UTC "), "cut on the right, before the clock: \(header)")
        XCTAssertEqual(DisplayWidth.of(header), 100)
    }

    func testTooSmallAtEitherDimension() {
        let demo = DemoScreenState(events: 50)
        for (width, height) in [(39, 40), (120, 9), (10, 3)] {
            let text = demo.screen(width: width, height: height).lines.joined(separator: "\n")
            XCTAssertTrue(text.contains(width >= 18 ? "terminal too small" : "terminal …"), "\(width)×\(height):\n\(text)")
            XCTAssertTrue(text.contains("need 40×10"), text)
        }
        XCTAssertEqual(demo.screen(width: 0, height: 0).lines, [])
    }
}
