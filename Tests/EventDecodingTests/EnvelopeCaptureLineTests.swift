import XCTest
@testable import EventDecoding

/// `CaptureLine` writes what `RecordContainer` reads back: decoding a capture line gives the events
/// the raw record gave, behind one "capture line" envelope.
final class EnvelopeCaptureLineTests: XCTestCase {
    private let decoder = EventDecoder()

    func testLineFormat() throws {
        let record = RawRecord(data: Array("hi".utf8), shard: "shardId-000000000000", sequence: "4959",
                               partitionKey: "pk \"quoted\" \u{1B}[2J", arrival: 1_567_780_307.056)
        let line = CaptureLine.json(record)
        XCTAssertEqual(line, #"{"shard":"shardId-000000000000","sequence":"4959","partition_key":"pk \"quoted\" \u001b[2J","#
                       + #""arrival":"2019-09-06T14:31:47.056Z","data":"aGk="}"#)
        XCTAssertEqual(CaptureLine.json(RawRecord(data: [])),
                       #"{"shard":null,"sequence":null,"partition_key":null,"arrival":null,"data":""}"#)
        // Unrepresentable arrival times are written as null rather than as a made-up date.
        XCTAssertTrue(CaptureLine.json(RawRecord(data: [1], arrival: .infinity)).contains(#""arrival":null"#))
        var out: [UInt8] = Array("x".utf8)
        CaptureLine.write(record, into: &out)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "x" + line)
    }

    func testRoundTripGivesTheSameEvents() throws {
        let cloudwatch = try DecodingFixtures.bytes("decoding/cloudwatch/data-message.json.gz")
        let kpl = try DecodingFixtures.bytes("decoding/kpl/mixed-keys.bin")
        let records: [RawRecord] = [
            RawRecord(data: Array(DecodingFixtures.pinpointEvent(type: "_session.start").utf8), shard: "shardId-000000000001",
                      sequence: "49599259535682552348557865618060497301418154171654209538", partitionKey: "-1667896638",
                      arrival: 1_567_780_307.056),
            RawRecord(data: kpl, shard: "shardId-000000000002", sequence: "1", partitionKey: "user-7", arrival: 1_714_550_403.25),
            RawRecord(data: cloudwatch, shard: "shardId-000000000003", sequence: "2", partitionKey: "f3", arrival: 1_714_550_405),
            RawRecord(data: Array("plain text ✓\n".utf8)),
            RawRecord(data: [0, 1, 2, 0xFF], partitionKey: "キー"),
            RawRecord(data: Array(#"{"a":"#.utf8), sequence: "3", arrival: 0.001),
            RawRecord(data: [], shard: "shardId-000000000009"),
        ]
        for record in records {
            let direct = decoder.decode(record)
            let viaCapture = decoder.decode(RawRecord(data: Array(CaptureLine.json(record).utf8)))
            XCTAssertEqual(viaCapture.count, direct.count)
            for (captured, original) in zip(viaCapture, direct) {
                XCTAssertEqual(captured.envelopes.first, "capture line")
                var unwrapped = captured
                unwrapped.envelopes.removeFirst()
                XCTAssertEqual(unwrapped, original)
            }
        }
    }

    func testCaptureOfACaptureIsTwoEnvelopesDeep() throws {
        let inner = CaptureLine.json(RawRecord(data: Array(#"{"type":"t"}"#.utf8), sequence: "1"))
        let outer = CaptureLine.json(RawRecord(data: Array(inner.utf8), sequence: "2"))
        let event = try XCTUnwrap(decoder.decode(RawRecord(data: Array(outer.utf8))).first)
        XCTAssertEqual(event.envelopes, ["capture line", "capture line"])
        XCTAssertEqual(event.record.sequence, "1")
        XCTAssertEqual(event.eventType, "t")
    }
}
