import XCTest
@testable import TerminalUI

final class BufferTests: XCTestCase {
    private let red = Style(fg: .red)

    func testNewBufferIsBlank() {
        let buffer = Buffer(width: 4, height: 2)
        XCTAssertEqual(buffer.lines, ["    ", "    "])
        XCTAssertEqual(buffer.area, Rect(x: 0, y: 0, width: 4, height: 2))
        XCTAssertTrue(buffer.cells.allSatisfy { $0 == .blank })
    }

    func testPutWritesStyledTextAndReturnsNextColumn() {
        var buffer = Buffer(width: 8, height: 2)
        let end = buffer.put("abc", x: 2, y: 1, style: red)
        XCTAssertEqual(end, 5)
        XCTAssertEqual(buffer.lines, ["        ", "  abc   "])
        XCTAssertEqual(buffer[2, 1], Cell(symbol: "a", width: 1, style: red))
        XCTAssertEqual(buffer[5, 1].style, .plain)
    }

    func testPutClipsAtTheBufferEdges() {
        var buffer = Buffer(width: 5, height: 2)
        XCTAssertEqual(buffer.put("hello world", x: 0, y: 0, style: .plain), 5)
        buffer.put("xyz", x: -1, y: 1, style: .plain)
        XCTAssertEqual(buffer.lines, ["hello", "yz   "])
        // Rows outside the buffer are ignored and the column is returned unchanged.
        XCTAssertEqual(buffer.put("oops", x: 1, y: 2, style: .plain), 1)
        XCTAssertEqual(buffer.put("oops", x: 1, y: -1, style: .plain), 1)
        XCTAssertEqual(buffer.lines, ["hello", "yz   "])
    }

    func testPutClipsToARect() {
        var buffer = Buffer(width: 6, height: 3)
        let clip = Rect(x: 1, y: 1, width: 3, height: 1)
        buffer.put("abcdef", x: 0, y: 1, style: .plain, clip: clip)
        buffer.put("outside", x: 1, y: 0, style: .plain, clip: clip)
        buffer.put("outside", x: 1, y: 2, style: .plain, clip: clip)
        XCTAssertEqual(buffer.lines, ["      ", " bcd  ", "      "])
    }

    func testWideGraphemesTakeTwoColumns() {
        var buffer = Buffer(width: 8, height: 2)
        XCTAssertEqual(buffer.put("東京", x: 0, y: 0, style: red), 4)
        XCTAssertEqual(buffer.put("a🎉b", x: 0, y: 1, style: .plain), 4)
        XCTAssertEqual(buffer.lines, ["東京    ", "a🎉b    "])
        XCTAssertEqual(buffer[0, 0], Cell(symbol: "東", width: 2, style: red))
        XCTAssertTrue(buffer[1, 0].isContinuation)
        XCTAssertEqual(buffer[2, 0].symbol, "京")
        XCTAssertTrue(buffer[3, 0].isContinuation)
        XCTAssertEqual(buffer[1, 1], Cell(symbol: "🎉", width: 2))
        XCTAssertTrue(buffer[2, 1].isContinuation)
        XCTAssertEqual(buffer[3, 1].symbol, "b")
    }

    func testWideGraphemeCrossingTheRightEdgeBecomesASpace() {
        var buffer = Buffer(width: 5, height: 1)
        XCTAssertEqual(buffer.put("ab東京", x: 0, y: 0, style: red), 5)
        XCTAssertEqual(buffer.lines, ["ab東 "])
        XCTAssertEqual(buffer[4, 0], Cell(symbol: " ", width: 1, style: red))
        XCTAssertFalse(buffer.cells.contains { $0.symbol == "京" })
    }

    func testWideGraphemeCrossingTheClipEdgeBecomesASpace() {
        var buffer = Buffer(width: 6, height: 1)
        buffer.fill(buffer.area, symbol: "x")
        buffer.put("a🎉🎉", x: 0, y: 0, style: .plain, clip: Rect(x: 0, y: 0, width: 4, height: 1))
        // The second emoji would take columns 3 and 4; only column 3 is inside, so it is a space and
        // column 4 keeps what was there.
        XCTAssertEqual(buffer.lines, ["a🎉 xx"])
        XCTAssertFalse(buffer[4, 0].isContinuation)
    }

    func testWideGraphemeCrossingTheLeftClipEdgeLeavesNoStaleHalf() {
        var buffer = Buffer(width: 5, height: 1)
        buffer.fill(buffer.area, symbol: "x")
        buffer.put("東a", x: 0, y: 0, style: .plain, clip: Rect(x: 1, y: 0, width: 4, height: 1))
        // 東 would take columns 0 and 1; column 1 is the visible right half of 東: like the right edge, it must become a space
        // rather than keep the stale "x" (nothing drawn there would match the text).
        XCTAssertEqual(buffer.lines, ["x axx"])
    }

    func testOverwritingHalfOfAWideGraphemeBlanksTheOtherHalf() {
        var buffer = Buffer(width: 6, height: 1)
        buffer.put("東京", x: 0, y: 0, style: red)
        buffer.put("x", x: 1, y: 0, style: .plain)
        XCTAssertEqual(buffer.lines, [" x京  "])
        XCTAssertEqual(buffer[0, 0], Cell(symbol: " ", width: 1, style: red))
        buffer.put("y", x: 2, y: 0, style: .plain)
        XCTAssertEqual(buffer.lines, [" xy   "])
        XCTAssertEqual(buffer[3, 0], Cell(symbol: " ", width: 1, style: red))
        XCTAssertFalse(buffer.cells.contains { $0.isContinuation })
    }

    func testWideGraphemeWrittenAcrossTwoOthersBlanksBothOuterHalves() {
        var buffer = Buffer(width: 6, height: 1)
        buffer.put("東京", x: 0, y: 0, style: .plain)
        buffer.put("大", x: 1, y: 0, style: .plain)
        XCTAssertEqual(buffer.lines, [" 大   "])
        XCTAssertEqual(buffer.cells.map(\.width), [1, 2, 0, 1, 1, 1])
    }

    func testFillOverHalfAWideGraphemeBlanksTheOtherHalf() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.put("東京", x: 0, y: 0, style: .plain)
        buffer.fill(Rect(x: 1, y: 0, width: 2, height: 1), symbol: "-")
        XCTAssertEqual(buffer.lines, [" -- "])
        XCTAssertFalse(buffer.cells.contains { $0.isContinuation })
    }

    func testControlCharactersAndEscapeSequencesAreShownNotSent() {
        var buffer = Buffer(width: 30, height: 4)
        buffer.put("a\u{1B}[2Jb", x: 0, y: 0, style: .plain)
        buffer.put("bell\u{07}tab\tnl\ncr\r\n", x: 0, y: 1, style: .plain)
        buffer.put("\u{1B}]0;title\u{07}del\u{7F}", x: 0, y: 2, style: .plain)
        buffer.put("csi\u{9B}31m rtl\u{202E}x", x: 0, y: 3, style: .plain)
        XCTAssertEqual(buffer.lines, [
            "a␛[2Jb                        ",
            "bell␇tab␉nl␊cr␍␊              ",
            "␛]0;title␇del␡                ",
            "csi\\u009b31m rtl\\u202ex       ",
        ])
        for cell in buffer.cells {
            for scalar in cell.symbol.unicodeScalars {
                XCTAssertFalse(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x202E,
                               "raw control U+\(String(scalar.value, radix: 16)) in a cell")
            }
        }
    }

    func testCombiningMarksStayWithTheirBase() {
        var buffer = Buffer(width: 6, height: 1)
        XCTAssertEqual(buffer.put("cafe\u{301}!", x: 0, y: 0, style: .plain), 5)
        XCTAssertEqual(buffer.lines, ["café! "])
        XCTAssertEqual(buffer[3, 0].symbol, "e\u{301}")
    }

    /// Each cell holds a whole extended grapheme cluster, so a flag, a ZWJ family or a skin tone is
    /// never cut to its first scalar, and no joiner is left to land on the next cell.
    func testWholeGraphemeClustersFillOneCell() {
        let backend = TestBackend(width: 14, height: 1)
        var buffer = Buffer(width: 14, height: 1)
        XCTAssertEqual(buffer.put("🇯🇵|👨‍👩‍👧|👍🏽|👨‍👩‍👧‍👦", x: 0, y: 0, style: .plain), 11)
        backend.draw(buffer)
        XCTAssertEqual(backend.lines, ["🇯🇵|👨‍👩‍👧|👍🏽|👨‍👩‍👧‍👦   "])
        for (x, symbol) in [(0, "🇯🇵"), (3, "👨‍👩‍👧"), (6, "👍🏽"), (9, "👨‍👩‍👧‍👦")] {
            XCTAssertEqual(backend.buffer[x, 0].symbol, symbol, "column \(x)")
            XCTAssertEqual(backend.buffer[x, 0].width, 2, "column \(x)")
            XCTAssertTrue(backend.buffer[x + 1, 0].isContinuation, "column \(x + 1)")
        }
        XCTAssertEqual([2, 5, 8].map { backend.buffer[$0, 0].symbol }, ["|", "|", "|"])
        XCTAssertFalse(backend.buffer.cells.contains { $0.symbol == "\u{200D}" || $0.symbol.hasSuffix("\u{200D}") })
    }

    func testTooLongAClusterIsCutWithAnEllipsis() {
        var buffer = Buffer(width: 6, height: 1)
        let zalgo = "Z" + String(repeating: "\u{336}\u{317}", count: 10)
        XCTAssertEqual(buffer.put(zalgo + "ok", x: 0, y: 0, style: .plain), 4)
        XCTAssertEqual(buffer.lines, ["Z…ok  "])
        XCTAssertEqual(buffer[0, 0].symbol, "Z")
        var narrow = Buffer(width: 1, height: 1)
        narrow.put(zalgo, x: 0, y: 0, style: .plain)
        XCTAssertEqual(narrow.lines, ["…"], "no room for both: the ellipsis says something was there")
    }

    /// What ncurses cannot keep in one cell (it keeps one spacing character, at most five in all,
    /// and moves by the first one's width) is written to the terminal directly.
    func testClustersNCursesCannotHoldAreWrittenDirectly() {
        for cluster in ["🇯🇵", "👨‍👩‍👧", "👍🏽", "👨‍👩‍👧‍👦"] {
            XCTAssertTrue(NCursesBackend.needsDirectWrite(cluster, width: 2), cluster)
        }
        for (cluster, width) in [("e\u{301}", 1), ("東", 2), ("🎉", 2), ("a", 1), ("✉", 1)] {
            XCTAssertFalse(NCursesBackend.needsDirectWrite(cluster, width: width), cluster)
        }
    }

    func testRestyleKeepsSymbols() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.put("abcd", x: 0, y: 0, style: .plain)
        buffer.restyle(Rect(x: 1, y: 0, width: 2, height: 5)) { $0.reversed }
        XCTAssertEqual(buffer.lines, ["abcd"])
        XCTAssertEqual(buffer.cells.map(\.style.reverse), [false, true, true, false])
    }

    func testLinesOfAnEmptyBuffer() {
        XCTAssertEqual(Buffer(width: 0, height: 0).lines, [])
        XCTAssertEqual(Buffer(width: -3, height: 2).lines, ["", ""])
    }

    func testASCIIClippedOnTheLeftKeepsItsColumns() {
        var buffer = Buffer(width: 6, height: 1)
        XCTAssertEqual(buffer.put("abcdef", x: -2, y: 0, style: .plain, clip: Rect(x: 1, y: 0, width: 3, height: 1)), 4)
        XCTAssertEqual(buffer.lines, [" def  "])
    }

    func testASCIIOverAWideGraphemeBlanksItsOtherHalf() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.put("東京", x: 0, y: 0, style: .plain)
        buffer.put("ab", x: 1, y: 0, style: .plain)
        XCTAssertEqual(buffer.lines, [" ab "])
        XCTAssertEqual(buffer.cells.map(\.width), [1, 1, 1, 1])
    }

    func testChangesOfAFreshBufferAreEveryCellButContinuations() {
        var buffer = Buffer(width: 4, height: 2)
        buffer.put("東a", x: 0, y: 1, style: .plain)
        var changes: [String] = []
        buffer.forEachChange(since: nil) { x, y, cell in changes.append("\(x),\(y):\(cell.symbol)") }
        XCTAssertEqual(changes, ["0,0: ", "1,0: ", "2,0: ", "3,0: ", "0,1:東", "2,1:a", "3,1: "])
        XCTAssertEqual(buffer.forEachChange(since: Buffer(width: 3, height: 2)) { _, _, _ in }, true)
    }

    func testChangesAreTheCellsThatDiffer() {
        var before = Buffer(width: 5, height: 1)
        before.put("ab東", x: 0, y: 0, style: .plain)
        var after = before
        XCTAssertFalse(after.forEachChange(since: before) { _, _, _ in XCTFail("no change expected") })
        after.put("x", x: 1, y: 0, style: .plain)
        after.put("b", x: 0, y: 0, style: Style.plain.reversed)
        var changes: [String] = []
        after.forEachChange(since: before) { x, _, cell in changes.append("\(x):\(cell.symbol)") }
        XCTAssertEqual(changes, ["0:b", "1:x"])
    }
}
