import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The TUI when its terminal goes away or is not there: it ends (exit 1, one line on stderr) and
/// never spins; signals that end it restore the terminal; a failed source is a failed run.
final class TerminalHangupTests: TmuxTestCase {
    /// Under `setsid` no SIGHUP reaches the program when its pane is killed: its input just ends.
    /// It used to wake from `poll` at once, read nothing, and loop at 100 % CPU for ever.
    func testTerminalClosedWithoutSIGHUPEndsTheProgram() throws {
        let tmux = try XCTUnwrap(driver)
        guard let setsid = ProcessRunner.which("setsid") else { throw XCTSkip("setsid (util-linux) is needed") }
        let seed = String(40_000 + Int(getpid() % 10_000))
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("kinescope-hangup-\(getpid())-\(seed).txt")
        defer { try? FileManager.default.removeItem(at: errors) }
        let command = [setsid.path, "-w", try KinescopePackage.binary().path, "demo", "--seed", seed]
            .map(TmuxDriver.shellQuote).joined(separator: " ") + " 2> " + TmuxDriver.shellQuote(errors.path)
        try tmux.start(["sh", "-c", command], width: 100, height: 30)
        try tmux.waitForScreen("the panes") { TmuxEndToEndTests.isMainScreen($0, width: 100, height: 30) }
        let pid = try XCTUnwrap(Self.pid(matching: "kinescope demo --seed \(seed)"), "no kinescope process found")

        try tmux.run(["kill-session", "-t", tmux.session])
        let deadline = Date().addingTimeInterval(10)
        while Self.isRunning(pid) && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if Self.isRunning(pid) {
            let before = Self.cpuTicks(pid)
            Thread.sleep(forTimeInterval: 1)
            let burnt = (Self.cpuTicks(pid) ?? 0) - (before ?? 0)
            kill(pid, SIGKILL)
            XCTFail("still running 10 s after its terminal closed, using \(burnt) ticks of CPU in 1 s")
            return
        }
        let message = try String(contentsOf: errors, encoding: .utf8)
        XCTAssertTrue(message.contains("the terminal went away"), message)
        XCTAssertEqual(message.split(separator: "\n").count, 1, "one line: \(message)")
    }

    func testStdinThatIsNotATerminalIsRefusedAtOnce() throws {
        let tmux = try XCTUnwrap(driver)
        let command = TmuxDriver.shellQuote(try KinescopePackage.binary().path) + " demo < /dev/null"
        try tmux.start(["sh", "-c", command], width: 100, height: 30)
        XCTAssertEqual(try tmux.waitForExit(timeout: 10), 1)
        let screen = try tmux.capture()
        XCTAssertTrue(screen.contains("reads keys from a terminal on stdin"), screen.description)
        XCTAssertEqual(try tmux.display("#{alternate_on}"), "0")
    }

    /// SIGQUIT is handled as SIGTERM is: the terminal is restored and the exit is 128 + 3. Left to
    /// the Swift runtime it started the interactive crash reporter over the TUI.
    func testSIGQUITRestoresTheTerminalAndExits() throws {
        let tmux = try XCTUnwrap(driver)
        try TmuxEndToEndTests.signalDemo(tmux, seed: "4243", signal: SIGQUIT)
        let screen = try tmux.capture()
        XCTAssertFalse(screen.contains("Crash") || screen.contains("backtrace"), screen.description)
    }

    /// A crash (here a SIGSEGV or SIGABRT sent to it) first gives the terminal back, then goes on to
    /// the handler it replaced: with the Swift runtime's crash reporter turned off that is the
    /// default action, so the exit is the signal's, and the shell gets a usable terminal.
    func testACrashRestoresTheTerminalBeforeTheCrashReport() throws {
        for (number, seed) in [(SIGSEGV, "4251"), (SIGABRT, "4252")] {
            let tmux = try XCTUnwrap(driver)
            try TmuxEndToEndTests.signalDemo(tmux, seed: seed, signal: number, prefix: ["env", "SWIFT_BACKTRACE=enable=no"])
            tmux.kill()
            driver = try TmuxDriver(tmux: tmux.tmux)
        }
    }

    /// The failure is shown while the TUI runs; quitting then exits 1 with it on stderr.
    func testWatchOfAMissingFileExitsOneAfterQuit() throws {
        let tmux = try XCTUnwrap(driver)
        let path = "/nonexistent/kinescope-missing-\(getpid()).ndjson"
        try tmux.start([try KinescopePackage.binary().path, "watch", "--file", path], width: 100, height: 30)
        try tmux.waitForScreen("the failure in the header") { $0.lines.first?.contains("failed") == true }
        try tmux.sendKeys("q")
        XCTAssertEqual(try tmux.waitForExit(), 1)
        try TmuxEndToEndTests.assertTerminalRestored(tmux)
        let screen = try tmux.capture()
        XCTAssertTrue(screen.lines.contains { $0.contains(path) && $0.hasPrefix("kinescope: ") }, screen.description)
    }

    static func pid(matching pattern: String) throws -> pid_t? {
        guard let pgrep = ProcessRunner.which("pgrep") else { throw XCTSkip("pgrep (procps) is needed") }
        let deadline = Date().addingTimeInterval(5)
        while Date() <= deadline {
            let result = try ProcessRunner.runSpawned(pgrep, ["-f", pattern])
            // `setsid -w` may fork; the program is the process whose command line starts with it.
            for pid in result.stdoutLines.compactMap({ pid_t($0) }) {
                if let line = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8),
                   line.split(separator: "\0").first?.hasSuffix("kinescope") == true {
                    return pid
                }
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    /// Running: it exists and is not a zombie waiting to be reaped.
    static func isRunning(_ pid: pid_t) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return false }
        return !status.split(separator: "\n").contains { $0.hasPrefix("State:") && $0.contains("Z") }
    }

    /// utime + stime from /proc/PID/stat, in clock ticks.
    static func cpuTicks(_ pid: pid_t) -> Int? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        return user + system
    }
}
