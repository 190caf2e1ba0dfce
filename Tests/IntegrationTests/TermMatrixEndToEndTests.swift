import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The TUI under each `TERM` Kinescope supports, in tmux: it starts, draws with the glyphs and
/// colours that terminal type can show, answers the keys, follows a resize, and restores the
/// terminal on `q`.
///
/// tmux is one terminal emulator whatever `TERM` says, so what is checked is what the program
/// sends for that `TERM`: colours in the cells (`capture-pane -e`: 256-colour, 8-colour or none),
/// line drawing (tmux marks cells drawn with the terminal's line-drawing set, `acsc`, with SO/SI;
/// `StyledScreen` turns them back into box characters so one set of screen checks serves every
/// terminal), and, for `vt100`, that not one byte of output is outside 7-bit ASCII.
///
/// Steps are a list of (what to do, what the screen must then show); `steps(for:)` is where more
/// go (search, copy, session drill-down) as those features land.
final class TermMatrixEndToEndTests: TmuxTestCase {
    /// What a terminal type can show, from its terminfo entry (`infocmp`).
    struct Terminal {
        enum Colors { case c256, c8, none }
        enum Glyphs {
            /// Box drawing, sparklines, bullets… as Unicode.
            case unicode
            /// Frames through the line-drawing set, everything else in ASCII.
            case asciiWithLineDrawing
        }
        enum Mouse { case sgr, x10 }

        var term: String
        var colors: Colors
        var glyphs: Glyphs
        /// terminfo `smcup`: the TUI draws on the alternate screen.
        var alternateScreen: Bool
        /// terminfo `civis`: the cursor can be hidden.
        var hidesCursor: Bool
        /// How the terminal reports the mouse (SGR or X10 bytes), or nil when it cannot; written
        /// down from this machine's terminfo `kmous` entries (`infocmp -1 TERM`).
        var mouse: Mouse?
    }

    static let terminals: [String: Terminal] = [
        "xterm-256color": Terminal(term: "xterm-256color", colors: .c256, glyphs: .unicode, alternateScreen: true, hidesCursor: true, mouse: .sgr),
        "tmux-256color": Terminal(term: "tmux-256color", colors: .c256, glyphs: .unicode, alternateScreen: true, hidesCursor: true, mouse: .x10),
        "screen": Terminal(term: "screen", colors: .c8, glyphs: .unicode, alternateScreen: true, hidesCursor: true, mouse: .x10),
        "xterm": Terminal(term: "xterm", colors: .c8, glyphs: .unicode, alternateScreen: true, hidesCursor: true, mouse: .sgr),
        // The Linux console: 8 colours, no alternate screen, fonts without most of our glyphs.
        "linux": Terminal(term: "linux", colors: .c8, glyphs: .asciiWithLineDrawing, alternateScreen: false, hidesCursor: true, mouse: .x10),
        // No colour, no cursor hiding, no alternate screen, no UTF-8: ASCII and the DEC line set.
        "vt100": Terminal(term: "vt100", colors: .none, glyphs: .asciiWithLineDrawing, alternateScreen: false, hidesCursor: false, mouse: nil),
    ]

    /// One step: what to do, then what the screen must show (polled until true, or the step fails).
    struct Step {
        enum Action {
            /// tmux key names (`Enter`, `Escape`, `z`).
            case keys([String])
            /// Bytes typed as they are (mouse reports).
            case literal(String)
            case resize(width: Int, height: Int)
        }

        var action: Action
        var expectation: String
        var check: (StyledScreen) -> Bool
    }

    func testXterm256Color() throws { try runMatrix("xterm-256color") }
    func testTmux256Color() throws { try runMatrix("tmux-256color") }
    func testScreen() throws { try runMatrix("screen") }
    func testXterm8Colors() throws { try runMatrix("xterm") }
    func testLinuxConsole() throws { try runMatrix("linux") }
    func testVT100() throws { try runMatrix("vt100") }

    /// The steps every terminal goes through, in order, on a finished file of demo records.
    /// `written` is where `w` saves the selected event.
    func steps(for terminal: Terminal, written: URL) -> [Step] {
        var steps: [Step] = [
            Step(action: .keys(["/"]), expectation: "the filter prompt") { $0.footer.contains("Enter applies") },
            Step(action: .keys(["type:_session.start", "Enter"]), expectation: "the filter applied") {
                $0.lines.first?.contains("filter: type:_session.start") == true && $0.text.contains("kept match)")
            },
            Step(action: .keys(["Enter"]), expectation: "the detail of the selected event") {
                $0.text.contains("Event #") && $0.text.contains("_session.start")
            },
            Step(action: .keys(["Escape"]), expectation: "the panes again") { Self.isMainScreen($0, width: 100, height: 30) },
            Step(action: .keys(["/"]), expectation: "the prompt with the filter in it") { $0.footer.contains("type:_session.start") },
            Step(action: .keys(["-N", "40", "BSpace"]), expectation: "the filter erased") { !$0.footer.contains("type:") },
            Step(action: .keys(["Enter"]), expectation: "the filter cleared") {
                $0.lines.first?.contains("filter:") == false && $0.text.contains("Events (400 kept)")
            },
            Step(action: .literal("\\"), expectation: "the search prompt") { $0.footer.contains("Enter finds") },
            Step(action: .keys(["-l", "type:_session.start"]), expectation: "the search typed") { $0.footer.contains("type:_session.start") },
            Step(action: .keys(["Enter"]), expectation: "the search in the header, paused on a match") {
                $0.lines.first?.contains("search: type:_session.start") == true && $0.text.contains("paused")
            },
            Step(action: .keys(["n"]), expectation: "n moving to the next match (wrapping)") { $0.footer.contains("continuing at TOP") },
            Step(action: .keys(["y"]), expectation: "the copy notice") { $0.footer.contains("copied event #") },
            Step(action: .keys(["w"]), expectation: "the write prompt for the selected event") {
                $0.footer.contains("write event #") && $0.footer.contains("kinescope-")
            },
            Step(action: .keys(["-N", "40", "BSpace"]), expectation: "the suggested name erased") { !$0.footer.contains("kinescope-") },
            Step(action: .keys(["-l", written.path]), expectation: "the file name typed") { $0.footer.contains("selected.jsonl") },
            Step(action: .keys(["Enter"]), expectation: "the write notice") { $0.footer.contains("wrote 1 event to") },
            Step(action: .literal("\\"), expectation: "the search prompt with the term") { $0.footer.contains("type:_session.start") },
            Step(action: .keys(["-N", "40", "BSpace"]), expectation: "the search term erased") { !$0.footer.contains("type:") },
            Step(action: .keys(["Enter"]), expectation: "the search cleared (no ▸ marks)") {
                $0.lines.first?.contains("search:") == false && !$0.text.contains("▸")
            },
            Step(action: .keys(["Tab", "Tab"]), expectation: "focus on sessions (footer offers the timeline)") { $0.footer.contains("timeline") },
            Step(action: .keys(["Enter"]), expectation: "the session drill-down") { $0.text.contains("┌Session ") && $0.text.contains("elapsed") },
            Step(action: .keys(["Enter"]), expectation: "the detail of the session's event") { $0.text.contains("Event #") },
            Step(action: .keys(["Escape"]), expectation: "back in the session view") { $0.text.contains("┌Session ") },
            Step(action: .keys(["L"]), expectation: "the latency view") { $0.text.contains("┌Latency") && $0.text.contains("p99") },
            Step(action: .keys(["Escape"]), expectation: "back in the session view from latency") { $0.text.contains("┌Session ") },
            Step(action: .keys(["Escape"]), expectation: "the panes after the session view") { Self.isMainScreen($0, width: 100, height: 30) },
            Step(action: .keys(["Tab"]), expectation: "focus back on events (footer offers detail)") { $0.footer.contains("detail") },
            Step(action: .keys(["S"]), expectation: "the shards view") { $0.text.contains("┌Shards") },
            Step(action: .keys(["S"]), expectation: "the panes after the shards view") { Self.isMainScreen($0, width: 100, height: 30) },
            Step(action: .keys(["z"]), expectation: "the events pane zoomed") {
                !$0.text.contains("Event types") && !$0.text.contains("Sessions (") && $0.lines.count == 30
                    && $0.lines[1].hasPrefix("┌Events (") && $0.lines[28].hasPrefix("└")
            },
            Step(action: .keys(["z"]), expectation: "the panes unzoomed") { Self.isMainScreen($0, width: 100, height: 30) },
            Step(action: .resize(width: 80, height: 24), expectation: "the panes at 80×24") { Self.isMainScreen($0, width: 80, height: 24) },
        ]
        if let mouse = terminal.mouse {
            // Row 16 (1-based) at 80×24 is inside the event types pane, below its column titles.
            let click = mouse == .sgr ? "\u{1b}[<0;5;16M\u{1b}[<0;5;16m" : "\u{1b}[M" + String(UnicodeScalar(32 + 0)!) + String(UnicodeScalar(32 + 5)!) + String(UnicodeScalar(32 + 16)!)
            steps += [
                Step(action: .keys(["m"]), expectation: "mouse on in the header") { $0.lines.first?.contains("mouse on") == true },
                Step(action: .literal(click), expectation: "a click focusing the event types (footer offers sort)") {
                    $0.footer.contains("sort") && !$0.footer.contains("detail")
                },
                Step(action: .keys(["m"]), expectation: "mouse off again") { $0.lines.first?.contains("mouse on") == false },
            ]
        }
        return steps
    }

    private func runMatrix(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let terminal = try XCTUnwrap(Self.terminals[name])
        let tmux = try XCTUnwrap(driver)
        let output = tmux.scratch.appendingPathComponent("output")
        try tmux.start([try KinescopePackage.binary().path, "watch", "--file", try Self.demoCapture(in: tmux.scratch).path, "--speed", "max"],
                       width: 100, height: 30, term: terminal.term, recordOutputTo: output)
        guard try waitForScreen(tmux, "the panes at 100×30 with the file read to its end", {
            Self.isMainScreen($0, width: 100, height: 30) && $0.lines.first?.contains("ended") == true
        }) != nil else { return }
        XCTAssertEqual(try tmux.display("#{alternate_on}"), terminal.alternateScreen ? "1" : "0", "\(name): alternate screen", file: file, line: line)
        XCTAssertEqual(try tmux.display("#{cursor_flag}"), terminal.hidesCursor ? "0" : "1", "\(name): cursor hidden", file: file, line: line)
        TmuxEndToEndTests.assertRawModes(try tmux.ttyModes(), file: file, line: line)
        let first = StyledScreen(try tmux.captureStyled())
        assertColors(first, terminal, file: file, line: line)
        assertGlyphs(first, terminal, file: file, line: line)

        let written = tmux.scratch.appendingPathComponent("selected.jsonl")
        for step in steps(for: terminal, written: written) {
            switch step.action {
            case .keys(let keys): try tmux.run(["send-keys", "-t", tmux.session] + keys)
            case .literal(let text): try tmux.run(["send-keys", "-t", tmux.session, "-l", text])
            case .resize(let width, let height): try tmux.resize(width: width, height: height)
            }
            guard try waitForScreen(tmux, "\(name): \(step.expectation)", step.check) != nil else { return }
        }
        if terminal.mouse != nil {
            XCTAssertEqual(try tmux.display("#{mouse_any_flag}"), "0", "\(name): mouse reporting off after m", file: file, line: line)
        }
        assertGlyphs(StyledScreen(try tmux.captureStyled()), terminal, file: file, line: line)

        try tmux.sendKeys("q")
        XCTAssertEqual(try tmux.waitForExit(), 0, "\(name): exit code", file: file, line: line)
        XCTAssertEqual(try tmux.display("#{alternate_on}"), "0", "\(name): left the alternate screen", file: file, line: line)
        XCTAssertEqual(try tmux.display("#{cursor_flag}"), "1", "\(name): cursor visible after exit", file: file, line: line)
        TmuxEndToEndTests.assertCookedModes(try tmux.ttyModes(), file: file, line: line)
        let bytes = try Data(contentsOf: output)
        XCTAssertGreaterThan(bytes.count, 1000, "\(name): the output was recorded")
        XCTAssertNotNil(bytes.range(of: Data("\u{1B}]52;c;".utf8)), "\(name): y sent an OSC 52 copy", file: file, line: line)
        let savedLines = try String(contentsOf: written, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(savedLines.count, 1, "\(name): w wrote the selected event", file: file, line: line)
        XCTAssertTrue(savedLines.first?.contains(#""event_type":"_session.start""#) == true, "\(name): the written event is a search match", file: file, line: line)
        if terminal.term == "vt100" {
            XCTAssertEqual(bytes.filter { $0 >= 0x80 }.count, 0, "vt100: every byte sent is 7-bit ASCII", file: file, line: line)
            XCTAssertTrue(bytes.contains(0x0E), "vt100: frames are drawn with the line-drawing set (SO)", file: file, line: line)
        }
    }

    private func assertColors(_ screen: StyledScreen, _ terminal: Terminal, file: StaticString, line: UInt) {
        let name = terminal.term
        switch terminal.colors {
        case .c256:
            XCTAssertTrue(screen.usesIndexedColors, "\(name): 256-colour cells expected", file: file, line: line)
        case .c8:
            XCTAssertFalse(screen.usesIndexedColors, "\(name): only 8/16 colours", file: file, line: line)
            XCTAssertTrue(screen.usesBasicColors, "\(name): colours expected", file: file, line: line)
        case .none:
            XCTAssertFalse(screen.usesIndexedColors || screen.usesBasicColors, "\(name): no colour at all", file: file, line: line)
            XCTAssertTrue(screen.sgrParameters.contains("7"), "\(name): reverse video stands in for colour bands", file: file, line: line)
        }
    }

    private func assertGlyphs(_ screen: StyledScreen, _ terminal: Terminal, file: StaticString, line: UInt) {
        let name = terminal.term
        XCTAssertTrue(screen.text.contains("┌Events ("), "\(name): frames drawn:\n\(screen.text)", file: file, line: line)
        let other = screen.text.unicodeScalars.filter { $0.value >= 0x80 && !(0x2500...0x257F).contains($0.value) }
        switch terminal.glyphs {
        case .unicode:
            XCTAssertTrue(screen.text.contains("●"), "\(name): Unicode glyphs expected (● status):\n\(screen.text)", file: file, line: line)
            XCTAssertFalse(screen.usedLineDrawingSet, "\(name): frames as Unicode, not the line-drawing set", file: file, line: line)
        case .asciiWithLineDrawing:
            XCTAssertEqual(String(String.UnicodeScalarView(other)), "", "\(name): only ASCII besides the frames", file: file, line: line)
            XCTAssertTrue(screen.text.contains("* "), "\(name): ASCII status mark expected:\n\(screen.text)", file: file, line: line)
        }
    }

    private func waitForScreen(_ tmux: TmuxDriver, _ what: String, timeout: Double = 10,
                               _ predicate: (StyledScreen) -> Bool) throws -> StyledScreen? {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = StyledScreen(try tmux.captureStyled())
        while !predicate(screen) {
            if Date() > deadline {
                XCTFail("timed out after \(timeout) s waiting for \(what); the screen was:\n\(screen.text)")
                return nil
            }
            Thread.sleep(forTimeInterval: 0.05)
            screen = StyledScreen(try tmux.captureStyled())
        }
        return screen
    }

    /// Header, the three panes and the footer at exactly `width`×`height` (as `TmuxEndToEndTests`).
    static func isMainScreen(_ screen: StyledScreen, width: Int, height: Int) -> Bool {
        TmuxEndToEndTests.isMainScreen(PaneScreen(lines: screen.lines), width: width, height: height)
    }

    /// A capture of demo traffic (`tail --raw`) in `directory`.
    static func demoCapture(in directory: URL) throws -> URL {
        let result = try ProcessRunner.run(try KinescopePackage.binary(), ["tail", "--demo", "--raw", "--max-events", "400"])
        guard result.exitCode == 0 else { throw XCTSkip("tail --demo --raw failed: \(result.stderrText)") }
        let url = directory.appendingPathComponent("demo.ndjson")
        try Data(result.stdout).write(to: url)
        return url
    }
}

/// A `capture-pane -e` screen: the text with styles stripped and line-drawing cells (between SO
/// and SI) turned back into box characters, and what styles were seen.
struct StyledScreen {
    var lines: [String] = []
    /// Every SGR parameter seen ("0", "1", "38;5;45" is "38", "5", "45").
    var sgrParameters: Set<String> = []
    var sgrSequences: [String] = []
    var usedLineDrawingSet = false

    var text: String { lines.joined(separator: "\n") }
    var footer: String { lines.last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) ?? "" }

    /// 256-colour cells: tmux writes them as 38;5;N / 48;5;N.
    var usesIndexedColors: Bool { sgrSequences.contains { $0.contains("38;5;") || $0.contains("48;5;") } }
    /// 8/16-colour cells: 30–37, 40–47, 90–97, 100–107 (39 and 49, the default colours, do not count).
    var usesBasicColors: Bool {
        sgrParameters.contains { p in
            guard let n = Int(p) else { return false }
            return (30...37).contains(n) || (40...47).contains(n) || (90...97).contains(n) || (100...107).contains(n)
        }
    }

    static let lineDrawing: [Character: Character] = [
        "q": "─", "x": "│", "l": "┌", "k": "┐", "m": "└", "j": "┘", "t": "├", "u": "┤", "w": "┬", "v": "┴", "n": "┼",
    ]

    init(_ capture: String) {
        var rawLines = capture.split(separator: "\n", omittingEmptySubsequences: false)
        if rawLines.last == "" { rawLines.removeLast() }
        // tmux writes SO/SI (and SGR) only where the attributes change, so the state carries
        // over from one line to the next.
        var lineSet = false
        for raw in rawLines {
            var line = ""
            var iterator = raw.makeIterator()
            while let c = iterator.next() {
                switch c {
                case "\u{0e}": lineSet = true; usedLineDrawingSet = true
                case "\u{0f}": lineSet = false
                case "\u{1b}":
                    guard let next = iterator.next() else { break }
                    if next == "[" {
                        var parameters = ""
                        while let p = iterator.next() {
                            if p.isLetter {
                                if p == "m" {
                                    sgrSequences.append(parameters)
                                    for part in parameters.split(separator: ";") { sgrParameters.insert(String(part)) }
                                }
                                break
                            }
                            parameters.append(p)
                        }
                    }
                default:
                    line.append(lineSet ? (Self.lineDrawing[c] ?? c) : c)
                }
            }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
    }
}
