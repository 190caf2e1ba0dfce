import EventDecoding
import Foundation
import MonitorCore
import XCTest
@testable import TerminalUI

/// A terminal that records what is sent to it.
final class RecordingSink: TerminalSequenceSink {
    var sent: [[UInt8]] = []
    var accepts = true

    func send(_ bytes: [UInt8]) -> Bool {
        sent.append(bytes)
        return accepts
    }
}

/// The runtime side of `y` and `w`: OSC 52 for each multiplexer, and files that are never
/// overwritten, with every outcome a notice.
final class EffectRunnerTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kinescope-effects-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        try? FileManager.default.removeItem(at: directory)
    }

    private let text = #"{"a": "é"}"#
    private var base64: String { Data(text.utf8).base64EncodedString() }

    func testOSC52IsPlainOutsideMultiplexers() {
        let sequence = EffectRunner.clipboardSequence(text, environment: ["TERM": "xterm-256color"])
        XCTAssertEqual(String(decoding: sequence, as: UTF8.self), "\u{1B}]52;c;\(base64)\u{07}")
    }

    func testInsideTmuxItIsSentPlainAndWrappedInPassthrough() {
        let sequence = EffectRunner.clipboardSequence(text, environment: ["TMUX": "/tmp/tmux-0/default,1,0", "TERM": "screen"])
        XCTAssertEqual(String(decoding: sequence, as: UTF8.self),
                       "\u{1B}]52;c;\(base64)\u{07}" + "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;\(base64)\u{07}\u{1B}\\")
    }

    /// The DCS strings screen passes through, each with what it carries.
    private func screenPieces(_ sequence: String) -> [String] {
        sequence.components(separatedBy: "\u{1B}\\").dropLast().map { String($0) }
    }

    func testInsideScreenItIsWrappedInPiecesScreenAccepts() {
        let long = String(repeating: "x", count: 1_000)
        let sequence = String(decoding: EffectRunner.clipboardSequence(long, environment: ["STY": "1.pts-0", "TERM": "screen"]),
                              as: UTF8.self)
        let osc = "\u{1B}]52;c;\(Data(long.utf8).base64EncodedString())\u{07}"
        let pieces = screenPieces(sequence)
        XCTAssertTrue(pieces.allSatisfy { $0.hasPrefix("\u{1B}P") }, sequence.debugDescription)
        // Screen keeps at most 767 bytes of a string (255 in old versions) and prints the rest:
        // every piece stays far below, at one base64 line.
        XCTAssertEqual(pieces.map { $0.utf8.count - 2 }.max(), EffectRunner.screenPieceBytes)
        XCTAssertLessThanOrEqual(EffectRunner.screenPieceBytes, 76)
        XCTAssertEqual(pieces.count, (osc.utf8.count + 75) / 76)
        XCTAssertEqual(pieces.map { String($0.dropFirst(2)) }.joined(), osc)
        XCTAssertFalse(sequence.hasPrefix("\u{1B}]52"), "inside screen (STY set) only screen's strings are sent")
    }

    /// tmux's default TERM is `screen`, and over SSH neither TMUX nor STY comes along: the plain
    /// sequence (which tmux takes with set-clipboard on) goes first, then screen's pieces.
    func testAScreenTermWithoutSTYAlsoSendsThePlainSequence() {
        let sequence = String(decoding: EffectRunner.clipboardSequence(text, environment: ["TERM": "screen-256color"]), as: UTF8.self)
        let osc = "\u{1B}]52;c;\(base64)\u{07}"
        XCTAssertTrue(sequence.hasPrefix(osc), sequence.debugDescription)
        XCTAssertEqual(screenPieces(String(sequence.dropFirst(osc.count))).map { String($0.dropFirst(2)) }.joined(), osc)
    }

    func testCopySendsTheSequenceAndReportsTheSize() {
        let sink = RecordingSink()
        let runner = EffectRunner(environment: [:], terminal: sink)
        var state = MonitorState(config: MonitorConfig(sourceName: "t"), now: 0)
        state.effects = [.copy(text: text, label: "event #7")]
        XCTAssertTrue(runner.performQueued(&state))
        XCTAssertEqual(state.effects, [])
        XCTAssertEqual(sink.sent, [EffectRunner.clipboardSequence(text, environment: [:])])
        XCTAssertEqual(state.ui.notice, Notice("copied event #7 (11 bytes) via OSC 52 (if the terminal allows it)"))
        XCTAssertFalse(runner.performQueued(&state), "nothing queued, nothing done")
        sink.accepts = false
        XCTAssertEqual(runner.perform(.copy(text: text, label: "event #7")).isError, true)
    }

    func testWriteCreatesTheFileWithOneLinePerEvent() throws {
        let runner = EffectRunner(environment: ["HOME": directory.path], terminal: RecordingSink())
        let notice = runner.perform(.write(path: "~/out.jsonl", lines: [#"{"n":1}"#, #"{"n":2}"#]))
        XCTAssertEqual(notice, Notice("wrote 2 events to ~/out.jsonl"))
        XCTAssertEqual(try String(contentsOf: directory.appendingPathComponent("out.jsonl"), encoding: .utf8),
                       "{\"n\":1}\n{\"n\":2}\n")
    }

    func testWriteNeverOverwritesAndReportsErrors() throws {
        let runner = EffectRunner(environment: [:], terminal: RecordingSink())
        let path = directory.appendingPathComponent("x.jsonl").path
        try "keep me\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(runner.perform(.write(path: path, lines: ["{}"])),
                       Notice("\(path) exists; not overwritten (choose another name)", isError: true))
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "keep me\n")
        let missing = directory.appendingPathComponent("no/such/dir.jsonl").path
        XCTAssertEqual(runner.perform(.write(path: missing, lines: ["{}"])),
                       Notice("cannot write \(missing): No such file or directory", isError: true))
        if getuid() != 0 {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory.path)
            let denied = directory.appendingPathComponent("denied.jsonl").path
            XCTAssertEqual(runner.perform(.write(path: denied, lines: ["{}"])),
                           Notice("cannot write \(denied): Permission denied", isError: true))
        }
    }

    func testTildeIsExpandedOnlyAsAHomeDirectory() {
        XCTAssertEqual(EffectRunner.expandTilde("~", home: "/home/a"), "/home/a")
        XCTAssertEqual(EffectRunner.expandTilde("~/x.jsonl", home: "/home/a"), "/home/a/x.jsonl")
        XCTAssertEqual(EffectRunner.expandTilde("~bob/x.jsonl", home: "/home/a"), "~bob/x.jsonl")
        XCTAssertEqual(EffectRunner.expandTilde("a/~/x", home: "/home/a"), "a/~/x")
        XCTAssertEqual(EffectRunner.expandTilde("~/x", home: nil), "~/x")
    }
}
