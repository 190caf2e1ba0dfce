import Dispatch
import XCTest
@testable import EventDecoding

/// Hostile and broken records never crash or hang the decoder: each is shown as an `.error` event
/// with a reason and its raw bytes (or, when it is valid after all, decoded), and nothing is
/// dropped. Time bounds are generous so a debug build on a busy machine passes.
final class BadInputTests: XCTestCase {
    private let decoder = EventDecoder()

    private func timed<T>(_ limit: Double = 5, file: StaticString = #filePath, line: UInt = #line, _ body: () -> T) -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = body()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        XCTAssertLessThan(seconds, limit, "took \(seconds) s", file: file, line: line)
        return result
    }

    private func assertError(_ bytes: [UInt8], reasonPrefix: String, file: StaticString = #filePath, line: UInt = #line) {
        let events = timed(file: file, line: line) { decoder.decode(RawRecord(data: bytes, sequence: "7")) }
        XCTAssertEqual(events.count, 1, file: file, line: line)
        guard let event = events.first else { return }
        XCTAssertEqual(event.kind, .error, file: file, line: line)
        // Not XCTAssertEqual: a failure would print megabytes.
        XCTAssertTrue(event.raw == bytes, "raw is \(event.raw?.count ?? -1) bytes, not \(bytes.count)", file: file, line: line)
        XCTAssertEqual(event.record.sequence, "7", file: file, line: line)
        let reason = event.error ?? ""
        XCTAssertTrue(reason.hasPrefix(reasonPrefix), "\(reason)", file: file, line: line)
        // The tail line carries the reason and the bytes, as valid JSON.
        let tail = TailLine.json(event)
        XCTAssertNoThrow(try JSONParser.parse(Array(tail.utf8)), file: file, line: line)
        XCTAssertTrue(tail.contains(#""raw":"\#(Base64.encode(bytes))""#), file: file, line: line)
    }

    func testInvalidBase64InAContainer() throws {
        for data in ["not base64!!", "QUJD=", "QU=JD", "Q", "QUJDRA==="] {
            let text = #"{"Records":[{"Data":"\#(data)","PartitionKey":"pk"}]}"#
            let events = timed { decoder.decode(RawRecord(data: Array(text.utf8))) }
            XCTAssertEqual(events.map(\.kind), [.error], data)
            XCTAssertEqual(events.first?.error, "record data is not valid base64", data)
            XCTAssertTrue(String(decoding: events.first?.raw ?? [], as: UTF8.self).contains(data), data)
        }
    }

    func testTruncatedGzip() {
        let whole = TestGzip.compress(Array(DecodingFixtures.pinpointEvent(type: "x").utf8))
        assertError(Array(whole.prefix(whole.count - 3)), reasonPrefix: "gzip: truncated")
    }

    func testInvalidUTF8InJSON() {
        assertError(Array(#"{"event_type":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8), reasonPrefix: "invalid JSON")
        // Overlong encodings and surrogates are invalid UTF-8 too.
        assertError(Array(#"[""#.utf8) + [0xC0, 0xAF] + Array(#""]"#.utf8), reasonPrefix: "invalid JSON")
        assertError(Array(#"[""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""]"#.utf8), reasonPrefix: "invalid JSON")
    }

    func testInvalidUTF8ThatIsNotJSONIsBinaryNotDropped() throws {
        let bytes: [UInt8] = [0x68, 0x69, 0xFF, 0xFE, 0x20, 0x74, 0x68, 0x65, 0x72, 0x65]
        let events = decoder.decode(RawRecord(data: bytes))
        XCTAssertEqual(events.map(\.kind), [.binary])
        XCTAssertEqual(events.first?.payload, .string(Base64.encode(bytes)), "the bytes are all there")
    }

    func testMalformedJSON() {
        for text in [#"{"a":"#, #"{"a":1,}"#, #"[1 2]"#, #"{"a":01}"#, "{\"a\":\"\u{01}\"}", #"{"a":1}}"#, "[nul]"] {
            assertError(Array(text.utf8), reasonPrefix: "invalid JSON")
        }
    }

    func testMalformedJSONInsideEnvelopes() throws {
        let bad = Array(#"{"event_type":"#.utf8)
        let aggregate = KPLAggregate.encode([.init(partitionKey: "a", data: bad), .init(partitionKey: "b", data: Array("{}".utf8))])
        let events = decoder.decode(RawRecord(data: TestGzip.compress(aggregate)))
        XCTAssertEqual(events.map(\.kind), [.error, .json])
        XCTAssertEqual(events[0].raw, bad)
        XCTAssertEqual(events[0].envelopes, ["gzip", "KPL record 1 of 2"])
        XCTAssertEqual(events[0].record.partitionKey, "a")
        XCTAssertEqual(events[0].record.subSequence, 0)
    }

    func testTenMebibyteRecords() throws {
        let size = 10 << 20
        // Valid JSON with one huge string.
        var json = Array(#"{"type":"big","blob":""#.utf8)
        json += [UInt8](repeating: UInt8(ascii: "x"), count: size)
        json += Array(#""}"#.utf8)
        let big = timed { decoder.decode(RawRecord(data: json)) }
        XCTAssertEqual(big.map(\.kind), [.json])
        XCTAssertEqual(big.first?.eventType, "big")
        // The same, cut short.
        assertError(Array(json.prefix(size)), reasonPrefix: "invalid JSON")
        // Random-looking bytes.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let noise = (0..<size).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let binary = timed { decoder.decode(RawRecord(data: noise)) }
        XCTAssertEqual(binary.map(\.kind), [.binary])
        // Text, and text that is all base64 alphabet but not base64 of anything.
        let text = [UInt8](repeating: UInt8(ascii: "a"), count: size)
        XCTAssertEqual(timed { decoder.decode(RawRecord(data: text)) }.map(\.kind), [.text])
        // A 10 MiB gzip record of a 10 MiB event.
        XCTAssertEqual(timed { decoder.decode(RawRecord(data: TestGzip.compress(json))) }.map(\.kind), [.json])
    }

    func testJSONNestedHundredThousandDeep() {
        let depth = 100_000
        let nested = [UInt8](repeating: UInt8(ascii: "["), count: depth) + [UInt8](repeating: UInt8(ascii: "]"), count: depth)
        assertError(nested, reasonPrefix: "invalid JSON")
        let objects = Array(String(repeating: #"{"a":"#, count: depth).utf8) + Array("1".utf8)
            + [UInt8](repeating: UInt8(ascii: "}"), count: depth)
        assertError(objects, reasonPrefix: "invalid JSON")
        // The same depth behind gzip: the error keeps the bytes that failed, inside the envelope.
        let gzipped = timed { decoder.decode(RawRecord(data: TestGzip.compress(nested))) }
        XCTAssertEqual(gzipped.map(\.kind), [.error])
        XCTAssertEqual(gzipped.first?.envelopes, ["gzip"])
        XCTAssertTrue(gzipped.first?.raw == nested)
        // And as a CloudWatch log message.
        let message = String(repeating: "[", count: depth)
        let batch = #"{"messageType":"DATA_MESSAGE","logGroup":"g","logEvents":[{"id":"1","timestamp":1,"message":"\#(message)"}]}"#
        let events = timed { decoder.decode(RawRecord(data: Array(batch.utf8))) }
        XCTAssertEqual(events.map(\.kind), [.cloudwatchLogs], "a message that is not JSON is shown as text")
    }

    func testAttributeMapWithHundredThousandKeysDecodesQuickly() throws {
        var text = #"{"event_type":"bulk","event_timestamp":1567780272608,"arrival_timestamp":1567780274582,"#
            + #""client":{"client_id":"c"},"attributes":{"#
        text += (0..<100_000).map { #""k\#($0)":"v\#($0)""# }.joined(separator: ",")
        text += #"}}"#
        let events = timed { decoder.decode(RawRecord(data: Array(text.utf8))) }
        XCTAssertEqual(events.count, 1)
        let event = try XCTUnwrap(events.first)
        XCTAssertEqual(event.kind, .pinpointApp)
        XCTAssertEqual(event.summary, "k0=v0 k1=v1 k2=v2")
        XCTAssertEqual(event.payload["attributes"]?.object?.count, 100_000)
        XCTAssertEqual(event.payload["attributes"]?["k99999"], .string("v99999"))
        // The whole document as generic JSON with a hundred thousand top-level keys, too.
        let flat = "{" + (0..<100_000).map { #""k\#($0)":\#($0)"# }.joined(separator: ",") + "}"
        let generic = timed { decoder.decode(RawRecord(data: Array(flat.utf8))) }
        XCTAssertEqual(generic.map(\.kind), [.json])
        // And its tail line is written in time as well.
        XCTAssertGreaterThan(timed { TailLine.json(event) }.utf8.count, 1_000_000)
    }

    func testEmptyAndWhitespace() {
        assertError([], reasonPrefix: "empty record")
        assertError(Array("\n\n".utf8), reasonPrefix: "empty record")
        let gzipped = decoder.decode(RawRecord(data: TestGzip.compress([])))
        XCTAssertEqual(gzipped.map(\.kind), [.error])
        XCTAssertEqual(gzipped.first?.error, "empty record")
        XCTAssertEqual(gzipped.first?.envelopes, ["gzip"])
    }

    /// A sample of everything above in one batch: every record is accounted for by events.
    func testNothingIsSilentlyDropped() {
        let inputs: [[UInt8]] = [
            [], Array("{".utf8), [0xFF], TestGzip.compress(Array("{}".utf8)).dropLast(4).map { $0 },
            KPLAggregate.encode([]), Array(#"{"Records":[{"Data":"%%"}]}"#.utf8),
            Array(#"{"messageType":"DATA_MESSAGE","logEvents":[]}"#.utf8),
            Array(#"{"messageType":"DATA_MESSAGE","logEvents":[1,2]}"#.utf8),
        ]
        for (index, input) in inputs.enumerated() {
            let events = decoder.decode(RawRecord(data: input))
            XCTAssertFalse(events.isEmpty, "input \(index) gave no event")
            for event in events where event.kind == .error {
                XCTAssertNotNil(event.raw, "input \(index)")
                XCTAssertFalse(event.error?.isEmpty ?? true, "input \(index)")
            }
        }
    }
}
