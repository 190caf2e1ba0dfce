import XCTest
@testable import TerminalUI

final class BlockTests: XCTestCase {
    private let theme = Theme.dark

    func testBordersAndTitle() {
        var buffer = Buffer(width: 14, height: 3)
        let inner = Block(title: "Events").draw(in: buffer.area, buffer: &buffer, theme: theme)
        XCTAssertEqual(buffer.lines, [
            "┌Events──────┐",
            "│            │",
            "└────────────┘",
        ])
        XCTAssertEqual(inner, Rect(x: 1, y: 1, width: 12, height: 1))
    }

    func testDrawsInsideItsRectOnly() {
        var buffer = Buffer(width: 8, height: 5)
        buffer.fill(buffer.area, symbol: ".")
        let inner = Block(title: "").draw(in: Rect(x: 2, y: 1, width: 4, height: 3), buffer: &buffer, theme: theme)
        XCTAssertEqual(buffer.lines, [
            "........",
            "..┌──┐..",
            "..│..│..",
            "..└──┘..",
            "........",
        ])
        XCTAssertEqual(inner, Rect(x: 3, y: 2, width: 2, height: 1))
    }

    func testRightTitle() {
        var buffer = Buffer(width: 20, height: 2)
        Block(title: "Events", rightTitle: "live").draw(in: buffer.area, buffer: &buffer, theme: theme)
        XCTAssertEqual(buffer.lines, ["┌Events────────live┐", "└──────────────────┘"])
        XCTAssertEqual(buffer[15, 0].style, theme.dim)
    }

    func testLongTitlesAreTruncated() {
        var buffer = Buffer(width: 10, height: 2)
        Block(title: "A very long title").draw(in: buffer.area, buffer: &buffer, theme: theme)
        XCTAssertEqual(buffer.lines, ["┌A very …┐", "└────────┘"])

        var narrow = Buffer(width: 16, height: 2)
        Block(title: "Events", rightTitle: "following now").draw(in: narrow.area, buffer: &narrow, theme: theme)
        XCTAssertEqual(narrow.lines[0], "┌Events─follow…┐", "one border column stays between the titles")

        var tiny = Buffer(width: 11, height: 2)
        Block(title: "Events", rightTitle: "following").draw(in: tiny.area, buffer: &tiny, theme: theme)
        XCTAssertEqual(tiny.lines[0], "┌Events───┐", "a right title with under 3 columns is left out")
    }

    func testWideTitle() {
        var buffer = Buffer(width: 9, height: 2)
        Block(title: "東京タワー").draw(in: buffer.area, buffer: &buffer, theme: theme)
        XCTAssertEqual(buffer.lines, ["┌東京タ…┐", "└───────┘"])
    }

    func testFocusedStyle() {
        var plain = Buffer(width: 10, height: 3)
        Block(title: "Ty").draw(in: plain.area, buffer: &plain, theme: theme)
        var focused = Buffer(width: 10, height: 3)
        Block(title: "Ty", focused: true).draw(in: focused.area, buffer: &focused, theme: theme)
        XCTAssertEqual(plain.lines, focused.lines)
        for (x, y) in [(0, 0), (9, 0), (0, 1), (9, 2), (5, 2)] {
            XCTAssertEqual(plain[x, y].style, theme.border)
            XCTAssertEqual(focused[x, y].style, theme.borderFocused)
        }
        XCTAssertEqual(plain[1, 0].style, theme.title)
        XCTAssertEqual(focused[1, 0].style, theme.titleFocused)
        XCTAssertNotEqual(theme.border, theme.borderFocused)
        XCTAssertTrue(theme.titleFocused.bold)
    }

    func testTooSmallDrawsNothing() {
        var buffer = Buffer(width: 3, height: 3)
        let inner = Block(title: "X").draw(in: Rect(x: 0, y: 0, width: 1, height: 3), buffer: &buffer, theme: theme)
        XCTAssertEqual(buffer.lines, ["   ", "   ", "   "])
        XCTAssertTrue(inner.isEmpty)

        var flat = Buffer(width: 4, height: 2)
        Block(title: "").draw(in: flat.area, buffer: &flat, theme: theme)
        XCTAssertEqual(flat.lines, ["┌──┐", "└──┘"])
    }
}
