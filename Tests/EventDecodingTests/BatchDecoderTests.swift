import XCTest
@testable import EventDecoding

/// `decodeInOrder` decodes a batch on two threads; what it hands over must be what decoding the
/// records one by one gives, in the same order.
final class BatchDecoderTests: XCTestCase {
    private let decoder = EventDecoder()

    /// Pinpoint events, other JSON, text, errors, a Lambda event holding several records and a
    /// CloudWatch Logs control message (no event, one count in the report).
    private func mixedRecords(_ count: Int) -> [RawRecord] {
        (0..<count).map { index in
            let text: String
            switch index % 7 {
            case 0: text = #"{"event_type":"_session.start","event_timestamp":\#(1_700_000_000_000 + index),"#
                + #""application":{"app_id":"a"},"session":{"session_id":"s\#(index % 50)"},"client":{"client_id":"c\#(index % 9)"}}"#
            case 1: text = #"{"type":"plain","n":\#(index)}"#
            case 2: text = "a line of text \(index)"
            case 3: text = #"{"broken":"#
            case 4: text = #"{"Records":[{"kinesis":{"data":"eyJhIjoxfQ==","partitionKey":"p","sequenceNumber":"1"}},"#
                + #"{"kinesis":{"data":"eyJiIjoyfQ==","partitionKey":"p","sequenceNumber":"2"}}]}"#
            case 5: text = #"{"messageType":"CONTROL_MESSAGE","owner":"CloudwatchLogs","logGroup":"","logStream":"","#
                + #""subscriptionFilters":[],"logEvents":[{"id":"1","timestamp":1,"message":"CWL CONTROL MESSAGE"}]}"#
            default: text = #"{"event_type":"_monetization.purchase","event_timestamp":1700000000000,"arrival_timestamp":1,"attributes":{"k":"\#(index)"}}"#
            }
            return RawRecord(data: Array(text.utf8), shard: "shardId-\(index % 3)", sequence: "\(index)")
        }
    }

    func testSameEventsInTheSameOrder() {
        for count in [0, 1, 63, 64, 65, 255, 256, 1000, 4096] {
            let records = mixedRecords(count)
            let expected = records.map { decoder.decode($0) }
            for chunkSize in [1, 7, 64] {
                var handed: [[Event]] = []
                var nextRecord = 0
                decoder.decodeInOrder(records, chunkSize: chunkSize) { chunk in
                    XCTAssertEqual(chunk.records.lowerBound, nextRecord)
                    nextRecord = chunk.records.upperBound
                    XCTAssertEqual(chunk.eventStarts.count, chunk.records.count + 1)
                    for index in chunk.records { handed.append(Array(chunk.events(ofRecord: index))) }
                    return true
                }
                XCTAssertEqual(nextRecord, count, "count \(count), chunk size \(chunkSize)")
                XCTAssertEqual(handed, expected, "count \(count), chunk size \(chunkSize)")
            }
        }
    }

    func testStopsWhenTheBodyDeclines() {
        let records = mixedRecords(2000)
        for stopAfter in [1, 2, 5, 20] {
            var calls = 0
            decoder.decodeInOrder(records, chunkSize: 50) { _ in
                calls += 1
                return calls < stopAfter
            }
            XCTAssertEqual(calls, stopAfter)
        }
    }

    func testReportsControlMessages() throws {
        let records = mixedRecords(300)
        var expected = DecodeReport()
        for record in records { _ = decoder.decode(record, report: &expected) }
        var report = DecodeReport()
        decoder.decodeInOrder(records, chunkSize: 16) { chunk in
            report.controlMessages += chunk.report.controlMessages
            return true
        }
        XCTAssertEqual(report, expected)
        XCTAssertGreaterThan(report.controlMessages, 0)
    }
}
