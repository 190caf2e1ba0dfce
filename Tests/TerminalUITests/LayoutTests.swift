import XCTest
@testable import TerminalUI

final class LayoutTests: XCTestCase {
    func testRectBasics() {
        let rect = Rect(x: 2, y: 3, width: 10, height: 4)
        XCTAssertEqual(rect.maxX, 12)
        XCTAssertEqual(rect.maxY, 7)
        XCTAssertFalse(rect.isEmpty)
        XCTAssertEqual(rect.inner, Rect(x: 3, y: 4, width: 8, height: 2))
        XCTAssertEqual(Rect(x: 0, y: 0, width: -3, height: 2), Rect(x: 0, y: 0, width: 0, height: 2))
        XCTAssertTrue(Rect(x: 0, y: 0, width: 0, height: 2).isEmpty)
        XCTAssertTrue(Rect(x: 0, y: 0, width: 1, height: 1).inner.isEmpty)
    }

    func testSplitTopAndBottom() {
        let rect = Rect(x: 1, y: 1, width: 10, height: 10)
        XCTAssertTrue(rect.splitTop(3) == (Rect(x: 1, y: 1, width: 10, height: 3), Rect(x: 1, y: 4, width: 10, height: 7)))
        XCTAssertTrue(rect.splitTop(20) == (rect, Rect(x: 1, y: 11, width: 10, height: 0)))
        XCTAssertTrue(rect.splitTop(-1) == (Rect(x: 1, y: 1, width: 10, height: 0), rect))
        XCTAssertTrue(rect.splitBottom(1) == (Rect(x: 1, y: 1, width: 10, height: 9), Rect(x: 1, y: 10, width: 10, height: 1)))
        XCTAssertTrue(rect.splitBottom(20) == (Rect(x: 1, y: 1, width: 10, height: 0), rect))
    }

    func testColumnsAndRowsByWeight() {
        let rect = Rect(x: 5, y: 0, width: 10, height: 7)
        XCTAssertEqual(rect.columns([1, 1, 1]), [Rect(x: 5, y: 0, width: 3, height: 7), Rect(x: 8, y: 0, width: 3, height: 7),
                                                 Rect(x: 11, y: 0, width: 4, height: 7)])
        XCTAssertEqual(rect.rows([1, 2]), [Rect(x: 5, y: 0, width: 10, height: 2), Rect(x: 5, y: 2, width: 10, height: 5)])
        XCTAssertEqual(rect.columns([3]), [rect])
        for total in [0, 1, 7, 33, 120] {
            let parts = Rect(x: 0, y: 0, width: total, height: 1).columns([45, 55])
            XCTAssertEqual(parts.map(\.width).reduce(0, +), total)
            XCTAssertEqual(parts[1].x, parts[0].maxX)
        }
    }

    func testMainLayoutAt120x40() {
        let layout = MainLayout(Rect(x: 0, y: 0, width: 120, height: 40))
        XCTAssertEqual(layout.header, Rect(x: 0, y: 0, width: 120, height: 1))
        XCTAssertEqual(layout.events, Rect(x: 0, y: 1, width: 120, height: 20))
        XCTAssertEqual(layout.types, Rect(x: 0, y: 21, width: 54, height: 18))
        XCTAssertEqual(layout.sessions, Rect(x: 54, y: 21, width: 66, height: 18))
        XCTAssertEqual(layout.footer, Rect(x: 0, y: 39, width: 120, height: 1))
    }

    func testMainLayoutAt80x24() {
        let layout = MainLayout(Rect(x: 0, y: 0, width: 80, height: 24))
        XCTAssertEqual(layout.header, Rect(x: 0, y: 0, width: 80, height: 1))
        XCTAssertEqual(layout.events, Rect(x: 0, y: 1, width: 80, height: 12))
        XCTAssertEqual(layout.types, Rect(x: 0, y: 13, width: 33, height: 10))
        XCTAssertEqual(layout.sessions, Rect(x: 33, y: 13, width: 47, height: 10))
        XCTAssertEqual(layout.footer, Rect(x: 0, y: 23, width: 80, height: 1))
        XCTAssertEqual(MainLayout.pageSize(width: 80, height: 24), 9)
    }

    func testMainLayoutAtTheMinimumSize() {
        let layout = MainLayout(Rect(x: 0, y: 0, width: MainLayout.minimumWidth, height: MainLayout.minimumHeight))
        XCTAssertEqual(layout.events, Rect(x: 0, y: 1, width: 40, height: 4))
        XCTAssertEqual(layout.types, Rect(x: 0, y: 5, width: 16, height: 4))
        XCTAssertEqual(layout.sessions, Rect(x: 16, y: 5, width: 24, height: 4))
        XCTAssertEqual(layout.footer, Rect(x: 0, y: 9, width: 40, height: 1))
        XCTAssertEqual(MainLayout.pageSize(width: 40, height: 10), 1)
    }

    func testMainLayoutTilesTheScreenAtEverySize() {
        for width in stride(from: MainLayout.minimumWidth, through: 240, by: 7) {
            for height in stride(from: MainLayout.minimumHeight, through: 80, by: 3) {
                let layout = MainLayout(Rect(x: 0, y: 0, width: width, height: height))
                let parts = [layout.header, layout.events, layout.types, layout.sessions, layout.footer]
                XCTAssertEqual(parts.map { $0.width * $0.height }.reduce(0, +), width * height, "\(width)×\(height)")
                var covered = Set<Int>()
                for part in parts {
                    for y in part.y..<part.maxY { for x in part.x..<part.maxX { covered.insert(y * width + x) } }
                }
                XCTAssertEqual(covered.count, width * height, "\(width)×\(height): parts overlap")
                XCTAssertEqual(layout.header.height, 1)
                XCTAssertEqual(layout.footer.maxY, height)
                XCTAssertGreaterThanOrEqual(layout.events.height, 4)
                XCTAssertGreaterThanOrEqual(layout.types.height, 3, "\(width)×\(height): a border and a header row")
                XCTAssertGreaterThan(layout.events.height, layout.types.height - 1)
            }
        }
    }
}
