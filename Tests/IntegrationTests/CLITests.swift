import EventDecoding
import Foundation
import XCTest

/// The command line contract (DESIGN §3), checked against the real `kinescope` executable:
/// output formats, exit codes and messages of the headless front ends and the usage errors.
final class CLITests: XCTestCase {
    // MARK: tail --demo

    func testTailDemoPrintsOneContractLinePerEvent() throws {
        let result = try kinescope("tail", "--demo", "--max-events", "1000")
        XCTAssertEqual(result.exitCode, 0, result.stderrText)
        XCTAssertEqual(result.stderrText, "")
        let lines = result.stdoutLines
        XCTAssertEqual(lines.count, 1000)
        for (number, line) in lines.enumerated() {
            let value = try parse(line, what: "tail line \(number + 1)")
            try assertTailLineShape(value, line: line)
        }
    }

    func testTailDemoIsRepeatableForASeedAndDiffersForAnother() throws {
        let first = try kinescope("tail", "--demo", "--max-events", "1000")
        let second = try kinescope("tail", "--demo", "--max-events", "1000")
        let otherSeed = try kinescope("tail", "--demo", "--seed", "2", "--max-events", "1000")
        XCTAssertEqual(first.exitCode, 0)
        XCTAssertEqual(second.exitCode, 0)
        XCTAssertEqual(otherSeed.exitCode, 0)
        XCTAssertEqual(first.stdoutLines.count, 1000)
        XCTAssertTrue(first.stdout == second.stdout, "same seed, different output")
        XCTAssertEqual(otherSeed.stdoutLines.count, 1000)
        XCTAssertNotEqual(first.stdoutLines.first, otherSeed.stdoutLines.first)
        XCTAssertFalse(first.stdout == otherSeed.stdout, "--seed 2 printed the same events as the default seed")
    }

    func testTailDemoWithMaxEventsZeroPrintsNothing() throws {
        let result = try kinescope("tail", "--demo", "--max-events", "0")
        XCTAssertEqual(result.exitCode, 0, result.stderrText)
        XCTAssertEqual(result.stdoutText, "")
    }

    // MARK: stats --demo

    func testStatsDemoJSONSummaryAddsUp() throws {
        let result = try kinescope("stats", "--demo", "--max-events", "5000", "--format", "json")
        XCTAssertEqual(result.exitCode, 0, result.stderrText)
        XCTAssertEqual(result.stdoutLines.count, 1, "stats --format json prints one line: \(result.stdoutText.prefix(300))")
        let summary = try parse(result.stdoutText, what: "stats --format json")
        XCTAssertEqual(keys(summary), ["records", "events", "errors", "sessions", "clients", "by_type", "by_kind", "by_shard"])
        let events = try XCTUnwrap(int(summary["events"]))
        XCTAssertEqual(events, 5000)
        let records = try XCTUnwrap(int(summary["records"]))
        XCTAssertGreaterThan(records, 0)
        XCTAssertLessThanOrEqual(records, events, "every demo record holds at least one event")
        XCTAssertNotNil(int(summary["errors"]))
        XCTAssertGreaterThan(try XCTUnwrap(int(summary["sessions"])), 0)
        XCTAssertGreaterThan(try XCTUnwrap(int(summary["clients"])), 0)
        let byType = try counts(summary["by_type"])
        let byKind = try counts(summary["by_kind"])
        let byShard = try counts(summary["by_shard"])
        XCTAssertEqual(byType.values.reduce(0, +), events)
        XCTAssertEqual(byKind.values.reduce(0, +), events)
        XCTAssertEqual(byShard.values.reduce(0, +), events, "every demo event comes from a shard")
        XCTAssertTrue(byShard.keys.allSatisfy { $0.hasPrefix("shardId-") }, "\(byShard.keys)")
        XCTAssertTrue(byKind.keys.allSatisfy(Self.kinds.contains), "\(byKind.keys)")
    }

    /// `stats` and `tail` run the same path, so their counts of the same demo traffic agree.
    func testStatsDemoCountsMatchTailDemoLines() throws {
        let stats = try parse(try kinescope("stats", "--demo", "--max-events", "3000", "--format", "json").stdoutText,
                              what: "stats --format json")
        let tail = try kinescope("tail", "--demo", "--max-events", "3000")
        XCTAssertEqual(tail.exitCode, 0)
        var byType: [String: Int] = [:]
        var byKind: [String: Int] = [:]
        var sessions = Set<String>()
        for line in tail.stdoutLines {
            let value = try parse(line, what: "tail line")
            byType[value["event_type"]?.string ?? "(none)", default: 0] += 1
            byKind[value["kind"]?.string ?? "(none)", default: 0] += 1
            if let session = value["session_id"]?.string { sessions.insert(session) }
        }
        XCTAssertEqual(try counts(stats["by_type"]), byType)
        XCTAssertEqual(try counts(stats["by_kind"]), byKind)
        XCTAssertEqual(int(stats["sessions"]), sessions.count)
    }

    func testStatsTextFormatIsTheDefaultAndReadable() throws {
        let implicit = try kinescope("stats", "--demo", "--max-events", "500")
        let explicit = try kinescope("stats", "--demo", "--max-events", "500", "--format", "text")
        XCTAssertEqual(implicit.exitCode, 0, implicit.stderrText)
        XCTAssertEqual(explicit.exitCode, 0, explicit.stderrText)
        XCTAssertEqual(implicit.stdoutText, explicit.stdoutText)
        let lines = explicit.stdoutLines
        let eventsLine = try XCTUnwrap(lines.first { $0.hasPrefix("events") }, explicit.stdoutText)
        XCTAssertEqual(eventsLine.split(separator: " ").last, "500")
        for heading in ["records", "errors", "sessions", "clients", "by type", "by kind", "by shard"] {
            XCTAssertTrue(lines.contains { $0.hasPrefix(heading) }, "no \(heading.debugDescription) line in:\n\(explicit.stdoutText)")
        }
        XCTAssertTrue(explicit.stdoutText.contains("_session.start"))
        XCTAssertTrue(explicit.stdoutText.contains("pinpoint.app"))
        XCTAssertFalse(explicit.stdoutText.contains("{"), "text format should not be JSON")
    }

    // MARK: --file

    func testTailLambdaEventFixture() throws {
        let path = try fixture("seed-lambda-event.json")
        let result = try kinescope("tail", "--file", path)
        XCTAssertEqual(result.exitCode, 0, result.stderrText)
        XCTAssertEqual(result.stdoutLines.count, 1, result.stdoutText)
        let line = try XCTUnwrap(result.stdoutLines.first)
        let event = try parse(line, what: "tail line")
        try assertTailLineShape(event, line: line)
        try assertSeedEvent(event)
        XCTAssertEqual(event["shard"]?.string, "shardId-000000000000")
        XCTAssertEqual(event["sequence"]?.string, "49599259535682552348557865618060497301418154171654209538")
        XCTAssertEqual(event["partition_key"]?.string, "-1667896638")
        XCTAssertEqual(event["arrival"]?.string, "2019-09-06T14:31:47.056Z")
    }

    func testTailReadsStdinLikeAFile() throws {
        let path = try fixture("seed-lambda-event.json")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let fromFile = try kinescope("tail", "--file", path)
        let fromStdin = try kinescope("tail", "--file", "-", stdin: bytes)
        XCTAssertEqual(fromStdin.exitCode, 0, fromStdin.stderrText)
        XCTAssertEqual(fromStdin.stdoutText, fromFile.stdoutText)
        XCTAssertEqual(fromStdin.stdoutLines.count, 1)

        let plain = Array(try Data(contentsOf: URL(fileURLWithPath: try fixture("seed-pinpoint-event.json"))))
        let plainResult = try kinescope("tail", "--file", "-", stdin: plain)
        XCTAssertEqual(plainResult.exitCode, 0, plainResult.stderrText)
        XCTAssertEqual(plainResult.stdoutLines.count, 1, "a pretty-printed event is one document: \(plainResult.stdoutText.prefix(300))")
        let event = try parse(try XCTUnwrap(plainResult.stdoutLines.first), what: "tail line")
        try assertSeedEvent(event)
        XCTAssertEqual(event["shard"], .null, "a bare event has no Kinesis metadata")
        XCTAssertEqual(event["arrival"], .null)
    }

    func testStatsOfTheLambdaEventFixture() throws {
        let result = try kinescope("stats", "--file", try fixture("seed-lambda-event.json"), "--format", "json")
        XCTAssertEqual(result.exitCode, 0, result.stderrText)
        let summary = try parse(result.stdoutText, what: "stats --format json")
        XCTAssertEqual(int(summary["records"]), 1)
        XCTAssertEqual(int(summary["events"]), 1)
        XCTAssertEqual(int(summary["errors"]), 0)
        XCTAssertEqual(int(summary["sessions"]), 1)
        XCTAssertEqual(int(summary["clients"]), 1)
        XCTAssertEqual(try counts(summary["by_type"]), ["_session.stop": 1])
        XCTAssertEqual(try counts(summary["by_kind"]), ["pinpoint.app": 1])
        XCTAssertEqual(try counts(summary["by_shard"]), ["shardId-000000000000": 1])
    }

    /// The `event` values of `tail --demo`, one per line, read back with `--file`, classify and
    /// count exactly as the demo itself does.
    func testStatsOfDemoEventsAsNDJSONMatchesDemoStats() throws {
        let count = 2000
        let tail = try kinescope("tail", "--demo", "--max-events", String(count))
        XCTAssertEqual(tail.exitCode, 0)
        var ndjson = ""
        for line in tail.stdoutLines {
            let event = try XCTUnwrap(try parse(line, what: "tail line")["event"])
            ndjson += event.compactJSON() + "\n"
        }
        let file = try temporaryFile("demo-events.ndjson", contents: ndjson)
        let fromFile = try parse(try kinescope("stats", "--file", file, "--format", "json").stdoutText, what: "stats --file")
        let fromDemo = try parse(try kinescope("stats", "--demo", "--max-events", String(count), "--format", "json").stdoutText,
                                 what: "stats --demo")
        XCTAssertEqual(int(fromFile["records"]), count)
        XCTAssertEqual(int(fromFile["events"]), count)
        XCTAssertEqual(int(fromFile["errors"]), 0)
        XCTAssertEqual(try counts(fromFile["by_type"]), try counts(fromDemo["by_type"]))
        XCTAssertEqual(try counts(fromFile["by_kind"]), try counts(fromDemo["by_kind"]))
        XCTAssertEqual(int(fromFile["sessions"]), int(fromDemo["sessions"]))
        XCTAssertEqual(int(fromFile["clients"]), int(fromDemo["clients"]))
        XCTAssertEqual(try counts(fromFile["by_shard"]), [:], "plain event objects carry no shard")
    }

    /// A line that is not valid JSON is an error event and a log line is a text event; neither
    /// hides the lines around it.
    func testMalformedAndTextLinesAreCountedAndNothingIsLost() throws {
        let good = try seedEventCompact()
        let malformed = #"{"event_type": nope}"#
        let text = "2026-01-01 12:00:00 INFO plain log line, not JSON"
        let file = try temporaryFile("mixed.ndjson", contents: [good, malformed, text, good].joined(separator: "\n") + "\n")

        let tail = try kinescope("tail", "--file", file)
        XCTAssertEqual(tail.exitCode, 0, tail.stderrText)
        let lines = try tail.stdoutLines.map { try parse($0, what: "tail line") }
        XCTAssertEqual(lines.map { $0["kind"]?.string }, ["pinpoint.app", "error", "text", "pinpoint.app"], tail.stdoutText)
        for (value, line) in zip(lines, tail.stdoutLines) { try assertTailLineShape(value, line: line) }
        if lines.count == 4 {
            XCTAssertNotNil(lines[1]["error"]?.string)
            let raw = try XCTUnwrap(lines[1]["raw"]?.string)
            XCTAssertEqual(Data(base64Encoded: raw).map { String(decoding: $0, as: UTF8.self) }, malformed,
                           "raw is the undecodable bytes, base64")
            XCTAssertEqual(lines[2]["event"]?.string, text)
        }

        let stats = try parse(try kinescope("stats", "--file", file, "--format", "json").stdoutText, what: "stats")
        XCTAssertEqual(int(stats["records"]), 4)
        XCTAssertEqual(int(stats["events"]), 4)
        XCTAssertEqual(int(stats["errors"]), 1)
        let byKind = try counts(stats["by_kind"])
        XCTAssertEqual(byKind, ["pinpoint.app": 2, "error": 1, "text": 1])
        XCTAssertEqual(try counts(stats["by_type"]).values.reduce(0, +), 4)
        XCTAssertEqual(try counts(stats["by_type"])["_session.stop"], 2)
    }

    /// A line cut off mid-object (a partial write, a truncated log) is one error; the lines after
    /// it are still read. In NDJSON a `{` at the start of a line cannot continue the cut value.
    func testTruncatedJSONLineDoesNotSwallowTheLinesAfterIt() throws {
        let good = try seedEventCompact()
        let truncated = String(good.prefix(120))
        let text = "plain text after the cut"
        let file = try temporaryFile("truncated.ndjson", contents: [good, truncated, text, good].joined(separator: "\n") + "\n")

        let stats = try parse(try kinescope("stats", "--file", file, "--format", "json").stdoutText, what: "stats")
        let byKind = try counts(stats["by_kind"])
        XCTAssertEqual(byKind["pinpoint.app"], 2, "the event after the truncated line was lost: \(stats.compactJSON())")
        XCTAssertEqual(byKind["text"], 1, "the text line after the truncated line was lost: \(stats.compactJSON())")
        XCTAssertEqual(int(stats["errors"]), 1, stats.compactJSON())
        XCTAssertEqual(int(stats["events"]), 4, stats.compactJSON())
    }

    // MARK: errors

    func testUsageErrorsExit64WithOneLineAndTheUsage() throws {
        let cases: [(arguments: [String], mentions: [String])] = [
            (["tail", "--demo", "--no-such-flag"], ["--no-such-flag"]),
            (["stats", "--demo", "--no-such-flag"], ["--no-such-flag"]),
            (["tail"], ["--file", "--demo"]),
            (["stats"], ["--file", "--demo"]),
            ([], ["--file", "--demo"]),
            (["tail", "--demo", "--file", "events.ndjson"], ["exactly one"]),
            (["stats", "--demo", "--stream", "s"], ["exactly one"]),
            (["stats", "--demo", "--format", "xml"], ["--format"]),
            (["tail", "--demo", "--max-events", "-1"], ["--max-events"]),
            (["tail", "--demo", "--max-events=-1"], ["--max-events"]),
            (["stats", "--demo", "--max-events", "many"], ["--max-events"]),
            (["demo", "--rate", "0"], ["--rate"]),
        ]
        for (arguments, mentions) in cases {
            let command = (["kinescope"] + arguments).joined(separator: " ")
            let result = try kinescope(arguments)
            XCTAssertEqual(result.exitCode, 64, "\(command): \(result.stderrText)")
            XCTAssertEqual(result.stdoutText, "", "\(command) printed on stdout")
            let lines = result.stderrLines
            let first = lines.first ?? ""
            XCTAssertTrue(first.hasPrefix("Error: "), "\(command): first stderr line is not the error: \(result.stderrText)")
            for word in mentions {
                XCTAssertTrue(first.contains(word), "\(command): error line does not mention \(word): \(first)")
            }
            // A bad subcommand invocation shows its one-line usage; bare `kinescope` its full help.
            XCTAssertTrue(lines.dropFirst().contains { $0.hasPrefix("Usage: kinescope") || $0.hasPrefix("USAGE: kinescope") },
                          "\(command): no usage on stderr: \(result.stderrText)")
        }
    }

    func testMissingFileIsARuntimeErrorNamingThePath() throws {
        let path = "/nonexistent/kinescope-integration-\(getpid()).ndjson"
        for subcommand in ["tail", "stats"] {
            let result = try kinescope(subcommand, "--file", path)
            XCTAssertEqual(result.exitCode, 1, "\(subcommand): \(result.stderrText)")
            XCTAssertEqual(result.stdoutText, "")
            XCTAssertEqual(result.stderrLines.count, 1, "one line on stderr: \(result.stderrText)")
            XCTAssertTrue(result.stderrText.contains(path), result.stderrText)
            XCTAssertFalse(result.stderrText.contains("Usage:"), "a runtime failure is not a usage error")
        }
    }

    func testTUIRefusesWhenStdoutIsNotATerminal() throws {
        for arguments in [["watch", "--demo"], ["--demo"], ["demo"]] {
            let command = (["kinescope"] + arguments).joined(separator: " ")
            let result = try kinescope(arguments, timeout: 10)
            XCTAssertEqual(result.exitCode, 1, "\(command): \(result.stderrText)")
            XCTAssertEqual(result.stdoutText, "", "\(command) wrote to a non-terminal stdout")
            XCTAssertEqual(result.stderrLines.count, 1, "\(command): \(result.stderrText)")
            XCTAssertTrue(result.stderrText.contains("terminal"), result.stderrText)
            XCTAssertTrue(result.stderrText.contains("tail"), "the message should point to the headless commands: \(result.stderrText)")
        }
    }

    func testHelpExitsZero() throws {
        let top = try kinescope("--help")
        XCTAssertEqual(top.exitCode, 0, top.stderrText)
        for word in ["USAGE", "watch", "demo", "tail", "stats", "--file", "--demo"] {
            XCTAssertTrue(top.stdoutText.contains(word), "kinescope --help does not mention \(word)")
        }
        for subcommand in ["tail", "stats", "watch", "demo"] {
            let help = try kinescope(subcommand, "--help")
            XCTAssertEqual(help.exitCode, 0, "\(subcommand) --help: \(help.stderrText)")
            XCTAssertTrue(help.stdoutText.contains("USAGE: kinescope \(subcommand)"), help.stdoutText)
        }
        let tailHelp = try kinescope("tail", "--help").stdoutText
        for option in ["--file", "--demo", "--seed", "--max-events"] {
            XCTAssertTrue(tailHelp.contains(option), "tail --help does not list \(option)")
        }
        XCTAssertTrue(try kinescope("stats", "--help").stdoutText.contains("--format"))
    }

    // MARK: Helpers

    static let tailKeys = ["shard", "sequence", "partition_key", "arrival", "kind", "event_type", "event_time",
                           "session_id", "client_id", "event"]
    static let kinds: Set<String> = ["pinpoint.app", "pinpoint.email", "pinpoint.sms", "pinpoint.campaign",
                                     "pinpoint.journey", "amplify", "cloudwatch.logs", "json", "text", "binary", "error"]

    private func kinescope(_ arguments: String..., stdin: [UInt8]? = nil) throws -> ProcessResult {
        try kinescope(arguments, stdin: stdin)
    }

    private func kinescope(_ arguments: [String], stdin: [UInt8]? = nil, timeout: Double = 60) throws -> ProcessResult {
        try ProcessRunner.run(try KinescopePackage.binary(), arguments, stdin: stdin, timeout: timeout)
    }

    private func fixture(_ name: String) throws -> String {
        let url = KinescopePackage.fixture(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("fixture \(url.path) is missing")
        }
        return url.path
    }

    /// The seed Pinpoint event as one compact line.
    private func seedEventCompact() throws -> String {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: try fixture("seed-pinpoint-event.json"))))
        return try JSONParser.parse(bytes).compactJSON()
    }

    private func temporaryFile(_ name: String, contents: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kinescope-cli-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url.path
    }

    private func parse(_ text: String, what: String, file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue {
        do {
            return try JSONParser.parse(Array(text.utf8))
        } catch {
            XCTFail("\(what) is not valid JSON (\(error)): \(text.prefix(300))", file: file, line: line)
            throw error
        }
    }

    private func keys(_ value: JSONValue) -> [String] {
        value.object?.members.map(\.key) ?? []
    }


    /// DESIGN §3: the keys in order (`sub_sequence` optional after `sequence`; `error` and `raw`
    /// last, only for errors), with the types the contract gives.
    private func assertTailLineShape(_ value: JSONValue, line text: String,
                                     file: StaticString = #filePath, line: UInt = #line) throws {
        var names = keys(value)
        if names.count > 2, names[2] == "sub_sequence" {
            names.remove(at: 2)
            XCTAssertNotNil(int(value["sub_sequence"]), "sub_sequence is a number: \(text.prefix(300))", file: file, line: line)
        }
        let kind = try XCTUnwrap(value["kind"]?.string, "no kind: \(text.prefix(300))", file: file, line: line)
        XCTAssertTrue(Self.kinds.contains(kind), "unknown kind \(kind)", file: file, line: line)
        let expected = kind == "error" ? Self.tailKeys + ["error", "raw"] : Self.tailKeys
        XCTAssertEqual(names, expected, "keys of \(text.prefix(300))", file: file, line: line)
        for key in ["shard", "sequence", "partition_key", "arrival", "event_type", "event_time", "session_id", "client_id"] {
            switch value[key] {
            case .string?, .null?: break
            default: XCTFail("\(key) must be a string or null: \(text.prefix(300))", file: file, line: line)
            }
        }
        for key in ["arrival", "event_time"] {
            if let time = value[key]?.string {
                XCTAssertNotNil(time.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/), "\(key) is not ISO-8601 UTC with milliseconds: \(time)",
                                file: file, line: line)
            }
        }
        if kind == "text" {
            XCTAssertNotNil(value["event"]?.string, "a text event's event is a string", file: file, line: line)
        }
        if kind == "error" {
            XCTAssertNotNil(value["error"]?.string, file: file, line: line)
            XCTAssertNotNil(value["raw"]?.string.flatMap { Data(base64Encoded: $0) }, "raw is base64", file: file, line: line)
        }
    }

    private func assertSeedEvent(_ event: JSONValue, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(event["kind"]?.string, "pinpoint.app", file: file, line: line)
        XCTAssertEqual(event["event_type"]?.string, "_session.stop", file: file, line: line)
        XCTAssertEqual(event["session_id"]?.string, "f843cda1-d0b2-11e9-ad52-7fe1bc8d928d", file: file, line: line)
        XCTAssertEqual(event["client_id"]?.string, "c3cc0c40-d0ad-11e9-b963-3d4f07405ba8", file: file, line: line)
        XCTAssertEqual(event["event_time"]?.string, "2019-09-06T14:31:12.608Z", file: file, line: line)
        XCTAssertEqual(event["event"]?["event_type"]?.string, "_session.stop", file: file, line: line)
        XCTAssertEqual(event["event"]?["session"]?["session_id"]?.string, "f843cda1-d0b2-11e9-ad52-7fe1bc8d928d",
                       file: file, line: line)
    }
}
