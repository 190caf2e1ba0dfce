import XCTest
import EventDecoding
@testable import MonitorCore

final class TypeCountersTests: XCTestCase {
    private typealias F = MonitorFixture
    private let t0 = MonitorFixture.start

    func testTotalsByTypeKindAndShard() throws {
        var counters = TypeCounters()
        let events = [
            F.event("_session.start", shard: "shardId-000000000000"),
            F.event("_session.start", shard: "shardId-000000000001"),
            F.event("_email.send", kind: .pinpointEmail, shard: "shardId-000000000001"),
            F.event(nil, kind: .json),
            F.event(nil, kind: .text),
            F.event("ignored", kind: .error),
            F.error(shard: "shardId-000000000000"),
        ]
        for (i, event) in events.enumerated() { counters.record(event, receivedAt: t0 + Double(i)) }
        XCTAssertEqual(counters.byType.mapValues(\.total),
                       ["_session.start": 2, "_email.send": 1, "(json)": 1, "(text)": 1, "(error)": 2])
        XCTAssertEqual(counters.byKind, [.pinpointApp: 2, .pinpointEmail: 1, .json: 1, .text: 1, .error: 2])
        XCTAssertEqual(counters.byShard, [:], "by_shard counts records, which events do not stand for")
        counters.countRecords(byShard: ["shardId-000000000000": 1, "shardId-000000000001": 2])
        counters.countRecords(byShard: ["shardId-000000000001": 1])
        XCTAssertEqual(counters.byShard, ["shardId-000000000000": 1, "shardId-000000000001": 3])
        let start = try XCTUnwrap(counters.byType["_session.start"])
        XCTAssertEqual(start.family, .session)
        XCTAssertEqual(start.lastSeen, t0 + 1)
        XCTAssertEqual(counters.byType["_email.send"]?.family, .email)
        XCTAssertEqual(counters.byType["(error)"]?.family, .error)
    }

    func testTotalsStayExactForManyEvents() {
        var counters = TypeCounters()
        var expected: [String: Int] = [:]
        for i in 0..<10_000 {
            let type = "type\(i % 7 == 0 ? 0 : i % 13)"
            expected[type, default: 0] += 1
            counters.record(F.event(type), receivedAt: t0 + Double(i) / 100)
        }
        XCTAssertEqual(counters.byType.mapValues(\.total), expected)
    }

    private func sample() -> TypeCounters {
        var counters = TypeCounters()
        // "many": lots of events, long ago. "burst": a few, just now. "mid" and "also": ties on count.
        for _ in 0..<10 { counters.record(F.event("many"), receivedAt: t0) }
        for i in 0..<3 { counters.record(F.event("burst"), receivedAt: t0 + 195 + Double(i)) }
        for _ in 0..<5 { counters.record(F.event("mid"), receivedAt: t0 + 150) }
        for _ in 0..<5 { counters.record(F.event("also"), receivedAt: t0 + 120) }
        return counters
    }

    func testSortByCountThenName() {
        XCTAssertEqual(sample().sorted(by: .count, at: t0 + 200).map(\.type), ["many", "also", "mid", "burst"])
    }

    func testSortByName() {
        XCTAssertEqual(sample().sorted(by: .name, at: t0 + 200).map(\.type), ["also", "burst", "many", "mid"])
    }

    func testSortByRecent() {
        XCTAssertEqual(sample().sorted(by: .recent, at: t0 + 200).map(\.type), ["burst", "mid", "also", "many"])
    }

    func testSortByRateThenCount() {
        let counters = sample()
        // Only "burst" has events in the last ten complete seconds; the rest tie at 0 and fall back to count.
        XCTAssertEqual(counters.sorted(by: .rate, at: t0 + 200).map(\.type), ["burst", "many", "also", "mid"])
        XCTAssertEqual(try XCTUnwrap(counters.byType["burst"]).window.rate(at: t0 + 200), 0.3, accuracy: 1e-9)
    }

    func testSortCycle() {
        XCTAssertEqual(TypeSort.count.next, .rate)
        XCTAssertEqual(TypeSort.rate.next, .name)
        XCTAssertEqual(TypeSort.name.next, .recent)
        XCTAssertEqual(TypeSort.recent.next, .count)
    }

    func testSKeyCyclesTheSort() {
        var state = F.state()
        var seen: [TypeSort] = [state.ui.typeSort]
        for _ in 0..<4 {
            F.press(&state, .character("s"))
            seen.append(state.ui.typeSort)
        }
        XCTAssertEqual(seen, [.count, .rate, .name, .recent, .count])
        F.press(&state, .character("S"))
        XCTAssertEqual(state.ui.typeSort, .count)
    }
}
