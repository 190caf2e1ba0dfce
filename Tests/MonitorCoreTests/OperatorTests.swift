import XCTest
import EventDecoding
@testable import MonitorCore

/// `y` and `w` queue effects for the runtime with the right content; what they act on depends on
/// where the user is (detail view, paused selection, following).
final class OperatorTests: XCTestCase {
    private typealias F = MonitorFixture

    private func payload(_ json: String) -> JSONValue {
        try! JSONParser.parse(Array(json.utf8))
    }

    /// Serials 1…3, each with a small JSON payload naming it.
    private func threeEvents() -> MonitorState {
        var state = F.state()
        let events = (1...3).map { n in
            Event(kind: .pinpointApp, eventType: n == 2 ? "_session.start" : "pageView", sessionId: "s\(n)",
                  summary: "", payload: payload(#"{"event_type":"e\#(n)","attributes":{"n":"\#(n)"}}"#),
                  record: RecordMetadata(shard: "shardId-000000000001", sequence: "\(n)"))
        }
        update(&state, .records(events, recordCount: 3, receivedAt: F.start))
        return state
    }

    private func type(_ text: String, into state: inout MonitorState) {
        for c in text { F.press(&state, .character(c)) }
    }

    // MARK: y

    func testYCopiesTheSelectedEventsPrettyJSON() {
        var state = threeEvents()
        F.press(&state, .character("y"))
        let expected = JSONWriter.prettyLines(state.event(serial: 3)!.event.payload).joined(separator: "\n")
        XCTAssertEqual(state.effects, [.copy(text: expected, label: "event #3")], "following: the newest, as shown selected")
        XCTAssertTrue(expected.contains(#""event_type": "e3""#), expected)
        state.effects = []
        F.press(&state, .character("k"), .character("y"))
        XCTAssertEqual(state.effects.count, 1)
        guard case .copy(let text, let label)? = state.effects.first else { return XCTFail() }
        XCTAssertEqual(label, "event #2")
        XCTAssertTrue(text.contains(#""e2""#))
    }

    func testYInTheDetailViewCopiesThatEvent() {
        var state = threeEvents()
        F.press(&state, .character("g"), .enter, .character("y"))
        guard case .copy(_, let label)? = state.effects.first else { return XCTFail("no copy queued") }
        XCTAssertEqual(label, "event #1")
    }

    func testAnErrorEventIsCopiedAsItsTailLine() {
        var state = F.state()
        let failure = F.error(shard: "shardId-000000000002")
        update(&state, .records([failure], recordCount: 1, receivedAt: F.start))
        F.press(&state, .character("y"))
        XCTAssertEqual(state.effects, [.copy(text: TailLine.json(failure), label: "event #1")])
        XCTAssertTrue(TailLine.json(failure).contains(#""raw":"/w==""#), "the raw bytes, in base64")
    }

    func testYOutsideTheEventsPaneOrTooBigCopiesNothingAndSaysWhy() {
        var state = threeEvents()
        F.press(&state, .tab, .character("y"))
        XCTAssertEqual(state.effects, [])
        XCTAssertEqual(state.ui.notice, Notice("nothing to copy: select an event in the events pane"))

        var big = F.state()
        let huge = Event(kind: .json, payload: .string(String(repeating: "x", count: OperatorOutput.copyLimit)))
        update(&big, .records([huge], recordCount: 1, receivedAt: F.start))
        F.press(&big, .character("y"))
        XCTAssertEqual(big.effects, [])
        XCTAssertEqual(big.ui.notice?.isError, true)
        XCTAssertTrue(big.ui.notice?.text.hasPrefix("event #1 is too big to copy (75002 bytes") == true, big.ui.notice?.text ?? "")
    }

    // MARK: w

    func testWWhileFollowingWritesEveryEventMatchingTheFilter() {
        var state = threeEvents()
        state.setFilter(try! EventFilter.parse("type:pageView"))
        F.press(&state, .character("w"))
        XCTAssertEqual(state.ui.prompt, Prompt(.write(serial: nil), text: "kinescope-20260101-000000.jsonl"))
        for _ in 0..<"kinescope-20260101-000000.jsonl".count { F.press(&state, .backspace) }
        type("~/out q.jsonl ", into: &state)
        XCTAssertFalse(state.shouldQuit, "q is text in the prompt")
        F.press(&state, .enter)
        XCTAssertNil(state.ui.prompt)
        let lines = [1, 3].map { TailLine.json(state.event(serial: $0)!.event) }
        XCTAssertEqual(state.effects, [.write(path: "~/out q.jsonl", lines: lines)], "trailing spaces trimmed")
    }

    /// One rule, two outcomes on purpose: following, `y` copies the newest event (shown selected)
    /// while `w` offers every event matching the filter.
    func testWhileFollowingYTakesTheNewestAndWTakesAllMatching() {
        var state = threeEvents()
        F.press(&state, .character("y"))
        guard case .copy(_, let label)? = state.effects.first else { return XCTFail("no copy queued") }
        XCTAssertEqual(label, "event #3")
        F.press(&state, .character("w"))
        XCTAssertEqual(state.ui.prompt?.kind, .write(serial: nil))
        XCTAssertTrue(state.ui.following, "neither pauses")
    }

    func testWOnAPausedSelectionOrInTheDetailWritesThatEvent() {
        var state = threeEvents()
        F.press(&state, .character("k"), .character("w"))
        XCTAssertEqual(state.ui.prompt?.kind, .write(serial: 2))
        F.press(&state, .enter)
        XCTAssertEqual(state.effects, [.write(path: "kinescope-20260101-000000.jsonl",
                                              lines: [TailLine.json(state.event(serial: 2)!.event)])])
        state.effects = []
        F.press(&state, .character("g"), .enter, .character("w"))
        XCTAssertEqual(state.ui.prompt?.kind, .write(serial: 1))
        F.press(&state, .escape)
        XCTAssertNil(state.ui.prompt)
        XCTAssertEqual(state.ui.overlay, .detail(serial: 1, scroll: 0), "Esc closes the prompt, not the detail")
        XCTAssertEqual(state.effects, [])
    }

    func testWWithNothingToWriteOrNoNameSaysSo() {
        var state = threeEvents()
        state.setFilter(try! EventFilter.parse("error"))
        F.press(&state, .character("w"), .enter)
        XCTAssertEqual(state.effects, [])
        XCTAssertEqual(state.ui.notice, Notice("nothing written: no events match"))
        state.setFilter(EventFilter())
        F.press(&state, .character("w"))
        for _ in 0..<40 { F.press(&state, .backspace) }
        type("  ", into: &state)
        F.press(&state, .enter)
        XCTAssertEqual(state.effects, [])
        XCTAssertEqual(state.ui.notice, Notice("nothing written: no file name"))
    }

    func testTheDefaultFileNameIsTheUTCTime() {
        XCTAssertEqual(OperatorOutput.defaultFileName(at: 1_767_225_600), "kinescope-20260101-000000.jsonl")
        XCTAssertEqual(OperatorOutput.defaultFileName(at: 1_767_274_245.9), "kinescope-20260101-133045.jsonl")
    }

    // MARK: Notices

    func testANoticeFromTheRuntimeLastsUntilTheNextKey() {
        var state = threeEvents()
        update(&state, .notice(Notice("wrote 3 events to x.jsonl")))
        XCTAssertEqual(state.ui.notice, Notice("wrote 3 events to x.jsonl"))
        update(&state, .tick(F.start + 5))
        F.feed(&state, count: 2)
        XCTAssertNotNil(state.ui.notice, "time and events do not clear it")
        F.press(&state, .character("?"))
        XCTAssertNil(state.ui.notice)
        XCTAssertEqual(state.ui.overlay, .help, "the key that clears it still does its job")
    }
}
