import XCTest
@testable import TerminalUI

final class SparklineTests: XCTestCase {
    private let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    func testZeroIsBlank() {
        XCTAssertEqual(Sparkline.render([0, 0, 0], width: 3), "   ")
        XCTAssertEqual(Sparkline.render([0, 5, 0], width: 3), " █ ")
    }

    func testEmptyInputOrNoRoom() {
        XCTAssertEqual(Sparkline.render([], width: 5), "")
        XCTAssertEqual(Sparkline.render([1, 2, 3], width: 0), "")
        XCTAssertEqual(Sparkline.render([1, 2, 3], width: -1), "")
    }

    func testScalesToTheLargestValue() {
        // The same shape at any scale.
        let small = Sparkline.render([1, 2, 3, 4], width: 4)
        XCTAssertEqual(Sparkline.render([100, 200, 300, 400], width: 4), small)
        XCTAssertEqual(Sparkline.render([1_000_000, 2_000_000, 3_000_000, 4_000_000], width: 4), small)
        XCTAssertEqual(small.last, "█")
        // Higher values never get a lower bar.
        let ramp = Array(Sparkline.render((1...40).map { UInt32($0) }, width: 40))
        let indices = ramp.map { levels.firstIndex(of: $0)! }
        XCTAssertEqual(indices, indices.sorted())
        XCTAssertEqual(ramp.last, "█")
    }

    func testEveryLevelIsUsed() {
        // Eight values against a maximum of eight: one bar per level, from "▁" to "█".
        XCTAssertEqual(Sparkline.render(Array(1...8), width: 8), "▁▂▃▄▅▆▇█")
        // The smallest non-zero value shows the lowest bar, not the second one.
        XCTAssertEqual(Sparkline.render([1, 100], width: 2), "▁█")
    }

    func testShorterSeriesIsNotPadded() {
        XCTAssertEqual(Sparkline.render([3, 3], width: 10), "██")
    }

    func testSqueezingTakesTheMaximumOfEachColumn() {
        XCTAssertEqual(Sparkline.render([0, 0, 5, 0, 0, 0, 0, 5], width: 4), " █ █")
        XCTAssertEqual(Sparkline.render([5, 0, 0, 0, 0, 0, 0, 0], width: 4), "█   ")
        // Ten values into four columns: 0..<2, 2..<5, 5..<7, 7..<10. A spike is never lost.
        var values = [UInt32](repeating: 0, count: 10)
        values[4] = 9
        XCTAssertEqual(Sparkline.render(values, width: 4), " █  ")
        values = [UInt32](repeating: 0, count: 60)
        values[59] = 1
        XCTAssertEqual(Sparkline.render(values, width: 7), "      █")
        XCTAssertEqual(Sparkline.render([UInt32](repeating: 2, count: 60), width: 11).count, 11)
    }
}
