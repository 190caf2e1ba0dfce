import EventDecoding
import XCTest
@testable import MonitorCore

final class ShardStateTests: XCTestCase {
    private func state(_ shards: [ShardProgress]) -> MonitorState {
        var state = MonitorState(config: MonitorConfig(sourceName: "stream web"), now: 0)
        for shard in shards { update(&state, .shardProgress(shard)) }
        return state
    }

    func testLatestProgressPerShardIsKept() {
        var s = state([ShardProgress(shardId: "a", state: .polling), ShardProgress(shardId: "a", state: .caughtUp, records: 5)])
        XCTAssertEqual(s.shards.count, 1)
        XCTAssertEqual(s.shards["a"]?.records, 5)
        update(&s, .shardProgress(ShardProgress(shardId: "b", state: .throttled, throttles: 2)))
        XCTAssertEqual(s.shards["b"]?.throttles, 2)
    }

    func testRecordsPerSecondFollowTheGrowthOfEachShardsCountAndDecay() {
        var s = MonitorState(config: MonitorConfig(sourceName: "stream web"), now: 100)
        // 10 seconds of reports: shard a reads 30 records a second, shard b 5 in one second only.
        for second in 0..<10 {
            update(&s, .tick(100 + Double(second) + 0.5))
            update(&s, .shardProgress(ShardProgress(shardId: "a", state: .polling, records: 30 * (second + 1))))
        }
        update(&s, .shardProgress(ShardProgress(shardId: "b", state: .polling, records: 5)))
        // A retry report that repeats the count adds nothing; a late one with an older, smaller
        // count neither lowers the count nor makes the records after it count twice.
        update(&s, .shardProgress(ShardProgress(shardId: "a", state: .throttled, records: 300, throttles: 1)))
        update(&s, .shardProgress(ShardProgress(shardId: "a", state: .throttled, records: 240, throttles: 2)))
        XCTAssertEqual(s.shards["a"]?.records, 300)
        XCTAssertEqual(s.shards["a"]?.throttles, 2, "the rest of the late report is taken")
        update(&s, .shardProgress(ShardProgress(shardId: "a", state: .polling, records: 300)))
        update(&s, .tick(110.2))
        XCTAssertEqual(s.shardRecordRate("a"), 30, accuracy: 1e-9)
        XCTAssertEqual(s.shardRecordRate("b"), 0.5, accuracy: 1e-9)
        XCTAssertEqual(s.shardRecordRate("unknown"), 0)
        XCTAssertFalse(s.ratesAreQuiet(at: 110.2))
        update(&s, .tick(125))
        XCTAssertEqual(s.shardRecordRate("a"), 0)
        XCTAssertTrue(s.ratesAreQuiet(at: 125), "with nothing read for 11 s no rate moves any more")
    }

    func testSummaryNamesTheStates() {
        XCTAssertNil(state([]).shardSummary)
        XCTAssertEqual(state([ShardProgress(shardId: "a", state: .caughtUp), ShardProgress(shardId: "b", state: .caughtUp)]).shardSummary,
                       "2 shards caught up")
        XCTAssertEqual(state([ShardProgress(shardId: "a", state: .caughtUp), ShardProgress(shardId: "b", state: .throttled),
                              ShardProgress(shardId: "c", state: .caughtUp)]).shardSummary,
                       "2 caught up · 1 throttled")
        XCTAssertEqual(state([ShardProgress(shardId: "a", state: .behind, millisBehindLatest: 1500),
                              ShardProgress(shardId: "b", state: .behind, millisBehindLatest: 300)]).shardSummary,
                       "2 shards behind 1.5s", "the worst lag is the one that matters")
        XCTAssertEqual(state([ShardProgress(shardId: "a", state: .failed, lastError: "AccessDeniedException: no")]).shardSummary,
                       "1 shard failed")
    }

    func testShiftSTogglesTheShardsView() {
        var s = state([])
        update(&s, .key(.character("S")))
        XCTAssertEqual(s.ui.overlay, .shards)
        update(&s, .key(.character("S")))
        XCTAssertNil(s.ui.overlay)
        update(&s, .key(.character("S")))
        update(&s, .key(.escape))
        XCTAssertNil(s.ui.overlay)
    }
}
