import XCTest
@testable import TerminalUI

/// The golden helper itself: what a golden holds and how a difference is reported.
final class GoldenScreenTests: XCTestCase {
    private func sample() -> Buffer {
        var buffer = Buffer(width: 5, height: 2)
        buffer.put("東a", x: 0, y: 0, style: Style(fg: .red, bold: true))
        buffer.put("b ", x: 2, y: 1, style: Style(reverse: true))
        return buffer
    }

    func testRenderHoldsLinesStylesAndLegend() {
        XCTAssertEqual(GoldenScreen.render(sample(), name: "sample"), """
            # Kinescope golden screen sample (5×2)
            # regenerate on purpose: KINESCOPE_UPDATE_GOLDENS=1 swift test --filter TerminalUITests
            [lines]
            |東a  |
            |  b  |
            [styles]
            |aaa..|
            |..bb.|
            [legend]
            . plain
            a fg=1 bg=default bold
            b fg=default bg=default reverse

            """)
    }

    func testDiffNamesTheScreenRowsThatDiffer() {
        var changed = sample()
        changed.put("c", x: 4, y: 1, style: .plain)
        changed.put("x", x: 0, y: 0, style: .plain)
        let diff = GoldenScreen.diff(expected: GoldenScreen.render(sample(), name: "s"),
                                     actual: GoldenScreen.render(changed, name: "s"))
        XCTAssertEqual(diff, """
            row 0:
              expected: |東a  |
              actual:   |x a  |
            row 1:
              expected: |  b  |
              actual:   |  b c|
            style row 0:
              expected: |aaa..|
              actual:   |.aa..|
            """)
        XCTAssertEqual(GoldenScreen.diff(expected: "a\nb", actual: "a\nb"), "")
    }

    func testDiffIsCappedAndReportsMissingLines() {
        let expected = (0..<40).map { "|\($0)|" }.joined(separator: "\n")
        let diff = GoldenScreen.diff(expected: "[lines]\n" + expected, actual: "[lines]", limit: 2)
        XCTAssertEqual(diff.components(separatedBy: "\n"), [
            "row 0:", "  expected: |0|", "  actual:   <missing>",
            "row 1:", "  expected: |1|", "  actual:   <missing>",
            "… and 38 more differing lines",
        ])
    }

    func testGoldensLiveBesideTheTests() {
        XCTAssertTrue(GoldenScreen.directory.path.hasSuffix("Tests/Fixtures/screens"), GoldenScreen.directory.path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: GoldenScreen.url("main-120x40").path))
    }
}
