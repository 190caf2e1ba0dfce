import Foundation
import XCTest

/// The session drill-down and the latency view on the real binary in tmux: from the sessions
/// pane into a session, into one of its events, back out step by step, then the latency view,
/// and the terminal restored on quit (see `TmuxEndToEndTests` for how that is checked).
final class DrillDownEndToEndTests: TmuxTestCase {
    func testSessionDrillDownDetailAndLatencyViews() throws {
        let tmux = try XCTUnwrap(driver)
        let (width, height) = (120, 40)
        try tmux.start([try KinescopePackage.binary().path, "demo", "--seed", "5", "--rate", "60"], width: width, height: height)
        try tmux.waitForScreen("the panes") { TmuxEndToEndTests.isMainScreen($0, width: width, height: height) }
        XCTAssertEqual(try tmux.display("#{alternate_on}"), "1", "the TUI draws on the alternate screen")

        try tmux.sendKeys("Tab", "Tab")
        try tmux.waitForScreen("a session in the focused sessions pane") {
            $0.footer.contains("quit") && !$0.footer.contains("sort") && !$0.footer.contains("detail")
                && Self.keptSessions($0) > 0
        }
        try tmux.sendKeys("Enter")
        guard let session = try tmux.waitForScreen("the session view", { screen in
            screen.lines.count > 2 && screen.lines[1].hasPrefix("┌Session ") && screen.contains("started ")
                && screen.contains("elapsed") && screen.footer.contains("back")
        }) else { return }
        XCTAssertFalse(session.contains("Event types"), "the session view covers the panes:\n\(session)")

        try tmux.sendKeys("Enter")
        try tmux.waitForScreen("the detail of the session's first event") { screen in
            screen.lines.count > 2 && screen.lines[1].hasPrefix("┌Event #") && screen.contains("session ")
        }
        try tmux.sendKeys("Escape")
        try tmux.waitForScreen("back to the session view") { $0.lines.count > 2 && $0.lines[1].hasPrefix("┌Session ") }
        try tmux.sendKeys("Escape")
        try tmux.waitForScreen("back to the panes") { TmuxEndToEndTests.isMainScreen($0, width: width, height: height) }

        try tmux.sendKeys("L")
        try tmux.waitForScreen("the latency view") { screen in
            screen.lines.count > 2 && screen.lines[1].hasPrefix("┌Latency · ") && screen.contains("client → Pinpoint")
                && screen.contains("Kinesis → Kinescope") && screen.contains("p99") && screen.contains("distribution")
        }
        try tmux.sendKeys("Escape")
        try tmux.waitForScreen("the panes after the latency view") {
            !$0.contains("Latency · ") && TmuxEndToEndTests.isMainScreen($0, width: width, height: height)
        }

        try tmux.sendKeys("q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
        XCTAssertEqual(try tmux.display("#{alternate_on}"), "0", "still on the alternate screen after exit")
        XCTAssertEqual(try tmux.display("#{cursor_flag}"), "1", "cursor still hidden after exit")
    }

    /// N in the sessions pane's "Sessions (A active, N kept)" title.
    static func keptSessions(_ screen: PaneScreen) -> Int {
        guard let match = screen.text.firstMatch(of: /Sessions \([\d,]+ active, ([\d,]+) kept\)/) else { return 0 }
        return Int(match.1.replacingOccurrences(of: ",", with: "")) ?? 0
    }
}
