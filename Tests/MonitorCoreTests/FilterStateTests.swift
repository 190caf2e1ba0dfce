import EventDecoding
import EventSources
import XCTest
@testable import MonitorCore

/// The filter as the panes see it: set from the `/` prompt, applied to the retained events and
/// everything after, with the unfiltered totals kept.
final class FilterStateTests: XCTestCase {
    private func demoState(events: Int, retain: Int = 10_000) -> MonitorState {
        var state = MonitorState(config: MonitorConfig(sourceName: "demo", retain: retain), now: 1_767_225_600)
        var traffic = DemoTraffic(seed: 11, startTime: 1_767_225_600, rate: 40)
        let decoder = EventDecoder()
        for _ in 0..<events {
            let emission = traffic.next()
            update(&state, .records(decoder.decode(emission.record), recordCount: 1, receivedAt: emission.time))
        }
        return state
    }

    private func type(_ text: String, into state: inout MonitorState) {
        for c in text { update(&state, .key(.character(c))) }
    }

    func testPromptAppliesAFilterToEveryPaneAndKeepsTheTotals() {
        var state = demoState(events: 1500)
        let sessionStarts = state.recent.filter { $0.event.eventType == "_session.start" }.count
        update(&state, .key(.character("/")))
        XCTAssertEqual(state.ui.prompt, Prompt(.filter, text: ""))
        type("type:_session.start", into: &state)
        update(&state, .key(.enter))
        XCTAssertNil(state.ui.prompt)
        XCTAssertEqual(state.filter.source, "type:_session.start")
        XCTAssertEqual(state.totalEvents, 1500, "the unfiltered total stays")
        XCTAssertEqual(state.matchedEvents, sessionStarts)
        XCTAssertEqual(state.visibleCount, sessionStarts)
        XCTAssertEqual(Array(state.counters.byType.keys), ["_session.start"])
        XCTAssertEqual(state.sessions.count, sessionStarts, "each session start opens its own session")
        let serials = (0..<state.visibleCount).compactMap { state.visibleSerial(at: $0) }
        XCTAssertTrue(serials.allSatisfy { state.event(serial: $0)?.event.eventType == "_session.start" })
        XCTAssertEqual(state.selectedEventSerial, serials.last)
    }

    func testNewEventsAreFilteredAsTheyArrive() {
        var state = demoState(events: 300)
        state.setFilter(try! EventFilter.parse("kind:email"))
        let before = state.matchedEvents
        var traffic = DemoTraffic(seed: 12, startTime: 1_767_230_000, rate: 40)
        let decoder = EventDecoder()
        var emails = 0
        for _ in 0..<500 {
            let emission = traffic.next()
            let events = decoder.decode(emission.record)
            emails += events.filter { $0.kind == .pinpointEmail }.count
            update(&state, .records(events, recordCount: 1, receivedAt: emission.time))
        }
        XCTAssertGreaterThan(emails, 0)
        XCTAssertEqual(state.matchedEvents, before + emails)
        XCTAssertEqual(state.totalEvents, 800)
    }

    func testAnInvalidFilterShowsWhereAndKeepsThePreviousOne() {
        var state = demoState(events: 200)
        state.setFilter(try! EventFilter.parse("platform:ios"))
        update(&state, .key(.character("/")))
        XCTAssertEqual(state.ui.prompt?.text, "platform:ios", "the prompt opens on the current filter")
        type(" or (", into: &state)
        update(&state, .key(.enter))
        XCTAssertEqual(state.ui.prompt?.error?.position, 17, "at the end, where a term was expected after '('")
        XCTAssertEqual(state.filter.source, "platform:ios", "the previous filter stays")
        update(&state, .key(.character("x")))
        XCTAssertNil(state.ui.prompt?.error, "editing clears the error")
        update(&state, .key(.escape))
        XCTAssertNil(state.ui.prompt)
        XCTAssertEqual(state.filter.source, "platform:ios")
    }

    func testAnEmptyFilterClearsAndGivesTheExactTotalsBack() {
        var state = demoState(events: 400)
        let allTypes = state.counters.byType.mapValues(\.total)
        state.setFilter(try! EventFilter.parse("error"))
        XCTAssertEqual(state.visibleCount, 0)
        XCTAssertTrue(state.counters.byType.isEmpty)
        update(&state, .key(.character("/")))
        for _ in 0..<5 { update(&state, .key(.backspace)) }
        update(&state, .key(.enter))
        XCTAssertTrue(state.filter.isEmpty)
        XCTAssertEqual(state.counters.byType.mapValues(\.total), allTypes)
        XCTAssertEqual(state.visibleCount, 400)
    }

    func testKeysInThePromptAreTextNotCommands() {
        var state = demoState(events: 50)
        update(&state, .key(.character("/")))
        type("q?S ", into: &state)
        XCTAssertFalse(state.shouldQuit)
        XCTAssertNil(state.ui.overlay)
        XCTAssertEqual(state.ui.prompt?.text, "q?S ")
        update(&state, .key(.interrupt))
        XCTAssertTrue(state.shouldQuit, "Ctrl-C still quits")
    }

    func testNavigationMovesOverMatchingEventsOnly() {
        var state = demoState(events: 600, retain: 200)
        state.setFilter(try! EventFilter.parse("type:pageView"))
        let matching = (0..<state.visibleCount).compactMap { state.visibleSerial(at: $0) }
        XCTAssertGreaterThan(matching.count, 3)
        XCTAssertTrue(matching.allSatisfy { $0 >= state.firstRetainedSerial }, "only retained events are listed")
        update(&state, .key(.character("k")))
        XCTAssertEqual(state.selectedEventSerial, matching[matching.count - 2])
        update(&state, .key(.character("g")))
        XCTAssertEqual(state.selectedEventSerial, matching[0])
        update(&state, .key(.character("j")))
        XCTAssertEqual(state.selectedEventSerial, matching[1])
        update(&state, .key(.enter))
        XCTAssertEqual(state.ui.overlay, .detail(serial: matching[1], scroll: 0))
    }
}
