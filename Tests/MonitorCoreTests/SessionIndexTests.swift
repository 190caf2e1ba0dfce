import XCTest
import EventDecoding
@testable import MonitorCore

final class SessionIndexTests: XCTestCase {
    private typealias F = MonitorFixture
    private let t0 = MonitorFixture.start

    private func record(_ index: inout SessionIndex, _ type: String?, session: String? = "s1", client: String? = "c1",
                        time: Double? = nil, at receivedAt: Double? = nil, kind: EventKind = .pinpointApp) {
        let event = F.event(type, kind: kind, session: session, client: client, time: time)
        index.record(event, receivedAt: receivedAt ?? time ?? t0)
    }

    private func state(_ index: SessionIndex, _ id: String = "s1") throws -> SessionState {
        try XCTUnwrap(index.sessions[id]).state
    }

    /// The eviction threshold saturates: `capacity + capacity / 10` overflowed and trapped on a
    /// capacity near `Int.max` (a config file's `sessions = 9223372036854775807`).
    func testAHugeCapacityDoesNotOverflow() {
        var index = SessionIndex(capacity: Int.max)
        XCTAssertEqual(index.evictionThreshold, Int.max)
        record(&index, "_session.start", session: "a", time: t0)
        record(&index, "_session.start", session: "b", time: t0 + 1)
        XCTAssertEqual(index.count, 2)
        XCTAssertEqual(SessionIndex(capacity: 100).evictionThreshold, 116)
        XCTAssertEqual(SessionIndex(capacity: 1_000).evictionThreshold, 1_100)
    }

    // MARK: - State

    func testStateTransitions() throws {
        var index = SessionIndex()
        record(&index, "_session.start", time: t0)
        XCTAssertEqual(try state(index), .active)
        record(&index, "pageView", time: t0 + 1)
        XCTAssertEqual(try state(index), .active)
        record(&index, "_session.pause", time: t0 + 2)
        XCTAssertEqual(try state(index), .paused)
        record(&index, "_session.resume", time: t0 + 3)
        XCTAssertEqual(try state(index), .active)
        record(&index, "_session.pause", time: t0 + 4)
        record(&index, "_session.start", time: t0 + 5)
        XCTAssertEqual(try state(index), .active)
        record(&index, "_session.stop", time: t0 + 6)
        XCTAssertEqual(try state(index), .stopped)
        XCTAssertEqual(index.activeCount, 0)
        let info = try XCTUnwrap(index.sessions["s1"])
        XCTAssertEqual(info.eventCount, 7)
        XCTAssertEqual(info.marks.map(\.kind), [.start, .event, .pause, .resume, .pause, .start, .stop])
        XCTAssertEqual(info.start, t0)
        XCTAssertEqual(info.lastEventTime, t0 + 6)
        XCTAssertEqual(info.duration, 6)
    }

    func testLateEventsAfterStopKeepItStopped() throws {
        var index = SessionIndex()
        record(&index, "_session.start", time: t0, at: t0)
        record(&index, "_session.stop", time: t0 + 30, at: t0 + 31)
        for (i, type) in ["_session.pause", "_session.resume", "_session.start", "pageView"].enumerated() {
            record(&index, type, time: t0 + 10 + Double(i), at: t0 + 40 + Double(i))
            XCTAssertEqual(try state(index), .stopped, type)
        }
        record(&index, nil, kind: .error)
        XCTAssertEqual(try state(index), .stopped)
        XCTAssertEqual(index.sessions["s1"]?.eventCount, 7)
    }

    func testFirstEventDecidesTheStateOfANewSession() throws {
        var index = SessionIndex()
        record(&index, "_session.stop", session: "a", time: t0)
        record(&index, "_session.pause", session: "b", time: t0)
        record(&index, "pageView", session: "c", time: t0)
        XCTAssertEqual(try state(index, "a"), .stopped)
        XCTAssertEqual(try state(index, "b"), .paused)
        XCTAssertEqual(try state(index, "c"), .active)
        XCTAssertEqual(index.activeCount, 2)
        XCTAssertEqual(index.count, 3)
    }

    /// Delivery order is not event order (Amplify flushes late, Kinesis lags): the state must be
    /// the one the latest event *in time* gives, not the last one delivered.
    func testStateFollowsEventTimeNotDeliveryOrder() throws {
        var index = SessionIndex()
        record(&index, "_session.start", session: "a", time: t0, at: t0 + 1)
        record(&index, "_session.resume", session: "a", time: t0 + 20, at: t0 + 21)
        record(&index, "_session.pause", session: "a", time: t0 + 10, at: t0 + 30)   // late
        XCTAssertEqual(try state(index, "a"), .active)

        record(&index, "_session.start", session: "b", time: t0, at: t0 + 1)
        record(&index, "_session.pause", session: "b", time: t0 + 10, at: t0 + 11)
        record(&index, "pageView", session: "b", time: t0 + 5, at: t0 + 40)           // late
        XCTAssertEqual(try state(index, "b"), .paused)
    }

    // MARK: - Timeline

    func testOutOfOrderMarksAreKeptSorted() throws {
        var index = SessionIndex()
        let times = [10.0, 5, 7, 20, 1, 7, 15]
        let types = ["pageView", "_session.start", "search", "_session.stop", "early", "dup", "_session.pause"]
        for (time, type) in zip(times, types) {
            record(&index, type, time: t0 + time, at: t0 + 100)
        }
        let info = try XCTUnwrap(index.sessions["s1"])
        XCTAssertEqual(info.marks.map(\.time), times.sorted().map { t0 + $0 })
        XCTAssertEqual(info.marks.map(\.kind), [.event, .start, .event, .event, .event, .pause, .stop])
        XCTAssertEqual(info.start, t0 + 1)
        XCTAssertEqual(info.lastEventTime, t0 + 20)
        XCTAssertEqual(info.lastActivity, t0 + 100)
    }

    func testMarksAreBoundedKeepingTheLatest() throws {
        var index = SessionIndex()
        for i in (0..<200).reversed() { record(&index, "e", time: t0 + Double(i), at: t0) }
        let marks = try XCTUnwrap(index.sessions["s1"]).marks
        XCTAssertEqual(marks.count, SessionIndex.maxMarks)
        XCTAssertEqual(marks.map(\.time), (104..<200).map { t0 + Double($0) })
        XCTAssertEqual(index.sessions["s1"]?.eventCount, 200)
    }

    func testSessionStartAndMetadata() throws {
        var index = SessionIndex()
        index.record(F.event("pageView", session: "s", client: "c", time: t0 + 50, sessionStart: t0 + 40, platform: "iOS"),
                     receivedAt: t0 + 52)
        index.record(F.event("pageView", session: "s", client: "c", time: t0 + 60, sessionStart: t0 + 30, platform: "Android"),
                     receivedAt: t0 + 62)
        let info = try XCTUnwrap(index.sessions["s"])
        XCTAssertEqual(info.start, t0 + 30)
        XCTAssertEqual(info.clientId, "c")
        XCTAssertEqual(info.platform, "iOS")
        XCTAssertEqual(info.duration, 30)
        XCTAssertEqual(info.lastActivity, t0 + 62)
        // Without an event time the received time stands in.
        index.record(F.event("x", session: "n"), receivedAt: t0 + 70)
        XCTAssertEqual(index.sessions["n"]?.lastEventTime, t0 + 70)
        XCTAssertEqual(index.sessions["n"]?.duration, 0)
    }

    func testEventsWithoutSessionCountOnlyTheirClient() {
        var index = SessionIndex()
        record(&index, "_email.send", session: nil, client: "c1")
        record(&index, "_email.open", session: nil, client: "c2")
        record(&index, "x", session: nil, client: nil)
        XCTAssertEqual(index.count, 0)
        XCTAssertEqual(index.distinctSessions, 0)
        XCTAssertEqual(index.distinctClients, 2)
    }

    func testOrderedIsMostRecentlyActiveFirst() {
        var index = SessionIndex()
        record(&index, "a", session: "x", at: t0 + 1)
        record(&index, "a", session: "y", at: t0 + 3)
        record(&index, "a", session: "z", at: t0 + 2)
        record(&index, "a", session: "w", at: t0 + 3)
        record(&index, "a", session: "x", at: t0 + 4)
        XCTAssertEqual(index.ordered().map(\.id), ["x", "w", "y", "z"])
    }

    /// The pane's partial ordering is exactly a prefix of the full one, ties (same activity
    /// second) broken by id, for every length: none, a few, past the selection limit, past the end.
    func testOrderedPrefixIsAPrefixOfOrdered() {
        var index = SessionIndex(capacity: 2_000)
        var seed: UInt64 = 42
        for i in 0..<1_500 {
            // A fixed linear congruential sequence: many sessions share an activity second.
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let second = Double((seed >> 33) % 200)
            record(&index, "a", session: "s\((seed >> 20) % 1_200)", time: t0 + Double(i), at: t0 + second)
        }
        let full = index.ordered().map(\.id)
        XCTAssertGreaterThan(full.count, SessionIndex.selectionLimit)
        for count in [0, 1, 2, 30, 61, SessionIndex.selectionLimit, SessionIndex.selectionLimit + 1, full.count, full.count + 5] {
            XCTAssertEqual(index.ordered(prefix: count).map(\.id), Array(full.prefix(count)), "prefix \(count)")
        }
        XCTAssertEqual(index.ordered(prefix: -1), [])
        XCTAssertEqual(index.oldestStart, index.ordered().map(\.start).min())
        XCTAssertNil(SessionIndex().oldestStart)
    }

    // MARK: - Capacity

    func testEvictsLeastRecentlyActivePastCapacity() {
        let capacity = 20
        var index = SessionIndex(capacity: capacity)
        let slack = max(16, capacity / 10)
        for i in 0..<100 {
            record(&index, "pageView", session: "s\(i)", client: "c\(i % 40)", time: t0 + Double(i), at: t0 + Double(i))
            // Session 0 stays busy, so it is never the least recently active.
            record(&index, "pageView", session: "s0", client: "c0", time: t0 + Double(i), at: t0 + Double(i))
            XCTAssertLessThanOrEqual(index.count, capacity + slack)
            XCTAssertEqual(index.count + index.evicted, i + 1)
        }
        XCTAssertGreaterThan(index.evicted, 0)
        XCTAssertNotNil(index.sessions["s0"])
        XCTAssertNil(index.sessions["s1"])
        // What is kept is exactly the most recently active.
        let kept = Set(index.sessions.keys)
        let newest = Set(((100 - index.count + 1)..<100).map { "s\($0)" } + ["s0"])
        XCTAssertEqual(kept, newest)
        XCTAssertEqual(index.sessions["s0"]?.eventCount, 101)
    }

    func testDistinctCountsStayExactAfterEviction() {
        var index = SessionIndex(capacity: 5)
        for round in 0..<3 {
            for i in 0..<50 {
                record(&index, "e", session: "s\(i)", client: "c\(i % 30)", at: t0 + Double(round * 100 + i))
            }
        }
        XCTAssertEqual(index.distinctSessions, 50)
        XCTAssertEqual(index.distinctClients, 30)
        XCTAssertLessThan(index.count, 50)
        XCTAssertGreaterThan(index.evicted, 50)
        // A session seen again after eviction starts over in the table but is not counted twice.
        XCTAssertEqual(index.sessions["s49"]?.eventCount, 1)
    }

    func testStateCapacityComesFromConfig() {
        var state = F.state(sessionCapacity: 3)
        let events = (0..<40).map { F.event("e", session: "s\($0)", client: "c") }
        update(&state, .records(events, recordCount: 40, receivedAt: t0))
        XCTAssertEqual(state.sessions.capacity, 3)
        XCTAssertEqual(state.sessions.distinctSessions, 40)
        XCTAssertEqual(state.sessions.distinctClients, 1)
        XCTAssertLessThanOrEqual(state.sessions.count, 3 + 16)
        XCTAssertEqual(state.sessions.count + state.sessions.evicted, 40)
    }
}
