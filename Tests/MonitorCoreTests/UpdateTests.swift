import XCTest
import EventDecoding
@testable import MonitorCore

final class UpdateTests: XCTestCase {
    private typealias F = MonitorFixture

    func testRecordsCountRecordsEventsAndErrorsExactly() {
        var state = F.state()
        XCTAssertEqual(state.totalRecords, 0)
        XCTAssertEqual(state.totalEvents, 0)
        // One Lambda record holding three events, two of them errors.
        update(&state, .records([F.event("a"), F.error(), F.error()], recordCount: 1, receivedAt: F.start + 1))
        update(&state, .records([F.event("b"), F.event("c")], recordCount: 2, receivedAt: F.start + 2))
        // A record that produced nothing still counts as read.
        update(&state, .records([], recordCount: 4, receivedAt: F.start + 3))
        XCTAssertEqual(state.totalRecords, 7)
        XCTAssertEqual(state.totalEvents, 5)
        XCTAssertEqual(state.totalErrors, 2)
        XCTAssertEqual(state.recent.map(\.serial), [1, 2, 3, 4, 5])
        XCTAssertEqual(state.recent.map(\.event.eventType), ["a", nil, nil, "b", "c"])
        XCTAssertEqual(state.recent.map(\.receivedAt), [F.start + 1, F.start + 1, F.start + 1, F.start + 2, F.start + 2])
        XCTAssertEqual(state.now, F.start + 3)
    }

    func testNowOnlyMovesForwardWithRecordsButFollowsTicks() {
        var state = F.state()
        update(&state, .records([F.event("a")], recordCount: 1, receivedAt: F.start + 10))
        XCTAssertEqual(state.now, F.start + 10)
        update(&state, .records([F.event("a")], recordCount: 1, receivedAt: F.start + 5))
        XCTAssertEqual(state.now, F.start + 10)
        update(&state, .tick(F.start + 20))
        XCTAssertEqual(state.now, F.start + 20)
    }

    func testRingKeepsAtMostRetainEvents() {
        var state = F.state(retain: 5)
        for batch in 0..<4 {
            let events = (0..<3).map { F.event("t\(batch)-\($0)") }
            update(&state, .records(events, recordCount: 3, receivedAt: F.start + Double(batch)))
            XCTAssertLessThanOrEqual(state.recent.count, 5)
        }
        XCTAssertEqual(state.totalEvents, 12)
        XCTAssertEqual(state.recent.count, 5)
        XCTAssertEqual(state.recent.map(\.serial), [8, 9, 10, 11, 12])
        XCTAssertEqual(state.recent.first?.event.eventType, "t2-1")
        XCTAssertEqual(state.firstRetainedSerial, 8)
        XCTAssertNil(state.event(serial: 7))
        XCTAssertEqual(state.event(serial: 8)?.event.eventType, "t2-1")
        XCTAssertEqual(state.event(serial: 12)?.event.eventType, "t3-2")
        XCTAssertNil(state.event(serial: 13))
        XCTAssertNil(state.event(serial: 0))
        // Counters count everything, not just what is retained.
        XCTAssertEqual(state.counters.byType.values.reduce(0) { $0 + $1.total }, 12)

        // One batch larger than the ring.
        update(&state, .records((0..<20).map { F.event("big\($0)") }, recordCount: 1, receivedAt: F.start + 9))
        XCTAssertEqual(state.recent.map(\.serial), Array(28...32))
        XCTAssertEqual(state.recent.last?.event.eventType, "big19")
    }

    func testEmptyRingSerials() {
        let state = F.state()
        XCTAssertEqual(state.firstRetainedSerial, 1)
        XCTAssertNil(state.event(serial: 1))
        XCTAssertEqual(state.selectedEventSerial, 0)
        XCTAssertEqual(MonitorConfig(sourceName: "x", retain: 0, sessionCapacity: -3).retain, 1)
        XCTAssertEqual(MonitorConfig(sourceName: "x", retain: 0, sessionCapacity: -3).sessionCapacity, 1)
    }

    func testLatestEventTimeIsTheMaximum() {
        var state = F.state()
        update(&state, .records([F.event("a", time: 500), F.event("b", time: 300), F.event("c")], recordCount: 3, receivedAt: F.start))
        XCTAssertEqual(state.latestEventTime, 500)
    }

    func testRatesFollowReceivedTime() {
        var state = F.state()
        for second in 0..<10 {
            F.feed(&state, count: 4, at: F.start + Double(second) + 0.5)
        }
        XCTAssertEqual(state.rate.rate(at: F.start + 10), 4, accuracy: 1e-9)
        XCTAssertTrue(state.rate.isQuiet(at: F.start + 70))
    }

    func testStatusAndResize() {
        var state = F.state()
        XCTAssertEqual(state.status, .starting)
        update(&state, .sourceStatus(.running))
        XCTAssertEqual(state.status, .running)
        update(&state, .sourceStatus(.failed("throttled")))
        XCTAssertEqual(state.status, .failed("throttled"))
        update(&state, .resize(width: 120, height: 40))
        XCTAssertEqual(state.ui.width, 120)
        XCTAssertEqual(state.ui.height, 40)
    }
}
