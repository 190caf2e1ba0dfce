import XCTest
@testable import EventDecoding

/// For random batches of events (seeded, so a failure can be replayed): encode them the ways
/// producers do — KPL aggregation, gzip, base64, Lambda events, CloudWatch Logs batches, and
/// chains of these — and check that decoding gives back exactly the events, in order, with their
/// record metadata.
final class DecoderPropertyTests: XCTestCase {
    private let decoder = EventDecoder()
    private let outer = RecordMetadata(shard: "shardId-000000000005", sequence: "49650000000000000000000000000000000000000000000000000777",
                                       partitionKey: "outer-pk", arrival: 1_714_550_409.123)

    /// SplitMix64: small, fast and the same on every platform.
    struct SeededRandom: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    // MARK: - Generators

    private static let scalars: [String] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{1F}", "\u{7F}",
                                            "é", "東", "🚀", "\u{202E}", "\u{2028}", "\u{FEFF}", "\u{10FFFF}", "{", "]"]

    private static func string(_ random: inout SeededRandom, maxLength: Int = 12) -> String {
        String((0..<Int.random(in: 0...maxLength, using: &random)).map { _ in Character(scalars.randomElement(using: &random)!) })
    }

    private static func number(_ random: inout SeededRandom) -> String {
        switch Int.random(in: 0..<5, using: &random) {
        case 0: return String(Int.random(in: -1_000_000...1_000_000, using: &random))
        case 1: return "\(Int.random(in: 0...999, using: &random)).\(Int.random(in: 0...999, using: &random))"
        case 2: return "\(Int.random(in: 1...9, using: &random)).\(Int.random(in: 0...99999, using: &random))E\(Int.random(in: -12...12, using: &random))"
        case 3: return String(UInt64.random(in: 0...UInt64.max, using: &random))  // ids beyond Double's precision
        default: return "-0.0e+0"
        }
    }

    private static func value(_ random: inout SeededRandom, depth: Int) -> JSONValue {
        switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .number(number(&random))
        case 3: return .string(string(&random))
        case 4: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in value(&random, depth: depth + 1) })
        default: return .object(object(&random, depth: depth + 1, members: Int.random(in: 0...5, using: &random)))
        }
    }

    /// Keys start with "k" so that no random object is mistaken for a container (`Records`,
    /// `data`, `messageType`) or a Pinpoint or Amplify event.
    private static func object(_ random: inout SeededRandom, depth: Int, members: Int) -> JSONObject {
        JSONObject((0..<members).map { _ in .init(key: "k" + string(&random, maxLength: 6), value: value(&random, depth: depth)) })
    }

    /// One event: a Pinpoint event, an Amplify event or arbitrary JSON, as compact bytes.
    private static func event(_ random: inout SeededRandom) -> [UInt8] {
        switch Int.random(in: 0..<3, using: &random) {
        case 0:
            let types = ["_session.start", "_email.open", "_SMS.SUCCESS", "_campaign.send", "_journey.send", "pageView"]
            return Array(DecodingFixtures.pinpointEvent(
                type: types.randomElement(using: &random)!, session: "s-\(random.next() % 100)",
                client: String(JSONValue.string(string(&random)).compactJSON().dropFirst().dropLast()), eventMillis: Int64.random(in: 1_500_000_000_000...1_800_000_000_000, using: &random),
                extra: #","kx":\#(value(&random, depth: 2).compactJSON())"#).utf8)
        case 1:
            let amplify = JSONValue.object(JSONObject([
                .init(key: "name", value: .string(string(&random))),
                .init(key: "attributes", value: .object(object(&random, depth: 2, members: 2))),
                .init(key: "timestamp", value: .number(String(Int64.random(in: 1_500_000_000_000...1_800_000_000_000, using: &random)))),
            ]))
            return Array(amplify.compactJSON().utf8)
        default:
            // At least one member, so even its base64 is long enough to be recognised.
            let generic = JSONValue.object(object(&random, depth: 0, members: Int.random(in: 1...6, using: &random)))
            return Array(generic.compactJSON().utf8)
        }
    }

    // MARK: - Encodings

    private struct Encoded {
        var records: [RawRecord]
        /// What every event's envelope chain should be, by its index in the batch.
        var envelopes: (Int, Int) -> [String]
        var isAggregate: Bool
        var inCloudWatch = false
    }

    private func record(_ bytes: [UInt8]) -> RawRecord {
        RawRecord(data: bytes, shard: outer.shard, sequence: outer.sequence, partitionKey: outer.partitionKey, arrival: outer.arrival)
    }

    private func encode(_ events: [[UInt8]], keys: [KPLAggregate.UserRecord], way: Int) -> Encoded {
        let kpl = { KPLAggregate.encode(keys) }
        let kplLabel = { (i: Int, n: Int) in "KPL record \(i + 1) of \(n)" }
        switch way {
        case 0: return Encoded(records: events.map(record), envelopes: { _, _ in [] }, isAggregate: false)
        case 1: return Encoded(records: events.map { record(TestGzip.compress($0)) }, envelopes: { _, _ in ["gzip"] }, isAggregate: false)
        case 2: return Encoded(records: events.map { record(Array(Base64.encode($0).utf8)) }, envelopes: { _, _ in ["base64"] }, isAggregate: false)
        case 3: return Encoded(records: [record(kpl())], envelopes: { [kplLabel($0, $1)] }, isAggregate: true)
        case 4: return Encoded(records: [record(TestGzip.compress(kpl()))], envelopes: { ["gzip", kplLabel($0, $1)] }, isAggregate: true)
        case 5:
            let gzipped = keys.map { KPLAggregate.UserRecord(partitionKey: $0.partitionKey, explicitHashKey: $0.explicitHashKey,
                                                             data: TestGzip.compress($0.data)) }
            return Encoded(records: [record(KPLAggregate.encode(gzipped))], envelopes: { [kplLabel($0, $1), "gzip"] }, isAggregate: true)
        case 6:
            return Encoded(records: [record(Array(Base64.encode(TestGzip.compress(kpl())).utf8))],
                           envelopes: { ["base64", "gzip", kplLabel($0, $1)] }, isAggregate: true)
        case 7:
            // A Lambda Kinesis event carries each record's own metadata; the check below expects
            // the outer metadata, so the entries repeat it.
            let entries = events.map { bytes in
                #"{"kinesis":{"partitionKey":"outer-pk","sequenceNumber":"\#(outer.sequence!)","data":"\#(Base64.encode(bytes))","#
                    + #""approximateArrivalTimestamp":1714550409.123},"eventID":"\#(outer.shard!):\#(outer.sequence!)"}"#
            }
            let lambda = Array(#"{"Records":[\#(entries.joined(separator: ","))]}"#.utf8)
            return Encoded(records: [RawRecord(data: lambda)],
                           envelopes: { $1 == 1 ? ["Lambda event"] : ["Lambda event record \($0 + 1) of \($1)"] }, isAggregate: false)
        default:
            let logEvents = events.enumerated().map { index, bytes in
                JSONValue.object(JSONObject([
                    .init(key: "id", value: .string(String(index))),
                    .init(key: "timestamp", value: .number("1714550400000")),
                    .init(key: "message", value: .string(String(decoding: bytes, as: UTF8.self))),
                ]))
            }
            let batch = JSONValue.object(JSONObject([
                .init(key: "messageType", value: .string("DATA_MESSAGE")),
                .init(key: "logGroup", value: .string("/g")),
                .init(key: "logEvents", value: .array(logEvents)),
            ]))
            let label = "CloudWatch Logs batch (\(events.count) event\(events.count == 1 ? "" : "s")) from /g"
            var encoded = Encoded(records: [record(TestGzip.compress(Array(batch.compactJSON().utf8)))],
                                  envelopes: { _, _ in ["gzip", label] }, isAggregate: false)
            encoded.inCloudWatch = true
            return encoded
        }
    }

    // MARK: - The property

    func testEncodeThenDecodeGivesTheEventsBack() throws {
        var random = SeededRandom(state: 0x5EED_2024)
        let ways = 9
        for iteration in 0..<300 {
            let count = Int.random(in: 1...25, using: &random)
            let events = (0..<count).map { _ in Self.event(&random) }
            let keys = events.map { bytes in
                KPLAggregate.UserRecord(partitionKey: Self.string(&random, maxLength: 8),
                                        explicitHashKey: Bool.random(using: &random) ? String(random.next()) : nil, data: bytes)
            }
            let way = iteration % ways
            let encoded = encode(events, keys: keys, way: way)
            var decoded: [Event] = []
            for record in encoded.records { decoded += decoder.decode(record) }

            let context = "iteration \(iteration), encoding \(way)"
            XCTAssertEqual(decoded.count, count, context)
            for (index, (event, bytes)) in zip(decoded, events).enumerated() {
                // What the same bytes give as a plain record with the same metadata.
                var expected = try XCTUnwrap(decoder.decode(record(bytes)).first, context)
                if encoded.isAggregate {
                    expected.record.subSequence = index
                    expected.record.partitionKey = keys[index].partitionKey
                    expected.record.explicitHashKey = keys[index].explicitHashKey
                }
                expected.envelopes = encoded.envelopes(index, count)
                if encoded.inCloudWatch {
                    XCTAssertEqual(event.envelopes, expected.envelopes, context)
                    XCTAssertEqual(event.payload, expected.payload, context)
                    XCTAssertEqual(event.kind, expected.kind == .json ? .cloudwatchLogs : expected.kind, context)
                    continue
                }
                XCTAssertEqual(event, expected, "\(context), event \(index)")
                // And the payload is the very value that was written.
                XCTAssertEqual(event.payload, try JSONParser.parse(bytes), context)
                XCTAssertNotEqual(event.kind, .error, context)
            }
        }
    }
}
