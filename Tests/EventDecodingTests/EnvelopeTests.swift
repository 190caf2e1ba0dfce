import CompressNIO
import Foundation
import NIOCore
import XCTest
@testable import EventDecoding

/// gzip for tests, through the same zlib the decoder uses.
enum TestGzip {
    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var input = ByteBuffer(bytes: bytes)
        // A fresh compressor on a valid buffer cannot fail.
        let output = try! input.compress(with: .gzip())
        return Array(output.readableBytesView)
    }
}

final class EnvelopeTests: XCTestCase {
    private let decoder = EventDecoder()

    private func decodeOne(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws -> Event {
        let events = decoder.decode(RawRecord(data: bytes))
        XCTAssertEqual(events.count, 1, "\(events)", file: file, line: line)
        return try XCTUnwrap(events.first, file: file, line: line)
    }

    private let pinpoint = Array(DecodingFixtures.pinpointEvent(type: "_session.start").utf8)

    func testDefaultDecoderHasEveryByteEnvelope() {
        let names = EventDecoder().byteEnvelopes.map { String(describing: type(of: $0)) }
        XCTAssertEqual(names, ["KPLEnvelope", "GzipEnvelope", "Base64Envelope"])
    }

    // MARK: - gzip

    func testGzipWrappedEvent() throws {
        let event = try decodeOne(TestGzip.compress(pinpoint))
        XCTAssertEqual(event.kind, .pinpointApp)
        XCTAssertEqual(event.eventType, "_session.start")
        XCTAssertEqual(event.envelopes, ["gzip"])
        XCTAssertNil(event.raw)
    }

    func testGzipOfTextAndBinary() throws {
        XCTAssertEqual(try decodeOne(TestGzip.compress(Array("a log line\n".utf8))).payload, .string("a log line"))
        let binary = try decodeOne(TestGzip.compress([0, 1, 2, 3]))
        XCTAssertEqual(binary.kind, .binary)
        XCTAssertEqual(binary.envelopes, ["gzip"])
    }

    func testTruncatedGzipIsAnErrorWithRawBytes() throws {
        let whole = TestGzip.compress(Array(String(repeating: #"{"a":1}"#, count: 200).utf8))
        for cut in [3, 10, whole.count / 2, whole.count - 8, whole.count - 1] {
            let truncated = Array(whole.prefix(cut))
            let event = try decodeOne(truncated)
            XCTAssertEqual(event.kind, .error, "cut at \(cut)")
            XCTAssertEqual(event.raw, truncated)
            let reason = try XCTUnwrap(event.error)
            XCTAssertTrue(reason.hasPrefix("gzip: "), reason)
        }
        XCTAssertEqual(try decodeOne(Array(whole.prefix(whole.count / 2))).error, "gzip: truncated stream")
    }

    func testCorruptGzipIsAnError() throws {
        var bytes = TestGzip.compress(pinpoint)
        bytes[bytes.count - 6] ^= 0xFF  // the CRC-32 in the trailer
        let event = try decodeOne(bytes)
        XCTAssertEqual(event.kind, .error)
        XCTAssertEqual(event.raw, bytes)
        XCTAssertEqual(event.error, "gzip: corrupt data")
    }

    func testGzipBombStopsAtTheLimit() throws {
        let zeros = [UInt8](repeating: 0, count: 4 << 20)
        let bomb = TestGzip.compress(zeros)
        XCTAssertLessThan(bomb.count, 10_000)
        let small = EventDecoder(byteEnvelopes: [GzipEnvelope(maxOutputBytes: 1 << 20)])
        let events = small.decode(RawRecord(data: bomb))
        XCTAssertEqual(events.map(\.kind), [.error])
        XCTAssertEqual(events.first?.error, "gzip: inflates to more than 1 MiB")
        XCTAssertEqual(events.first?.raw, bomb)
        // Under the default 64 MiB limit the same record inflates (to binary zeros).
        XCTAssertEqual(try decodeOne(bomb).kind, .binary)
    }

    func testConcatenatedGzipMembersAreReadInTurn() throws {
        let first = TestGzip.compress(Array(#"{"type":"a","n":1,"#.utf8))
        let second = TestGzip.compress(Array(#""m":2}"#.utf8))
        let event = try decodeOne(first + second)
        XCTAssertEqual(event.kind, .json)
        XCTAssertEqual(event.eventType, "a")
        XCTAssertEqual(event.payload["m"], .number("2"))
    }

    func testGzipTrailingGarbageIsAnErrorButZeroPaddingIsNot() throws {
        let member = TestGzip.compress(pinpoint)
        XCTAssertEqual(try decodeOne(member + [0, 0, 0, 0]).kind, .pinpointApp)
        let garbage = try decodeOne(member + Array("junk".utf8))
        XCTAssertEqual(garbage.kind, .error)
        XCTAssertEqual(garbage.error, "gzip: 4 bytes of trailing data after the compressed stream")
    }

    func testBytesThatOnlyLookLikeGzipStayBinary() throws {
        // 1f 8b followed by a compression method other than deflate is not gzip.
        XCTAssertEqual(try decodeOne([0x1F, 0x8B, 0x07, 0x00, 0x41]).kind, .binary)
        XCTAssertEqual(try decodeOne([0x1F, 0x8B]).kind, .binary)
    }

    // MARK: - base64

    func testBase64OfJSONIsUnwrapped() throws {
        let event = try decodeOne(Array(Base64.encode(pinpoint).utf8))
        XCTAssertEqual(event.kind, .pinpointApp)
        XCTAssertEqual(event.envelopes, ["base64"])
    }

    func testBase64OfGzipAndWrappedLines() throws {
        let encoded = Base64.encode(TestGzip.compress(pinpoint))
        // base64(1) wraps at 76 columns and ends with a newline.
        var wrapped = ""
        var rest = Substring(encoded)
        while !rest.isEmpty {
            wrapped += rest.prefix(76) + "\n"
            rest = rest.dropFirst(76)
        }
        let event = try decodeOne(Array(wrapped.utf8))
        XCTAssertEqual(event.kind, .pinpointApp)
        XCTAssertEqual(event.envelopes, ["base64", "gzip"])
    }

    func testBase64OfKPL() throws {
        let aggregate = KPLAggregate.encode([.init(partitionKey: "a", data: pinpoint), .init(partitionKey: "b", data: pinpoint)])
        let events = decoder.decode(RawRecord(data: Array(Base64.encode(aggregate).utf8)))
        XCTAssertEqual(events.map(\.envelopes), [["base64", "KPL record 1 of 2"], ["base64", "KPL record 2 of 2"]])
        XCTAssertEqual(events.map(\.record.partitionKey), ["a", "b"])
    }

    func testWordsAndUnrecognisedBase64StayText() throws {
        for text in ["Register", "deadbeef", "SGVsbG8gV29ybGQh", "abcdefghijklmnop", "ABCD", "aGk=",
                     Base64.encode(Array("just some words".utf8)), "eyJhIjox", "=abcdefg", "abcd=efg"] {
            let event = try decodeOne(Array(text.utf8))
            XCTAssertEqual(event.kind, .text, text)
            XCTAssertEqual(event.payload, .string(text), text)
            XCTAssertEqual(event.envelopes, [], text)
        }
        // Base64 of broken JSON is not recognised either: the text is shown as it came.
        let broken = Base64.encode(Array(#"{"a":"#.utf8))
        XCTAssertEqual(try decodeOne(Array(broken.utf8)).kind, .text)
    }

    // MARK: - chains and depth

    func testEnvelopeChainLabelsOutermostFirst() throws {
        let inner = KPLAggregate.encode([.init(partitionKey: "k", data: TestGzip.compress(pinpoint))])
        let lambda = DecodingFixtures.lambdaEvent([Base64.encode(inner)])
        let events = decoder.decode(RawRecord(data: TestGzip.compress(Array(lambda.utf8))))
        XCTAssertEqual(events.count, 1)
        XCTAssertEqual(events.first?.envelopes, ["gzip", "Lambda event", "KPL record 1 of 1", "gzip"])
        XCTAssertEqual(events.first?.kind, .pinpointApp)
        XCTAssertEqual(events.first?.record.partitionKey, "k")
        XCTAssertEqual(events.first?.record.subSequence, 0)
        XCTAssertEqual(events.first?.record.sequence, "49600")
    }

    func testNestedEnvelopesStopAtTheDepthLimit() throws {
        var bytes = pinpoint
        for _ in 0..<20 { bytes = TestGzip.compress(bytes) }
        let event = try decodeOne(bytes)
        XCTAssertEqual(event.kind, .error)
        XCTAssertEqual(event.error, "envelopes nested deeper than 8")
        XCTAssertEqual(event.envelopes.count, 9)
        XCTAssertNotNil(event.raw)

        var base64 = pinpoint
        for _ in 0..<20 { base64 = Array(Base64.encode(base64).utf8) }
        // Base64 of base64 is not unwrapped at all: only base64 that decodes straight to gzip, KPL or
        // JSON is, so there is no chain to limit.
        XCTAssertEqual(try decodeOne(base64).kind, .text)
    }

    func testAnEnvelopeThatFindsNothingIsNotSilent() throws {
        struct Empty: ByteEnvelope {
            func unwrap(_ bytes: [UInt8], metadata: RecordMetadata) -> EnvelopeResult? { .payloads([]) }
        }
        let events = EventDecoder(byteEnvelopes: [Empty()]).decode(RawRecord(data: [1, 2, 3]))
        XCTAssertEqual(events.map(\.kind), [.error])
        XCTAssertEqual(events.first?.raw, [1, 2, 3])
    }

    // MARK: - record containers

    func testGetRecordsFromAWSCLIv2WithISOArrival() throws {
        let data = Base64.encode(pinpoint)
        let text = #"{"Records":[{"SequenceNumber":"4959","ApproximateArrivalTimestamp":"2019-09-06T14:31:47.056000+00:00","#
            + #""Data":"\#(data)","PartitionKey":"pk"}]}"#
        let event = try decodeOne(Array(text.utf8))
        XCTAssertEqual(event.record.arrival, 1_567_780_307.056)
        XCTAssertEqual(event.record.partitionKey, "pk")
    }

    func testExponentArrivalInALambdaEvent() throws {
        let text = #"{"Records":[{"kinesis":{"data":"\#(Base64.encode(pinpoint))","approximateArrivalTimestamp":1.441215410867E9},"#
            + #""eventID":"shardId-000000000002:1"}]}"#
        let event = try decodeOne(Array(text.utf8))
        XCTAssertEqual(try XCTUnwrap(event.record.arrival), 1_441_215_410.867, accuracy: 1e-6)
        XCTAssertEqual(event.record.shard, "shardId-000000000002")
    }

    /// Kinesis stamps arrival when it stores the record; a Pinpoint client clock can be ahead of it.
    func testEventTimeLaterThanArrivalIsKeptAsWritten() throws {
        let future = DecodingFixtures.pinpointEvent(type: "x", eventMillis: 1_567_780_400_000)
        let text = #"{"Records":[{"Data":"\#(Base64.encode(Array(future.utf8)))","ApproximateArrivalTimestamp":1567780307.056}]}"#
        let event = try decodeOne(Array(text.utf8))
        XCTAssertEqual(event.eventTime, 1_567_780_400)
        XCTAssertEqual(event.record.arrival, 1_567_780_307.056)
    }

    // MARK: - options

    func testDecoderOptionsPutTheUsersPathsFirst() throws {
        let decoder = EventDecoder(options: DecoderOptions(typeField: "meta.kind", sessionField: "ctx.sess",
                                                           clientField: "ctx.user.id", timeField: "meta.at"))
        let text = #"{"type":"ignored","meta":{"kind":"order.placed","at":"2019-09-06T14:31:47.056Z"},"#
            + #""ctx":{"sess":"S9","user":{"id":"U3"}},"session_id":"other","timestamp":1}"#
        let event = try XCTUnwrap(decoder.decode(RawRecord(data: Array(text.utf8))).first)
        XCTAssertEqual(event.kind, .json)
        XCTAssertEqual(event.eventType, "order.placed")
        XCTAssertEqual(event.sessionId, "S9")
        XCTAssertEqual(event.clientId, "U3")
        XCTAssertEqual(try XCTUnwrap(event.eventTime), 1_567_780_307.056, accuracy: 1e-6)
        // Without the path present the conventional names still apply.
        let plain = try XCTUnwrap(decoder.decode(RawRecord(data: Array(#"{"type":"t","session_id":"s"}"#.utf8))).first)
        XCTAssertEqual(plain.eventType, "t")
        XCTAssertEqual(plain.sessionId, "s")
        // Pinpoint events keep their own fields.
        XCTAssertEqual(decoder.decode(RawRecord(data: pinpoint)).first?.kind, .pinpointApp)
    }

    func testEmptyOptionsAreTheDefaults() {
        let generic = DecoderOptions().genericClassifier
        let defaults = GenericJSONClassifier()
        XCTAssertEqual(generic.typeFields, defaults.typeFields)
        XCTAssertEqual(generic.timeFields, defaults.timeFields)
        XCTAssertEqual(DecoderOptions(typeField: "type").genericClassifier.typeFields.first, "type")
        XCTAssertEqual(DecoderOptions(typeField: "type").genericClassifier.typeFields.filter { $0 == "type" }.count, 1)
    }
}

/// zlib (RFC 1950) data, as some producers and test events compress with it instead of gzip.
final class ZlibEnvelopeTests: XCTestCase {
    /// `{"a":1}` compressed by Python's `zlib.compress(b'{"a":1}', 9)`.
    private let compressed: [UInt8] = [0x78, 0xDA, 0xAB, 0x56, 0x4A, 0x54, 0xB2, 0x32, 0xAC, 0x05, 0x00, 0x08, 0x2A, 0x02, 0x09]

    func testZlibDataIsUnwrapped() {
        let events = EventDecoder().decode(RawRecord(data: compressed))
        XCTAssertEqual(events.map(\.kind), [.json])
        XCTAssertEqual(events.first?.envelopes, ["zlib"])
        let plain = EventDecoder().decode(RawRecord(data: Array(#"{"a":1}"#.utf8)))
        XCTAssertEqual(events.first?.summary, plain.first?.summary)
    }

    func testTextThatStartsLikeAZlibHeaderStaysText() {
        let events = EventDecoder().decode(RawRecord(data: Array("x^2 + y^2 = 1".utf8)))
        XCTAssertEqual(events.map(\.kind), [.text])
    }
}
