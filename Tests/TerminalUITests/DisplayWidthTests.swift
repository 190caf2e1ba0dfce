import XCTest
@testable import TerminalUI

final class DisplayWidthTests: XCTestCase {
    func testColumnsOfGraphemes() {
        XCTAssertEqual(DisplayWidth.of(""), 0)
        XCTAssertEqual(DisplayWidth.of("abc"), 3)
        XCTAssertEqual(DisplayWidth.of("東京"), 4)
        XCTAssertEqual(DisplayWidth.of("タワー"), 6)
        XCTAssertEqual(DisplayWidth.of("🎉"), 2)
        XCTAssertEqual(DisplayWidth.of("a🎉b"), 4)
        XCTAssertEqual(DisplayWidth.of("👩‍💻"), 2, "a ZWJ sequence is one 2-column grapheme")
        XCTAssertEqual(DisplayWidth.of("✉️"), 1, "measured as wcwidth says for ✉, as tmux and xterm draw it")
        var buffer = Buffer(width: 4, height: 1)
        buffer.put("✉️x", x: 0, y: 0, style: .plain)
        XCTAssertEqual(buffer[0, 0].symbol, "✉", "drawn without U+FE0F so every terminal gives it one column")
        XCTAssertEqual(buffer.lines, ["✉x  "])
        XCTAssertEqual(DisplayWidth.of("é"), 1)
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1, "a combining mark adds no column")
        XCTAssertEqual(DisplayWidth.of("cafe\u{301}"), 4)
        XCTAssertEqual(DisplayWidth.of("—…"), 2)
    }

    /// A grapheme cluster is measured as one: its first scalar's width, flags 2, and nothing for
    /// the modifiers, joiners and joined emoji after the first.
    func testColumnsOfWholeGraphemeClusters() {
        XCTAssertEqual(DisplayWidth.of(Character("🇯🇵")), 2, "a flag is two regional indicators, one 2-column glyph")
        XCTAssertEqual(DisplayWidth.of(Character("🇯")), 1, "a lone regional indicator is as wcwidth says")
        XCTAssertEqual(DisplayWidth.of("🇯🇵🇫🇷"), 4)
        XCTAssertEqual(DisplayWidth.of(Character("👨‍👩‍👧")), 2)
        XCTAssertEqual(DisplayWidth.of(Character("👨‍👩‍👧‍👦")), 2, "seven scalars, one grapheme")
        XCTAssertEqual(DisplayWidth.of(Character("👍🏽")), 2, "a skin-tone modifier adds no column")
        let zalgo = Character("Z" + String(repeating: "\u{336}\u{317}", count: 10))
        XCTAssertEqual(zalgo.unicodeScalars.count, 21)
        XCTAssertEqual(DisplayWidth.of(zalgo), 2, "too long a cluster is its base and an ellipsis")
        let sixteen = Character("Z" + String(repeating: "\u{336}", count: DisplayWidth.maxClusterScalars - 1))
        XCTAssertEqual(DisplayWidth.of(sixteen), 1, "up to the limit the marks stay on their base")
    }

    func testControlCharactersCountOneColumnAsTheirVisibleSymbol() {
        XCTAssertEqual(DisplayWidth.of(Character("\u{1B}")), 1)
        XCTAssertEqual(DisplayWidth.of(Character("\t")), 1)
        XCTAssertEqual(DisplayWidth.of(Character("\u{7F}")), 1)
    }

    func testTruncateKeepsTextThatFits() {
        XCTAssertEqual(DisplayWidth.truncate("hello", to: 5), "hello")
        XCTAssertEqual(DisplayWidth.truncate("hello", to: 9), "hello")
        XCTAssertEqual(DisplayWidth.truncate("東京", to: 4), "東京")
        XCTAssertEqual(DisplayWidth.truncate("", to: 3), "")
    }

    func testTruncateCutsWithAnEllipsisWithinTheWidth() {
        XCTAssertEqual(DisplayWidth.truncate("hello", to: 4), "hel…")
        XCTAssertEqual(DisplayWidth.truncate("hello", to: 1), "…")
        XCTAssertEqual(DisplayWidth.truncate("hello", to: 0), "")
        XCTAssertEqual(DisplayWidth.truncate("hello", to: -2), "")
        XCTAssertEqual(DisplayWidth.truncate("東京タワー", to: 5), "東京…")
        // A wide grapheme is never split: one column stays empty instead.
        XCTAssertEqual(DisplayWidth.truncate("東京タワー", to: 4), "東…")
        XCTAssertEqual(DisplayWidth.truncate("🎉🎉🎉", to: 5), "🎉🎉…")
        XCTAssertEqual(DisplayWidth.truncate("🎉🎉🎉", to: 2), "…")
        XCTAssertEqual(DisplayWidth.truncate("cafe\u{301} au lait", to: 5), "cafe\u{301}…")
        for width in 0...12 {
            for text in ["東京タワー", "a🎉b🎉c", "cafe\u{301} au lait", "plain ascii text"] {
                XCTAssertLessThanOrEqual(DisplayWidth.of(DisplayWidth.truncate(text, to: width)), width, "\(text) to \(width)")
            }
        }
    }

    func testFitPadsOrCutsToExactlyTheWidth() {
        XCTAssertEqual(DisplayWidth.fit("ab", to: 4), "ab  ")
        XCTAssertEqual(DisplayWidth.fit("ab", to: 4, alignRight: true), "  ab")
        XCTAssertEqual(DisplayWidth.fit("abcdef", to: 4), "abc…")
        XCTAssertEqual(DisplayWidth.fit("東京タワー", to: 4), "東… ")
        XCTAssertEqual(DisplayWidth.fit("東京タワー", to: 4, alignRight: true), " 東…")
        XCTAssertEqual(DisplayWidth.fit("🎉", to: 3), "🎉 ")
        XCTAssertEqual(DisplayWidth.fit("e\u{301}", to: 2), "e\u{301} ")
        XCTAssertEqual(DisplayWidth.fit("x", to: 0), "")
        for width in 0...10 {
            XCTAssertEqual(DisplayWidth.of(DisplayWidth.fit("a東🎉e\u{301}京", to: width)), width)
        }
    }
}
