import XCTest
@testable import EventDecoding

final class JSONParserTests: XCTestCase {
    private func parse(_ text: String, maxDepth: Int = JSONParser.defaultMaxDepth) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8), maxDepth: maxDepth)
    }

    private func parseError(_ bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth,
                            file: StaticString = #filePath, line: UInt = #line) -> JSONParseError? {
        do {
            let value = try JSONParser.parse(bytes, maxDepth: maxDepth)
            XCTFail("expected an error, got \(value)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    private func parseError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONParseError? {
        parseError(Array(text.utf8), file: file, line: line)
    }

    // MARK: Values

    func testParsesEveryValueType() throws {
        XCTAssertEqual(try parse("null"), .null)
        XCTAssertEqual(try parse("true"), .bool(true))
        XCTAssertEqual(try parse("false"), .bool(false))
        XCTAssertEqual(try parse("42"), .number("42"))
        XCTAssertEqual(try parse(#""hi""#), .string("hi"))
        XCTAssertEqual(try parse("[]"), .array([]))
        XCTAssertEqual(try parse("{}"), .object(JSONObject()))
        XCTAssertEqual(try parse(" \t\r\n[ 1 , \"a\" , null , [ ] , { } ] \n"),
                       .array([.number("1"), .string("a"), .null, .array([]), .object(JSONObject())]))

        let value = try parse(#"{"a":{"b":[true,false,null,{"c":"d"}]},"e":-0.5}"#)
        XCTAssertEqual(value.value(atPath: "a.b")?[3]?["c"], .string("d"))
        XCTAssertEqual(value["a"]?["b"]?[0], .bool(true))
        XCTAssertEqual(value["e"], .number("-0.5"))
    }

    func testKeepsKeyOrderAndDuplicates() throws {
        let value = try parse(#"{"z":1,"a":2,"m":3,"a":4}"#)
        let object = try XCTUnwrap(value.object)
        XCTAssertEqual(object.members.map(\.key), ["z", "a", "m", "a"])
        XCTAssertEqual(object["a"], .number("4"))
    }

    func testKeepsNumberLexemes() throws {
        let lexemes = ["0", "-0", "1.441215410867E9", "1.5e-7", "2E+10", "-12.340", "1234567890123456789012345",
                       "-9223372036854775809", "0.0000001", "1e400"]
        for lexeme in lexemes {
            XCTAssertEqual(try parse(lexeme), .number(lexeme), lexeme)
            XCTAssertEqual(try parse("[\(lexeme)]"), .array([.number(lexeme)]), lexeme)
            XCTAssertEqual(try parse(#"{"n":\#(lexeme)}"#)["n"], .number(lexeme), lexeme)
        }
    }

    func testRejectsInvalidNumbers() {
        let cases: [(String, Int)] = [
            ("01", 1), ("-01", 2), ("1.", 2), (".5", 0), ("+1", 0), ("1e", 2), ("1e+", 3), ("-", 1),
            ("-a", 1), ("1.e5", 2), ("[1.]", 3), ("0x10", 1), ("NaN", 0), ("Infinity", 0), ("-Infinity", 1),
        ]
        for (text, offset) in cases {
            XCTAssertEqual(parseError(text)?.offset, offset, text)
        }
    }

    // MARK: Strings

    func testDecodesEscapes() throws {
        XCTAssertEqual(try parse(#""\"\\\/\b\f\n\r\t""#), .string("\"\\/\u{8}\u{C}\n\r\t"))
        XCTAssertEqual(try parse(#""a\u0041\u00e9\u20AC\u0000z""#), .string("aAé€\u{0}z"))
        XCTAssertEqual(try parse(#""plain \u00e9 then more plain text that is long""#),
                       .string("plain é then more plain text that is long"))
        XCTAssertNotNil(parseError(#""\x""#))
        XCTAssertNotNil(parseError(#""\u12G4""#))
        XCTAssertNotNil(parseError(#""\u12""#))
        XCTAssertNotNil(parseError(#""\"#))
    }

    func testDecodesSurrogatePairs() throws {
        XCTAssertEqual(try parse(#""\ud83d\ude00""#), .string("😀"))
        XCTAssertEqual(try parse(#""x\uD834\uDD1Ey""#), .string("x𝄞y"))
    }

    func testLoneSurrogatesBecomeReplacementCharacter() throws {
        XCTAssertEqual(try parse(#""\ud83d""#), .string("\u{FFFD}"))
        XCTAssertEqual(try parse(#""\ud83dx""#), .string("\u{FFFD}x"))
        XCTAssertEqual(try parse(#""\ude00a""#), .string("\u{FFFD}a"))
        XCTAssertEqual(try parse(#""\ud83d\u0041""#), .string("\u{FFFD}A"))
        XCTAssertEqual(try parse(#""\ud83d\ud83d\ude00""#), .string("\u{FFFD}😀"))
        XCTAssertEqual(try parse(#""\ud83d\n""#), .string("\u{FFFD}\n"))
    }

    func testAcceptsMultibyteUTF8() throws {
        let text = "héllo wörld — 日本語 😀 and a long tail to exercise the word-at-a-time scan"
        XCTAssertEqual(try parse("\"\(text)\""), .string(text))
        XCTAssertEqual(try parse("{\"\(text)\":\"\(text)\\n\(text)\"}")[text], .string("\(text)\n\(text)"))
    }

    func testRejectsInvalidUTF8() {
        let invalid: [[UInt8]] = [
            [0xFF], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xC3], [0xE2, 0x82], [0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
        ]
        for bad in invalid {
            // Offset points at the bad sequence, in plain and escaped strings alike.
            let plain = Array(#"{"k":"abcdefghij"#.utf8) + bad + Array(#"xyz"}"#.utf8)
            XCTAssertEqual(parseError(plain)?.offset, 16, "\(bad)")
            XCTAssertEqual(parseError(plain)?.reason, "invalid UTF-8 in string")
            let escaped = Array(#"{"k":"ab\ncdefgh"#.utf8) + bad + Array(#"xyz"}"#.utf8)
            XCTAssertEqual(parseError(escaped)?.offset, 16, "\(bad)")
            let key = Array(#"{"ab"#.utf8) + bad + Array(#"":1}"#.utf8)
            XCTAssertEqual(parseError(key)?.offset, 4, "\(bad)")
        }
    }

    func testUTF8ValidationMatchesStandardLibrary() {
        // Random strings of valid characters of every encoded length, half of them with a stray
        // byte or a broken sequence inserted, so that valid and invalid sequences land at every
        // position of the parser's eight-byte words.
        var random = SplitMix64(seed: 0x5EED)
        let valid: [[UInt8]] = ["a", "z", " ", "é", "߿", "ࠀ", "€", "\u{D7FF}", "\u{E000}", "\u{FFFF}", "😀",
                                "\u{10000}", "\u{10FFFF}"].map { Array($0.utf8) }
        let broken: [[UInt8]] = [[0x80], [0xBF], [0xC0, 0xAF], [0xC1, 0xBF], [0xC3], [0xE0, 0x9F, 0x80],
                                 [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
                                 [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xF0, 0x9F, 0x98]]
        var validNonASCII = 0
        for round in 0..<20_000 {
            var content: [UInt8] = []
            for _ in 0..<Int(random.next() % 12) {
                content += valid[Int(random.next() % UInt64(valid.count))]
            }
            if round % 2 == 0 {
                let cut = Int(random.next() % UInt64(content.count + 1))
                content.insert(contentsOf: broken[Int(random.next() % UInt64(broken.count))], at: cut)
            }
            let length = content.count
            // Every third string also goes down the escaped path, with a `\n` somewhere inside.
            var raw = content
            var decoded = content
            if round % 3 == 0 {
                let cut = Int(random.next() % UInt64(length + 1))
                raw.insert(contentsOf: Array(#"\n"#.utf8), at: cut)
                decoded.insert(0x0A, at: cut)
            }
            let expected = String(validating: decoded, as: UTF8.self)
            if expected != nil && content.contains(where: { $0 >= 0x80 }) { validNonASCII += 1 }
            do {
                let value = try JSONParser.parse([UInt8(ascii: "\"")] + raw + [UInt8(ascii: "\"")])
                XCTAssertEqual(value, expected.map(JSONValue.string), "accepted \(raw)")
            } catch {
                XCTAssertNil(expected, "rejected valid \(raw): \(error)")
            }
        }
        XCTAssertGreaterThan(validNonASCII, 500, "the generator should produce valid multibyte text too")
    }

    func testRandomInputNeverCrashes() {
        var random = SplitMix64(seed: 42)
        let alphabet = Array(#"{}[],:"\ \u0tfnrule1234567890-+.eE"#.utf8) + [0x0A, 0x00, 0xC3, 0xA9, 0xFF]
        var accepted = 0
        for _ in 0..<50_000 {
            let length = Int(random.next() % 16)
            let bytes = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            if (try? JSONParser.parse(bytes)) != nil { accepted += 1 }
        }
        XCTAssertGreaterThan(accepted, 0)
    }

    func testRejectsControlCharacterInString() {
        for byte: UInt8 in [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F] {
            let plain = Array(#""abcdefghijklmnop"#.utf8) + [byte] + Array(#"""#.utf8)
            XCTAssertEqual(parseError(plain)?.offset, 17, "\(byte)")
            let escaped = Array(#""a\tb"#.utf8) + [byte] + Array(#"""#.utf8)
            XCTAssertEqual(parseError(escaped)?.offset, 5, "\(byte)")
        }
        XCTAssertEqual(try JSONParser.parse(Array("\"\u{7F}\"".utf8)), .string("\u{7F}"))
    }

    func testRejectsUnterminatedString() {
        XCTAssertEqual(parseError(#"["abc"#)?.offset, 1)
        XCTAssertEqual(parseError(#"["abc\"#)?.reason, "unterminated string")
        XCTAssertEqual(parseError(#"["abc\n"#)?.reason, "unterminated string")
    }

    // MARK: Structure and errors

    func testRejectsTrailingGarbageWithOffset() {
        let error = parseError(#"{"a":1} x"#)
        XCTAssertEqual(error?.offset, 8)
        XCTAssertEqual(error?.reason, "unexpected data after the JSON value")
        XCTAssertEqual(parseError("1 2")?.offset, 2)
        XCTAssertEqual(parseError("truex")?.offset, 4)
        XCTAssertEqual(parseError("{}{}")?.offset, 2)
    }

    func testReportsStructuralErrors() {
        let cases: [(String, Int, String)] = [
            ("", 0, "unexpected end of input, expected a value"),
            ("   ", 3, "unexpected end of input, expected a value"),
            ("[1,]", 3, "expected a value"),
            (#"{"a":1,}"#, 7, "expected a string key"),
            (#"{"a" 1}"#, 5, "expected ':'"),
            (#"{"a":1 "b":2}"#, 7, "expected ',' or '}'"),
            ("[1 2]", 3, "expected ',' or ']'"),
            ("[1", 2, "unexpected end of input, expected ',' or ']'"),
            (#"{"a":1"#, 6, "unexpected end of input, expected ',' or '}'"),
            ("{1:2}", 1, "expected a string key"),
            ("tru", 0, "expected a value"),
            ("[nul]", 1, "expected a value"),
            ("]", 0, "expected a value"),
            ("[}", 1, "expected a value"),
        ]
        for (text, offset, reason) in cases {
            XCTAssertEqual(parseError(text), JSONParseError(offset: offset, reason: reason), text)
        }
    }

    func testErrorDescription() {
        let error = parseError(#"{"name":"kinesis" "x"}"#)
        XCTAssertEqual(error?.description, "invalid JSON at byte 18: expected ',' or '}'")
    }

    func testRejectsDeepNestingWithoutCrashing() {
        let deep = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        let error = parseError(deep)
        XCTAssertEqual(error?.offset, 512)
        XCTAssertEqual(error?.reason, "nesting deeper than 512 levels")

        // Balanced but too deep, and objects too.
        let balanced = deep + [UInt8](repeating: UInt8(ascii: "]"), count: 100_000)
        XCTAssertNotNil(parseError(balanced))
        let objects = Array(String(repeating: #"{"a":"#, count: 100_000).utf8)
        XCTAssertNotNil(parseError(objects))

        // With the limit lifted the parser still cannot overflow the stack: it is iterative.
        // (Kept to 10,000 levels because releasing the resulting value is itself recursive.)
        let lifted = Array(String(repeating: "[", count: 10_000).utf8) + Array(String(repeating: "]", count: 10_000).utf8)
        XCTAssertNoThrow(try JSONParser.parse(lifted, maxDepth: .max))
    }

    func testDepthLimitBoundary() throws {
        let nested = { (depth: Int) -> String in
            String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
        }
        XCTAssertNoThrow(try parse(nested(3), maxDepth: 3))
        XCTAssertEqual(parseError(Array(nested(4).utf8), maxDepth: 3)?.offset, 3)
        XCTAssertEqual(try parse("7", maxDepth: 0), .number("7"))
        XCTAssertNotNil(parseError(Array("[]".utf8), maxDepth: 0))
    }

    func testParsesObjectWith100000Keys() throws {
        var text = "{"
        for k in 0..<100_000 {
            if k > 0 { text += "," }
            text += "\"key\(k)\":\(k)"
        }
        text += "}"
        let object = try XCTUnwrap(try parse(text).object)
        XCTAssertEqual(object.count, 100_000)
        XCTAssertEqual(object.members[0].key, "key0")
        XCTAssertEqual(object.members[99_999], JSONObject.Member(key: "key99999", value: .number("99999")))
    }

    func testTruncatedInputNeverCrashes() throws {
        let document = Array(#"{"a":[1,-2.5e+3,true,false,null,"x\u00e9\ud83d\ude00y",{"b":{}}],"c":"d\n"}"#.utf8)
        XCTAssertNoThrow(try JSONParser.parse(document))
        for length in 0..<document.count {
            XCTAssertNotNil(parseError(Array(document[..<length])), "prefix of length \(length)")
        }
    }

    func testOverloadsAgree() throws {
        let bytes = Array(#"xx{"a":[1,"b"]}yy"#.utf8)
        let slice = bytes[2..<(bytes.count - 2)]
        let expected = try parse(#"{"a":[1,"b"]}"#)
        XCTAssertEqual(try JSONParser.parse(slice), expected)
        try Array(slice).withUnsafeBufferPointer { buffer in
            XCTAssertEqual(try JSONParser.parse(buffer), expected)
        }
        // Offsets are relative to the slice.
        XCTAssertEqual(parseSliceError(bytes[2...]), 13)
        XCTAssertThrowsError(try JSONParser.parse(UnsafeBufferPointer<UInt8>(start: nil, count: 0)))
    }

    private func parseSliceError(_ slice: ArraySlice<UInt8>) -> Int? {
        do {
            _ = try JSONParser.parse(slice)
            return nil
        } catch {
            return error.offset
        }
    }

    func testRoundTripThroughCompactWriter() throws {
        let documents = [
            #"{"event_type":"_session.start","ts":1.441215410867E9,"id":12345678901234567890,"#
                + #""attrs":{"s":"quote \" backslash \\ tab \t nl \n ctl \u0001 é 😀","empty":""},"#
                + #""list":[null,true,false,-0,1e-5,[],{}],"dup":1,"dup":2}"#,
            "[]",
            #""\u2028 line sep""#,
            "-1.5E-10",
        ]
        for document in documents {
            let value = try parse(document)
            let written = JSONWriter.compact(value)
            XCTAssertEqual(try parse(written), value, written)
        }
    }
}

/// A small deterministic generator, so that randomized tests fail the same way every run (shared
/// by this target's randomized tests).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
