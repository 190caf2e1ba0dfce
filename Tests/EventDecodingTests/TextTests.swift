import XCTest
@testable import EventDecoding

final class TextTests: XCTestCase {
    // MARK: - Base64

    func testBase64RFC4648Vectors() {
        let vectors = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
                       ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")]
        for (plain, encoded) in vectors {
            XCTAssertEqual(Base64.encode(Array(plain.utf8)), encoded)
            XCTAssertEqual(Base64.decode(encoded), Array(plain.utf8), encoded)
        }
    }

    func testBase64RoundTripsEveryByteAndLength() {
        let all = (0...255).map { UInt8($0) }
        XCTAssertEqual(Base64.decode(Base64.encode(all)), all)
        var generator = SystemRandomNumberGenerator()
        for length in 0..<40 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let encoded = Base64.encode(bytes)
            XCTAssertEqual(encoded.utf8.count % 4, 0)
            XCTAssertEqual(Base64.decode(encoded), bytes, encoded)
        }
        XCTAssertEqual(Base64.encode([0xFB, 0xFF, 0xBF]), "+/+/")
        XCTAssertEqual(Base64.decode("+/+/"), [0xFB, 0xFF, 0xBF])
    }

    func testBase64AcceptsUnpaddedInput() {
        XCTAssertEqual(Base64.decode("Zg"), Array("f".utf8))
        XCTAssertEqual(Base64.decode("Zm8"), Array("fo".utf8))
        XCTAssertEqual(Base64.decode("Zm9vYg"), Array("foob".utf8))
        XCTAssertEqual(Base64.decode(Substring("xxZm9vxx".dropFirst(2).dropLast(2))), Array("foo".utf8))
    }

    func testBase64RejectsInvalidInput() {
        let invalid = [
            "Z",            // one character cannot hold a byte
            "Zm9vY",        // nor can a trailing lone character
            "Z===",         // too much padding
            "Zm 9v",        // whitespace
            "Zm9v\n",       // a line break
            "Zm-_",         // URL-safe alphabet
            "Zg==Zg==",     // padding in the middle
            "Zm9v!",        // punctuation
            "Zé==",         // non-ASCII
        ]
        for text in invalid {
            XCTAssertNil(Base64.decode(text), text)
        }
        XCTAssertEqual(Base64.decode(""), [])
    }

    /// Padding that does not fit the length is not base64 either (RFC 4648 §3.2, §4): "strict
    /// standard base64" must not accept it as if it were right.
    func testBase64RejectsWrongPadding() {
        for text in ["=", "==", "Zg=", "Zm8==", "Zm9v=", "Zm9v==", "Zm9vYg="] {
            XCTAssertNil(Base64.decode(text), text)
        }
    }

    // MARK: - Sanitizer

    func testSanitizerShowsControlCharacters() {
        XCTAssertEqual(Sanitizer.visible("\u{1B}"), "␛")
        XCTAssertEqual(Sanitizer.visible("\u{1B}[2J"), "␛[2J")
        XCTAssertEqual(Sanitizer.visible("a\u{1B}[31mred\u{1B}[0m"), "a␛[31mred␛[0m")
        XCTAssertEqual(Sanitizer.visible("\u{1B}]0;pwned\u{07}"), "␛]0;pwned␇")
        XCTAssertEqual(Sanitizer.visible("\u{1B}]8;;http://x\u{1B}\\link"), "␛]8;;http://x␛\\link")
        XCTAssertEqual(Sanitizer.visible("\u{9B}2J"), "\\u009b2J")
        XCTAssertEqual(Sanitizer.visible("\u{9D}0;t\u{9C}"), "\\u009d0;t\\u009c")
        XCTAssertEqual(Sanitizer.visible("a\u{7F}b"), "a␡b")
        XCTAssertEqual(Sanitizer.visible("\u{0}"), "␀")
        XCTAssertEqual(Sanitizer.visible("line1\nline2\r\tend"), "line1␊line2␍␉end")
        XCTAssertEqual(Sanitizer.visible("\u{08}\u{08}"), "␈␈")
    }

    func testSanitizerShowsBidiAndLineSeparators() {
        XCTAssertEqual(Sanitizer.visible("a\u{202E}b"), "a\\u202eb")
        XCTAssertEqual(Sanitizer.visible("\u{2066}x\u{2069}"), "\\u2066x\\u2069")
        XCTAssertEqual(Sanitizer.visible("\u{200F}"), "\\u200f")
        XCTAssertEqual(Sanitizer.visible("a\u{2028}b\u{2029}"), "a\\u2028b\\u2029")
        XCTAssertEqual(Sanitizer.visible("\u{FEFF}x"), "\\ufeffx")
    }

    func testSanitizerLeavesOrdinaryTextAlone() {
        for text in ["", "hello world", "_session.start", "東京タワー", "café ñ ü", "🚀", "👩‍👩‍👧‍👦", "🇯🇵", "e\u{301}",
                     "\u{A0}non-breaking", "¡¿«»"] {
            XCTAssertEqual(Sanitizer.visible(text), text)
        }
    }

    func testSanitizedTextHasNoControlScalars() {
        var text = ""
        for v in 0..<0xA0 { text.unicodeScalars.append(Unicode.Scalar(UInt32(v))!) }
        let visible = Sanitizer.visible(text)
        XCTAssertFalse(visible.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
        XCTAssertTrue(visible.hasSuffix("\\u009f"))
    }

    // MARK: - Timestamp formatting

    func testISO8601Formatting() {
        XCTAssertEqual(Timestamp.iso8601(1_567_780_307.056), "2019-09-06T14:31:47.056Z")
        XCTAssertEqual(Timestamp.iso8601(1_567_780_272.608), "2019-09-06T14:31:12.608Z")
        XCTAssertEqual(Timestamp.iso8601(1_567_780_274.582), "2019-09-06T14:31:14.582Z")
        XCTAssertEqual(Timestamp.iso8601(0), "1970-01-01T00:00:00.000Z")
        XCTAssertEqual(Timestamp.iso8601(1_767_225_600), "2026-01-01T00:00:00.000Z")
        XCTAssertEqual(Timestamp.iso8601(951_782_400), "2000-02-29T00:00:00.000Z")
        XCTAssertEqual(Timestamp.iso8601(253_402_300_799), "9999-12-31T23:59:59.000Z")
    }

    func testISO8601BeforeTheEpoch() {
        XCTAssertEqual(Timestamp.iso8601(-0.001), "1969-12-31T23:59:59.999Z")
        XCTAssertEqual(Timestamp.iso8601(-1), "1969-12-31T23:59:59.000Z")
        XCTAssertEqual(Timestamp.iso8601(-86_400), "1969-12-31T00:00:00.000Z")
        XCTAssertEqual(Timestamp.iso8601(-86_400.5), "1969-12-30T23:59:59.500Z")
        XCTAssertEqual(Timestamp.iso8601(-2_208_988_800), "1900-01-01T00:00:00.000Z")
    }

    func testISO8601RoundsToTheNearestMillisecond() {
        XCTAssertEqual(Timestamp.iso8601(0.0625), "1970-01-01T00:00:00.063Z")
        XCTAssertEqual(Timestamp.iso8601(0.0004), "1970-01-01T00:00:00.000Z")
        XCTAssertEqual(Timestamp.iso8601(59.9996), "1970-01-01T00:01:00.000Z")
        XCTAssertEqual(Timestamp.iso8601(86_399.9999), "1970-01-02T00:00:00.000Z")
        XCTAssertEqual(Timestamp.iso8601(1_567_780_307.0559), "2019-09-06T14:31:47.056Z")
    }

    func testTimeOfDay() {
        XCTAssertEqual(Timestamp.timeOfDay(1_567_780_307.956), "14:31:47")
        XCTAssertEqual(Timestamp.timeOfDay(0), "00:00:00")
        XCTAssertEqual(Timestamp.timeOfDay(-1), "23:59:59")
    }

    // MARK: - Timestamp parsing

    func testParseISO8601() throws {
        let cases: [(String, Double)] = [
            ("2019-09-06T14:31:47.056Z", 1_567_780_307.056),
            ("2019-09-06T14:31:47Z", 1_567_780_307),
            ("2019-09-06T14:31Z", 1_567_780_260),
            ("2019-09-06T14:31:47z", 1_567_780_307),
            ("2019-09-06 14:31:47Z", 1_567_780_307),
            ("2019-09-06T14:31:47", 1_567_780_307),
            ("2019-09-06T23:31:47+09:00", 1_567_780_307),
            ("2019-09-06T23:31:47.056+09:00", 1_567_780_307.056),
            ("2019-09-06T09:01:47-0530", 1_567_780_307),
            ("2019-09-06T14:31:47+00:00", 1_567_780_307),
            ("2019-09-06T16:31:47+02", 1_567_780_307),
            ("2019-09-06T14:31:47.1Z", 1_567_780_307.1),
            ("2019-09-06T14:31:47.123456789Z", 1_567_780_307.123456789),
            ("1970-01-01T00:00:00Z", 0),
            ("1969-12-31T23:59:59.999Z", -0.001),
            ("2000-02-29T12:00:00Z", 951_825_600),
        ]
        for (text, expected) in cases {
            let parsed = try XCTUnwrap(Timestamp.parseISO8601(text), text)
            XCTAssertEqual(parsed, expected, accuracy: 1e-6, text)
        }
    }

    func testParseISO8601RejectsOtherText() {
        let invalid = [
            "", "hello", "2019-09-06", "2019-09-06T14", "2019-09-06T14:3", "1567780307",
            "2019-13-06T14:31:47Z", "2019-00-06T14:31:47Z", "2019-09-00T14:31:47Z", "2019-09-32T14:31:47Z",
            "2019-09-06T24:00:00Z", "2019-09-06T14:60Z", "2019-09-06T14:31:61Z",
            "2019-09-06T14:31:47.Z", "2019-09-06T14:31:47Zjunk", "2019-09-06T14:31:47 Z",
            "2019-09-06T14:31:47+9", "2019-09-06T14:31:47+09:0", "2019-09-06X14:31:47Z",
            "2019-9-06T14:31:47Z", "2019/09/06T14:31:47Z", "+2019-09-06T14:31:47Z",
            "２０１９-09-06T14:31:47Z",
        ]
        for text in invalid {
            XCTAssertNil(Timestamp.parseISO8601(text), text)
        }
    }

    func testISO8601RoundTrip() throws {
        for seconds in [0, 1_567_780_307.056, 1_767_225_600.999, -12_345.678, 4_102_444_800.001] {
            let text = Timestamp.iso8601(seconds)
            XCTAssertEqual(try XCTUnwrap(Timestamp.parseISO8601(text), text), seconds, accuracy: 1e-6, text)
        }
    }

    // MARK: - JSONWriter

    func testJSONWriterEscapesControlCharacters() {
        XCTAssertEqual(JSONValue.string("\u{1B}[2J").compactJSON(), #""\u001b[2J""#)
        XCTAssertEqual(JSONValue.string("\u{0}\u{1}\u{1F}").compactJSON(), #""\u0000\u0001\u001f""#)
        XCTAssertEqual(JSONValue.string("\u{7F}\u{9B}\u{2028}\u{2029}").compactJSON(), #""\u007f\u009b\u2028\u2029""#)
        XCTAssertEqual(JSONValue.string("a\"b\\c\nd\re\tf/").compactJSON(), #""a\"b\\c\nd\re\tf/""#)
        XCTAssertEqual(JSONValue.string("é東🚀").compactJSON(), "\"é東🚀\"")
    }

    func testJSONWriterNeverWritesARawControlByte() throws {
        var text = ""
        for v in 0..<0xA0 { text.unicodeScalars.append(Unicode.Scalar(UInt32(v))!) }
        text += "\u{2028}\u{2029}\u{202E}"
        let value = JSONValue.object(JSONObject([.init(key: text, value: .array([.string(text), .number("1"), .null]))]))
        for output in [value.compactJSON(), JSONWriter.prettyLines(value).joined(separator: "\n")] {
            let controls = output.unicodeScalars.filter {
                ($0.value < 0x20 && $0 != "\n") || (0x7F..<0xA0).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029
            }
            XCTAssertEqual(controls.count, 0, output)
        }
        // Escaping is lossless.
        XCTAssertEqual(try JSONParser.parse(Array(value.compactJSON().utf8)), value)
    }

    func testJSONWriterKeepsOrderAndNumberLexemes() throws {
        let text = #"{"z":1.441215410867E9,"a":[true,false,null],"m":{},"big":12345678901234567890123}"#
        let value = try JSONParser.parse(Array(text.utf8))
        XCTAssertEqual(value.compactJSON(), text)
        XCTAssertEqual(JSONWriter.prettyLines(value), [
            "{",
            #"  "z": 1.441215410867E9,"#,
            #"  "a": ["#,
            "    true,",
            "    false,",
            "    null",
            "  ],",
            #"  "m": {},"#,
            #"  "big": 12345678901234567890123"#,
            "}",
        ])
    }
}
