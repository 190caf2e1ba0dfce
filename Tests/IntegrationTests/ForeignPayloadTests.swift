import EventDecoding
import Foundation
import XCTest

/// Payloads other people wrote (Lambda libraries' test events, SAM sample events, AWS docs, KPL
/// aggregation test data, aws-cli output), copied byte for byte into `Tests/Fixtures/foreign/`
/// with their provenance in its README. What each must give is in `expected.json`, worked out by
/// `expected.py` from the payload bytes alone (base64, gzip/zlib, a hand-written KPL parser,
/// CloudWatch Logs batches), never from Kinescope's output.
final class ForeignPayloadTests: XCTestCase {
    private let directory = KinescopePackage.fixture("foreign")

    private func expectations() throws -> [(String, JSONValue)] {
        let value = try JSONParser.parse(Array(try Data(contentsOf: directory.appendingPathComponent("expected.json"))))
        return try XCTUnwrap(value.object).members.map { ($0.key, $0.value) }
    }

    private func stats(_ path: String) throws -> JSONValue {
        let result = try ProcessRunner.run(try KinescopePackage.binary(), ["stats", "--file", path, "--format", "json"], timeout: 60)
        XCTAssertEqual(result.exitCode, 0, "\(path): \(result.stderrText)")
        return try JSONParser.parse(Array(result.stdoutText.utf8))
    }

    func testEveryForeignPayloadCountsAsItsSourceSays() throws {
        let all = try expectations()
        XCTAssertGreaterThanOrEqual(all.count, 30)
        var checked = 0
        for (name, expected) in all {
            let path = directory.appendingPathComponent(name).path
            let summary = try stats(path)
            guard let records = int(expected["records"]) else {
                // Not valid JSON as published (a typographic quote, a wrapped string): whatever
                // is made of it, nothing is lost and it is reported as an error.
                XCTAssertGreaterThanOrEqual(int(summary["errors"]) ?? 0, 1, name)
                continue
            }
            XCTAssertEqual(int(summary["records"]), records, "\(name): records")
            // Firehose and Kinesis Data Analytics events hold Kinesis records too; the events are
            // what their data unwraps to.
            let events = int(expected["unwrapped_events"]) ?? int(expected["events"])
            XCTAssertEqual(int(summary["events"]), events, "\(name): events")
            XCTAssertEqual(try counts(summary["by_shard"]), try counts(expected["by_shard"]), "\(name): by_shard")
            if let types = expected["event_types"]?.object {
                XCTAssertEqual(try counts(summary["by_type"]), try counts(.object(types)), "\(name): by_type")
            }
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 28)
    }

    func testByteOrderMarkedFilesDecodeAsTheirUnmarkedTwins() throws {
        // aws-lambda-dotnet's events start with a UTF-8 BOM; aws-lambda-go's hold the same data.
        let marked = try stats(directory.appendingPathComponent("lambda-dotnet-logs-event.json").path)
        let plain = try stats(directory.appendingPathComponent("lambda-go-cloudwatch-logs-event.json").path)
        XCTAssertEqual(marked, plain)
        let tail = try ProcessRunner.run(try KinescopePackage.binary(),
                                         ["tail", "--file", directory.appendingPathComponent("lambda-dotnet-kinesis-event.json").path], timeout: 60)
        XCTAssertFalse(tail.stdoutText.unicodeScalars.contains("\u{FEFF}"), "the mark is not printed")
        XCTAssertEqual(ProcessResult.lines(tail.stdoutText).count, 2)
    }

    func testTheUnfilledSAMTemplateIsAnErrorThatKeepsItsBytes() throws {
        // `sam local generate-event kinesis` before its placeholders are filled: data is `{{{data}}}`.
        let result = try ProcessRunner.run(try KinescopePackage.binary(),
                                           ["tail", "--file", directory.appendingPathComponent("sam-kinesis-template.json").path], timeout: 60)
        let line = try JSONParser.parse(Array(try XCTUnwrap(ProcessResult.lines(result.stdoutText).first).utf8))
        XCTAssertEqual(line["kind"]?.string, "error")
        XCTAssertEqual(line["error"]?.string, "record data is not valid base64")
        let raw = try XCTUnwrap(line["raw"]?.string.flatMap(Base64.decode))
        XCTAssertTrue(String(decoding: raw, as: UTF8.self).contains("{{{data}}}"))
    }
}
