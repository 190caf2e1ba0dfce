import Foundation
import XCTest
@testable import EventDecoding

/// Files under `Tests/Fixtures/`, found next to this source file so tests need no bundle resources.
enum DecodingFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// A Pinpoint app event as compact JSON, with the fields classifiers read.
    static func pinpointEvent(type: String, session: String? = "s-1", client: String = "c-1",
                              eventMillis: Int64 = 1_567_780_272_608, extra: String = "") -> String {
        let sessionPart = session.map { #","session":{"session_id":"\#($0)","start_timestamp":1567780269946}"# } ?? ""
        return #"{"event_type":"\#(type)","event_timestamp":\#(eventMillis),"arrival_timestamp":1567780274582,"#
            + #""application":{"app_id":"app"},"client":{"client_id":"\#(client)"}\#(sessionPart),"attributes":{}\#(extra)}"#
    }

    /// A Lambda Kinesis event holding one record per payload.
    static func lambdaEvent(_ payloads: [String], shard: String = "shardId-000000000001") -> String {
        let records = payloads.enumerated().map { index, data in
            #"{"kinesis":{"partitionKey":"pk-\#(index)","sequenceNumber":"4960\#(index)","data":"\#(data)","#
                + #""approximateArrivalTimestamp":1567780307.\#(100 + index)},"eventSource":"aws:kinesis","#
                + #""eventID":"\#(shard):4960\#(index)"}"#
        }
        return #"{"Records":[\#(records.joined(separator: ","))]}"#
    }
}

final class DecoderTests: XCTestCase {
    private let decoder = EventDecoder()

    private func decode(_ text: String) -> [Event] {
        decoder.decode(RawRecord(data: Array(text.utf8)))
    }

    private func decodeOne(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws -> Event {
        let events = decoder.decode(RawRecord(data: bytes))
        XCTAssertEqual(events.count, 1, "\(events)", file: file, line: line)
        return try XCTUnwrap(events.first, file: file, line: line)
    }

    // MARK: - Seed fixtures

    func testSeedLambdaEvent() throws {
        let event = try decodeOne(try DecodingFixtures.bytes("seed-lambda-event.json"))
        XCTAssertEqual(event.kind, .pinpointApp)
        XCTAssertEqual(event.eventType, "_session.stop")
        XCTAssertEqual(event.sessionId, "f843cda1-d0b2-11e9-ad52-7fe1bc8d928d")
        XCTAssertEqual(event.clientId, "c3cc0c40-d0ad-11e9-b963-3d4f07405ba8")
        XCTAssertEqual(event.platform, "macintel")
        XCTAssertEqual(event.record.shard, "shardId-000000000000")
        XCTAssertEqual(event.record.sequence, "49599259535682552348557865618060497301418154171654209538")
        XCTAssertEqual(event.record.partitionKey, "-1667896638")
        XCTAssertNil(event.record.subSequence)
        XCTAssertEqual(try XCTUnwrap(event.record.arrival), 1_567_780_307.056, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(event.eventTime), 1_567_780_272.608, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(event.ingestTime), 1_567_780_274.582, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(event.sessionStart), 1_567_780_269.946, accuracy: 1e-6)
        XCTAssertEqual(event.envelopes, ["Lambda event"])
        XCTAssertNil(event.error)
        XCTAssertNil(event.raw)
        XCTAssertEqual(event.payload["awsAccountId"], .string("XXXXXXXXXXX"))
    }

    func testSeedPinpointEventAsPlainBytes() throws {
        let bytes = try DecodingFixtures.bytes("seed-pinpoint-event.json")
        let event = try decodeOne(bytes)
        XCTAssertEqual(event.kind, .pinpointApp)
        XCTAssertEqual(event.eventType, "_session.stop")
        XCTAssertEqual(event.sessionId, "f843cda1-d0b2-11e9-ad52-7fe1bc8d928d")
        XCTAssertEqual(event.clientId, "c3cc0c40-d0ad-11e9-b963-3d4f07405ba8")
        XCTAssertEqual(event.envelopes, [])
        XCTAssertEqual(event.record, RecordMetadata())
        // The Lambda fixture wraps exactly this event.
        let wrapped = try decodeOne(try DecodingFixtures.bytes("seed-lambda-event.json"))
        XCTAssertEqual(wrapped.payload, event.payload)
    }

    // MARK: - Containers

    func testLambdaEventWithThreeRecords() throws {
        let types = ["_session.start", "pageView", "_session.stop"]
        let payloads = types.map { Base64.encode(Array(DecodingFixtures.pinpointEvent(type: $0).utf8)) }
        let events = decode(DecodingFixtures.lambdaEvent(payloads))
        XCTAssertEqual(events.count, 3)
        XCTAssertEqual(events.map(\.eventType), types)
        XCTAssertEqual(events.map(\.envelopes), (1...3).map { ["Lambda event record \($0) of 3"] })
        XCTAssertEqual(events.map(\.record.partitionKey), ["pk-0", "pk-1", "pk-2"])
        XCTAssertEqual(events.map(\.record.sequence), ["49600", "49601", "49602"])
        XCTAssertEqual(events.map(\.record.shard), Array(repeating: "shardId-000000000001", count: 3))
        XCTAssertEqual(events.map(\.kind), Array(repeating: .pinpointApp, count: 3))
        XCTAssertEqual(try XCTUnwrap(events[2].record.arrival), 1_567_780_307.102, accuracy: 1e-6)
    }

    func testGetRecordsOutputWithExponentArrival() throws {
        let data = Base64.encode(Array(DecodingFixtures.pinpointEvent(type: "_userauth.sign_in").utf8))
        let text = #"{"Records":[{"Data":"\#(data)","PartitionKey":"pk","SequenceNumber":"49545115243490985018280067714973144582180062593244200961","#
            + #""ApproximateArrivalTimestamp":1.441215410867E9}],"NextShardIterator":"AAAA","MillisBehindLatest":0}"#
        let event = try decodeOne(Array(text.utf8))
        XCTAssertEqual(event.kind, .pinpointApp)
        XCTAssertEqual(event.eventType, "_userauth.sign_in")
        XCTAssertEqual(event.record.partitionKey, "pk")
        XCTAssertEqual(event.record.sequence, "49545115243490985018280067714973144582180062593244200961")
        XCTAssertNil(event.record.shard)
        XCTAssertEqual(try XCTUnwrap(event.record.arrival), 1_441_215_410.867, accuracy: 1e-6)
        XCTAssertEqual(event.envelopes, ["get-records output"])
    }

    func testCaptureLine() throws {
        let data = Base64.encode(Array(DecodingFixtures.pinpointEvent(type: "_session.start").utf8))
        let text = #"{"shard":"shardId-000000000003","sequence":"4961","partition_key":"pk-9","#
            + #""arrival":"2019-09-06T14:31:47.056Z","data":"\#(data)"}"#
        let event = try decodeOne(Array(text.utf8))
        XCTAssertEqual(event.kind, .pinpointApp)
        XCTAssertEqual(event.eventType, "_session.start")
        XCTAssertEqual(event.record.shard, "shardId-000000000003")
        XCTAssertEqual(event.record.sequence, "4961")
        XCTAssertEqual(event.record.partitionKey, "pk-9")
        XCTAssertEqual(try XCTUnwrap(event.record.arrival), 1_567_780_307.056, accuracy: 1e-6)
        XCTAssertEqual(event.envelopes, ["capture line"])
    }

    func testCaptureLineWithNumericArrival() throws {
        let data = Base64.encode(Array("hello".utf8))
        let event = try decodeOne(Array(#"{"shard":"shardId-1","arrival":1567780307.5,"data":"\#(data)"}"#.utf8))
        XCTAssertEqual(event.kind, .text)
        XCTAssertEqual(event.payload, .string("hello"))
        XCTAssertEqual(event.record.arrival, 1_567_780_307.5)
        XCTAssertEqual(event.record.shard, "shardId-1")
    }

    func testInvalidBase64InOneLambdaRecordKeepsTheOthers() throws {
        let good = Base64.encode(Array(DecodingFixtures.pinpointEvent(type: "pageView").utf8))
        let events = decode(DecodingFixtures.lambdaEvent([good, "not base64!!", good]))
        XCTAssertEqual(events.count, 3)
        XCTAssertEqual(events.map(\.kind), [.pinpointApp, .error, .pinpointApp])
        let error = events[1]
        XCTAssertEqual(error.error, "record data is not valid base64")
        XCTAssertEqual(error.envelopes, ["Lambda event record 2 of 3"])
        XCTAssertEqual(error.record.sequence, "49601")
        XCTAssertEqual(error.record.shard, "shardId-000000000001")
        let raw = try XCTUnwrap(error.raw)
        let rawText = String(decoding: raw, as: UTF8.self)
        XCTAssertTrue(rawText.contains("not base64!!"), rawText)
        // The raw entry is the record's own JSON, so it can be looked at again.
        XCTAssertEqual(try JSONParser.parse(raw)["kinesis"]?["sequenceNumber"], .string("49601"))
        XCTAssertEqual(events[2].envelopes, ["Lambda event record 3 of 3"])
    }

    /// A container's arrival time is printed by `tail` and must be a time `Timestamp` can format:
    /// `1e400` parses as infinity, which crashed `tail` in `Timestamp.iso8601`.
    func testUnrepresentableArrivalIsNotKept() throws {
        let data = Base64.encode(Array("hi".utf8))
        for lexeme in ["1e400", "-1e400", "1e300", "\"nan\""] {
            let text = #"{"Records":[{"kinesis":{"data":"\#(data)","approximateArrivalTimestamp":\#(lexeme)},"eventID":"shardId-1:1"}]}"#
            let event = try decodeOne(Array(text.utf8))
            XCTAssertEqual(event.kind, .text, lexeme)
            if let arrival = event.record.arrival {
                XCTAssertTrue(arrival.isFinite && abs(arrival) < 1e15, "\(lexeme) → \(arrival)")
            }
        }
    }

    // MARK: - Errors

    func testMalformedJSONKeepsRawBytes() throws {
        let input = Array(#"{"a":"#.utf8)
        let event = try decodeOne(input)
        XCTAssertEqual(event.kind, .error)
        XCTAssertEqual(event.raw, input)
        let reason = try XCTUnwrap(event.error)
        XCTAssertTrue(reason.hasPrefix("invalid JSON"), reason)
        XCTAssertEqual(event.summary, reason)
        XCTAssertEqual(event.family, .error)
    }

    func testDeepNestingIsAnErrorNotACrash() throws {
        let input = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        let event = try decodeOne(input)
        XCTAssertEqual(event.kind, .error)
        XCTAssertEqual(event.raw, input)
        XCTAssertNotNil(event.error)

        // Balanced, still too deep.
        let balanced = [UInt8](repeating: UInt8(ascii: "["), count: 5_000) + [UInt8](repeating: UInt8(ascii: "]"), count: 5_000)
        XCTAssertEqual(try decodeOne(balanced).kind, .error)
        // Within the limit it parses.
        let shallow = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        XCTAssertEqual(try decodeOne(Array(shallow.utf8)).kind, .json)
    }

    func testEmptyAndBlankRecordsAreErrors() throws {
        for input in [[], Array(" \n\t\r\n".utf8)] as [[UInt8]] {
            let event = try decodeOne(input)
            XCTAssertEqual(event.kind, .error)
            XCTAssertEqual(event.error, "empty record")
            XCTAssertEqual(event.raw, input)
        }
    }

    func testValidJSONThatIsNotAnEventIsJSON() throws {
        let event = try decodeOne(Array(#"{"foo":1}"#.utf8))
        XCTAssertEqual(event.kind, .json)
        XCTAssertNil(event.eventType)
        XCTAssertEqual(event.payload, .object(JSONObject([.init(key: "foo", value: .number("1"))])))
        XCTAssertEqual(event.summary, "foo=1")
        XCTAssertEqual(try decodeOne(Array("[1,2]".utf8)).kind, .json)
    }

    // MARK: - Text and binary

    func testPlainTextIsText() throws {
        let event = try decodeOne(Array("user signed in from café 東京 🚀\n".utf8))
        XCTAssertEqual(event.kind, .text)
        XCTAssertEqual(event.payload, .string("user signed in from café 東京 🚀"))
        XCTAssertEqual(event.summary, "user signed in from café 東京 🚀")
        XCTAssertNil(event.error)
        XCTAssertEqual(event.family, .other)
    }

    func testBinaryBytesAreBinary() throws {
        let input: [UInt8] = [0x00, 0xFF, 0x1F, 0x8B, 0x80, 0x7F]
        let event = try decodeOne(input)
        XCTAssertEqual(event.kind, .binary)
        XCTAssertEqual(event.payload, .string(Base64.encode(input)))
        XCTAssertEqual(event.summary, "6 bytes: 00 ff 1f 8b 80 7f")
        // Valid UTF-8 that is mostly control characters is binary too.
        XCTAssertEqual(try decodeOne([0x01, 0x02, 0x03, 0x41]).kind, .binary)
        XCTAssertEqual(try decodeOne([0x41, 0x00, 0x42]).kind, .binary)
    }

    // MARK: - Amplify

    func testAmplifyShapedEvent() throws {
        let text = #"{"name":"x","attributes":{"page":"/home","ref":"ad"},"metrics":{"ms":12},"#
            + #""timestamp":"2019-09-06T14:31:47.056Z","session":{"id":"amp-s"},"clientId":"amp-c"}"#
        let event = try decodeOne(Array(text.utf8))
        XCTAssertEqual(event.kind, .amplify)
        XCTAssertEqual(event.eventType, "x")
        XCTAssertEqual(event.sessionId, "amp-s")
        XCTAssertEqual(event.clientId, "amp-c")
        XCTAssertEqual(try XCTUnwrap(event.eventTime), 1_567_780_307.056, accuracy: 1e-6)
        XCTAssertEqual(event.summary, "page=/home ref=ad ms=12")
        XCTAssertEqual(event.family, .custom)
    }

    // MARK: - Nothing dropped

    func testMixedBatchAccountsForEveryInput() {
        let good = Base64.encode(Array(DecodingFixtures.pinpointEvent(type: "pageView").utf8))
        let inputs: [(bytes: [UInt8], events: Int, errors: Int)] = [
            (Array(DecodingFixtures.pinpointEvent(type: "_session.start").utf8), 1, 0),
            (Array(DecodingFixtures.lambdaEvent([good, good, "%%%", good]).utf8), 4, 1),
            (Array(#"{"a":"#.utf8), 1, 1),
            ([], 1, 1),
            (Array("some text".utf8), 1, 0),
            ([0xFF, 0xFE, 0x00], 1, 1),  // a UTF-16LE byte order mark: not UTF-8, one error
            ([0x9C, 0xFE, 0x00], 1, 0),
            (Array(#"{"foo":1}"#.utf8), 1, 0),
            (Array(#"{"name":"n","attributes":{}}"#.utf8), 1, 0),
            ([UInt8](repeating: UInt8(ascii: "{"), count: 2_000), 1, 1),
            (Array(#"{"Records":[{"Data":"@@"},{"Data":"\#(good)"}]}"#.utf8), 2, 1),
        ]
        var events = 0
        var errors = 0
        for (index, input) in inputs.enumerated() {
            let decoded = decoder.decode(RawRecord(data: input.bytes))
            XCTAssertEqual(decoded.count, input.events, "input \(index)")
            XCTAssertEqual(decoded.filter { $0.kind == .error }.count, input.errors, "input \(index)")
            for event in decoded where event.kind == .error {
                XCTAssertNotNil(event.error, "input \(index)")
                XCTAssertNotNil(event.raw, "input \(index)")
            }
            events += decoded.count
            errors += decoded.filter { $0.kind == .error }.count
        }
        XCTAssertEqual(events, 15)
        XCTAssertEqual(errors, 6)
    }

    func testEnvelopeDepthLimit() throws {
        // Each level wraps the previous one as the data of a capture line.
        var payload = DecodingFixtures.pinpointEvent(type: "deep")
        for _ in 0..<3 {
            payload = #"{"sequence":"1","data":"\#(Base64.encode(Array(payload.utf8)))"}"#
        }
        let event = try decodeOne(Array(payload.utf8))
        XCTAssertEqual(event.eventType, "deep")
        XCTAssertEqual(event.envelopes, ["capture line", "capture line", "capture line"])

        var limited = EventDecoder()
        limited.maxEnvelopeDepth = 1
        let events = limited.decode(RawRecord(data: Array(payload.utf8)))
        XCTAssertEqual(events.map(\.kind), [.error])
        XCTAssertNotNil(events.first?.raw)
    }
}
