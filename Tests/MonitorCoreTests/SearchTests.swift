import XCTest
import EventDecoding
@testable import MonitorCore

/// `\` sets a search term in the filter language; `n`/`N` move the events pane's selection over
/// the visible events matching it, wrapping like less, and say so in a notice.
final class SearchTests: XCTestCase {
    private typealias F = MonitorFixture

    /// Serials 1…6: pageView, _session.start, pageView, buttonClick, _session.stop, pageView.
    private func sixEvents() -> MonitorState {
        var state = F.state()
        let types = ["pageView", "_session.start", "pageView", "buttonClick", "_session.stop", "pageView"]
        update(&state, .records(types.map { F.event($0, platform: "iOS") }, recordCount: 6, receivedAt: F.start))
        return state
    }

    /// Types `\`, replaces the term the prompt opens with by `text`, and presses Enter.
    private func search(_ text: String, in state: inout MonitorState) {
        F.press(&state, .character("\\"))
        for _ in state.ui.search.source { F.press(&state, .backspace) }
        for c in text { F.press(&state, .character(c)) }
        F.press(&state, .enter)
    }

    func testBackslashOpensASearchPromptOnTheCurrentTerm() {
        var state = sixEvents()
        F.press(&state, .character("\\"))
        XCTAssertEqual(state.ui.prompt, Prompt(.search, text: ""))
        for c in "q/n" { F.press(&state, .character(c)) }
        XCTAssertEqual(state.ui.prompt?.text, "q/n", "keys in the prompt are text")
        XCTAssertFalse(state.shouldQuit)
        F.press(&state, .escape)
        XCTAssertNil(state.ui.prompt)
        XCTAssertTrue(state.ui.search.isEmpty, "Esc sets nothing")
        search("type:_session.*", in: &state)
        F.press(&state, .character("\\"))
        XCTAssertEqual(state.ui.prompt, Prompt(.search, text: "type:_session.*"))
    }

    func testWhileFollowingEnterJumpsToTheNewestMatchAndPauses() {
        var state = sixEvents()
        XCTAssertTrue(state.ui.following)
        search("type:_session.*", in: &state)
        XCTAssertNil(state.ui.prompt)
        XCTAssertEqual(state.ui.search.source, "type:_session.*")
        XCTAssertFalse(state.ui.following, "moving to a match pauses following, as moving does")
        XCTAssertEqual(state.selectedEventSerial, 5)
        XCTAssertNil(state.ui.notice)
        XCTAssertTrue(state.filter.isEmpty, "a search hides nothing")
        XCTAssertEqual(state.visibleCount, 6)
    }

    func testWhilePausedEnterFindsTheFirstMatchAtOrAfterTheSelection() {
        var state = sixEvents()
        F.press(&state, .character("g"))
        XCTAssertEqual(state.selectedEventSerial, 1)
        search("PAGEVIEW", in: &state)
        XCTAssertEqual(state.selectedEventSerial, 1, "a bare word matches case-insensitively, the selection included")
        F.press(&state, .character("j"), .character("j"), .character("j"))
        search("type:_session.*", in: &state)
        XCTAssertEqual(state.selectedEventSerial, 5)
        search("type:_session.start", in: &state)
        XCTAssertEqual(state.selectedEventSerial, 2, "past the last match it wraps to the top")
        XCTAssertEqual(state.ui.notice, Notice("search hit BOTTOM, continuing at TOP"))
    }

    func testNextAndPreviousWrapWithANotice() {
        var state = sixEvents()
        search("pageview", in: &state)
        XCTAssertEqual(state.selectedEventSerial, 6)
        F.press(&state, .character("n"))
        XCTAssertEqual(state.selectedEventSerial, 1)
        XCTAssertEqual(state.ui.notice, Notice("search hit BOTTOM, continuing at TOP"))
        F.press(&state, .character("n"))
        XCTAssertEqual(state.selectedEventSerial, 3)
        XCTAssertNil(state.ui.notice, "the next key clears the notice")
        F.press(&state, .character("N"))
        XCTAssertEqual(state.selectedEventSerial, 1)
        F.press(&state, .character("N"))
        XCTAssertEqual(state.selectedEventSerial, 6)
        XCTAssertEqual(state.ui.notice, Notice("search hit TOP, continuing at BOTTOM"))
        F.press(&state, .character("k"))
        XCTAssertNil(state.ui.notice)
    }

    func testNoMatchAndNoTermLeaveTheSelectionAndSaySo() {
        var state = sixEvents()
        F.press(&state, .character("n"))
        XCTAssertEqual(state.ui.notice, Notice("no search term: \\ sets one"))
        XCTAssertTrue(state.ui.following)
        search("checkout", in: &state)
        XCTAssertEqual(state.ui.notice, Notice("no match for: checkout"))
        XCTAssertEqual(state.ui.search.source, "checkout", "the term stays set for later events")
        XCTAssertTrue(state.ui.following)
        F.press(&state, .character("N"))
        XCTAssertEqual(state.ui.notice, Notice("no match for: checkout"))
        F.feed(&state, count: 1, type: "checkout")
        F.press(&state, .character("N"))
        XCTAssertEqual(state.selectedEventSerial, 7)
    }

    func testAnInvalidTermShowsWhereAndKeepsThePreviousOne() {
        var state = sixEvents()
        search("pageview", in: &state)
        F.press(&state, .character("\\"))
        for c in " or (" { F.press(&state, .character(c)) }
        F.press(&state, .enter)
        XCTAssertEqual(state.ui.prompt?.kind, .search)
        XCTAssertEqual(state.ui.prompt?.error?.position, 13)
        XCTAssertEqual(state.ui.search.source, "pageview")
        F.press(&state, .escape)
        F.press(&state, .character("\\"))
        XCTAssertEqual(state.ui.prompt, Prompt(.search, text: "pageview"), "the prompt opens on the term")
        F.press(&state, .escape)
        search("", in: &state)
        XCTAssertTrue(state.ui.search.isEmpty, "an empty term clears the search")
    }

    func testSearchMovesOverTheFilteredEventsOnly() {
        var state = F.state()
        let events = [F.event("pageView", platform: "iOS"), F.event("pageView", platform: "Android"),
                      F.event("buttonClick", platform: "iOS"), F.event("pageView", platform: "iOS")]
        update(&state, .records(events, recordCount: 4, receivedAt: F.start))
        state.setFilter(try! EventFilter.parse("platform:ios"))
        search("type:pageView", in: &state)
        XCTAssertEqual(state.selectedEventSerial, 4)
        F.press(&state, .character("n"))
        XCTAssertEqual(state.selectedEventSerial, 1, "serial 2 is filtered out")
        F.press(&state, .character("n"))
        XCTAssertEqual(state.selectedEventSerial, 4)
    }

    func testNextInTheDetailViewOpensTheNextMatchsDetail() {
        var state = sixEvents()
        F.press(&state, .character("g"), .enter)
        XCTAssertEqual(state.ui.overlay, .detail(serial: 1, scroll: 0))
        search("type:_session.*", in: &state)
        XCTAssertEqual(state.ui.overlay, .detail(serial: 2, scroll: 0))
        F.press(&state, .down, .character("n"))
        XCTAssertEqual(state.ui.overlay, .detail(serial: 5, scroll: 0))
        F.press(&state, .character("N"))
        XCTAssertEqual(state.ui.overlay, .detail(serial: 2, scroll: 0))
        F.press(&state, .escape)
        XCTAssertEqual(state.selectedEventSerial, 2, "the events pane's selection followed along")
    }

    func testNextFromAnotherPaneMovesTheEventsSelectionAndFocusesIt() {
        var state = sixEvents()
        search("buttonclick", in: &state)
        F.press(&state, .tab)
        XCTAssertEqual(state.ui.focus, .types)
        F.press(&state, .character("n"))
        XCTAssertEqual(state.ui.focus, .events)
        XCTAssertEqual(state.selectedEventSerial, 4)
    }

    func testHighlightedTextsAreThePositiveWordsAndPhrases() throws {
        XCTAssertEqual(try EventFilter.parse(#"Sale "Spring Sale" !promo type:x or (checkout kind:email)"#).highlightedTexts,
                       ["sale", "spring sale", "checkout"])
        XCTAssertEqual(try EventFilter.parse("type:_session.* platform:ios").highlightedTexts, [])
    }
}
