import XCTest
import EventDecoding
@testable import MonitorCore

final class LatencyStatsTests: XCTestCase {
    private let t0 = 1_767_225_600.0

    /// An event sent at `t0 + sent`, ingested by Pinpoint at `+ingest`, arriving in Kinesis at
    /// `+arrival` and received by Kinescope at `+received` (nil: the event lacks that stamp).
    private func stored(sent: Double?, ingest: Double?, arrival: Double?, received: Double, serial: Int = 1) -> StoredEvent {
        var event = Event(kind: .pinpointApp, eventType: "pageView", eventTime: sent.map { t0 + $0 },
                          summary: "", record: RecordMetadata(arrival: arrival.map { t0 + $0 }))
        event.ingestTime = ingest.map { t0 + $0 }
        return StoredEvent(serial: serial, receivedAt: t0 + received, event: event)
    }

    func testHopsAreTheDifferencesBetweenTheStamps() {
        let s = stored(sent: 0, ingest: 2, arrival: 2.5, received: 3)
        XCTAssertEqual(LatencyHop.clientToPinpoint.seconds(s), 2)
        XCTAssertEqual(LatencyHop.pinpointToKinesis.seconds(s), 0.5)
        XCTAssertEqual(LatencyHop.kinesisToKinescope.seconds(s), 0.5)
        XCTAssertEqual(LatencyHop.endToEnd.seconds(s), 3)
        let file = stored(sent: 0, ingest: 2, arrival: nil, received: 10)
        XCTAssertNil(LatencyHop.pinpointToKinesis.seconds(file))
        XCTAssertNil(LatencyHop.kinesisToKinescope.seconds(file))
        XCTAssertEqual(LatencyHop.endToEnd.seconds(file), 10, "the total needs only the two ends")
    }

    func testNearestRankPercentiles() {
        XCTAssertNil(LatencyStats.percentile([], perMille: 500))
        XCTAssertEqual(LatencyStats.percentile([1, 2, 3, 4], perMille: 500), 2)
        XCTAssertEqual(LatencyStats.percentile([7], perMille: 990), 7)
        let ten = (1...10).map(Double.init)
        XCTAssertEqual(LatencyStats.percentile(ten, perMille: 900), 9, "rank ⌈0.9 × 10⌉ = 9, not 10 by rounding")
        XCTAssertEqual(LatencyStats.percentile(ten, perMille: 990), 10)
        let hundred = (1...100).map(Double.init)
        XCTAssertEqual(LatencyStats.percentile(hundred, perMille: 500), 50)
        XCTAssertEqual(LatencyStats.percentile(hundred, perMille: 900), 90)
        XCTAssertEqual(LatencyStats.percentile(hundred, perMille: 990), 99)
    }

    func testExactFiguresWithMissingAndNegativeHops() {
        // Client → Pinpoint: 1, 2, 3, 4, -1 (a client clock ahead), and one event without an
        // ingest time (not Pinpoint) and one from a file (no Kinesis arrival).
        let events = [
            stored(sent: 0, ingest: 1, arrival: 1.5, received: 2, serial: 1),
            stored(sent: 0, ingest: 2, arrival: 2.5, received: 3, serial: 2),
            stored(sent: 0, ingest: 3, arrival: 3.5, received: 4, serial: 3),
            stored(sent: 0, ingest: 4, arrival: 4.5, received: 5, serial: 4),
            stored(sent: 5, ingest: 4, arrival: 4.002, received: 4.5, serial: 5),
            stored(sent: 0, ingest: nil, arrival: 120, received: 121, serial: 6),
            stored(sent: 0, ingest: 1, arrival: nil, received: 700, serial: 7),
        ]
        let stats = LatencyStats(events)
        XCTAssertEqual(stats.events, 7)

        let client = stats.hop(.clientToPinpoint)
        XCTAssertEqual(client.count, 6)
        XCTAssertEqual(client.missing, 1)
        XCTAssertEqual(client.negative, 1)
        // Sorted: -1, 1, 1, 2, 3, 4.
        XCTAssertEqual(client.p50, 1)
        XCTAssertEqual(client.p90, 4)
        XCTAssertEqual(client.p99, 4)
        XCTAssertEqual(client.max, 4)
        XCTAssertEqual(client.total, 10)
        XCTAssertEqual(client.histogram, [1, 0, 0, 0, 5, 0, 0, 0])

        let pinpoint = stats.hop(.pinpointToKinesis)
        XCTAssertEqual(pinpoint.count, 5)
        XCTAssertEqual(pinpoint.missing, 2)
        XCTAssertEqual(pinpoint.negative, 0)
        XCTAssertEqual(pinpoint.p50, 0.5)
        XCTAssertEqual(pinpoint.histogram, [0, 1, 0, 4, 0, 0, 0, 0])

        let kinesis = stats.hop(.kinesisToKinescope)
        XCTAssertEqual(kinesis.count, 6)
        XCTAssertEqual(kinesis.missing, 1, "the file event has no Kinesis arrival")
        XCTAssertEqual(kinesis.histogram, [0, 0, 0, 5, 1, 0, 0, 0])

        let total = stats.hop(.endToEnd)
        XCTAssertEqual(total.count, 7)
        XCTAssertEqual(total.missing, 0)
        XCTAssertEqual(total.negative, 1)
        // Sorted: -0.5, 2, 3, 4, 5, 121, 700.
        XCTAssertEqual(total.p50, 4)
        XCTAssertEqual(total.p90, 700)
        XCTAssertEqual(total.max, 700)
        XCTAssertEqual(total.histogram, [1, 0, 0, 0, 4, 0, 1, 1])

        // Shares of the time spent in the three stages.
        let sum = client.total + pinpoint.total + kinesis.total
        XCTAssertEqual(stats.share(of: .clientToPinpoint)!, 10 / sum, accuracy: 1e-12)
        XCTAssertNil(stats.share(of: .endToEnd))
    }

    func testAnEmptyViewHasCountsButNoFigures() {
        let stats = LatencyStats([StoredEvent]())
        XCTAssertEqual(stats.events, 0)
        XCTAssertEqual(stats.hops.map(\.hop), LatencyHop.allCases)
        for hop in stats.hops {
            XCTAssertEqual(hop.count, 0)
            XCTAssertEqual(hop.missing, 0)
            XCTAssertNil(hop.p50)
            XCTAssertNil(hop.max)
            XCTAssertEqual(hop.histogram, [0, 0, 0, 0, 0, 0, 0, 0])
        }
        XCTAssertNil(stats.share(of: .clientToPinpoint))
    }

    func testBucketBoundsAreExclusiveAbove() {
        XCTAssertEqual(LatencyStats.bucket(-0.001), 0)
        XCTAssertEqual(LatencyStats.bucket(0), 1)
        XCTAssertEqual(LatencyStats.bucket(0.01), 2)
        XCTAssertEqual(LatencyStats.bucket(0.999), 3)
        XCTAssertEqual(LatencyStats.bucket(59.9), 5)
        XCTAssertEqual(LatencyStats.bucket(120), 6, "two minutes")
        XCTAssertEqual(LatencyStats.bucket(600), 7)
        XCTAssertEqual(LatencyStats.bucketLabels.count, LatencyStats.bucketUpperBounds.count + 1)
    }

    func testTheViewIsTheRetainedEventsMatchingTheFilter() throws {
        var state = MonitorState(config: MonitorConfig(sourceName: "test", retain: 3), now: t0)
        let events = (0..<5).map { i -> Event in
            var event = Event(kind: .pinpointApp, eventType: i % 2 == 0 ? "even" : "odd", eventTime: t0,
                              summary: "", record: RecordMetadata(arrival: t0 + Double(i)))
            event.ingestTime = t0 + Double(i) / 2
            return event
        }
        update(&state, .records(events, recordCount: 5, receivedAt: t0 + 10))
        XCTAssertEqual(LatencyStats(state: state).events, 3, "only the retained ones")
        state.setFilter(try EventFilter.parse("type:even"))
        let stats = LatencyStats(state: state)
        XCTAssertEqual(stats.events, 2, "events 2 and 4 are retained and match")
        XCTAssertEqual(stats.hop(.clientToPinpoint).p50, 1)
        XCTAssertEqual(stats.hop(.clientToPinpoint).max, 2)
    }
}
