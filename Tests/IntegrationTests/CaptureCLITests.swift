import EventDecoding
import Foundation
import XCTest

/// `tail --raw` writes captures that `--file` reads back to the same events; `--type-field` and
/// friends pick fields out of other JSON schemas.
final class CaptureCLITests: XCTestCase {
    private func kinescope(_ arguments: [String], stdin: [UInt8]? = nil) throws -> ProcessResult {
        try ProcessRunner.run(try KinescopePackage.binary(), arguments, stdin: stdin, timeout: 60)
    }

    func testCaptureReadsBackToTheSameEvents() throws {
        let capture = try kinescope(["tail", "--demo", "--seed", "4", "--max-events", "400", "--raw"])
        XCTAssertEqual(capture.exitCode, 0, capture.stderrText)
        let lines = ProcessResult.lines(capture.stdoutText)
        XCTAssertEqual(lines.count, 400)
        let first = try JSONParser.parse(Array(lines[0].utf8))
        XCTAssertEqual(first.object?.members.map(\.key), ["shard", "sequence", "partition_key", "arrival", "data"])
        XCTAssertNotNil(first["data"]?.string.flatMap(Base64.decode), "data is base64")

        let replayed = try kinescope(["tail", "--file", "-"], stdin: Array(capture.stdoutText.utf8))
        let direct = try kinescope(["tail", "--demo", "--seed", "4", "--max-events", "400"])
        XCTAssertEqual(replayed.exitCode, 0, replayed.stderrText)
        XCTAssertEqual(replayed.stdoutText, direct.stdoutText, "a capture replays to exactly the events read live")
    }

    func testFieldOptionsPickTypeSessionClientAndTime() throws {
        let input = #"{"detail":{"kind":"checkout","sid":"s-1","user":"u-9"},"ts":1767225600123}"# + "\n"
        let result = try kinescope(["tail", "--file", "-", "--type-field", "detail.kind", "--session-field", "detail.sid",
                                    "--client-field", "detail.user", "--time-field", "ts"], stdin: Array(input.utf8))
        XCTAssertEqual(result.exitCode, 0, result.stderrText)
        let line = try JSONParser.parse(Array(ProcessResult.lines(result.stdoutText)[0].utf8))
        XCTAssertEqual(line["kind"]?.string, "json")
        XCTAssertEqual(line["event_type"]?.string, "checkout")
        XCTAssertEqual(line["session_id"]?.string, "s-1")
        XCTAssertEqual(line["client_id"]?.string, "u-9")
        XCTAssertEqual(line["event_time"]?.string, "2026-01-01T00:00:00.123Z")

        let bad = try kinescope(["tail", "--file", "-", "--type-field", "a..b"], stdin: [])
        XCTAssertEqual(bad.exitCode, 64)
        XCTAssertTrue(bad.stderrText.contains("--type-field must be a dotted path"), bad.stderrText)
    }

    func testCloudWatchControlMessagesAreCountedSoEveryRecordIsAccountedFor() throws {
        var lines: [String] = []
        for (index, name) in ["control-message.json.gz", "data-message.json.gz"].enumerated() {
            let data = try Data(contentsOf: KinescopePackage.fixture("decoding/cloudwatch/\(name)"))
            lines.append(#"{"shard":"shardId-000000000000","sequence":"\#(index + 1)","partition_key":"k","arrival":null,"data":"\#(Base64.encode([UInt8](data)))"}"#)
        }
        let result = try kinescope(["stats", "--file", "-", "--format", "json"], stdin: Array(lines.joined(separator: "\n").utf8))
        XCTAssertEqual(result.exitCode, 0, result.stderrText)
        let summary = try JSONParser.parse(Array(result.stdoutText.utf8))
        XCTAssertEqual(summary["records"]?.double, 2)
        XCTAssertEqual(summary["control_messages"]?.double, 1)
        XCTAssertGreaterThan(summary["events"]?.double ?? 0, 0, "the data message's log events")
    }
}
