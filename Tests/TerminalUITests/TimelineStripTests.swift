@testable import MonitorCore
import XCTest
@testable import TerminalUI

final class TimelineStripTests: XCTestCase {
    private let theme = Theme.dark

    private func strip(_ marks: [(Double, TimelineMark.Kind)], axis: ClosedRange<Double> = 0...10, width: Int = 10,
                       baseStyle: Style? = nil) -> Buffer {
        var buffer = Buffer(width: width + 4, height: 1)
        TimelineStrip.draw(marks.map { TimelineMark(time: $0.0, kind: $0.1) }, axis: axis, x: 2, y: 0, width: width,
                           buffer: &buffer, theme: theme, baseStyle: baseStyle)
        return buffer
    }

    func testStartAndStopAreDistinctWithASpanBetween() {
        let buffer = strip([(0, .start), (5, .event), (9.5, .stop)])
        XCTAssertEqual(buffer.lines, ["  [────•───]  "])
        XCTAssertEqual(buffer[2, 0].style, theme.markStart)
        XCTAssertEqual(buffer[11, 0].style, theme.markStop)
        XCTAssertNotEqual(theme.markStart, theme.markStop)
        XCTAssertEqual(buffer[7, 0].style, theme.markEvent)
        XCTAssertEqual(buffer[3, 0].style, theme.span)
    }

    func testGlyphs() {
        let kinds: [TimelineMark.Kind] = [.start, .stop, .pause, .resume, .event, .error]
        XCTAssertEqual(kinds.map(TimelineStrip.glyph), ["[", "]", "|", ">", "•", "×"])
        XCTAssertEqual(Set(kinds.map(TimelineStrip.glyph)).count, kinds.count)
    }

    func testPlacesMarksOnTheAxis() {
        XCTAssertEqual(strip([(20, .start), (30, .pause), (35, .resume)], axis: 0...40, width: 8).lines,
                       ["      [─|>  "])
        // The end of the axis falls in the last column, not past it.
        XCTAssertEqual(strip([(10, .event)]).lines, ["           •  "])
    }

    func testHigherPriorityWinsAColumnWhateverTheOrder() {
        func glyph(_ marks: [(Double, TimelineMark.Kind)]) -> String { String(strip(marks).lines[0].dropFirst(4).prefix(1)) }
        XCTAssertEqual(glyph([(2.1, .event), (2.5, .pause)]), "|")
        XCTAssertEqual(glyph([(2.1, .pause), (2.5, .event)]), "|")
        XCTAssertEqual(glyph([(2.1, .event), (2.5, .start)]), "[")
        XCTAssertEqual(glyph([(2.1, .resume), (2.5, .stop)]), "]")
        XCTAssertEqual(glyph([(2.1, .stop), (2.5, .resume)]), "]")
        XCTAssertEqual(glyph([(2.1, .start), (2.5, .error)]), "×")
        XCTAssertEqual(glyph([(2.1, .error), (2.5, .stop)]), "×")
        XCTAssertEqual(strip([(2.1, .error), (2.5, .stop)])[4, 0].style, theme.markError)
    }

    func testAStopSharingAColumnWithItsStartStillShows() {
        // A short session squeezed into one column: showing only "[" makes a stopped session look
        // like one that just started (the idle sessions pane shows this once the axis widens).
        XCTAssertEqual(glyphAt2([(2.1, .start), (2.5, .stop)]), "]")
    }

    private func glyphAt2(_ marks: [(Double, TimelineMark.Kind)]) -> String {
        String(strip(marks).lines[0].dropFirst(4).prefix(1))
    }

    func testMarksOutsideTheAxisAreLeftOut() {
        XCTAssertEqual(strip([(-5, .start), (3, .event), (6, .event), (15, .stop)]).lines, ["     •──•     "])
    }

    func testNoSpanForOneMarkOrNeighbours() {
        XCTAssertEqual(strip([(4, .start)]).lines, ["      [       "])
        XCTAssertEqual(strip([(4, .start), (5, .event)]).lines, ["      [•      "])
        XCTAssertEqual(strip([]).lines, ["              "])
    }

    func testSelectedRowStyle() {
        let buffer = strip([(0, .start), (5, .event), (9.5, .stop)], baseStyle: theme.selection)
        XCTAssertEqual(buffer.lines, ["  [────•───]  "])
        XCTAssertEqual(buffer[3, 0].style, theme.selected(theme.span))
        XCTAssertEqual(buffer[2, 0].style, theme.selected(theme.markStart))
        XCTAssertEqual(buffer[7, 0].style, theme.selected(theme.markEvent))
    }

    func testEmptyAxisOrWidthDrawsNothing() {
        XCTAssertEqual(strip([(5, .event)], axis: 5...5).lines, ["              "])
        XCTAssertEqual(strip([(5, .event)], width: 0).lines, ["    "])
    }
}
