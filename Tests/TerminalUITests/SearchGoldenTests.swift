import EventDecoding
import MonitorCore
import XCTest
@testable import TerminalUI

/// Whole screens with a search active (marked rows, highlighted words, the term in the header)
/// and with the write prompt open, on the seeded demo traffic of the other goldens.
final class SearchGoldenTests: XCTestCase {
    private func typeText(_ text: String, into demo: inout DemoScreenState) {
        for c in text { demo.key(.character(c)) }
    }

    func testSearchMarksAndHighlightsMatchingRows() {
        for (width, height) in ScreenGoldenTests.sizes {
            var demo = DemoScreenState(events: 600, width: width, height: height)
            demo.key(.character("\\"))
            typeText("android", into: &demo)
            demo.key(.enter)
            demo.key(.character("n"))
            let screen = demo.screen(width: width, height: height)
            assertGoldenScreen(screen, named: "search-\(width)x\(height)")
            let lines = screen.lines
            XCTAssertFalse(demo.state.ui.following)
            XCTAssertTrue(lines[0].contains("search: android") || width < 120, lines[0])
            let marked = lines.indices.filter { lines[$0].hasPrefix("▸") }
            XCTAssertFalse(marked.isEmpty)
            XCTAssertTrue(marked.allSatisfy { lines[$0].contains("Android") }, "\(marked.map { lines[$0] })")
            let row = marked[0]
            let column = Array(lines[row]).firstIndex(of: "A")!
            XCTAssertEqual(screen[column, row].style, Theme.dark.searchMatch, lines[row])
        }
    }

    /// The search prompt while typing, then with a term that does not parse: the error says where,
    /// and the prompt stays open with the text as typed.
    func testSearchPromptAndItsErrorInTheFooter() {
        for (width, height) in ScreenGoldenTests.sizes {
            var demo = DemoScreenState(events: 600, width: width, height: height)
            demo.key(.character("\\"))
            typeText("type:_session.* (", into: &demo)
            var screen = demo.screen(width: width, height: height)
            assertGoldenScreen(screen, named: "search-prompt-\(width)x\(height)")
            XCTAssertTrue(screen.lines[height - 1].hasPrefix(" \\  search type:_session.* (▏  Enter finds"), screen.lines[height - 1])
            demo.key(.enter)
            screen = demo.screen(width: width, height: height)
            assertGoldenScreen(screen, named: "search-prompt-error-\(width)x\(height)")
            XCTAssertNotNil(demo.state.ui.prompt, "an invalid search keeps the prompt open")
            XCTAssertTrue(demo.state.ui.search.isEmpty, "and sets no search")
            XCTAssertTrue(screen.lines[height - 1].hasPrefix(" \\  search type:_session.* (▏  at 17: expected a term after '('"),
                          screen.lines[height - 1])
        }
    }

    func testWritePromptAndNoticeInTheFooter() {
        for (width, height) in ScreenGoldenTests.sizes {
            var demo = DemoScreenState(events: 600, width: width, height: height)
            demo.key(.character("k"))
            demo.key(.character("w"))
            var screen = demo.screen(width: width, height: height)
            assertGoldenScreen(screen, named: "write-prompt-\(width)x\(height)")
            XCTAssertTrue(screen.lines[height - 1].hasPrefix(" w  write event #599 to kinescope-"), screen.lines[height - 1])
            demo.key(.escape)
            update(&demo.state, .notice(Notice("wrote 1 event to kinescope-20260101-000015.jsonl")))
            screen = demo.screen(width: width, height: height)
            XCTAssertEqual(screen.lines[height - 1].trimmingCharacters(in: .whitespaces), "wrote 1 event to kinescope-20260101-000015.jsonl")
        }
    }
}
