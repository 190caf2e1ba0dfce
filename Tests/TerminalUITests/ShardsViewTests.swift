import EventDecoding
import MonitorCore
import XCTest
@testable import TerminalUI

final class ShardsViewTests: XCTestCase {
    func testRowsShowStateLagCountsAndErrors() {
        var state = MonitorState(config: MonitorConfig(sourceName: "stream web"), now: 0)
        update(&state, .shardProgress(ShardProgress(shardId: "shardId-000000000000", state: .caughtUp, millisBehindLatest: 0, records: 1200)))
        update(&state, .shardProgress(ShardProgress(shardId: "shardId-000000000001", state: .throttled, millisBehindLatest: 2500,
                                                    records: 7, throttles: 3, retries: 1,
                                                    lastError: "ProvisionedThroughputExceededException")))
        // 20 s later shard 0 reads 1,200 more records in 4 seconds: 120 a second over the last 10
        // (the first reports fell out of the window).
        for second in 1...4 {
            update(&state, .tick(20 + Double(second)))
            update(&state, .shardProgress(ShardProgress(shardId: "shardId-000000000000", state: .caughtUp, millisBehindLatest: 0,
                                                        records: 1200 + 300 * second)))
        }
        update(&state, .tick(25))
        update(&state, .key(.character("S")))
        let screen = view(state, width: 130, height: 12)
        let lines = screen.lines
        XCTAssertTrue(lines[1].hasPrefix("┌Shards"), lines[1])
        XCTAssertTrue(lines[1].contains("1 caught up · 1 throttled"), lines[1])
        XCTAssertTrue(lines[2].contains("shard") && lines[2].contains("rec/s") && lines[2].contains("throttles"), lines[2])
        XCTAssertTrue(lines[3].contains("shardId-000000000000   caught up") && lines[3].contains("0ms") && lines[3].contains("2,400    120"), lines[3])
        XCTAssertTrue(lines[4].contains("      7      0"), "shard 1 read nothing since: \(lines[4])")
        XCTAssertTrue(lines[4].contains("shardId-000000000001   throttled") && lines[4].contains("2,500ms"), lines[4])
        XCTAssertTrue(lines[4].contains("ProvisionedThroughputExceededException"), lines[4])
        XCTAssertTrue(lines[11].contains("Esc") && lines[11].contains("back"), lines[11])
    }

    func testWithoutAStreamItSaysSo() {
        var state = MonitorState(config: MonitorConfig(sourceName: "demo (seed 1)"), now: 0)
        update(&state, .key(.character("S")))
        XCTAssertTrue(view(state, width: 80, height: 12).lines[1].contains("no shards"), view(state, width: 80, height: 12).lines[1])
    }
}
