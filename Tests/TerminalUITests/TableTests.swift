import XCTest
@testable import TerminalUI

final class TableTests: XCTestCase {
    private let theme = Theme.dark
    private let columns = [TableColumn("id", width: 3), TableColumn("name", width: 0),
                           TableColumn("n", width: 3, alignRight: true)]
    private let rows: [[TableCell]] = [
        [TableCell("1"), TableCell("alpha"), TableCell("10")],
        [TableCell("2"), TableCell("beta", Style(fg: .green)), TableCell("200")],
        [TableCell("3"), TableCell("東京タワー"), TableCell("3")],
    ]

    func testColumnsFlexibleColumnAndAlignment() {
        var buffer = Buffer(width: 16, height: 4)
        Table(columns: columns, rows: rows).draw(in: buffer.area, buffer: &buffer, theme: theme)
        XCTAssertEqual(buffer.lines, [
            "id  name       n",
            "1   alpha     10",
            "2   beta     200",
            "3   東京タ…    3",
        ])
        XCTAssertEqual(buffer[0, 0].style, theme.columnHeader)
        XCTAssertEqual(buffer[4, 2].style, Style(fg: .green))
        XCTAssertFalse(buffer.cells.contains { $0.style.bg == Theme.dark.selection.bg }, "nothing selected")
    }

    func testFlexibleColumnTakesWhatIsLeft() {
        XCTAssertEqual(Table.widths(columns, total: 16), [3, 8, 3])
        XCTAssertEqual(Table.widths(columns, total: 30), [3, 22, 3])
        XCTAssertEqual(Table.widths([TableColumn("a", width: 4), TableColumn("b", width: 2)], total: 20), [4, 2])
    }

    func testColumnsThatDoNotFitAreDroppedFromTheRight() {
        let fixed = [TableColumn("a", width: 5), TableColumn("b", width: 5), TableColumn("c", width: 5)]
        XCTAssertEqual(Table.widths(fixed, total: 17), [5, 5, 5])
        XCTAssertEqual(Table.widths(fixed, total: 11), [5, 5, 0])
        XCTAssertEqual(Table.widths(fixed, total: 5), [5, 0, 0])
    }

    func testAColumnThatOnlyPartlyFitsIsDroppedNotCutToASliver() {
        // Documented on `Table.widths`: columns that do not fit are dropped from the right. A column
        // cut to a sliver shows only "…" (as the types pane's "last" column does at 80×24).
        let fixed = [TableColumn("a", width: 5), TableColumn("b", width: 5), TableColumn("c", width: 5)]
        XCTAssertEqual(Table.widths(fixed, total: 13), [5, 5, 0])
        XCTAssertEqual(Table.widths(fixed, total: 9), [5, 0, 0])

        var buffer = Buffer(width: 12, height: 2)
        Table(columns: [TableColumn("last", width: 8), TableColumn("total", width: 5, alignRight: true)],
              rows: [[TableCell("00:00:22"), TableCell("1,234")]])
            .draw(in: buffer.area, buffer: &buffer, theme: theme)
        XCTAssertEqual(buffer.lines, ["last        ", "00:00:22    "])
    }

    func testFlexibleColumnIsDroppedBelowSixColumns() {
        // Documented on `Table.widths`: "the flexible column stays while it has at least 6 columns".
        XCTAssertEqual(Table.widths(columns, total: 14), [3, 6, 3])
        XCTAssertEqual(Table.widths(columns, total: 12), [3, 0, 3])
    }

    func testSelectedRowIsBandedAcrossTheRow() {
        var buffer = Buffer(width: 16, height: 4)
        Table(columns: columns, rows: rows, selected: 1).draw(in: buffer.area, buffer: &buffer, theme: theme)
        XCTAssertEqual(buffer.lines[2], "2   beta     200")
        XCTAssertEqual((0..<16).filter { buffer[$0, 2].style.bg == Theme.dark.selection.bg }.count, 16)
        XCTAssertEqual(buffer[4, 2].style, Style(fg: .green, bg: Theme.dark.selection.bg), "the cell keeps its colour on the selection band")
        for y in [0, 1, 3] {
            XCTAssertFalse((0..<16).contains { buffer[$0, y].style.bg == Theme.dark.selection.bg }, "row \(y)")
        }
    }

    func testScrollsToKeepTheSelectionVisible() {
        let many = (1...10).map { [TableCell("\($0)"), TableCell("row \($0)"), TableCell("")] }
        var buffer = Buffer(width: 14, height: 4)
        Table(columns: columns, rows: many, selected: 7).draw(in: buffer.area, buffer: &buffer, theme: theme)
        XCTAssertEqual(buffer.lines, [
            "id  name     n",
            "6   row 6     ",
            "7   row 7     ",
            "8   row 8     ",
        ])
        XCTAssertTrue(buffer[0, 3].style.bg == Theme.dark.selection.bg)
    }

    func testVisibleRange() {
        let ten = Array(repeating: [TableCell("x")], count: 10)
        XCTAssertEqual(Table(columns: columns, rows: ten).visibleRange(height: 3), 0..<3)
        XCTAssertEqual(Table(columns: columns, rows: ten, selected: 5).visibleRange(height: 3), 3..<6)
        XCTAssertEqual(Table(columns: columns, rows: ten, selected: 9).visibleRange(height: 3), 7..<10)
        XCTAssertEqual(Table(columns: columns, rows: ten, selected: 1, offset: 5).visibleRange(height: 3), 1..<4)
        XCTAssertEqual(Table(columns: columns, rows: ten, selected: 6, offset: 5).visibleRange(height: 3), 5..<8)
        XCTAssertEqual(Table(columns: columns, rows: ten, offset: 50).visibleRange(height: 3), 7..<10)
        XCTAssertEqual(Table(columns: columns, rows: ten, offset: -4).visibleRange(height: 3), 0..<3)
        XCTAssertEqual(Table(columns: columns, rows: ten).visibleRange(height: 20), 0..<10)
        XCTAssertEqual(Table(columns: columns, rows: ten).visibleRange(height: 0), 0..<0)
        XCTAssertEqual(Table(columns: columns, rows: []).visibleRange(height: 5), 0..<0)
        for selected in 0..<10 {
            for height in 1...10 {
                let range = Table(columns: columns, rows: ten, selected: selected).visibleRange(height: height)
                XCTAssertTrue(range.contains(selected))
                XCTAssertEqual(range.count, height)
            }
        }
    }

    func testHeaderOnlyWhenThereIsNoRoomForRows() {
        var buffer = Buffer(width: 16, height: 1)
        Table(columns: columns, rows: rows, selected: 0).draw(in: buffer.area, buffer: &buffer, theme: theme)
        XCTAssertEqual(buffer.lines, ["id  name       n"])
    }
}
