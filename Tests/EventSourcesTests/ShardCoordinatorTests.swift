import KinesisClient
import XCTest
@testable import EventSources

final class ShardCoordinatorTests: XCTestCase {
    private func ids(_ ready: [(Shard, ShardIteratorPosition)]) -> [String] { ready.map(\.0.shardId) }

    func testOpenShardsStartAtTheRequestedPosition() {
        var coordinator = ShardCoordinator(start: .trimHorizon, filter: nil)
        coordinator.update([Shard(shardId: "s0"), Shard(shardId: "s1")])
        let ready = coordinator.takeReady()
        XCTAssertEqual(ids(ready), ["s0", "s1"])
        XCTAssertEqual(ready.map(\.1), [.trimHorizon, .trimHorizon])
        XCTAssertTrue(coordinator.takeReady().isEmpty, "running shards are not handed out twice")
    }

    func testChildWaitsForItsParentThenStartsAtTrimHorizon() {
        var coordinator = ShardCoordinator(start: .atTimestamp(100), filter: nil)
        coordinator.update([Shard(shardId: "p", endingSequenceNumber: "9"),
                            Shard(shardId: "c1", parentShardId: "p"), Shard(shardId: "c2", parentShardId: "p")])
        XCTAssertEqual(ids(coordinator.takeReady()), ["p"])
        XCTAssertTrue(coordinator.hasWork)
        coordinator.mark("p", .finished)
        let children = coordinator.takeReady()
        XCTAssertEqual(ids(children), ["c1", "c2"])
        XCTAssertEqual(children.map(\.1), [.trimHorizon, .trimHorizon], "the parent was read to its end, so the children are read whole")
    }

    func testMergedChildWaitsForBothParents() {
        var coordinator = ShardCoordinator(start: .trimHorizon, filter: nil)
        coordinator.update([Shard(shardId: "a", endingSequenceNumber: "5"), Shard(shardId: "b", endingSequenceNumber: "7"),
                            Shard(shardId: "m", parentShardId: "a", adjacentParentShardId: "b")])
        XCTAssertEqual(ids(coordinator.takeReady()), ["a", "b"])
        coordinator.mark("a", .finished)
        XCTAssertTrue(coordinator.takeReady().isEmpty, "b is still being read")
        coordinator.mark("b", .finished)
        XCTAssertEqual(ids(coordinator.takeReady()), ["m"])
    }

    func testLatestSkipsClosedShardsAndStartsTheirChildrenAtLatest() {
        var coordinator = ShardCoordinator(start: .latest, filter: nil)
        coordinator.update([Shard(shardId: "p", endingSequenceNumber: "9"), Shard(shardId: "c", parentShardId: "p")])
        let ready = coordinator.takeReady()
        XCTAssertEqual(ids(ready), ["c"])
        XCTAssertEqual(ready.map(\.1), [.latest])
        XCTAssertEqual(coordinator.states["p"], .skipped)
    }

    func testParentsGoneFromTheListingDoNotBlockChildren() {
        var coordinator = ShardCoordinator(start: .trimHorizon, filter: nil)
        coordinator.update([Shard(shardId: "c", parentShardId: "expired")])
        let ready = coordinator.takeReady()
        XCTAssertEqual(ids(ready), ["c"])
        XCTAssertEqual(ready.map(\.1), [.trimHorizon])
    }

    func testChildrenNamedByGetRecordsAreFollowedBeforeTheNextListing() {
        var coordinator = ShardCoordinator(start: .latest, filter: nil)
        coordinator.update([Shard(shardId: "p")])
        XCTAssertEqual(ids(coordinator.takeReady()), ["p"])
        coordinator.mark("p", .finished)
        coordinator.noteChildren(["c1", "c2"], of: "p")
        let ready = coordinator.takeReady()
        XCTAssertEqual(ids(ready), ["c1", "c2"])
        XCTAssertEqual(ready.map(\.1), [.trimHorizon, .trimHorizon])
    }

    func testShardFilterKeepsChosenShardsAndTheirDescendants() {
        var coordinator = ShardCoordinator(start: .trimHorizon, filter: ["s1"])
        coordinator.update([Shard(shardId: "s0"), Shard(shardId: "s1", endingSequenceNumber: "3"),
                            Shard(shardId: "s1-child", parentShardId: "s1")])
        XCTAssertEqual(ids(coordinator.takeReady()), ["s1"])
        XCTAssertEqual(coordinator.states["s0"], .skipped)
        coordinator.mark("s1", .finished)
        XCTAssertEqual(ids(coordinator.takeReady()), ["s1-child"])
        coordinator.mark("s1-child", .caughtUp)
        XCTAssertFalse(coordinator.hasWork)
    }

    func testKnownShardsKeepTheirStateWhenListedAgain() {
        var coordinator = ShardCoordinator(start: .trimHorizon, filter: nil)
        coordinator.update([Shard(shardId: "s0")])
        _ = coordinator.takeReady()
        coordinator.update([Shard(shardId: "s0"), Shard(shardId: "s1")])
        XCTAssertEqual(coordinator.states["s0"], .running)
        XCTAssertEqual(ids(coordinator.takeReady()), ["s1"])
    }
}
