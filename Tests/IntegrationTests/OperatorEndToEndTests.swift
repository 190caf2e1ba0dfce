import EventDecoding
import Foundation
import XCTest

/// Search, copy and write on the real binary in tmux, over a capture file whose events `kinescope
/// tail` prints the same way: `\` and `n` move to matches, `y` puts the event's JSON on the
/// clipboard with OSC 52 (read back from the raw pane output, and from the paste buffer tmux
/// makes of it with `set-clipboard on`), `w` writes the selected event, then every event matching
/// the filter, as `tail` lines.
final class OperatorEndToEndTests: TmuxTestCase {
    func testSearchCopyAndWriteOnACaptureFile() throws {
        let tmux = try XCTUnwrap(driver)
        let binary = try KinescopePackage.binary()
        let capture = tmux.scratch.appendingPathComponent("capture.ndjson")
        let raw = try ProcessRunner.runSpawned(binary, ["tail", "--demo", "--seed", "5", "--max-events", "60", "--raw"])
        XCTAssertEqual(raw.exitCode, 0, raw.stderrText)
        try Data(raw.stdout).write(to: capture)
        // What the TUI holds, event by event (serial n is line n), as `tail` prints it.
        let tail = try ProcessRunner.runSpawned(binary, ["tail", "--file", capture.path]).stdoutLines
        XCTAssertGreaterThan(tail.count, 50)

        try tmux.start([binary.path, "watch", "--file", capture.path, "--speed", "max"], width: 120, height: 40)
        let output = tmux.scratch.appendingPathComponent("pane-output")
        try tmux.run(["set-option", "-g", "set-clipboard", "on"])
        try tmux.run(["pipe-pane", "-t", tmux.session, "cat >> \(TmuxDriver.shellQuote(output.path))"])
        try tmux.waitForScreen("every event of the file read") {
            TmuxEndToEndTests.eventsKept($0) == tail.count && $0.lines.first?.contains("ended") == true
        }

        // Search: following, Enter goes to the newest match; n wraps to the oldest.
        let starts = tail.indices.filter { tail[$0].contains(#""event_type":"_session.start""#) }.map { $0 + 1 }
        XCTAssertGreaterThan(starts.count, 2)
        try typeText("\\", tmux)
        try typeText("type:_session.start", tmux)
        try tmux.sendKeys("Enter")
        try tmux.waitForScreen("the search named in the header, the view paused") {
            $0.lines.first?.contains("search: type:_session.start") == true && $0.contains("paused")
        }
        try tmux.sendKeys("n")
        try tmux.waitForScreen("n wrapping to the first match") { $0.footer.contains("search hit BOTTOM, continuing at TOP") }

        // y: the notice names the event; its JSON is in the OSC 52 sequence, base64.
        try tmux.sendKeys("y")
        let copied = try XCTUnwrap(tmux.waitForScreen("the copy notice") { $0.footer.contains("copied event #") })
        let serial = try XCTUnwrap(Int(try XCTUnwrap(copied.footer.firstMatch(of: /copied event #(\d+)/)).1))
        XCTAssertEqual(serial, starts.first, "the first _session.start of the file")
        let expected = try prettyEvent(tail[serial - 1])
        let base64 = Data(expected.utf8).base64EncodedString()
        let plain = "\u{1B}]52;c;\(base64)\u{07}"
        let wrapped = "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;\(base64)\u{07}\u{1B}\\"
        let bytes = try waitForFile(output, "the OSC 52 sequences in the pane output") { $0.contains(plain + wrapped) }
        XCTAssertTrue(bytes.contains(plain + wrapped), "plain for set-clipboard, wrapped for allow-passthrough")
        XCTAssertEqual(try tmux.run(["show-buffer"]).stdoutText, expected, "tmux took it as a clipboard copy")
        // The sequence printed nothing and moved nothing: the frame is whole (the footer shows
        // the notice rather than the keys, so it is checked with the next key).
        let screen = try tmux.capture()
        XCTAssertFalse(screen.contains("52;c") || screen.contains(String(base64.prefix(12))), "\(screen)")
        XCTAssertEqual(screen.lines.count, 40)
        XCTAssertEqual(screen.lines.first(where: { $0.hasPrefix("┌Events (") })?.count, 120, "\(screen)")
        try tmux.sendKeys("k", "j")
        try tmux.waitForScreen("the keys back in the footer, the screen intact") {
            TmuxEndToEndTests.isMainScreen($0, width: 120, height: 40)
        }

        // w on the paused selection: that one event, as its tail line.
        let single = tmux.scratch.appendingPathComponent("one.jsonl").path
        try writePrompt(to: single, expecting: "write event #\(serial) to", tmux)
        try tmux.waitForScreen("the write notice") { $0.footer.contains("wrote 1 event to \(single)") }
        XCTAssertEqual(try String(contentsOfFile: single, encoding: .utf8), tail[serial - 1] + "\n")

        // Following again with a filter: w writes every matching event; an existing file is kept.
        try tmux.sendKeys("G")
        try typeText("/", tmux)
        try typeText("type:_session.start", tmux)
        try tmux.sendKeys("Enter")
        try tmux.waitForScreen("the filter applied") { $0.contains("Events (\(starts.count) of \(tail.count) kept match)") }
        let all = tmux.scratch.appendingPathComponent("all.jsonl").path
        try writePrompt(to: all, expecting: "write \(starts.count) events to", tmux)
        try tmux.waitForScreen("the write notice") { $0.footer.contains("wrote \(starts.count) events to \(all)") }
        let lines = try String(contentsOfFile: all, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.dropLast().map(String.init), starts.map { tail[$0 - 1] })
        XCTAssertEqual(lines.last, "", "every line ends in a newline")
        try writePrompt(to: single, expecting: "write \(starts.count) events to", tmux)
        try tmux.waitForScreen("the refusal to overwrite") { $0.footer.contains("\(single) exists; not overwritten") }
        XCTAssertEqual(try String(contentsOfFile: single, encoding: .utf8), tail[serial - 1] + "\n")

        try tmux.sendKeys("q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    /// `y` from a shell that reached tmux over SSH: TERM is tmux's default `screen` but neither
    /// TMUX nor STY is set. Screen's wrapping alone is dropped by tmux; the plain sequence sent
    /// with it is what tmux (set-clipboard on) takes into its buffer.
    func testCopyWithAScreenTermButNoTMUXReachesTmux() throws {
        let tmux = try XCTUnwrap(driver)
        let binary = try KinescopePackage.binary()
        let capture = tmux.scratch.appendingPathComponent("capture.ndjson")
        let raw = try ProcessRunner.runSpawned(binary, ["tail", "--demo", "--seed", "5", "--max-events", "5", "--raw"])
        XCTAssertEqual(raw.exitCode, 0, raw.stderrText)
        try Data(raw.stdout).write(to: capture)
        let tail = try ProcessRunner.runSpawned(binary, ["tail", "--file", capture.path]).stdoutLines
        try tmux.start(["env", "-u", "TMUX", "-u", "STY", binary.path, "watch", "--file", capture.path, "--speed", "max"],
                       width: 100, height: 30, term: "screen")
        try tmux.run(["set-option", "-g", "set-clipboard", "on"])
        try tmux.waitForScreen("every event of the file read") {
            TmuxEndToEndTests.eventsKept($0) == tail.count && $0.lines.first?.contains("ended") == true
        }
        try tmux.sendKeys("y")
        try tmux.waitForScreen("the copy notice") { $0.footer.contains("copied event #\(tail.count)") }
        let expected = try prettyEvent(tail[tail.count - 1])
        let deadline = Date().addingTimeInterval(5)
        var buffer = ""
        while Date() < deadline {
            // Not `tmux.run`: show-buffer fails until there is a buffer.
            buffer = try ProcessRunner.runSpawned(tmux.tmux, ["-u", "-L", tmux.socket, "show-buffer"]).stdoutText
            if buffer == expected { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertEqual(buffer, expected, "tmux took the plain OSC 52 sequence as a clipboard copy")
        try tmux.sendKeys("q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    // MARK: Helpers

    /// Sends `text` as typed characters (`-l`: no key names, so `\` and `/` are themselves).
    private func typeText(_ text: String, _ tmux: TmuxDriver) throws {
        try tmux.run(["send-keys", "-t", tmux.session, "-l", text])
    }

    /// Opens the write prompt, checks what it offers to write, replaces the suggested name by
    /// `path` and presses Enter.
    private func writePrompt(to path: String, expecting description: String, _ tmux: TmuxDriver) throws {
        try tmux.sendKeys("w")
        try tmux.waitForScreen("the write prompt") { $0.footer.contains(description) && $0.footer.contains("kinescope-") }
        try tmux.run(["send-keys", "-t", tmux.session, "-N", "40", "BSpace"])
        try tmux.waitForScreen("the suggested name erased") { !$0.footer.contains("kinescope-") }
        try typeText(path, tmux)
        try tmux.sendKeys("Enter")
    }

    /// The `event` value of a tail line, pretty-printed as the detail view (and `y`) shows it.
    private func prettyEvent(_ line: String) throws -> String {
        let value = try JSONParser.parse(Array(line.utf8))
        let event = try XCTUnwrap(value["event"])
        return JSONWriter.prettyLines(event).joined(separator: "\n")
    }

    /// Polls `url` until its bytes (as text) satisfy `predicate`, for up to 10 s.
    private func waitForFile(_ url: URL, _ what: String, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(10)
        var text = ""
        while Date() < deadline {
            text = (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            if predicate(text) { return text }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("timed out waiting for \(what); \(text.utf8.count) bytes were captured")
        return text
    }
}
