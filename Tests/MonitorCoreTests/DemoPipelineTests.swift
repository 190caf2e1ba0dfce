import XCTest
import EventDecoding
import EventSources
@testable import MonitorCore

/// Demo traffic through the decoder and `update`, in process, checked against counts taken from
/// the raw JSON without the classifiers.
final class DemoPipelineTests: XCTestCase {
    func testFiveThousandDemoEventsAreCountedExactly() throws {
        var demo = DemoTraffic(seed: 7, startTime: 1_767_225_600, rate: 40)
        let decoder = EventDecoder()
        var state = MonitorState(config: MonitorConfig(sourceName: "demo (seed 7)", retain: 1_000), now: 1_767_225_600)

        var typeCounts: [String: Int] = [:]
        var kindCounts: [String: Int] = [:]
        var shardCounts: [String: Int] = [:]
        var sessionIds = Set<String>()
        var clientIds = Set<String>()
        var lastTime = 0.0

        var batch: [Event] = []
        var batchRecords = 0
        var batchShards: [String: Int] = [:]
        for index in 0..<5_000 {
            let emission = demo.next()
            let object = try JSONParser.parse(emission.record.data)
            let type = try XCTUnwrap(object["event_type"]?.string)
            typeCounts[type, default: 0] += 1
            kindCounts[Self.expectedKind(type), default: 0] += 1
            shardCounts[try XCTUnwrap(emission.record.shard), default: 0] += 1
            if let session = object.value(atPath: "session.session_id")?.string { sessionIds.insert(session) }
            if let client = object.value(atPath: "client.client_id")?.string { clientIds.insert(client) }

            batch += decoder.decode(emission.record)
            batchRecords += 1
            batchShards[emission.record.shard!, default: 0] += 1
            lastTime = emission.time
            // Sources deliver batches, as GetRecords does.
            if batchRecords == 37 || index == 4_999 {
                update(&state, .records(batch, recordCount: batchRecords, receivedAt: emission.time,
                                        recordsByShard: batchShards))
                batch = []
                batchRecords = 0
                batchShards = [:]
            }
        }

        let stats = StatsSummary(state)
        XCTAssertEqual(stats.records, 5_000)
        XCTAssertEqual(stats.events, 5_000)
        XCTAssertEqual(stats.errors, 0)
        XCTAssertEqual(stats.byType, typeCounts)
        XCTAssertEqual(stats.byKind, kindCounts)
        XCTAssertEqual(stats.byShard, shardCounts)
        XCTAssertEqual(stats.sessions, sessionIds.count)
        XCTAssertEqual(stats.clients, clientIds.count)

        // The traffic is varied enough for these checks to mean something.
        XCTAssertGreaterThan(sessionIds.count, 100)
        XCTAssertGreaterThan(clientIds.count, sessionIds.count / 4)
        XCTAssertGreaterThanOrEqual(typeCounts.count, 10)
        XCTAssertEqual(shardCounts.count, 4)
        XCTAssertNotNil(typeCounts["_session.start"])
        XCTAssertGreaterThan(kindCounts["pinpoint.email", default: 0], 0)
        XCTAssertGreaterThan(kindCounts["pinpoint.sms", default: 0], 0)

        XCTAssertEqual(state.recent.count, 1_000)
        XCTAssertEqual(state.recent.last?.serial, 5_000)
        XCTAssertEqual(state.now, lastTime)
        XCTAssertLessThanOrEqual(state.sessions.count, sessionIds.count)
        XCTAssertFalse(state.rate.isQuiet(at: lastTime))
        XCTAssertTrue(state.rate.isQuiet(at: lastTime + 61))

        // The JSON report says the same.
        let json = try JSONParser.parse(Array(stats.json().utf8))
        XCTAssertEqual(json["events"], .number("5000"))
        XCTAssertEqual(json["sessions"], .number(String(sessionIds.count)))
        XCTAssertEqual(json["by_type"]?.object?.count, typeCounts.count)
    }

    private static func expectedKind(_ type: String) -> String {
        if type.hasPrefix("_email.") { return "pinpoint.email" }
        if type.hasPrefix("_SMS.") { return "pinpoint.sms" }
        if type.hasPrefix("_campaign.") { return "pinpoint.campaign" }
        if type.hasPrefix("_journey.") { return "pinpoint.journey" }
        return "pinpoint.app"
    }
}
