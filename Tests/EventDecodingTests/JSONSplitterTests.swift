import XCTest
@testable import EventDecoding

final class JSONSplitterTests: XCTestCase {
    private typealias Piece = JSONSplitter.Piece

    private func json(_ text: String) -> Piece { .json(Array(text.utf8)) }
    private func text(_ text: String) -> Piece { .text(Array(text.utf8)) }

    /// Feeds `input` in chunks of the given sizes (cycled) and collects every piece, including
    /// those produced by `finish()`.
    private func split(_ input: [UInt8], chunkSizes: [Int] = [Int.max],
                       splitter: JSONSplitter = JSONSplitter()) -> [Piece] {
        var splitter = splitter
        var pieces: [Piece] = []
        var offset = 0
        var sizeIndex = 0
        while offset < input.count {
            let size = min(chunkSizes[sizeIndex % chunkSizes.count], input.count - offset)
            sizeIndex += 1
            splitter.append(input[offset..<(offset + size)])
            offset += size
            while let piece = splitter.next() { pieces.append(piece) }
        }
        while let piece = splitter.finish() { pieces.append(piece) }
        return pieces
    }

    private func split(_ input: String, chunkSizes: [Int] = [Int.max]) -> [Piece] {
        split(Array(input.utf8), chunkSizes: chunkSizes)
    }

    func testSplitsNDJSON() {
        let input = #"{"a":1}"# + "\n" + #"[1,2]"# + "\n" + #"{"b":{"c":[]}}"# + "\n"
        XCTAssertEqual(split(input), [json(#"{"a":1}"#), json("[1,2]"), json(#"{"b":{"c":[]}}"#)])
    }

    func testSplitsValuesOnOneLineAndWithoutNewlines() {
        XCTAssertEqual(split(#"{"a":1}{"b":2} [3]"#), [json(#"{"a":1}"#), json(#"{"b":2}"#), json("[3]")])
    }

    func testSplitsPrettyPrintedValuesBackToBack() {
        let first = """
        {
          "name": "one",
          "nested": {
            "list": [
              1,
              2
            ]
          }
        }
        """
        let second = """
        [
          {
            "x": "}"
          }
        ]
        """
        XCTAssertEqual(split(first + "\n" + second + "\n"), [json(first), json(second)])
        XCTAssertEqual(split(first + second), [json(first), json(second)])
        XCTAssertEqual(split("\n\n" + first + "\n\n\n" + second), [json(first), json(second)])
    }

    func testStringsContainingBracketsAndEscapedQuotes() {
        let tricky = #"{"a":"}","b":"\"}","c":"\\","d":"[[[","e":"\\\"]"}"#
        XCTAssertEqual(split(tricky + "\n" + #"{"f":1}"#), [json(tricky), json(#"{"f":1}"#)])
        let array = #"["]",{"k":"{"},"\\"]"#
        XCTAssertEqual(split(array + array), [json(array), json(array)])
    }

    func testTextLinesAndBlankLines() {
        let input = "starting up\n\n   \n" + #"{"a":1}"# + "\nERROR something \"broke\" {here}\n42\n\n" + #"[true]"# + "\n"
        XCTAssertEqual(split(input), [
            text("starting up"),
            json(#"{"a":1}"#),
            text(#"ERROR something "broke" {here}"#),
            text("42"),
            json("[true]"),
        ])
    }

    func testCRLFLineEndings() {
        let input = "{\"a\":1}\r\n[2]\r\nplain text\r\n\r\n{\r\n  \"b\": 3\r\n}\r\nlast line\r\n"
        XCTAssertEqual(split(input), [
            json(#"{"a":1}"#), json("[2]"), text("plain text"), json("{\r\n  \"b\": 3\r\n}"), text("last line"),
        ])
    }

    func testUnterminatedValueAtEndBecomesText() {
        XCTAssertEqual(split(#"{"a":1}"# + "\n" + #"{"b":[1,2"# + "\n"),
                       [json(#"{"a":1}"#), text(#"{"b":[1,2"#)])
        XCTAssertEqual(split(#"{"s":"never closed}"#), [text(#"{"s":"never closed}"#)])
        XCTAssertEqual(split("trailing text without newline"), [text("trailing text without newline")])
        XCTAssertEqual(split("trailing text\r"), [text("trailing text")])
    }

    func testTruncatedLineDoesNotSwallowTheLinesAfterIt() {
        let input = #"{"a":{"b":1"# + "\n" + "log line\n" + #"{"c":2}"# + "\n" + #"{"s":"cut"# + "\n" + #"[3]"# + "\n"
        let expected = [text(#"{"a":{"b":1"#), text("log line"), json(#"{"c":2}"#), text(#"{"s":"cut"#), json("[3]")]
        XCTAssertEqual(split(input), expected)
        // The decision waits for the byte after the newline, wherever the chunks are cut.
        for size in 1...7 { XCTAssertEqual(split(input, chunkSizes: [size]), expected, "chunks of \(size)") }
    }

    func testIndentedPrettyPrintedValuesAreNotCut() {
        let pretty = "{\n  \"a\": {\n    \"b\": [\n      1\n    ]\n  }\n}\n{\"c\":2}\n"
        XCTAssertEqual(split(pretty), [json("{\n  \"a\": {\n    \"b\": [\n      1\n    ]\n  }\n}"), json(#"{"c":2}"#)])
        // Python's json.dumps(indent=0) indents nothing; such values open with a bare bracket line.
        let flat = "{\n\"a\": {\n\"b\": [\n1\n]\n}\n}\n"
        XCTAssertEqual(split(flat), [json("{\n\"a\": {\n\"b\": [\n1\n]\n}\n}")])
    }

    func testFinishResetsAndReturnsNilWhenEmpty() {
        var splitter = JSONSplitter()
        XCTAssertNil(splitter.next())
        XCTAssertNil(splitter.finish())
        splitter.append(Array("  \n\r\n".utf8))
        XCTAssertNil(splitter.next())
        XCTAssertNil(splitter.finish())

        splitter.append(Array(#"{"a":"#.utf8))
        XCTAssertNil(splitter.next())
        XCTAssertEqual(splitter.finish(), text(#"{"a":"#))
        XCTAssertNil(splitter.finish())

        // Usable again after finishing.
        splitter.append(Array("[1]".utf8))
        XCTAssertEqual(splitter.next(), json("[1]"))
        XCTAssertNil(splitter.finish())
    }

    func testFinishReturnsRemainingCompletePiecesFirst() {
        var splitter = JSONSplitter()
        splitter.append(Array("[1]\n[2]\nabc".utf8))
        XCTAssertEqual(splitter.finish(), json("[1]"))
        XCTAssertEqual(splitter.finish(), json("[2]"))
        XCTAssertEqual(splitter.finish(), text("abc"))
        XCTAssertNil(splitter.finish())
    }

    func testValuesSplitAcrossChunksAtEveryBytePosition() {
        let input = Array((#"{"a":"x\"}y","b":[1,{"c":"\\"}]}"# + "\r\n" + "note: hi\n" + "[\n  \"é😀\",\n  {}\n]"
            + #"{"z":null}"# + "\n" + #"{"open":"#).utf8)
        let expected = split(input)
        XCTAssertEqual(expected, [
            json(#"{"a":"x\"}y","b":[1,{"c":"\\"}]}"#), text("note: hi"), json("[\n  \"é😀\",\n  {}\n]"),
            json(#"{"z":null}"#), text(#"{"open":"#),
        ])
        for cut in 0...input.count {
            XCTAssertEqual(split(input, chunkSizes: [cut, Int.max]), expected, "cut at \(cut)")
        }
        XCTAssertEqual(split(input, chunkSizes: [1]), expected)
        XCTAssertEqual(split(input, chunkSizes: [3, 1, 7, 2]), expected)
    }

    func testEveryJSONPieceParses() throws {
        let input = #"{"a":[1,2,{"b":"]"}]}"# + "\n" + "[\"\\\"\"]" + "\n"
        for piece in split(input) {
            guard case .json(let bytes) = piece else { return XCTFail("unexpected \(piece)") }
            XCTAssertNoThrow(try JSONParser.parse(bytes))
        }
    }

    func testOversizedUnclosedValueIsOneTooLongPiece() {
        let big = #"{"a":"0123456789012345678901234567890123456789"#
        for chunk in [1, 8, 1 << 20] {
            let pieces = split(Array((big + "\n" + #"{"ok":1}"#).utf8), chunkSizes: [chunk],
                               splitter: JSONSplitter(maxValueBytes: 16))
            // The raw newline ends the broken value; later input still splits.
            XCTAssertEqual(pieces, [.tooLong(prefix: Array(big.utf8.prefix(16)), length: big.utf8.count, limit: 16),
                                    json(#"{"ok":1}"#)], "chunks of \(chunk)")
        }
        XCTAssertEqual(JSONSplitter().maxValueBytes, 64 << 20)
    }

    func testOversizedTextLineIsOneTooLongPieceAndTheNextLineSplits() {
        let line = String(repeating: "x", count: 100)
        for chunk in [1, 10, 1 << 20] {
            let pieces = split(Array((line + "\r\n[1]\nshort\n").utf8), chunkSizes: [chunk],
                               splitter: JSONSplitter(maxValueBytes: 16))
            XCTAssertEqual(pieces, [.tooLong(prefix: Array(repeating: UInt8(ascii: "x"), count: 16), length: 100, limit: 16),
                                    json("[1]"), text("short")], "chunks of \(chunk)")
        }
    }

    func testOversizedValueThatClosesIsCutAtItsRealEnd() {
        let value = #"{"k":""# + String(repeating: "}", count: 50) + #"","n":[1,{"m":2}]}"#
        let pretty = "[\n  " + String(repeating: "\"]\",", count: 20) + "\n  0\n]"
        let input = value + "\n" + #"{"ok":1}"# + "\n" + pretty + "\n[2]"
        for chunk in [1, 7, 64, 1 << 20] {
            let pieces = split(Array(input.utf8), chunkSizes: [chunk], splitter: JSONSplitter(maxValueBytes: 32))
            XCTAssertEqual(pieces, [
                .tooLong(prefix: Array(value.utf8.prefix(32)), length: value.utf8.count, limit: 32),
                json(#"{"ok":1}"#),
                .tooLong(prefix: Array(pretty.utf8.prefix(32)), length: pretty.utf8.count, limit: 32),
                json("[2]"),
            ], "chunks of \(chunk)")
        }
    }

    func testOversizedInputWithoutLineEndIsOneTooLongPieceAtTheEnd() {
        let zeros = [UInt8](repeating: 0, count: 10_000)
        let pieces = split(zeros, chunkSizes: [999], splitter: JSONSplitter(maxValueBytes: 100))
        XCTAssertEqual(pieces, [.tooLong(prefix: Array(zeros.prefix(100)), length: 10_000, limit: 100)])
        let prefix = [UInt8](repeating: UInt8(ascii: "a"), count: 5000)
        XCTAssertEqual(split(prefix + [UInt8](repeating: 0, count: 20_000), chunkSizes: [4096],
                             splitter: JSONSplitter(maxValueBytes: 8192)),
                       [.tooLong(prefix: Array(prefix.prefix(JSONSplitter.tooLongPrefixBytes)), length: 25_000, limit: 8192)])
    }

    func testBytesOverTheLimitAreNotHeld() {
        var splitter = JSONSplitter(maxValueBytes: 1 << 16)
        let chunk = [UInt8](repeating: UInt8(ascii: "y"), count: 4096)
        var most = 0
        for round in 0..<1000 {
            splitter.append(round == 0 ? [UInt8(ascii: "{"), UInt8(ascii: "\"")] + chunk : chunk)
            XCTAssertNil(splitter.next())
            most = max(most, splitter.bufferedBytes)
        }
        XCTAssertLessThanOrEqual(most, (1 << 16) + 2 * 4096 + 2)
        splitter.append(Array("\"}\n{}".utf8))
        guard case .tooLong(_, let length, _)? = splitter.next() else { return XCTFail("no cut piece") }
        XCTAssertEqual(length, 1000 * 4096 + 4)
        XCTAssertEqual(splitter.finish(), json("{}"))
    }

    func testTooLongReasonSaysTheLimitAndTheLength() {
        XCTAssertEqual(JSONSplitter.Piece.tooLong(prefix: [], length: 70_000_000, limit: 64 << 20).reason,
                       "line longer than 64 MiB (70,000,000 bytes), cut")
        XCTAssertEqual(JSONSplitter.Piece.tooLong(prefix: [], length: 1_234, limit: 1_000).reason,
                       "line longer than 1000 bytes (1,234 bytes), cut")
        XCTAssertEqual(JSONSplitter.Piece.tooLong(prefix: [], length: 5_000, limit: 3 << 10).reason,
                       "line longer than 3 KiB (5,000 bytes), cut")
        XCTAssertNil(json("{}").reason)
    }

    /// String contents are skipped a word at a time; put the bytes that matter (quote, backslash,
    /// newline, brackets, control bytes, non-ASCII) at every offset within a word, and cut the
    /// input at every byte.
    func testLongStringsWithTheBytesThatMatterAtEveryOffset() {
        for pad in 0..<9 {
            let x = String(repeating: "x", count: pad)
            let valid = [
                #"{"a":"\#(x)\"\#(x)\\\#(x)}\#(x)]\#(x){","b":"\#(x)\\"}"#,
                "{\"c\":\"\(x)\u{1}\t\(x)é😀\(x)\\\\\(x)\\\"\"}",
                #"["\#(x)\\\#(x)","\#(x)"]"#,
            ]
            let broken = #"{"s":"\#(x)cut\#(x)"# + "\n" + #"{"t":"\#(x)\"# + "\n"
            let input = Array((valid.joined(separator: "\n") + "\n" + broken + "[1]\n").utf8)
            let expected = valid.map(json) + [text(#"{"s":"\#(x)cut\#(x)"#), text(#"{"t":"\#(x)\"#), json("[1]")]
            XCTAssertEqual(split(input), expected, "pad \(pad)")
            for cut in 0...input.count {
                XCTAssertEqual(split(input, chunkSizes: [cut, Int.max]), expected, "pad \(pad), cut at \(cut)")
            }
            XCTAssertEqual(split(input, chunkSizes: [1]), expected, "pad \(pad), one byte at a time")
        }
    }

    /// Values are scanned 64 bytes at a time when the buffer holds that many (`ks_scan_structure`)
    /// and a byte at a time otherwise; fed a byte at a time, the splitter never has 64 bytes
    /// ahead of it. Random soup of the bytes that matter, including invalid JSON, unbalanced
    /// brackets, runs of backslashes and newlines, must be cut the same way both ways.
    func testBlockScanAgreesWithTheByteScanOnRandomInput() {
        var random = SplitMix64(seed: 0x5eed)
        let alphabet = Array("{}[]\"\\\n  \tax:,é\r".utf8)
        for round in 0..<400 {
            var input: [UInt8] = []
            let length = 60 + Int(random.next() % 700)
            while input.count < length {
                let roll = random.next() % 10
                if roll < 2 {
                    // A run of plain string bytes long enough to fill a block.
                    input += [UInt8](repeating: UInt8(ascii: "s"), count: Int(random.next() % 90))
                } else if roll == 2 {
                    input += Array(#"{"k":"v","n":[1,2,{"m":"}]"}]}"#.utf8)
                } else {
                    input.append(alphabet[Int(random.next() % UInt64(alphabet.count))])
                }
            }
            let oneByteAtATime = split(input, chunkSizes: [1])
            XCTAssertEqual(split(input), oneByteAtATime, "round \(round): \(String(decoding: input, as: UTF8.self))")
            XCTAssertEqual(split(input, chunkSizes: [97, 13]), oneByteAtATime, "round \(round), chunks 97+13")
        }
    }

    /// Brackets and quotes at every offset of a 64-byte block, on both sides of a block boundary.
    func testBlockScanFindsTheCloseAtEveryOffset() {
        for offset in 0..<130 {
            let filler = String(repeating: "a", count: offset)
            let inputs = [
                #"{"s":"\#(filler)"}"# + "\n" + #"{"t":1}"#,
                #"{"s":"\#(filler)}]\"{["}"# + "\n[2]",
                #"{"s":[\#(String(repeating: "1,", count: offset))1],"u":"x"}"# + "\n",
                #"{"s":"\#(filler)\\"}"# + "\n" + #"{"t":"\\\""}"#,
            ]
            for input in inputs {
                let bytes = Array(input.utf8)
                XCTAssertEqual(split(bytes), split(bytes, chunkSizes: [1]), "offset \(offset): \(input)")
            }
        }
    }

    func testOneByteChunksStayLinear() {
        // Quadratic rescanning or compaction would take minutes here.
        var line = Array(#"{"payload":""#.utf8)
        line += [UInt8](repeating: UInt8(ascii: "a"), count: 200_000)
        line += Array("\"}\n".utf8)
        let input = line + line + Array(String(repeating: "[1]\n", count: 50_000).utf8)
        var splitter = JSONSplitter()
        var count = 0
        for byte in input {
            splitter.append(CollectionOfOne(byte))
            while splitter.next() != nil { count += 1 }
        }
        while splitter.finish() != nil { count += 1 }
        XCTAssertEqual(count, 50_002)
    }
}
