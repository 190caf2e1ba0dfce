import XCTest
import EventDecoding
@testable import MonitorCore

/// The ring of recent events is bounded in bytes as well as in number: a stream of large records
/// must not keep `retain` of them.
final class RetentionTests: XCTestCase {
    private typealias F = MonitorFixture
    private static let mebibyte = 1 << 20

    private func big(_ bytes: Int, type: String = "big") -> Event {
        var event = F.event(type)
        event.payload = .string(String(repeating: "x", count: bytes))
        return event
    }

    private func state(retain: Int = 10_000, retainBytes: Int) -> MonitorState {
        MonitorState(config: MonitorConfig(sourceName: "test", retain: retain, retainBytes: retainBytes), now: F.start)
    }

    private func assertConsistent(_ state: MonitorState, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(state.retainedBytes, state.recent.reduce(0) { $0 + $1.event.approximateBytes }, file: file, line: line)
        XCTAssertEqual(state.recent.last?.serial, state.totalEvents, "the newest event is kept", file: file, line: line)
        XCTAssertEqual(state.recent.map(\.serial), Array(state.firstRetainedSerial...state.totalEvents), file: file, line: line)
    }

    func testLargeEventsAreRetainedUpToTheByteBudget() {
        var state = state(retainBytes: 10 * Self.mebibyte)
        for batch in 0..<30 {
            let events = (0..<7).map { _ in big(Self.mebibyte) }
            update(&state, .records(events, recordCount: 7, receivedAt: F.start + Double(batch)))
            XCTAssertLessThanOrEqual(state.retainedBytes, 10 * Self.mebibyte)
            assertConsistent(state)
        }
        XCTAssertEqual(state.totalEvents, 210)
        // Each event is a little over 1 MiB, so 9 fit in 10 MiB.
        XCTAssertEqual(state.recent.count, 9)
    }

    func testOneBatchLargerThanTheBudgetKeepsItsNewestEvents() {
        var state = state(retainBytes: 10 * Self.mebibyte)
        F.feed(&state, count: 5)
        let events = (0..<50).map { index in big(Self.mebibyte, type: "big\(index)") }
        update(&state, .records(events, recordCount: 50, receivedAt: F.start))
        XCTAssertEqual(state.recent.count, 9)
        XCTAssertEqual(state.recent.first?.event.eventType, "big41")
        XCTAssertEqual(state.recent.last?.event.eventType, "big49")
        assertConsistent(state)
    }

    func testTheNewestEventIsKeptWhateverItsSize() {
        var state = state(retainBytes: 64 << 10)
        F.feed(&state, count: 20)
        XCTAssertEqual(state.recent.count, 20)
        update(&state, .records([big(3 * Self.mebibyte)], recordCount: 1, receivedAt: F.start))
        XCTAssertEqual(state.recent.count, 1, "the small ones before it made room")
        XCTAssertGreaterThan(state.retainedBytes, 3 * Self.mebibyte)
        assertConsistent(state)
        F.feed(&state, count: 3)
        XCTAssertEqual(state.recent.count, 3, "and it goes as soon as anything newer comes")
        XCTAssertLessThan(state.retainedBytes, 64 << 10)
        assertConsistent(state)
    }

    func testSmallEventsAreStillBoundedByCount() {
        var state = state(retain: 100, retainBytes: MonitorConfig.defaultRetainBytes)
        for _ in 0..<7 { F.feed(&state, count: 60) }
        XCTAssertEqual(state.recent.count, 100)
        XCTAssertEqual(state.totalEvents, 420)
        assertConsistent(state)
    }

    func testCountersStillSeeEveryEventAndTheFilterFollowsTheRing() {
        var state = state(retainBytes: 4 * Self.mebibyte)
        state.setFilter(try! EventFilter.parse("type:big"))
        for batch in 0..<10 {
            update(&state, .records([big(Self.mebibyte), F.event("small")], recordCount: 2, receivedAt: F.start + Double(batch)))
        }
        XCTAssertEqual(state.totalEvents, 20)
        XCTAssertEqual(state.matchedEvents, 10)
        XCTAssertEqual(state.counters.byType["big"]?.total, 10)
        let visible = (0..<state.visibleCount).compactMap { state.visibleSerial(at: $0) }
        XCTAssertFalse(visible.isEmpty)
        XCTAssertTrue(visible.allSatisfy { $0 >= state.firstRetainedSerial }, "only retained events are listed")
        assertConsistent(state)
    }

    func testFootprintFollowsThePayload() {
        let small = F.event("pageView").approximateBytes
        let large = big(Self.mebibyte).approximateBytes
        XCTAssertGreaterThan(large - small, Self.mebibyte)
        XCTAssertLessThan(large - small, Self.mebibyte + 4096)
        // The decoder's fast path keeps the record's bytes as the payload.
        let padding = String(repeating: "p", count: 200_000)
        let json = #"{"event_type":"pageView","event_timestamp":1767225600000,"arrival_timestamp":1767225600000,"#
            + #""session":{"session_id":"s1","start_timestamp":1767225600000},"client":{"client_id":"c1"},"#
            + #""attributes":{"pad":"\#(padding)"}}"#
        let events = EventDecoder().decode(RawRecord(data: Array(json.utf8)))
        XCTAssertEqual(events.count, 1)
        XCTAssertGreaterThan(events[0].approximateBytes, 200_000)
        XCTAssertLessThan(events[0].approximateBytes, 2 * json.utf8.count + 4096)
    }
}
