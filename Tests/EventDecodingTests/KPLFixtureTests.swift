import Foundation
import XCTest
@testable import EventDecoding

/// Aggregated records written by the official Python aggregator (`aws-kinesis-agg`, see
/// `Tests/Fixtures/decoding/kpl/make_fixtures.py`) decode to exactly the user records that went in.
final class KPLFixtureTests: XCTestCase {
    private struct Expected: Decodable {
        struct Record: Decodable {
            var partition_key: String
            var explicit_hash_key: String?
            var data: String
        }
        var aggregate_partition_key: String
        var records: [Record]
    }

    private let decoder = EventDecoder()
    private let metadata = RecordMetadata(shard: "shardId-000000000007", sequence: "49650000000000000000000000000000000000000000000000000042",
                                          partitionKey: "aggregate-pk", arrival: 1_714_550_403.25)

    private func fixture(_ name: String) throws -> (bytes: [UInt8], expected: Expected) {
        let bytes = try DecodingFixtures.bytes("decoding/kpl/\(name).bin")
        let json = try DecodingFixtures.bytes("decoding/kpl/\(name).json")
        return (bytes, try JSONDecoder().decode(Expected.self, from: Data(json)))
    }

    private func record(_ bytes: [UInt8]) -> RawRecord {
        RawRecord(data: bytes, shard: metadata.shard, sequence: metadata.sequence, partitionKey: metadata.partitionKey,
                  arrival: metadata.arrival)
    }

    /// The envelope's payloads are the user records, in order, with their own keys.
    private func assertDeaggregates(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let (bytes, expected) = try fixture(name)
        XCTAssertEqual(Array(bytes.prefix(4)), KPLEnvelope.magic, file: file, line: line)
        guard case .payloads(let payloads)? = KPLEnvelope().unwrap(bytes, metadata: metadata) else {
            return XCTFail("\(name) was not unwrapped", file: file, line: line)
        }
        XCTAssertEqual(payloads.count, expected.records.count, file: file, line: line)
        for (index, (payload, record)) in zip(payloads, expected.records).enumerated() {
            XCTAssertEqual(payload.bytes, Base64.decode(record.data), "\(name) #\(index)", file: file, line: line)
            XCTAssertEqual(payload.metadata.partitionKey, record.partition_key, "\(name) #\(index)", file: file, line: line)
            XCTAssertEqual(payload.metadata.explicitHashKey, record.explicit_hash_key, "\(name) #\(index)", file: file, line: line)
            XCTAssertEqual(payload.metadata.subSequence, index, file: file, line: line)
            XCTAssertEqual(payload.metadata.shard, metadata.shard, file: file, line: line)
            XCTAssertEqual(payload.metadata.sequence, metadata.sequence, file: file, line: line)
            XCTAssertEqual(payload.metadata.arrival, metadata.arrival, file: file, line: line)
            XCTAssertEqual(payload.label, "KPL record \(index + 1) of \(expected.records.count)", file: file, line: line)
        }
        // Our own encoder, given the same user records, makes the very same bytes.
        let again = KPLAggregate.encode(expected.records.map {
            .init(partitionKey: $0.partition_key, explicitHashKey: $0.explicit_hash_key, data: Base64.decode($0.data) ?? [])
        })
        XCTAssertEqual(again, bytes, "\(name): KPLAggregate.encode differs from aws-kinesis-agg", file: file, line: line)
    }

    func testEveryFixtureDeaggregatesExactly() throws {
        for name in ["pinpoint-three", "mixed-keys", "single", "unicode-keys", "gzip-cloudwatch", "many"] {
            try assertDeaggregates(name)
        }
    }

    func testPinpointEventsInsideAnAggregate() throws {
        let (bytes, _) = try fixture("pinpoint-three")
        let events = decoder.decode(record(bytes))
        XCTAssertEqual(events.map(\.kind), [.pinpointApp, .pinpointApp, .pinpointApp])
        XCTAssertEqual(events.map(\.eventType), ["_session.start", "addToCart", "_session.stop"])
        XCTAssertEqual(events.map(\.record.partitionKey), ["c-1", "c-2", "c-1"])
        XCTAssertEqual(events.map(\.record.subSequence), [0, 1, 2])
        XCTAssertEqual(events.map(\.clientId), ["c-1", "c-2", "c-1"])
        XCTAssertEqual(events.map(\.envelopes), (1...3).map { ["KPL record \($0) of 3"] })
        XCTAssertTrue(TailLine.json(events[1]).contains(#""sequence":"49650000000000000000000000000000000000000000000000000042","sub_sequence":1,"partition_key":"c-2""#),
                      TailLine.json(events[1]))
    }

    func testMixedPayloadKinds() throws {
        let (bytes, _) = try fixture("mixed-keys")
        let events = decoder.decode(record(bytes))
        XCTAssertEqual(events.map(\.kind), [.json, .text, .binary, .json, .json])
        XCTAssertEqual(events.map(\.eventType), ["click", nil, nil, "view", "view"])
        XCTAssertEqual(events.map(\.record.explicitHashKey), ["170141183460469231731687303715884105728", nil,
                                                             "170141183460469231731687303715884105728",
                                                             "85070591730234615865843651857942052864",
                                                             "85070591730234615865843651857942052864"])
    }

    func testGzipCloudWatchBatchInsideAnAggregate() throws {
        let (bytes, _) = try fixture("gzip-cloudwatch")
        let events = decoder.decode(record(bytes))
        XCTAssertEqual(events.map(\.kind), [.cloudwatchLogs, .cloudwatchLogs, .json])
        XCTAssertEqual(events[0].envelopes, ["KPL record 1 of 2", "gzip", "CloudWatch Logs batch (2 events) from /aws/lambda/checkout"])
        XCTAssertEqual(events[1].eventType, "WARN")
        XCTAssertEqual(events.map(\.record.subSequence), [0, 0, 1])
        XCTAssertEqual(events[2].eventType, "after-the-batch")
    }

    func testManyRecordsKeepTheirOrder() throws {
        let (bytes, _) = try fixture("many")
        let events = decoder.decode(record(bytes))
        XCTAssertEqual(events.count, 200)
        XCTAssertEqual(events.map { $0.payload["seq"] }, (0..<200).map { .number(String($0)) })
        XCTAssertEqual(events.map(\.record.partitionKey), (0..<200).map { "pk-\($0 % 17)" })
    }

    func testBadChecksumIsAnOrdinaryRecord() throws {
        let bytes = try DecodingFixtures.bytes("decoding/kpl/bad-checksum.bin")
        XCTAssertNil(KPLEnvelope().unwrap(bytes, metadata: metadata))
        let events = decoder.decode(record(bytes))
        XCTAssertEqual(events.count, 1)
        XCTAssertEqual(events.first?.kind, .binary)
        XCTAssertEqual(events.first?.record.partitionKey, "aggregate-pk")
        XCTAssertNil(events.first?.record.subSequence)
        XCTAssertEqual(events.first?.envelopes, [])
    }

    func testTooShortDataIsAnOrdinaryRecord() throws {
        for bytes in [KPLEnvelope.magic, KPLEnvelope.magic + [UInt8](repeating: 0, count: 15),
                      KPLEnvelope.magic + [UInt8](repeating: 0, count: 16)] as [[UInt8]] {
            XCTAssertNil(KPLEnvelope().unwrap(bytes, metadata: metadata), "\(bytes.count) bytes")
            XCTAssertEqual(decoder.decode(record(bytes)).map(\.kind), [.binary])
        }
    }

    func testMatchingChecksumOverGarbageIsAnError() throws {
        let garbage: [UInt8] = [0xFF, 0xFF, 0xFF, 0x0F, 0x01]
        let bytes = KPLEnvelope.magic + garbage + MD5Digest.digest(garbage)
        let events = decoder.decode(record(bytes))
        XCTAssertEqual(events.map(\.kind), [.error])
        XCTAssertEqual(events.first?.raw, bytes)
        XCTAssertTrue(events.first?.error?.hasPrefix("KPL aggregate: invalid protobuf") ?? false, "\(events)")
    }

    func testOutOfRangeKeyIndexIsAnError() throws {
        // records { partition_key_index: 3, data: "x" } with an empty key table.
        let message: [UInt8] = [0x1A, 0x05, 0x08, 0x03, 0x1A, 0x01, 0x78]
        let bytes = KPLEnvelope.magic + message + MD5Digest.digest(message)
        let events = decoder.decode(record(bytes))
        XCTAssertEqual(events.map(\.kind), [.error])
        XCTAssertEqual(events.first?.error, "KPL aggregate: record 1 has partition key index 3 but the table holds 0")

        // A missing required field (data) is rejected by the protobuf decoder.
        let noData: [UInt8] = [0x0A, 0x01, 0x6B, 0x1A, 0x02, 0x08, 0x00]
        let noDataBytes = KPLEnvelope.magic + noData + MD5Digest.digest(noData)
        XCTAssertEqual(decoder.decode(record(noDataBytes)).map(\.kind), [.error])
    }

    /// The Python deaggregator yields nothing for this; here it is shown rather than dropped.
    func testEmptyAggregateIsAnError() throws {
        let bytes = KPLAggregate.encode([])
        XCTAssertEqual(bytes, KPLEnvelope.magic + MD5Digest.digest([]))
        let events = decoder.decode(record(bytes))
        XCTAssertEqual(events.map(\.kind), [.error])
        XCTAssertEqual(events.first?.error, "KPL aggregate holds no records")
    }

    func testMD5AgainstKnownDigests() {
        func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
        XCTAssertEqual(hex(MD5Digest.digest([])), "d41d8cd98f00b204e9800998ecf8427e")
        XCTAssertEqual(hex(MD5Digest.digest(Array("The quick brown fox jumps over the lazy dog".utf8))),
                       "9e107d9d372bb6826bd81d3542a419d6")
        // Exactly one, and just over one, 64-byte block.
        XCTAssertEqual(hex(MD5Digest.digest([UInt8](repeating: 0x61, count: 64))), "014842d480b571495a4a0363793f7367")
        XCTAssertEqual(hex(MD5Digest.digest([UInt8](repeating: 0x61, count: 65))), "c743a45e0d2e6a95cb859adae0248435")
        // A slice hashes like the array it came from.
        let bytes = [UInt8](0...255)
        XCTAssertEqual(MD5Digest.digest(bytes[10..<200]), MD5Digest.digest(Array(bytes[10..<200])))
    }
}
