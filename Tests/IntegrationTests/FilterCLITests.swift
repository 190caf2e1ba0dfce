import EventDecoding
import Foundation
import XCTest

/// `--filter` on the headless front ends, checked against counts computed here from unfiltered
/// `tail` output.
final class FilterCLITests: XCTestCase {
    private func kinescope(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run(try KinescopePackage.binary(), arguments, timeout: 60)
    }

    func testStatsFilterMatchesIndependentCounts() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("filter-\(UUID().uuidString).ndjson")
        defer { try? FileManager.default.removeItem(at: file) }
        let tail = try kinescope(["tail", "--demo", "--seed", "21", "--max-events", "3000", "--raw"])
        let lines: [String]
        if tail.exitCode == 0 {
            lines = ProcessResult.lines(tail.stdoutText)
        } else {
            // Without --raw, feed the decoded events themselves as NDJSON.
            let plain = try kinescope(["tail", "--demo", "--seed", "21", "--max-events", "3000"])
            XCTAssertEqual(plain.exitCode, 0, plain.stderrText)
            lines = try ProcessResult.lines(plain.stdoutText).map { line in
                let value = try JSONParser.parse(Array(line.utf8))
                return JSONWriter.compact(value["event"]!)
            }
        }
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let all = try kinescope(["tail", "--file", file.path])
        XCTAssertEqual(all.exitCode, 0, all.stderrText)
        let events = try ProcessResult.lines(all.stdoutText).map { try JSONParser.parse(Array($0.utf8)) }
        XCTAssertEqual(events.count, 3000)

        func expected(_ predicate: (JSONValue) -> Bool) -> Int { events.filter(predicate).count }
        let cases: [(String, Int)] = [
            ("type:_session.*", expected { $0["event_type"]?.string?.hasPrefix("_session.") == true }),
            ("kind:email or kind:sms", expected { ["pinpoint.email", "pinpoint.sms"].contains($0["kind"]?.string ?? "") }),
            ("platform:ios !type:_session.*", expected {
                $0["event"]?["device"]?["platform"]?["name"]?.string?.lowercased().hasPrefix("ios") == true
                    && $0["event_type"]?.string?.hasPrefix("_session.") != true
            }),
            ("metric._quantity>=2", expected { ($0["event"]?["metrics"]?["_quantity"]?.double ?? 0) >= 2 }),
        ]
        for (filter, count) in cases {
            XCTAssertGreaterThan(count, 0, "the demo should hold some events for \(filter)")
            let stats = try kinescope(["stats", "--file", file.path, "--filter", filter, "--format", "json"])
            XCTAssertEqual(stats.exitCode, 0, stats.stderrText)
            let summary = try JSONParser.parse(Array(stats.stdoutText.utf8))
            XCTAssertEqual(summary["events"]?.double.map(Int.init), count, filter)
            XCTAssertEqual(summary["records"]?.double.map(Int.init), 3000, "every record is still read: \(filter)")
            let tailed = try kinescope(["tail", "--file", file.path, "--filter", filter])
            XCTAssertEqual(ProcessResult.lines(tailed.stdoutText).count, count, filter)
        }
    }

    func testAnInvalidFilterIsAUsageError() throws {
        let result = try kinescope(["stats", "--demo", "--filter", "type:x or", "--max-events", "5"])
        XCTAssertEqual(result.exitCode, 64)
        XCTAssertTrue(result.stderrText.contains("--filter: at 9: expected a term after 'or'"), result.stderrText)
    }
}
