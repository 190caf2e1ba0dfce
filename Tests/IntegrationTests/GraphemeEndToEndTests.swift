import Foundation
import XCTest

/// Emoji made of several scalars reach the real terminal whole: a flag (two regional indicators)
/// and a ZWJ family are one cluster in one cell, not their first scalar and a stray joiner.
final class GraphemeEndToEndTests: TmuxTestCase {
    func testFlagAndFamilyInAnEventAreDrawnWhole() throws {
        let tmux = try XCTUnwrap(driver)
        let file = tmux.scratch.appendingPathComponent("graphemes.ndjson")
        let type = "flag 🇯🇵 family 👨‍👩‍👧 ok"
        try Data(("{\"event_type\":\"\(type)\",\"n\":1}\n").utf8).write(to: file)
        try tmux.start([try KinescopePackage.binary().path, "watch", "--file", file.path], width: 120, height: 30)
        let screen = try XCTUnwrap(try tmux.waitForScreen("the event in the panes") { $0.lines.filter { $0.contains(type) }.count >= 2 })
        // Each row holding the type still ends with its pane's border: the clusters took the
        // columns the layout gave them.
        for line in screen.lines where line.contains(type) {
            XCTAssertTrue(line.hasSuffix("│"), "a row with the clusters lost its right border:\n\(screen)")
        }

        try tmux.sendKeys("Enter")
        let detail = try XCTUnwrap(try tmux.waitForScreen("the detail view") { $0.contains("Event #1") })
        XCTAssertTrue(detail.contains("\"event_type\": \"\(type)\","), detail.description)
        XCTAssertTrue(detail.lines[1].contains("Event #1 · \(type)") && detail.lines[1].hasSuffix("┐"), detail.description)
        try tmux.sendKeys("q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }
}
