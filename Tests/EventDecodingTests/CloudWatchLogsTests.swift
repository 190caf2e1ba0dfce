import XCTest
@testable import EventDecoding

/// CloudWatch Logs subscription batches, gzipped as a subscription filter writes them to Kinesis
/// (fixtures from `Tests/Fixtures/decoding/cloudwatch/make_fixtures.py`).
final class CloudWatchLogsTests: XCTestCase {
    private let decoder = EventDecoder()
    private let metadata = RecordMetadata(shard: "shardId-000000000001", sequence: "4965", partitionKey: "f3a9", arrival: 1_714_550_405.5)

    private func record(_ bytes: [UInt8]) -> RawRecord {
        RawRecord(data: bytes, shard: metadata.shard, sequence: metadata.sequence, partitionKey: metadata.partitionKey,
                  arrival: metadata.arrival)
    }

    private func dataMessageEvents() throws -> [Event] {
        decoder.decode(record(try DecodingFixtures.bytes("decoding/cloudwatch/data-message.json.gz")))
    }

    func testOneEventPerLogEvent() throws {
        let events = try dataMessageEvents()
        XCTAssertEqual(events.map(\.kind), [.cloudwatchLogs, .cloudwatchLogs, .pinpointApp, .json, .cloudwatchLogs])
        let label = "CloudWatch Logs batch (5 events) from /aws/lambda/checkout"
        XCTAssertEqual(events[0].envelopes, ["gzip", label])
        XCTAssertEqual(events[2].envelopes, ["gzip", label])
        // All but the logged Lambda event, whose record has its own metadata.
        for event in events where event.envelopes.count == 2 {
            XCTAssertEqual(event.record.shard, metadata.shard)
            XCTAssertEqual(event.record.sequence, metadata.sequence)
            XCTAssertNil(event.error)
        }
    }

    func testPlainTextMessage() throws {
        let start = try dataMessageEvents()[0]
        XCTAssertEqual(start.eventType, "/aws/lambda/checkout", "no type field: the log group")
        XCTAssertEqual(start.payload, .string("START RequestId: 6a1f0c2e-9b8d-4e7f-a6c5-3b2d1e0f9a8b Version: $LATEST\n"))
        XCTAssertEqual(start.summary, "START RequestId: 6a1f0c2e-9b8d-4e7f-a6c5-3b2d1e0f9a8b Version: $LATEST")
        XCTAssertEqual(start.eventTime, 1_714_550_400.123)
        XCTAssertEqual(start.record.partitionKey, "f3a9")
        XCTAssertEqual(start.record.arrival, 1_714_550_405.5)
    }

    func testJSONMessageIsParsedAndTyped() throws {
        let warn = try dataMessageEvents()[1]
        XCTAssertEqual(warn.kind, .cloudwatchLogs)
        XCTAssertEqual(warn.eventType, "WARN")
        XCTAssertEqual(warn.payload["msg"], .string("slow payment provider"))
        XCTAssertEqual(warn.payload["ms"], .number("2311"))
        XCTAssertEqual(warn.sessionId, "s-77")
        XCTAssertEqual(warn.clientId, "u-77")
        XCTAssertEqual(warn.summary, "level=WARN msg=slow payment provider ms=2311")
        XCTAssertEqual(warn.eventTime, 1_714_550_400.456)
    }

    func testRecognisedEventsInsideMessagesAreThoseEvents() throws {
        let events = try dataMessageEvents()
        let pinpoint = events[2]
        XCTAssertEqual(pinpoint.eventType, "_session.start")
        XCTAssertEqual(pinpoint.sessionId, "s-logged")
        XCTAssertEqual(pinpoint.clientId, "c-logged")
        XCTAssertEqual(pinpoint.eventTime, 1_714_550_401)

        // A function that logged its Kinesis event: the records inside are unwrapped in turn.
        let logged = events[3]
        XCTAssertEqual(logged.eventType, "signup")
        XCTAssertEqual(logged.envelopes, ["gzip", "CloudWatch Logs batch (5 events) from /aws/lambda/checkout", "Lambda event"])
        XCTAssertEqual(logged.record.shard, "shardId-000000000004")
        XCTAssertEqual(logged.record.partitionKey, "pk-logged")
        XCTAssertEqual(logged.record.arrival, 1_714_550_402.5)
    }

    func testMessageThatOnlyLooksLikeJSONStaysText() throws {
        let broken = try dataMessageEvents()[4]
        XCTAssertEqual(broken.kind, .cloudwatchLogs)
        XCTAssertEqual(broken.payload, .string(#"{"broken": json"#))
        XCTAssertEqual(broken.eventType, "/aws/lambda/checkout")
    }

    func testControlMessageIsCountedNotShown() throws {
        let bytes = try DecodingFixtures.bytes("decoding/cloudwatch/control-message.json.gz")
        var report = DecodeReport()
        let events = decoder.decode(record(bytes), report: &report)
        XCTAssertEqual(events, [])
        XCTAssertEqual(report.controlMessages, 1)
        // Data batches leave the count alone; the report accumulates over calls.
        _ = decoder.decode(record(try DecodingFixtures.bytes("decoding/cloudwatch/data-message.json.gz")), report: &report)
        _ = decoder.decode(record(bytes), report: &report)
        XCTAssertEqual(report.controlMessages, 2)
    }

    func testUncompressedBatchAndBatchInALambdaEvent() throws {
        let json = try DecodingFixtures.bytes("decoding/cloudwatch/data-message.json")
        XCTAssertEqual(decoder.decode(record(json)).count, 5)
        let gz = try DecodingFixtures.bytes("decoding/cloudwatch/data-message.json.gz")
        let lambda = DecodingFixtures.lambdaEvent([Base64.encode(gz)])
        let events = decoder.decode(RawRecord(data: Array(lambda.utf8)))
        XCTAssertEqual(events.count, 5)
        XCTAssertEqual(events.first?.envelopes, ["Lambda event", "gzip", "CloudWatch Logs batch (5 events) from /aws/lambda/checkout"])
        XCTAssertEqual(events.first?.record.partitionKey, "pk-0")
    }

    func testUsersTypeFieldComesFirst() throws {
        let decoder = EventDecoder(options: DecoderOptions(typeField: "msg"))
        let events = decoder.decode(record(try DecodingFixtures.bytes("decoding/cloudwatch/data-message.json.gz")))
        XCTAssertEqual(events[1].eventType, "slow payment provider")
        XCTAssertEqual(events[0].eventType, "/aws/lambda/checkout")
    }

    func testMalformedBatchesAreErrorsNotSilence() throws {
        let empty = #"{"messageType":"DATA_MESSAGE","logGroup":"g","logEvents":[]}"#
        let emptyEvents = decoder.decode(record(TestGzip.compress(Array(empty.utf8))))
        XCTAssertEqual(emptyEvents.map(\.kind), [.error])
        XCTAssertEqual(emptyEvents.first?.error, "CloudWatch Logs batch without log events")
        XCTAssertEqual(emptyEvents.first?.raw, Array(empty.utf8))

        let noMessage = #"{"messageType":"DATA_MESSAGE","logGroup":"g","logEvents":[{"id":"1","timestamp":1},{"id":"2","timestamp":2,"message":"ok"}]}"#
        let events = decoder.decode(record(Array(noMessage.utf8)))
        XCTAssertEqual(events.map(\.kind), [.error, .cloudwatchLogs])
        XCTAssertEqual(events[0].error, "CloudWatch Logs log event without a string message")
        XCTAssertEqual(events[0].raw, Array(#"{"id":"1","timestamp":1}"#.utf8))
        XCTAssertEqual(events[1].envelopes, ["CloudWatch Logs batch (2 events) from g"])
    }

    func testOtherMessageTypesAreOrdinaryJSON() throws {
        let events = decoder.decode(record(Array(#"{"messageType":"SOMETHING","logEvents":[]}"#.utf8)))
        XCTAssertEqual(events.map(\.kind), [.json])
        let noEvents = decoder.decode(record(Array(#"{"messageType":"DATA_MESSAGE"}"#.utf8)))
        XCTAssertEqual(noEvents.map(\.kind), [.json])
    }

    func testBatchParsing() throws {
        let batch = try XCTUnwrap(CloudWatchLogsBatch(try JSONParser.parse(try DecodingFixtures.bytes("decoding/cloudwatch/data-message.json"))))
        XCTAssertEqual(batch.messageType, .data)
        XCTAssertEqual(batch.owner, "123456789012")
        XCTAssertEqual(batch.logStream, "2024/05/01/[$LATEST]0f3c5e7a9b1d4e2f")
        XCTAssertEqual(batch.subscriptionFilters, ["checkout-to-kinesis"])
        XCTAssertEqual(batch.logEvents.count, 5)
        let one = try XCTUnwrap(CloudWatchLogsBatch(try JSONParser.parse(Array(#"{"messageType":"DATA_MESSAGE","logEvents":[{}]}"#.utf8))))
        XCTAssertEqual(one.label, "CloudWatch Logs batch (1 event)")
    }
}

/// The CloudWatch Logs Lambda trigger event (`{"awslogs":{"data":"<base64 gzip>"}}`) holds the same
/// batch a subscription writes to Kinesis, and is unwrapped the same way.
final class CloudWatchLogsLambdaEventTests: XCTestCase {
    private let decoder = EventDecoder()

    func testTheTriggerEventIsUnwrappedLikeTheKinesisDeliveredBatch() throws {
        let gzipped = try DecodingFixtures.bytes("decoding/cloudwatch/data-message.json.gz")
        let trigger = #"{"awslogs": {"data": ""# + Base64.encode(gzipped) + #""}}"#
        let fromTrigger = decoder.decode(RawRecord(data: Array(trigger.utf8)))
        let fromKinesis = decoder.decode(RawRecord(data: gzipped))
        XCTAssertEqual(fromTrigger.count, 5)
        XCTAssertEqual(fromTrigger.map(\.kind), fromKinesis.map(\.kind))
        XCTAssertEqual(fromTrigger.map(\.eventType), fromKinesis.map(\.eventType))
        XCTAssertEqual(fromTrigger.map(\.summary), fromKinesis.map(\.summary))
        XCTAssertEqual(fromTrigger[0].envelopes.first, "CloudWatch Logs Lambda event")
    }

    func testBadTriggerDataIsAnErrorWithTheRecordsBytes() {
        let trigger = Array(#"{"awslogs":{"data":"%%%"}}"#.utf8)
        let events = decoder.decode(RawRecord(data: trigger))
        XCTAssertEqual(events.count, 1)
        XCTAssertEqual(events[0].kind, .error)
        XCTAssertEqual(events[0].raw, trigger)
    }

    func testAnObjectWithMoreThanAwslogsStaysOrdinaryJSON() {
        let events = decoder.decode(RawRecord(data: Array(#"{"awslogs":{"data":"eA=="},"user":"u"}"#.utf8)))
        XCTAssertEqual(events.map(\.kind), [.json])
    }
}

/// A record's data may start with a UTF-8 byte order mark (skipped), or be UTF-16/32 text (one
/// clear error with its bytes).
final class RecordTextEncodingTests: XCTestCase {
    private let decoder = EventDecoder()

    func testAByteOrderMarkInARecordIsSkipped() throws {
        let pinpoint = try DecodingFixtures.bytes("seed-pinpoint-event.json")
        let plain = decoder.decode(RawRecord(data: pinpoint))
        let marked = decoder.decode(RawRecord(data: [0xEF, 0xBB, 0xBF] + pinpoint))
        XCTAssertEqual(marked.map(\.kind), [.pinpointApp])
        XCTAssertEqual(marked.map(\.eventType), plain.map(\.eventType))
        let text = decoder.decode(RawRecord(data: [0xEF, 0xBB, 0xBF] + Array("hello".utf8)))
        XCTAssertEqual(text.map(\.summary), ["hello"])
    }

    func testUTF16AndUTF32AreOneErrorEachNamingTheEncoding() {
        let json = "{\"a\":1}"
        let cases: [(String, [UInt8])] = [
            ("UTF-16LE", json.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
            ("UTF-16BE", json.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }),
            ("UTF-16LE", [0xFF, 0xFE] + json.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
            ("UTF-32LE", json.unicodeScalars.flatMap { [UInt8($0.value & 0xFF), 0, 0, 0] }),
            ("UTF-32BE", [0, 0, 0xFE, 0xFF] + json.unicodeScalars.flatMap { [0, 0, 0, UInt8($0.value & 0xFF)] }),
        ]
        for (name, bytes) in cases {
            let events = decoder.decode(RawRecord(data: bytes))
            XCTAssertEqual(events.count, 1, name)
            XCTAssertEqual(events.first?.kind, .error, name)
            XCTAssertEqual(events.first?.error, "record data is \(name) text, not UTF-8")
            XCTAssertEqual(events.first?.raw, bytes, "the bytes are kept")
        }
    }

    func testBinaryThatIsNotTextStaysBinary() {
        let events = decoder.decode(RawRecord(data: [0x0A, 0x00, 0x12, 0x00, 0x9C, 0xFF]))
        XCTAssertEqual(events.map(\.kind), [.binary])
    }
}
