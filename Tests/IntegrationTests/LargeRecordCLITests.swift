import EventDecoding
import Foundation
import XCTest

/// Records of any size: lines of a megabyte go through whole, a line over the record limit is one
/// error event that says so (and the lines after it are read), and a demo that cannot keep its
/// rate says what it keeps.
final class LargeRecordCLITests: XCTestCase {
    private static let mebibyte = 1 << 20
    /// The limit the tests set through `KINESCOPE_MAX_RECORD_BYTES`, so that a line over it need
    /// not be 64 MiB.
    private static let limit = 2 << 20

    private func kinescope(_ arguments: [String], stdin: [UInt8]? = nil, limit: Int? = LargeRecordCLITests.limit) throws -> ProcessResult {
        var environment: [String: String] = [:]
        if let limit { environment["KINESCOPE_MAX_RECORD_BYTES"] = String(limit) }
        return try ProcessRunner.run(try KinescopePackage.binary(), arguments, stdin: stdin, environment: environment, timeout: 120)
    }

    /// `{"type":"big","pad":"xxx…"}` of exactly `bytes` bytes.
    private func line(type: String, bytes: Int) -> String {
        let head = #"{"type":"\#(type)","pad":""#
        return head + String(repeating: "x", count: bytes - head.utf8.count - 2) + #""}"#
    }

    private func input() -> (text: String, tooLong: String) {
        let tooLong = line(type: "huge", bytes: 3 * Self.mebibyte + 5)
        let lines = [line(type: "big", bytes: Self.mebibyte), line(type: "big", bytes: Self.mebibyte), tooLong,
                     line(type: "big", bytes: Self.mebibyte), #"{"type":"small"}"#, "a text line"]
        return (lines.joined(separator: "\n") + "\n", tooLong)
    }

    private func file(_ contents: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kinescope-large-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("large.ndjson")
        try Data(contents.utf8).write(to: url)
        return url.path
    }

    func testALineOverTheLimitIsOneErrorAndTheOtherLinesAreRead() throws {
        let (text, tooLong) = input()
        let path = try file(text)
        // A regular file (read ahead on a thread of its own) and stdin (the plain loop).
        for (name, arguments, stdin) in [("file", ["--file", path], nil), ("stdin", ["--file", "-"], Array(text.utf8))] {
            let stats = try kinescope(["stats"] + arguments + ["--format", "json"], stdin: stdin)
            XCTAssertEqual(stats.exitCode, 0, stats.stderrText)
            let summary = try JSONParser.parse(Array(stats.stdoutText.utf8))
            XCTAssertEqual(int(summary["records"]), 6, "\(name): \(summary.compactJSON())")
            XCTAssertEqual(int(summary["events"]), 6, name)
            XCTAssertEqual(int(summary["errors"]), 1, name)
            XCTAssertEqual(try counts(summary["by_kind"]), ["json": 4, "error": 1, "text": 1], name)

            let tail = try kinescope(["tail"] + arguments, stdin: stdin)
            XCTAssertEqual(tail.exitCode, 0, tail.stderrText)
            let lines = try tail.stdoutLines.map { try JSONParser.parse(Array($0.utf8)) }
            XCTAssertEqual(lines.map { $0["kind"]?.string }, ["json", "json", "error", "json", "json", "text"], name)
            guard lines.count == 6 else { continue }
            XCTAssertEqual(lines[2]["error"]?.string, "line longer than 2 MiB (\(grouped(tooLong.utf8.count)) bytes), cut", name)
            let raw = try XCTUnwrap(lines[2]["raw"]?.string.flatMap { Data(base64Encoded: $0) }, name)
            XCTAssertEqual(raw.count, 4096, "the error keeps the line's first bytes, not the line")
            XCTAssertEqual(String(decoding: raw, as: UTF8.self), String(tooLong.prefix(4096)), name)
            XCTAssertEqual(lines[3]["event"]?["pad"]?.string?.utf8.count, Self.mebibyte - #"{"type":"big","pad":""#.utf8.count - 2,
                           "a 1 MiB line comes through whole")
            XCTAssertEqual(lines[4]["event"]?["type"]?.string, "small", name)
        }
    }

    func testACutLineSurvivesTheCaptureRoundTripAsTheSameError() throws {
        let (text, tooLong) = input()
        let capture = try kinescope(["tail", "--raw", "--file", try file(text)])
        XCTAssertEqual(capture.exitCode, 0, capture.stderrText)
        XCTAssertEqual(capture.stdoutLines.count, 6, "one capture line per record")
        let cut = try JSONParser.parse(Array(capture.stdoutLines[2].utf8))
        XCTAssertEqual(cut["error"]?.string, "line longer than 2 MiB (\(grouped(tooLong.utf8.count)) bytes), cut")
        // Read back with no limit in force: the mark, not the size, makes it the same error.
        let replayed = try kinescope(["stats", "--file", "-", "--format", "json"], stdin: Array(capture.stdoutText.utf8), limit: nil)
        XCTAssertEqual(replayed.exitCode, 0, replayed.stderrText)
        let summary = try JSONParser.parse(Array(replayed.stdoutText.utf8))
        XCTAssertEqual(int(summary["records"]), 6)
        XCTAssertEqual(int(summary["errors"]), 1)
        XCTAssertEqual(try counts(summary["by_kind"]), ["json": 4, "error": 1, "text": 1])
    }

    func testTheDefaultLimitLetsLargeLinesThrough() throws {
        let (text, _) = input()
        let stats = try kinescope(["stats", "--file", try file(text), "--format", "json"], limit: nil)
        XCTAssertEqual(stats.exitCode, 0, stats.stderrText)
        let summary = try JSONParser.parse(Array(stats.stdoutText.utf8))
        XCTAssertEqual(int(summary["errors"]), 0, summary.compactJSON())
        XCTAssertEqual(try counts(summary["by_kind"]), ["json": 5, "text": 1])
    }

    func testADemoThatCannotKeepItsRateSaysWhatItKeeps() throws {
        // No machine keeps a million events a second through `tail`, so the demo falls behind.
        let result = try kinescope(["tail", "--demo", "--rate", "1000000", "--max-events", "50000"], limit: nil)
        XCTAssertEqual(result.exitCode, 0, result.stderrText)
        XCTAssertEqual(result.stdoutLines.count, 50_000)
        let notes = result.stderrLines.filter { $0.hasPrefix("kinescope: demo: ") }
        XCTAssertFalse(notes.isEmpty, result.stderrText)
        for note in notes {
            XCTAssertTrue(note.hasSuffix(" ev/s of 1,000,000 asked"), note)
        }
    }

    private func grouped(_ number: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.locale = Locale(identifier: "en_US")
        return formatter.string(from: NSNumber(value: number)) ?? String(number)
    }
}
