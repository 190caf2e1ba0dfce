import XCTest
@testable import EventDecoding

final class TailLineTests: XCTestCase {
    private let contractKeys = ["shard", "sequence", "partition_key", "arrival", "kind", "event_type", "event_time",
                                "session_id", "client_id", "event"]

    private func parsed(_ line: String, file: StaticString = #filePath, line number: UInt = #line) throws -> JSONObject {
        XCTAssertFalse(line.contains("\n"), "a tail line is one line", file: file, line: number)
        return try XCTUnwrap(try JSONParser.parse(Array(line.utf8)).object, file: file, line: number)
    }

    private func assertNoControlBytes(_ line: String, file: StaticString = #filePath, lineNumber: UInt = #line) {
        let bad = line.unicodeScalars.filter { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }
        XCTAssertTrue(bad.isEmpty, "control scalars \(bad.map(\.value)) in \(line)", file: file, line: lineNumber)
    }

    func testSeedEventLine() throws {
        let events = EventDecoder().decode(RawRecord(data: try DecodingFixtures.bytes("seed-lambda-event.json")))
        let event = try XCTUnwrap(events.first)
        let line = TailLine.json(event)
        let object = try parsed(line)
        XCTAssertEqual(object.members.map(\.key), contractKeys)
        XCTAssertEqual(object["shard"], .string("shardId-000000000000"))
        XCTAssertEqual(object["sequence"], .string("49599259535682552348557865618060497301418154171654209538"))
        XCTAssertEqual(object["partition_key"], .string("-1667896638"))
        XCTAssertEqual(object["arrival"], .string("2019-09-06T14:31:47.056Z"))
        XCTAssertEqual(object["kind"], .string("pinpoint.app"))
        XCTAssertEqual(object["event_type"], .string("_session.stop"))
        XCTAssertEqual(object["event_time"], .string("2019-09-06T14:31:12.608Z"))
        XCTAssertEqual(object["session_id"], .string("f843cda1-d0b2-11e9-ad52-7fe1bc8d928d"))
        XCTAssertEqual(object["client_id"], .string("c3cc0c40-d0ad-11e9-b963-3d4f07405ba8"))
        XCTAssertEqual(object["event"], event.payload)
        let plain = try JSONParser.parse(try DecodingFixtures.bytes("seed-pinpoint-event.json"))
        XCTAssertEqual(object["event"], plain)
        XCTAssertTrue(line.hasPrefix(#"{"shard":"shardId-000000000000","sequence":"#), line)
    }

    func testUnknownFieldsAreNull() {
        let line = TailLine.json(Event(kind: .text, summary: "hi", payload: .string("hi")))
        XCTAssertEqual(line, #"{"shard":null,"sequence":null,"partition_key":null,"arrival":null,"kind":"text","#
            + #""event_type":null,"event_time":null,"session_id":null,"client_id":null,"event":"hi"}"#)
    }

    func testEveryKindUsesItsContractName() throws {
        let names = ["pinpoint.app", "pinpoint.email", "pinpoint.sms", "pinpoint.campaign", "pinpoint.journey",
                     "amplify", "cloudwatch.logs", "json", "text", "binary", "error"]
        XCTAssertEqual(EventKind.allCases.map(\.rawValue), names)
        for kind in EventKind.allCases {
            let object = try parsed(TailLine.json(Event(kind: kind, payload: .object(JSONObject()))))
            XCTAssertEqual(object["kind"], .string(kind.rawValue))
            let expected = kind == .error ? contractKeys + ["error", "raw"] : contractKeys
            XCTAssertEqual(object.members.map(\.key), expected, kind.rawValue)
        }
    }

    func testSubSequenceOnlyForKPLRecords() throws {
        var event = Event(kind: .json, eventType: "t", payload: .object(JSONObject()),
                          record: RecordMetadata(shard: "shardId-000000000001", sequence: "42", subSequence: 3, partitionKey: "pk"))
        var object = try parsed(TailLine.json(event))
        XCTAssertEqual(object.members.map(\.key),
                       ["shard", "sequence", "sub_sequence"] + contractKeys.dropFirst(2))
        XCTAssertEqual(object["sub_sequence"], .number("3"))
        event.record.subSequence = 0
        object = try parsed(TailLine.json(event))
        XCTAssertEqual(object["sub_sequence"], .number("0"))
        event.record.subSequence = nil
        object = try parsed(TailLine.json(event))
        XCTAssertEqual(object.members.map(\.key), contractKeys)
    }

    func testErrorLineCarriesReasonAndRawBase64() throws {
        let input: [UInt8] = Array(#"{"a":"#.utf8) + [0x1B, 0xFF, 0x00]
        let event = try XCTUnwrap(EventDecoder().decode(RawRecord(data: input, shard: "shardId-000000000002", sequence: "9")).first)
        XCTAssertEqual(event.kind, .error)
        let line = TailLine.json(event)
        let object = try parsed(line)
        XCTAssertEqual(object.members.map(\.key), contractKeys + ["error", "raw"])
        XCTAssertEqual(object["kind"], .string("error"))
        XCTAssertEqual(object["error"], .string(try XCTUnwrap(event.error)))
        XCTAssertEqual(object["raw"], .string(Base64.encode(input)))
        XCTAssertEqual(Base64.decode(try XCTUnwrap(object["raw"]?.string)), input)
        XCTAssertEqual(object["event"], .null)
        XCTAssertEqual(object["shard"], .string("shardId-000000000002"))
        XCTAssertEqual(object["event_type"], .null)
        assertNoControlBytes(line)
    }

    func testErrorFieldsOnlyForErrorKind() throws {
        // A non-error event that happens to carry these must not print them.
        let event = Event(kind: .json, payload: .null, error: "leftover", raw: [1, 2, 3])
        let object = try parsed(TailLine.json(event))
        XCTAssertEqual(object.members.map(\.key), contractKeys)
        XCTAssertNil(object["error"])
        XCTAssertNil(object["raw"])
    }

    func testHostileTextIsEscapedNotEmitted() throws {
        let hostile = "\u{1B}[2J\u{1B}]0;owned\u{07}\u{9B}31m\u{7F}\r\n\u{2028}"
        let event = Event(kind: .json, eventType: "evil" + hostile, eventTime: 1_567_780_272.608,
                          sessionId: hostile, clientId: hostile, summary: hostile,
                          payload: .object(JSONObject([.init(key: hostile, value: .string(hostile))])),
                          record: RecordMetadata(shard: hostile, sequence: hostile, partitionKey: hostile, arrival: 0))
        let line = TailLine.json(event)
        assertNoControlBytes(line)
        XCTAssertFalse(line.unicodeScalars.contains { $0.value == 0x2028 })
        XCTAssertTrue(line.contains(#"\u001b[2J"#))
        let object = try parsed(line)
        XCTAssertEqual(object["event_type"], .string("evil" + hostile))
        XCTAssertEqual(object["session_id"], .string(hostile))
        XCTAssertEqual(object["partition_key"], .string(hostile))
        XCTAssertEqual(object["event"]?[hostile], .string(hostile))
        XCTAssertEqual(object["arrival"], .string("1970-01-01T00:00:00.000Z"))

        // Text and binary records decoded from raw bytes.
        for bytes in [Array("log line \u{1B}[31mred\u{1B}[0m".utf8), [0x00, 0x1B, 0x9B, 0xFF]] {
            let decoded = EventDecoder().decode(RawRecord(data: bytes))
            XCTAssertEqual(decoded.count, 1)
            let text = TailLine.json(try XCTUnwrap(decoded.first))
            assertNoControlBytes(text)
            _ = try parsed(text)
        }
    }

    func testWriteAppendsToTheBuffer() {
        let event = Event(kind: .text, payload: .string("x"))
        var out = Array("prefix\n".utf8)
        TailLine.write(event, into: &out)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "prefix\n" + TailLine.json(event))
    }

    func testEveryDecodedEventGivesAParsableLine() throws {
        let payloads = [Base64.encode(Array(DecodingFixtures.pinpointEvent(type: "a").utf8)), "!!", Base64.encode([0xFF, 0x00])]
        let inputs: [[UInt8]] = [
            Array(DecodingFixtures.lambdaEvent(payloads).utf8),
            try DecodingFixtures.bytes("seed-pinpoint-event.json"),
            Array(#"{"name":"amp","attributes":{"k":"v"}}"#.utf8),
            Array("[1,2,{\"x\":null}]".utf8),
            [],
        ]
        var lines = 0
        for input in inputs {
            for event in EventDecoder().decode(RawRecord(data: input)) {
                let line = TailLine.json(event)
                let object = try parsed(line)
                XCTAssertEqual(object["kind"], .string(event.kind.rawValue))
                XCTAssertEqual(object.members.count, event.kind == .error ? 12 : 10, line)
                assertNoControlBytes(line)
                lines += 1
            }
        }
        XCTAssertEqual(lines, 7)
    }
}

/// A record cut at the record limit keeps its reason in its capture line and reads back as the
/// same error.
final class CutRecordCaptureTests: XCTestCase {
    func testTheErrorKeyRoundTrips() throws {
        let record = RawRecord(data: Array("{\"type\":\"huge\",\"pad\":\"xxxx".utf8), shard: "shardId-000000000001", sequence: "7",
                               failure: "line longer than 64 MiB (70,000,000 bytes), cut")
        let line = CaptureLine.json(record)
        XCTAssertTrue(line.hasSuffix(#","error":"line longer than 64 MiB (70,000,000 bytes), cut"}"#), line)
        let events = EventDecoder().decode(RawRecord(data: Array(line.utf8)))
        XCTAssertEqual(events.map(\.kind), [.error])
        XCTAssertEqual(events.first?.error, record.failure)
        XCTAssertEqual(events.first?.raw, record.data)
        XCTAssertEqual(events.first?.record.shard, "shardId-000000000001")
        XCTAssertEqual(EventDecoder().decode(record).map(\.error), [record.failure])
        XCTAssertFalse(CaptureLine.json(RawRecord(data: [1])).contains("error"), "ordinary records have no error key")
    }
}
