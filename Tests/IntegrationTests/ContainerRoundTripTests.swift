import EventDecoding
import Foundation
import XCTest

/// Files of Kinesis record containers (Lambda events, `get-records` pages, empty pages), generated
/// from real payloads by `Support/make_containers.py`, which also works out what must be counted
/// from the payloads themselves. Kinescope must count each entry as one record, and the round trip
/// file → `tail --raw` → `stats --file` must give the same counts and the same events.
final class ContainerRoundTripTests: XCTestCase {
    private func kinescope(_ arguments: [String], stdin: [UInt8]? = nil) throws -> ProcessResult {
        try ProcessRunner.run(try KinescopePackage.binary(), arguments, stdin: stdin, timeout: 120)
    }

    private func python() throws -> URL {
        if let python = ProcessRunner.which("python3") { return python }
        throw XCTSkip("python3 is needed to generate the containers")
    }

    private func summary(_ result: ProcessResult, file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue {
        XCTAssertEqual(result.exitCode, 0, result.stderrText, file: file, line: line)
        return try JSONParser.parse(Array(result.stdoutText.utf8))
    }

    func testGeneratedContainersCountRecordsAndSurviveTheCaptureRoundTrip() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("containers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let generator = KinesisMotoTests.support("make_containers.py")
        var totalRecords = 0
        for seed in 1...12 {
            let input = directory.appendingPathComponent("c\(seed).json")
            let expectedFile = directory.appendingPathComponent("e\(seed).json")
            let made = try ProcessRunner.run(try python(), [generator.path, String(seed), input.path, expectedFile.path], timeout: 60)
            XCTAssertEqual(made.exitCode, 0, made.stderrText)
            let expected = try JSONParser.parse(Array(try Data(contentsOf: expectedFile)))

            let direct = try summary(try kinescope(["stats", "--file", input.path, "--format", "json"]))
            for key in ["records", "events", "errors"] {
                XCTAssertEqual(int(direct[key]), int(expected[key]), "seed \(seed): \(key)")
            }
            XCTAssertEqual(try counts(direct["by_shard"]), try counts(expected["by_shard"]), "seed \(seed): by_shard")
            totalRecords += int(expected["records"]) ?? 0

            let capture = try kinescope(["tail", "--raw", "--file", input.path])
            XCTAssertEqual(capture.exitCode, 0, capture.stderrText)
            let lines = ProcessResult.lines(capture.stdoutText)
            XCTAssertEqual(lines.count, int(expected["records"]), "seed \(seed): one capture line per Kinesis record")
            let replayed = try summary(try kinescope(["stats", "--file", "-", "--format", "json"], stdin: Array(capture.stdoutText.utf8)))
            XCTAssertEqual(replayed, direct, "seed \(seed): the capture counts as the containers did")

            let directEvents = try kinescope(["tail", "--file", input.path])
            let replayedEvents = try kinescope(["tail", "--file", "-"], stdin: Array(capture.stdoutText.utf8))
            XCTAssertEqual(replayedEvents.stdoutText, directEvents.stdoutText, "seed \(seed): the same events, metadata included")
        }
        XCTAssertGreaterThan(totalRecords, 1_000, "the seeds cover many records")
    }

    func testEachCaptureLineCarriesItsOwnRecordsMetadata() throws {
        let event = #"{"Records":[{"kinesis":{"partitionKey":"a","sequenceNumber":"101","data":"eyJ4IjoxfQ==","approximateArrivalTimestamp":1767225600.5},"eventID":"shardId-000000000002:101"},{"kinesis":{"partitionKey":"b","sequenceNumber":"102","data":"!!","approximateArrivalTimestamp":1767225601.25},"eventID":"shardId-000000000003:102"}]}"#
        let capture = try kinescope(["tail", "--raw", "--file", "-"], stdin: Array(event.utf8))
        XCTAssertEqual(capture.exitCode, 0, capture.stderrText)
        let lines = try ProcessResult.lines(capture.stdoutText).map { try JSONParser.parse(Array($0.utf8)) }
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(lines.map { $0["shard"]?.string }, ["shardId-000000000002", "shardId-000000000003"])
        XCTAssertEqual(lines.map { $0["sequence"]?.string }, ["101", "102"])
        XCTAssertEqual(lines.map { $0["partition_key"]?.string }, ["a", "b"])
        XCTAssertEqual(lines.map { $0["arrival"]?.string }, ["2026-01-01T00:00:00.500Z", "2026-01-01T00:00:01.250Z"])
        XCTAssertEqual(lines[0]["data"]?.string.flatMap(Base64.decode), Array(#"{"x":1}"#.utf8))
        // The entry whose data is not base64 is kept whole, so that reading it back is the same error.
        let kept = try XCTUnwrap(lines[1]["data"]?.string.flatMap(Base64.decode))
        XCTAssertTrue(String(decoding: kept, as: UTF8.self).contains(#""data":"!!""#))
        let replayed = try summary(try kinescope(["stats", "--file", "-", "--format", "json"], stdin: Array(capture.stdoutText.utf8)))
        XCTAssertEqual(int(replayed["records"]), 2)
        XCTAssertEqual(int(replayed["errors"]), 1)
    }

    func testEmptyPagesOfAPollingLoopAreNoRecordsAndNoEvents() throws {
        let pages = """
            {"Records": [], "MillisBehindLatest": 80742000}
            {
                "Records": [],
                "NextShardIterator": "AAAAAAAAAAGr4pC2",
                "MillisBehindLatest": 0
            }
            {"Records":[{"SequenceNumber":"1","ApproximateArrivalTimestamp":1767225600.0,"Data":"eyJ4IjoxfQ==","PartitionKey":"k"}],"NextShardIterator":"AAAA","MillisBehindLatest":0}
            {"Records": [], "NextShardIterator": "AAAAAAAAAAHs", "MillisBehindLatest": 0}

            """
        let result = try summary(try kinescope(["stats", "--file", "-", "--format", "json"], stdin: Array(pages.utf8)))
        XCTAssertEqual(int(result["records"]), 1)
        XCTAssertEqual(int(result["events"]), 1)
        XCTAssertEqual(try counts(result["by_type"]), ["(json)": 1])
        // `Records: []` beside fields of its own is an event that happens to hold an empty list.
        let other = try summary(try kinescope(["stats", "--file", "-", "--format", "json"],
                                              stdin: Array(#"{"Records": [], "user": "u1"}"#.utf8)))
        XCTAssertEqual(int(other["records"]), 1)
        XCTAssertEqual(int(other["events"]), 1)
    }

    func testAByteOrderMarkIsSkippedAndUTF16IsOneClearError() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let lambda = try Data(contentsOf: KinescopePackage.fixture("seed-lambda-event.json"))
        let result = try summary(try kinescope(["stats", "--file", "-", "--format", "json"], stdin: bom + Array(lambda)))
        XCTAssertEqual(int(result["records"]), 1)
        XCTAssertEqual(int(result["errors"]), 0)
        XCTAssertEqual(try counts(result["by_kind"]), ["pinpoint.app": 1])
        let text = try kinescope(["tail", "--file", "-"], stdin: bom + Array("hello\n".utf8))
        XCTAssertEqual(ProcessResult.lines(text.stdoutText).count, 1)
        XCTAssertFalse(text.stdoutText.contains("\u{FEFF}"), "the mark is not printed")

        let units = Array("{\"a\":1}".utf16)
        let littleEndian: [UInt8] = units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let bigEndian: [UInt8] = [0xFE, 0xFF] + units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        for (name, bytes) in [("UTF-16LE", littleEndian), ("UTF-16BE", bigEndian)] {
            let refused = try kinescope(["stats", "--file", "-"], stdin: bytes)
            XCTAssertEqual(refused.exitCode, 1, name)
            XCTAssertEqual(refused.stdoutText, "", name)
            XCTAssertTrue(refused.stderrText.contains("is \(name), not UTF-8"), refused.stderrText)
            XCTAssertEqual(ProcessResult.lines(refused.stderrText).count, 1, refused.stderrText)
        }
    }
}
