import Foundation
import XCTest

/// The TUI's start-up options on the real binary in tmux: colour choices (`--color`, `NO_COLOR`),
/// `--filter`, `--mouse` (and quitting with the mouse still on), a bad config file, and the focus
/// and selections kept across resizes.
final class StartupOptionsEndToEndTests: TmuxTestCase {
    private func kinescope() throws -> String { try KinescopePackage.binary().path }

    /// The panes of a finished 400-event demo capture, read at full speed.
    /// `ready` is what the first screen must show; by default the main screen (its footer
    /// listing the keys) with the file read to its end.
    private func startOnCapture(_ extra: [String] = [], prefix: [String] = [], width: Int = 100, height: Int = 30,
                                ready: ((PaneScreen) -> Bool)? = nil) throws -> TmuxDriver {
        let tmux = try XCTUnwrap(driver)
        let capture = try TermMatrixEndToEndTests.demoCapture(in: tmux.scratch)
        try tmux.start(prefix + [try kinescope(), "watch", "--file", capture.path, "--speed", "max"] + extra, width: width, height: height)
        try tmux.waitForScreen("the panes with the file read to its end") {
            (ready?($0) ?? TmuxEndToEndTests.isMainScreen($0, width: width, height: height)) && $0.lines.first?.contains("ended") == true
        }
        return tmux
    }

    private func quit(_ tmux: TmuxDriver, file: StaticString = #filePath, line: UInt = #line) throws {
        try tmux.sendKeys("q")
        XCTAssertEqual(try tmux.waitForExit(), 0, file: file, line: line)
        try TmuxEndToEndTests.assertTerminalRestored(tmux, file: file, line: line)
    }

    func testColorNeverDrawsWithoutColourAndKeepsTheSelectionVisible() throws {
        let tmux = try startOnCapture(["--color", "never"])
        let screen = StyledScreen(try tmux.captureStyled())
        XCTAssertFalse(screen.usesIndexedColors || screen.usesBasicColors, "no colour with --color never: \(screen.sgrSequences)")
        XCTAssertTrue(screen.sgrParameters.contains("7"), "reverse video marks the selection instead of a colour band")
        try quit(tmux)
    }

    func testNoColorInTheEnvironmentTurnsColourOff() throws {
        let tmux = try startOnCapture(prefix: ["env", "NO_COLOR=1"])
        let plain = StyledScreen(try tmux.captureStyled())
        XCTAssertFalse(plain.usesIndexedColors || plain.usesBasicColors, "NO_COLOR=1 means no colour: \(plain.sgrSequences)")
        try quit(tmux)
    }

    func testColorAlwaysWinsOverNoColor() throws {
        let tmux = try startOnCapture(["--color", "always"], prefix: ["env", "NO_COLOR=1"])
        XCTAssertTrue(StyledScreen(try tmux.captureStyled()).usesIndexedColors, "--color always overrides NO_COLOR (256 colours on xterm-256color)")
        try quit(tmux)
    }

    func testFilterFlagFiltersEveryPaneFromTheStart() throws {
        let tmux = try startOnCapture(["--filter", "type:_session.start"])
        let screen = try tmux.capture()
        XCTAssertTrue(screen.lines[0].contains("filter: type:_session.start"), screen.description)
        XCTAssertTrue(screen.contains("kept match)"), "the events pane counts the matching events: \(screen)")
        XCTAssertTrue(screen.contains("_session.start"), screen.description)
        for other in ["pageView", "buttonClick", "_session.stop", "addToCart"] {
            XCTAssertFalse(screen.contains(other), "no pane shows \(other) under the filter: \(screen)")
        }
        try tmux.sendKeys("/")
        try tmux.waitForScreen("the prompt holding the flag's filter") { $0.footer.contains("type:_session.start") }
        try tmux.sendKeys("Escape")
        try quit(tmux)
    }

    /// `--mouse` turns reporting on at start; quitting with it on turns it off again.
    func testMouseFlagTurnsReportingOnAndQuitTurnsItOff() throws {
        let tmux = try startOnCapture(["--mouse"])
        XCTAssertTrue(try tmux.capture().lines[0].contains("mouse on"))
        XCTAssertEqual(try tmux.display("#{mouse_any_flag}"), "1", "the terminal was asked for mouse reports")
        // A click on the first row of the event types pane (SGR reports count rows from 1) focuses it.
        let border = try XCTUnwrap(try tmux.capture().lines.firstIndex { $0.contains("┌Event types") })
        try tmux.run(["send-keys", "-t", tmux.session, "-l", "\u{1b}[<0;5;\(border + 3)M\u{1b}[<0;5;\(border + 3)m"])
        try tmux.waitForScreen("the click focusing the event types (footer offers sort)") { $0.footer.contains("sort") }
        try quit(tmux)
        XCTAssertEqual(try tmux.display("#{mouse_any_flag}"), "0", "mouse reporting is off after exit")
    }

    func testABadConfigFileIsShownInTheFooterAndTheTUIStartsWithItsGoodLines() throws {
        let tmux = try XCTUnwrap(driver)
        let config = tmux.scratch.appendingPathComponent("config.toml")
        try "retain = -5\ntheme = \"light\"\nmouse = true\n".write(to: config, atomically: true, encoding: .utf8)
        // The warning takes the footer's place until the first key.
        let screen = try startOnCapture(["--config", config.path]) { $0.contains("Event types") && $0.contains("Sessions (") }.capture()
        // (The path in front of it is long here, so the footer shows the start of the warning.)
        XCTAssertTrue(screen.footer.contains("config.toml line 1: retain must be an integer"), screen.description)
        XCTAssertTrue(screen.lines[0].contains("mouse on"), "the file's good lines still apply: \(screen)")
        XCTAssertTrue(screen.contains("Events (400 kept)"), "the default retention applies: \(screen)")
        try tmux.sendKeys("?")
        try tmux.waitForScreen("the help; the key took the warning away") { $0.contains("Esc or ? closes") }
        try tmux.sendKeys("Escape")
        try tmux.waitForScreen("the footer with the keys again") { TmuxEndToEndTests.isMainScreen($0, width: 100, height: 30) }
        try quit(tmux)
    }

    /// The focused pane and each pane's selection are what they were before the terminal changed
    /// size: the same session and the same event open after two resizes.
    func testFocusAndSelectionsSurviveResizes() throws {
        let tmux = try startOnCapture()
        func openedTitle(_ what: String, _ marker: String) throws -> String {
            try tmux.sendKeys("Enter")
            let screen = try XCTUnwrap(try tmux.waitForScreen(what) { $0.contains(marker) })
            let title = try XCTUnwrap(screen.lines.first { $0.contains(marker) })
            try tmux.sendKeys("Escape")
            try tmux.waitForScreen("the panes again") { !$0.contains(marker) && $0.contains("Event types") }
            // The title up to the border after it: "┌Session 1234… · iOS · stopped", "┌Event #17 · pageView".
            return String(title.prefix { $0 != "─" })
        }

        try tmux.sendKeys("k", "k", "k", "k", "k")
        try tmux.waitForScreen("the events pane paused on an older event") { $0.contains("paused") }
        let event = try openedTitle("the event's detail", "┌Event #")
        try tmux.sendKeys("Tab", "Tab", "j", "j", "j")
        try tmux.waitForScreen("focus on sessions") { $0.footer.contains("timeline") }
        let session = try openedTitle("the session drill-down", "┌Session ")

        for (width, height) in [(80, 24), (130, 42)] {
            try tmux.resize(width: width, height: height)
            try tmux.waitForScreen("the panes at \(width)×\(height)") { TmuxEndToEndTests.isMainScreen($0, width: width, height: height) }
            XCTAssertTrue(try tmux.capture().footer.contains("timeline"), "the sessions pane keeps the focus at \(width)×\(height)")
        }
        XCTAssertEqual(try openedTitle("the session drill-down after resizing", "┌Session "), session)
        try tmux.sendKeys("Tab")
        try tmux.waitForScreen("focus on events") { $0.footer.contains("detail") }
        XCTAssertEqual(try openedTitle("the event's detail after resizing", "┌Event #"), event)
        try quit(tmux)
    }
}
