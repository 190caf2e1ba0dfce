import XCTest
import EventDecoding
@testable import MonitorCore

final class StatsSummaryTests: XCTestCase {
    private typealias F = MonitorFixture

    private func sampleState() -> MonitorState {
        var state = F.state()
        update(&state, .records([
            F.event("_session.start", session: "s1", client: "c1", shard: "shardId-000000000001"),
            F.event("pageView", session: "s1", client: "c1", shard: "shardId-000000000001"),
            F.event("pageView", session: "s2", client: "c2", shard: "shardId-000000000000"),
        ], recordCount: 3, receivedAt: F.start, recordsByShard: ["shardId-000000000001": 2, "shardId-000000000000": 1]))
        update(&state, .records([
            F.event("_email.send", kind: .pinpointEmail, client: "c3", shard: "shardId-000000000001"),
            F.event(nil, kind: .json),
            F.error(shard: "shardId-000000000000"),
        ], recordCount: 2, receivedAt: F.start + 1, recordsByShard: ["shardId-000000000001": 1]))
        return state
    }

    func testJSONShapeAndOrder() throws {
        let summary = StatsSummary(sampleState())
        XCTAssertEqual(summary.json(),
                       #"{"records":5,"events":6,"errors":1,"sessions":2,"clients":3,"#
                       + #""by_type":{"(error)":1,"(json)":1,"_email.send":1,"_session.start":1,"pageView":2},"#
                       + #""by_kind":{"error":1,"json":1,"pinpoint.app":3,"pinpoint.email":1},"#
                       + #""by_shard":{"shardId-000000000000":1,"shardId-000000000001":3}}"#)
        let object = try XCTUnwrap(try JSONParser.parse(Array(summary.json().utf8)).object)
        XCTAssertEqual(object.members.map(\.key),
                       ["records", "events", "errors", "sessions", "clients", "by_type", "by_kind", "by_shard"])
    }

    func testEmptyJSON() {
        XCTAssertEqual(StatsSummary(F.state()).json(),
                       #"{"records":0,"events":0,"errors":0,"sessions":0,"clients":0,"by_type":{},"by_kind":{},"by_shard":{}}"#)
    }

    func testSummaryTotalsMatchTheState() {
        let state = sampleState()
        let summary = StatsSummary(state)
        XCTAssertEqual(summary.records, state.totalRecords)
        XCTAssertEqual(summary.events, summary.byType.values.reduce(0, +))
        XCTAssertEqual(summary.events, summary.byKind.values.reduce(0, +))
        XCTAssertEqual(summary.byShard.values.reduce(0, +), 4, "by_shard counts the records that came with a shard")
    }

    func testJSONEscapesHostileNames() throws {
        var state = F.state()
        let hostile = "evil\"\\\u{1B}[2J\n"
        update(&state, .records([F.event(hostile, shard: hostile)], recordCount: 1, receivedAt: F.start,
                                recordsByShard: [hostile: 1]))
        let json = StatsSummary(state).json()
        XCTAssertFalse(json.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, json)
        let value = try JSONParser.parse(Array(json.utf8))
        XCTAssertEqual(value["by_type"]?[hostile], .number("1"))
        XCTAssertEqual(value["by_shard"]?[hostile], .number("1"))
    }

    func testText() {
        XCTAssertEqual(StatsSummary(sampleState()).text(), """
            records  5
            events   6
            errors   1
            sessions 2
            clients  3

            by type
              2  pageView
              1  (error)
              1  (json)
              1  _email.send
              1  _session.start

            by kind
              3  pinpoint.app
              1  error
              1  json
              1  pinpoint.email

            by shard
              3  shardId-000000000001
              1  shardId-000000000000
            """)
    }

    func testTextOfAnEmptyRunHasNoSections() {
        XCTAssertEqual(StatsSummary(F.state()).text(), "records  0\nevents   0\nerrors   0\nsessions 0\nclients  0")
    }

    func testTextSanitizesNames() {
        var state = F.state()
        let events = (0..<12).map { _ in F.event("\u{1B}[2Jpwn\u{9B}\u{202E}", shard: "shard\u{07}") } + [F.event("ok")]
        update(&state, .records(events, recordCount: 13, receivedAt: F.start, recordsByShard: ["shard\u{07}": 12]))
        let text = StatsSummary(state).text()
        XCTAssertFalse(text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F..<0xA0).contains($0.value) || $0.value == 0x202E },
                       text)
        XCTAssertTrue(text.contains("  12  ␛[2Jpwn\\u009b\\u202e"), text)
        XCTAssertTrue(text.contains("   1  ok"), text)
        XCTAssertTrue(text.contains("  12  shard␇"), text)
    }
}
