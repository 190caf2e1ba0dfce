import MonitorCore
import XCTest
@testable import TerminalUI

/// Which glyphs reach which terminal: Unicode where it can be shown, the terminal's line-drawing
/// set or ASCII where it cannot.
final class GlyphSetTests: XCTestCase {
    func testResolveByTerminalAndLocale() {
        let vtLike = GlyphSet(lines: .alternateCharset, unicodeText: false)
        for term in ["xterm-256color", "tmux-256color", "screen", "xterm", "screen.xterm-256color", "alacritty"] {
            XCTAssertEqual(GlyphSet.resolve(term: term, codeset: "UTF-8", hasAlternateCharset: true), .unicode, term)
        }
        XCTAssertEqual(GlyphSet.resolve(term: "vt100", codeset: "UTF-8", hasAlternateCharset: true), vtLike)
        XCTAssertEqual(GlyphSet.resolve(term: "linux", codeset: "utf8", hasAlternateCharset: true), vtLike)
        XCTAssertEqual(GlyphSet.resolve(term: "vt220-8bit", codeset: "UTF-8", hasAlternateCharset: true), vtLike)
        XCTAssertEqual(GlyphSet.resolve(term: "xterm-256color", codeset: "ANSI_X3.4-1968", hasAlternateCharset: true), vtLike,
                       "a non-UTF-8 locale cannot carry Unicode whatever the terminal")
        XCTAssertEqual(GlyphSet.resolve(term: "vt52", codeset: "UTF-8", hasAlternateCharset: false), .ascii, "no acsc: + - |")
        XCTAssertEqual(GlyphSet.resolve(term: nil, codeset: "", hasAlternateCharset: false), .ascii)
        XCTAssertEqual(GlyphSet.resolve(term: "xterm", codeset: "UTF-8", hasAlternateCharset: true, override: "ascii"), vtLike)
        XCTAssertEqual(GlyphSet.resolve(term: "vt100", codeset: "C", hasAlternateCharset: true, override: "unicode"), .unicode)
        XCTAssertEqual(GlyphSet.resolve(term: "vt100", codeset: "UTF-8", hasAlternateCharset: true, override: "fancy"), vtLike,
                       "an unknown override is ignored")
    }

    func testRenderKeepsASCIIAndMapsTheRest() {
        let vt = GlyphSet(lines: .alternateCharset, unicodeText: false)
        XCTAssertEqual(vt.render("a", width: 1), .text("a"))
        XCTAssertEqual(vt.render("┌", width: 1), .alternateCharset("l"))
        XCTAssertEqual(vt.render("─", width: 1), .alternateCharset("q"))
        XCTAssertEqual(vt.render("│", width: 1), .alternateCharset("x"))
        XCTAssertEqual(GlyphSet.ascii.render("┘", width: 1), .text("+"))
        XCTAssertEqual(GlyphSet.ascii.render("│", width: 1), .text("|"))
        XCTAssertEqual(vt.render("●", width: 1), .text("*"))
        XCTAssertEqual(vt.render("…", width: 1), .text("~"))
        XCTAssertEqual(vt.render("é", width: 1), .text("?"))
        XCTAssertEqual(vt.render("東", width: 2), .text("??"), "a stand-in fills every column the glyph took")
        XCTAssertEqual(GlyphSet.unicode.render("東", width: 2), .text("東"))
        XCTAssertEqual(GlyphSet.unicode.render("┌", width: 1), .text("┌"))
    }

    func testSparklineLevelsStayInOrder() {
        let levels = "▁▂▃▄▅▆▇█".map { GlyphSet.ascii.render(String($0), width: 1) }
        XCTAssertEqual(levels, "_.:-=+*#".map { .text(String($0)) })
    }

    /// Every glyph the view draws on its screens (panes, help, detail, shards) has an ASCII stand-in,
    /// so nothing of ours turns into `?` on a vt100.
    func testEveryGlyphTheViewDrawsHasAStandIn() {
        var demo = DemoScreenState(events: 600)
        var screens = [demo.screen(width: 120, height: 40), demo.screen(width: 80, height: 24)]
        demo.key(.character("?"))
        screens.append(demo.screen(width: 120, height: 40))
        demo.key(.escape)
        demo.key(.enter)
        screens.append(demo.screen(width: 120, height: 40))
        demo.key(.escape)
        demo.key(.character("S"))
        screens.append(demo.screen(width: 120, height: 40))
        demo.key(.escape)
        demo.key(.character("/"))
        screens.append(demo.screen(width: 120, height: 40))
        XCTAssertEqual(glyphsWithoutASCIIStandIn(screens, state: demo.state), [], "glyphs without an ASCII stand-in")
    }
}

/// The view's own glyphs in `screens` that the ASCII glyph set can only show as `?`. Event text
/// (CJK titles, emoji in the demo) may well become `?`; that is not the view's own, so it is left out.
func glyphsWithoutASCIIStandIn(_ screens: [Buffer], state: MonitorState) -> Set<String> {
    var missing: Set<String> = []
    for screen in screens {
        for cell in screen.cells where !cell.isContinuation {
            if case .text(let text) = GlyphSet.ascii.render(cell.symbol, width: Int(cell.width)), text.contains("?"), !cell.symbol.contains("?") {
                missing.insert(String(cell.symbol.unicodeScalars.first!))
            }
        }
    }
    let eventText = Set(state.recent.flatMap { String(describing: $0.event).unicodeScalars.map { String($0) } })
    return missing.subtracting(eventText)
}
