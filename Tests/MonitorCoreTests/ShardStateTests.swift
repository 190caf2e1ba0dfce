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
