import MonitorCore
import XCTest
@testable import TerminalUI

/// Mouse events placed on the screen `view` draws: the row clicked is the row selected.
final class PointerHitTestTests: XCTestCase {
    private let width = 120, height = 40

    private func demo() -> DemoScreenState { DemoScreenState(events: 600, width: width, height: height) }

    private func message(_ kind: MouseInput.Kind, x: Int, y: Int, _ state: MonitorState) -> Message? {
        PointerHitTest.message(for: MouseInput(kind, x: x, y: y), state: state, width: width, height: height)
    }

    private func pointer(_ kind: MouseInput.Kind, x: Int, y: Int, _ state: MonitorState) -> Pointer? {
        guard case .pointer(let pointer)? = message(kind, x: x, y: y, state) else { return nil }
        return pointer
    }

    /// The text of the row drawn with the selection band in `rect`, if any.
    private func selectedRow(_ buffer: Buffer, in rect: Rect) -> String? {
        let band = Theme.dark.selection.bg
        for y in rect.inner.y..<rect.inner.maxY where buffer[rect.inner.x, y].style.bg == band {
            return String(buffer.lines[y].dropFirst(rect.inner.x).prefix(rect.inner.width))
        }
        return nil
    }

    private func rowText(_ buffer: Buffer, y: Int, in rect: Rect) -> String {
        String(buffer.lines[y].dropFirst(rect.inner.x).prefix(rect.inner.width))
    }

    func testClickingEachPaneSelectsTheRowUnderThePointer() {
        let layout = MainLayout(Rect(x: 0, y: 0, width: width, height: height))
        for (pane, rect) in [(Pane.events, layout.events), (.types, layout.types), (.sessions, layout.sessions)] {
            for line in [0, 3, 7] {
                var demo = demo()
                let y = rect.inner.y + 1 + line
                let before = rowText(demo.screen(width: width, height: height), y: y, in: rect)
                guard let message = message(.press, x: rect.x + 3, y: y, demo.state) else { return XCTFail("\(pane) line \(line): no message") }
                guard case .pointer(.click(pane, _, _)) = message else { return XCTFail("\(pane) line \(line): \(message)") }
                update(&demo.state, message)
                XCTAssertEqual(demo.state.ui.focus, pane)
                let after = demo.screen(width: width, height: height)
                XCTAssertEqual(selectedRow(after, in: rect), before, "\(pane) line \(line)")
            }
        }
    }

    func testClickingAnEventAfterScrollingSelectsThatEvent() {
        var demo = demo()
        demo.key(.character("k"))
        demo.key(.pageUp)
        let rect = MainLayout(Rect(x: 0, y: 0, width: width, height: height)).events
        let y = rect.inner.y + 1 + 2
        let before = rowText(demo.screen(width: width, height: height), y: y, in: rect)
        update(&demo.state, message(.press, x: 10, y: y, demo.state)!)
        XCTAssertEqual(selectedRow(demo.screen(width: width, height: height), in: rect), before)
    }

    /// The events pane keeps its selection on the bottom row; a click used to pull the clicked
    /// event down there. Now the rows stay put and the band lands on the row under the pointer,
    /// while following and while paused.
    func testClickingAnEventLeavesTheRowsWhereTheyWere() {
        let rect = MainLayout(Rect(x: 0, y: 0, width: width, height: height)).events
        for pausedFirst in [false, true] {
            var demo = demo()
            if pausedFirst { demo.key(.character("k")) }
            let before = demo.screen(width: width, height: height)
            let y = rect.inner.y + 1 + 3
            update(&demo.state, message(.press, x: 10, y: y, demo.state)!)
            XCTAssertFalse(demo.state.ui.following)
            let after = demo.screen(width: width, height: height)
            for row in rect.inner.y..<rect.inner.maxY {
                XCTAssertEqual(rowText(after, y: row, in: rect), rowText(before, y: row, in: rect), "paused first: \(pausedFirst), row \(row)")
            }
            XCTAssertEqual(selectedRow(after, in: rect), rowText(before, y: y, in: rect))
            XCTAssertEqual(after[rect.inner.x, y].style.bg, Theme.dark.selection.bg, "the band is on the clicked row")
            // A second click, on another row, hits what is drawn there.
            let y2 = rect.inner.maxY - 2
            update(&demo.state, message(.press, x: 10, y: y2, demo.state)!)
            XCTAssertEqual(selectedRow(demo.screen(width: width, height: height), in: rect), rowText(before, y: y2, in: rect))
        }
    }

    func testBordersTitlesAndEmptySpaceFocusWithoutSelecting() {
        let s = demo().state
        let layout = MainLayout(Rect(x: 0, y: 0, width: width, height: height))
        XCTAssertEqual(pointer(.press, x: layout.types.x + 4, y: layout.types.y, s), .click(pane: .types, row: nil), "top border")
        XCTAssertEqual(pointer(.press, x: layout.types.x + 4, y: layout.types.y + 1, s), .click(pane: .types, row: nil), "column titles")
        XCTAssertEqual(pointer(.press, x: layout.sessions.x, y: layout.sessions.y + 5, s), .click(pane: .sessions, row: nil), "left border")
        XCTAssertNil(message(.press, x: 5, y: 0, s), "the header")
        XCTAssertNil(message(.press, x: 5, y: height - 1, s), "the footer")
        XCTAssertNil(message(.press, x: width, y: 5, s), "outside the screen")
    }

    func testTheWheelScrollsThePaneUnderThePointer() {
        let s = demo().state
        let layout = MainLayout(Rect(x: 0, y: 0, width: width, height: height))
        XCTAssertEqual(pointer(.wheelUp, x: 50, y: layout.events.y + 4, s), .scroll(pane: .events, lines: -3))
        XCTAssertEqual(pointer(.wheelDown, x: layout.sessions.x + 2, y: layout.sessions.y, s), .scroll(pane: .sessions, lines: 3))
    }

    func testZoomedThePaneFillsTheMiddle() {
        var demo = demo()
        demo.key(.tab)
        demo.key(.tab)
        demo.key(.character("z"))
        XCTAssertTrue(demo.state.ui.zoomed)
        // Where the events pane is when not zoomed, the zoomed sessions pane is now.
        XCTAssertEqual(pointer(.press, x: 10, y: 1, demo.state), .click(pane: .sessions, row: nil))
        let before = rowText(demo.screen(width: width, height: height), y: 3 + 4, in: Rect(x: 0, y: 1, width: width, height: height - 2))
        XCTAssertEqual(pointer(.press, x: 10, y: 3 + 4, demo.state), .click(pane: .sessions, row: 4))
        update(&demo.state, message(.press, x: 10, y: 3 + 4, demo.state)!)
        XCTAssertEqual(selectedRow(demo.screen(width: width, height: height), in: Rect(x: 0, y: 1, width: width, height: height - 2)), before)
        XCTAssertEqual(pointer(.wheelDown, x: 100, y: 30, demo.state), .scroll(pane: .sessions, lines: 3))
    }

    func testOverlaysTakeTheWheelAndIgnoreClicks() {
        var demo = demo()
        demo.key(.enter)
        XCTAssertNotNil(demo.state.ui.overlay)
        XCTAssertEqual(pointer(.wheelDown, x: 10, y: 10, demo.state), .scrollOverlay(lines: 3))
        XCTAssertNil(message(.press, x: 10, y: 10, demo.state))
    }

    func testTooSmallScreensIgnoreTheMouse() {
        let s = demo().state
        XCTAssertNil(PointerHitTest.message(for: MouseInput(.press, x: 1, y: 1), state: s, width: 30, height: 8))
    }
}
