import EventDecoding
import MonitorCore
import XCTest
@testable import TerminalUI

final class ThemeTests: XCTestCase {
    func testThemesByName() {
        XCTAssertNotNil(Theme.named("dark"))
        XCTAssertNotNil(Theme.named("light"))
        XCTAssertNil(Theme.named("solarized"))
    }

    func testLightThemeDrawsTheSameScreenInItsOwnColours() {
        var state = MonitorState(config: MonitorConfig(sourceName: "demo"), now: 0)
        update(&state, .records([Event(kind: .pinpointApp, eventType: "_session.start")], recordCount: 1, receivedAt: 0))
        let dark = view(state, width: 100, height: 20, theme: .dark)
        let light = view(state, width: 100, height: 20, theme: .light)
        XCTAssertEqual(dark.lines, light.lines, "a theme changes colours, not content")
        XCTAssertNotEqual(dark.cells.map(\.style), light.cells.map(\.style))
        let row = 3, typeX = 10
        XCTAssertEqual(light[typeX, row].style.bg, Theme.light.selection.bg, "the newest row is selected")
        XCTAssertEqual(light[typeX, row].style.fg, .indexed(28), "session events are dark green on light backgrounds")
        XCTAssertTrue(ColorMode.none.apply(Theme.light.selection).reverse, "and the band stays visible without colour")
    }
}
