import EventDecoding
import MonitorCore
import XCTest
@testable import TerminalUI

/// The footer's prompts (filter `/`, search `\`, write `w`), its notices, and how the events pane
/// shows a search.
final class PromptViewTests: XCTestCase {
    private func state() -> MonitorState {
        var state = MonitorState(config: MonitorConfig(sourceName: "demo (seed 1)"), now: 1_767_225_600)
        let events = [Event(kind: .pinpointApp, eventType: "_session.start", platform: "iOS"),
                      Event(kind: .pinpointApp, eventType: "pageView", platform: "Android")]
        update(&state, .records(events, recordCount: 2, receivedAt: 1_767_225_600))
        return state
    }

    private func type(_ text: String, into state: inout MonitorState) {
        for c in text { update(&state, .key(.character(c))) }
    }

    func testThePromptReplacesTheFooterAndShowsErrors() {
        var s = state()
        update(&s, .key(.character("/")))
        type("type:x or", into: &s)
        var footer = view(s, width: 100, height: 12).lines[11]
        XCTAssertTrue(footer.hasPrefix(" /  type:x or▏  Enter applies · empty clears · Esc cancels"), footer)
        update(&s, .key(.enter))
        footer = view(s, width: 100, height: 12).lines[11]
        XCTAssertTrue(footer.hasPrefix(" /  type:x or▏  at 9: expected a term after 'or'"), footer)
    }

    func testTheSearchPromptReadsLikeTheFilterPrompt() {
        var s = state()
        update(&s, .key(.character("\\")))
        type("pageview (", into: &s)
        var footer = view(s, width: 100, height: 12).lines[11]
        XCTAssertTrue(footer.hasPrefix(#" \  search pageview (▏  Enter finds · empty clears · Esc cancels"#), footer)
        update(&s, .key(.enter))
        footer = view(s, width: 100, height: 12).lines[11]
        XCTAssertTrue(footer.hasPrefix(#" \  search pageview (▏  at 10: expected a term after '('"#), footer)
    }

    func testTheWritePromptSaysWhatItWillWrite() {
        var s = state()
        update(&s, .key(.character("w")))
        var footer = view(s, width: 120, height: 12).lines[11]
        XCTAssertTrue(footer.hasPrefix(" w  write 2 events to kinescope-20260101-000000.jsonl▏  Enter writes · Esc cancels"),
                      footer)
        update(&s, .key(.escape))
        update(&s, .key(.character("k")))
        update(&s, .key(.character("w")))
        footer = view(s, width: 120, height: 12).lines[11]
        XCTAssertTrue(footer.hasPrefix(" w  write event #1 to kinescope-20260101-000000.jsonl▏"), footer)
    }

    func testANoticeReplacesTheKeysUntilTheNextKey() {
        var s = state()
        update(&s, .notice(Notice("wrote 2 events to x.jsonl")))
        var lines = view(s, width: 100, height: 12).lines
        XCTAssertEqual(lines[11].trimmingCharacters(in: .whitespaces), "wrote 2 events to x.jsonl")
        update(&s, .notice(Notice("cannot write /x.jsonl: Permission denied", isError: true)))
        let buffer = view(s, width: 100, height: 12)
        XCTAssertTrue(buffer.lines[11].hasPrefix(" cannot write /x.jsonl: Permission denied"))
        XCTAssertEqual(buffer[1, 11].style, Theme.dark.family(.error))
        update(&s, .key(.tab))
        lines = view(s, width: 100, height: 12).lines
        XCTAssertTrue(lines[11].hasPrefix(" q  quit "), lines[11])
    }

    func testTheFooterOffersSearchCopyAndWriteWhereTheyApply() {
        var s = state()
        XCTAssertEqual(FooterBar.actions(for: s).suffix(4), [.search, .copy, .write, .zoom])
        update(&s, .key(.character("\\")))
        type("pageview", into: &s)
        update(&s, .key(.enter))
        XCTAssertEqual(FooterBar.actions(for: s).suffix(5), [.search, .searchNext, .copy, .write, .zoom])
        update(&s, .key(.tab))
        XCTAssertFalse(FooterBar.actions(for: s).contains(.copy), "copy needs the events pane's selection")
        update(&s, .key(.backTab))
        update(&s, .key(.enter))
        XCTAssertEqual(Array(FooterBar.actions(for: s).prefix(5)), [.back, .copy, .write, .searchNext, .searchPrevious])
        let footer = view(s, width: 200, height: 12).lines[11]
        XCTAssertTrue(footer.hasPrefix(" Esc  back  y  copy  w  write  n  next  N  previous "), footer)
    }

    func testMatchingRowsAreMarkedAndTheirWordsHighlighted() {
        var s = state()
        update(&s, .key(.character("\\")))
        type("VIEW", into: &s)
        update(&s, .key(.enter))
        let buffer = view(s, width: 100, height: 12)
        let lines = buffer.lines
        XCTAssertTrue(lines[0].contains("search: VIEW"), lines[0])
        let startRow = lines.firstIndex { $0.contains("_session.start") }!
        let viewRow = lines.firstIndex { $0.contains("pageView") }!
        XCTAssertTrue(lines[startRow].hasPrefix("│"), "no marker on a row that does not match: \(lines[startRow])")
        XCTAssertTrue(lines[viewRow].hasPrefix("▸"), lines[viewRow])
        let column = Array(lines[viewRow]).firstIndex(of: "V")!
        let theme = Theme.dark
        XCTAssertEqual((column..<column + 4).map { buffer[$0, viewRow].style }, Array(repeating: theme.searchMatch, count: 4))
        XCTAssertNotEqual(buffer[column - 1, viewRow].style, theme.searchMatch, "only the match, not the whole word")
        XCTAssertNotEqual(buffer[column + 4, viewRow].style, theme.searchMatch)
        XCTAssertEqual(buffer[0, viewRow].style, theme.searchMarker)
    }

    func testFieldTermsMarkRowsWithoutHighlightingText() {
        var s = state()
        update(&s, .key(.character("\\")))
        type("platform:ios", into: &s)
        update(&s, .key(.enter))
        let buffer = view(s, width: 100, height: 12)
        let row = buffer.lines.firstIndex { $0.contains("_session.start") }!
        XCTAssertTrue(buffer.lines[row].hasPrefix("▸"), buffer.lines[row])
        XCTAssertFalse((0..<100).contains { buffer[$0, row].style == Theme.dark.searchMatch })
    }

    func testTheHighlightReadsWithoutColour() {
        let match = ColorMode.none.apply(Theme.dark.searchMatch)
        let selected = ColorMode.none.apply(Theme.dark.selected(Theme.dark.text))
        XCTAssertTrue(match.underline, "underlined, so a match in the (reversed) selected row still shows")
        XCTAssertNotEqual(match, selected)
        XCTAssertNotEqual(Theme.light.searchMatch, Theme.light.selection)
    }

    func testAnActiveFilterIsNamedInTheHeaderWithMatchedAndTotalCounts() {
        var s = state()
        s.setFilter(try! EventFilter.parse("platform:ios"))
        let lines = view(s, width: 140, height: 14).lines
        XCTAssertTrue(lines[0].contains("1 of 2 events"), lines[0])
        XCTAssertTrue(lines[0].contains("filter: platform:ios"), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("┌Events (1 of 2 kept match)"), lines[1])
    }
}
