import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real TUI in a real terminal: `kinescope demo` inside a private tmux server, driven with
/// `send-keys` and read back with `capture-pane`. Every wait polls the screen with a deadline.
///
/// "The terminal was restored" is checked with tmux's view of the pane after the program exits:
/// `#{alternate_on}` is 0 (ncurses' `endwin` left the alternate screen it entered) and
/// `#{cursor_flag}` is 1 (the cursor hidden with `curs_set(0)` is visible again). Each test first
/// checks the opposite while the TUI runs, so the final check cannot pass by accident.
///
/// What the primary screen shows after exit is not checked: when a pane is resized while on the
/// alternate screen, tmux 3.2–3.3 can copy rows of it onto the primary screen on the way back
/// (tmux/tmux#3510), whatever the program does, so that check would test tmux, not Kinescope.
final class TmuxEndToEndTests: TmuxTestCase {
    func testDemoKeysResizeAndQuitRestoreTheTerminal() throws {
        let tmux = try XCTUnwrap(driver)
        try tmux.start([try KinescopePackage.binary().path, "demo", "--seed", "1"], width: 120, height: 40)
        try tmux.waitForScreen("the three panes and the footer at 120×40") { Self.isMainScreen($0, width: 120, height: 40) }
        try Self.assertTUIOwnsTheTerminal(tmux)

        try tmux.sendKeys("?")
        try tmux.waitForScreen("the help overlay") { $0.contains("Keys") && $0.contains("Esc or ? closes") && $0.contains("quit") }
        try tmux.sendKeys("Escape")
        try tmux.waitForScreen("the help overlay to close") { !$0.contains("Esc or ? closes") && Self.isMainScreen($0, width: 120, height: 40) }

        // Focus is visible in the footer: only the types pane offers "sort", only events "detail".
        try tmux.sendKeys("Tab")
        try tmux.waitForScreen("focus on event types (footer offers sort)") { $0.footer.contains("sort") && !$0.footer.contains("detail") }
        try tmux.sendKeys("Tab")
        try tmux.waitForScreen("focus on sessions") { !$0.footer.contains("sort") && !$0.footer.contains("detail") && $0.footer.contains("timeline") }
        try tmux.sendKeys("BTab")
        try tmux.waitForScreen("focus back on event types (Shift-Tab)") { $0.footer.contains("sort") }
        try tmux.sendKeys("Tab", "Tab")
        try tmux.waitForScreen("focus back on events (footer offers detail)") { $0.footer.contains("detail") && !$0.footer.contains("sort") }

        try tmux.waitForScreen("the first demo events") { (Self.eventsKept($0) ?? 0) > 0 }
        try tmux.sendKeys("Enter")
        try tmux.waitForScreen("the detail view") { $0.contains("Event #") && $0.contains("kind") && $0.contains("pinpoint.") }
        try tmux.sendKeys("Escape")
        try tmux.waitForScreen("the panes after closing the detail") { !$0.contains("Event #") && Self.isMainScreen($0, width: 120, height: 40) }

        try tmux.resize(width: 60, height: 15)
        try tmux.waitForScreen("the panes redrawn at 60×15") { Self.isMainScreen($0, width: 60, height: 15) }
        try tmux.resize(width: 30, height: 8)
        try tmux.waitForScreen("the too-small notice at 30×8") { $0.contains("terminal too small") && $0.contains("30×8") }
        for (width, height) in [(140, 45), (100, 30), (140, 45), (80, 24)] {
            try tmux.resize(width: width, height: height)
            try tmux.waitForScreen("the panes redrawn at \(width)×\(height)") { Self.isMainScreen($0, width: width, height: height) }
        }

        try tmux.sendKeys("q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
        try Self.assertTerminalRestored(tmux)
    }

    /// `--mouse` on a terminal that cannot report the mouse says so in the footer, as `m` does,
    /// rather than failing silently.
    func testMouseFlagOnAVT100SaysTheTerminalCannotReportIt() throws {
        let tmux = try XCTUnwrap(driver)
        try tmux.start([try KinescopePackage.binary().path, "demo", "--seed", "7", "--mouse"], width: 100, height: 30, term: "vt100")
        try tmux.waitForScreen("the no-mouse notice") { $0.footer.contains("this terminal does not report the mouse") }
        try tmux.sendKeys("q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testCtrlCQuitsWithExitCodeZero() throws {
        let tmux = try XCTUnwrap(driver)
        try tmux.start([try KinescopePackage.binary().path, "demo", "--seed", "4243"], width: 100, height: 30)
        try tmux.waitForScreen("the panes") { Self.isMainScreen($0, width: 100, height: 30) }
        try Self.assertTUIOwnsTheTerminal(tmux)
        try tmux.sendKeys("C-c")
        XCTAssertEqual(try tmux.waitForExit(), 0, "Ctrl-C is a key in raw mode, bound to quit")
        try Self.assertTerminalRestored(tmux)
    }

    func testSIGTERMRestoresTheTerminalAndExits() throws {
        try Self.signalDemo(try XCTUnwrap(driver), seed: "4242", signal: SIGTERM)
    }

    /// Runs `kinescope demo --seed SEED` (after `prefix`, e.g. `env VAR=…`), sends it `signal` once
    /// its panes are up, and checks that it exits as a process killed by that signal would, with
    /// the terminal restored. The seed tells the process apart from other tests' demos.
    static func signalDemo(_ tmux: TmuxDriver, seed: String, signal: Int32, prefix: [String] = [],
                           file: StaticString = #filePath, line: UInt = #line) throws {
        try tmux.start(prefix + [try KinescopePackage.binary().path, "demo", "--seed", seed], width: 100, height: 30)
        try tmux.waitForScreen("the panes") { isMainScreen($0, width: 100, height: 30) }
        try assertTUIOwnsTheTerminal(tmux, file: file, line: line)
        let pid = try XCTUnwrap(try tmux.programPID(matching: "kinescope demo --seed \(seed)"), "no kinescope process found",
                                file: file, line: line)
        XCTAssertEqual(kill(pid, signal), 0, file: file, line: line)
        XCTAssertEqual(try tmux.waitForExit(), 128 + signal, "exits as a process killed by signal \(signal) would",
                       file: file, line: line)
        try assertTerminalRestored(tmux, file: file, line: line)
    }

    /// With no traffic the loop sleeps until the next time-based change (up to a minute), but a
    /// resize must still be drawn at once: a stale layout at the wrong size is a broken screen.
    func testResizeIsRedrawnPromptlyWhenIdle() throws {
        let tmux = try XCTUnwrap(driver)
        try tmux.start([try KinescopePackage.binary().path, "demo", "--seed", "4244", "--rate", "0.001"], width: 120, height: 40)
        try tmux.waitForScreen("the panes") { Self.isMainScreen($0, width: 120, height: 40) }
        // Idleness cannot be observed on screen; it is time without traffic, so this one wait is
        // a fixed one: long enough for the startup messages to be drawn and the loop to settle.
        Thread.sleep(forTimeInterval: 2)
        // An idle screen still redraws on each new minute (the header clock); keep that out of the
        // window below so the test measures the resize alone.
        let secondOfMinute = Date().timeIntervalSince1970.truncatingRemainder(dividingBy: 60)
        if secondOfMinute > 55 { Thread.sleep(forTimeInterval: 61.5 - secondOfMinute) }
        try tmux.resize(width: 100, height: 30)
        try tmux.waitForScreen("the idle screen redrawn at 100×30", timeout: 3) { Self.isMainScreen($0, width: 100, height: 30) }
        try tmux.sendKeys("q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    // MARK: Helpers

    /// Header (it sheds parts as the width shrinks; the app name and the source lead it), the three panes and the footer, laid out for exactly `width`×`height` (the events
    /// pane's top border spans the full width, so a screen tmux merely cut or padded does not pass).
    static func isMainScreen(_ screen: PaneScreen, width: Int, height: Int) -> Bool {
        guard screen.lines.count == height,
              screen.lines.first?.hasPrefix(" Kinescope │ ") == true,
              screen.contains("Event types"), screen.contains("Sessions ("),
              screen.footer.contains("quit"), screen.footer.contains("help"),
              let border = screen.lines.first(where: { $0.contains("Events (") }) else { return false }
        return border.count == width && border.hasPrefix("┌") && border.hasSuffix("┐")
    }

    /// N in the events pane's "Events (N kept)" title.
    static func eventsKept(_ screen: PaneScreen) -> Int? {
        guard let match = screen.text.firstMatch(of: /Events \(([\d,]+) kept\)/) else { return nil }
        return Int(match.1.replacingOccurrences(of: ",", with: ""))
    }

    static func assertTUIOwnsTheTerminal(_ tmux: TmuxDriver, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try tmux.display("#{alternate_on}"), "1", "the TUI draws on the alternate screen", file: file, line: line)
        XCTAssertEqual(try tmux.display("#{cursor_flag}"), "0", "the TUI hides the cursor", file: file, line: line)
        assertRawModes(try tmux.ttyModes(), file: file, line: line)
    }

    static func assertTerminalRestored(_ tmux: TmuxDriver, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try tmux.display("#{alternate_on}"), "0", "still on the alternate screen after exit", file: file, line: line)
        XCTAssertEqual(try tmux.display("#{cursor_flag}"), "1", "cursor still hidden after exit", file: file, line: line)
        assertCookedModes(try tmux.ttyModes(), file: file, line: line)
    }

    /// While the TUI runs, keys reach it one by one and are not echoed by the terminal.
    static func assertRawModes(_ modes: Set<String>, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(modes.contains("-icanon"), "the TUI reads keys unbuffered: \(modes.sorted())", file: file, line: line)
        XCTAssertTrue(modes.contains("-echo"), "the TUI turns echo off: \(modes.sorted())", file: file, line: line)
    }

    /// After exit the shell gets back a line-editing, echoing terminal with Ctrl-C as a signal.
    static func assertCookedModes(_ modes: Set<String>, file: StaticString = #filePath, line: UInt = #line) {
        for mode in ["icanon", "echo", "isig", "icrnl", "opost"] {
            XCTAssertTrue(modes.contains(mode), "terminal mode \(mode) restored after exit: \(modes.sorted())", file: file, line: line)
        }
    }
}
