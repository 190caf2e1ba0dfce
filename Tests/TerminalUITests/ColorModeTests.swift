import XCTest
@testable import TerminalUI

final class ColorModeTests: XCTestCase {
    func testAnsi16KeepsTheFirstSixteenAndDefault() {
        XCTAssertEqual(Color.default.ansi16, .default)
        for n in UInt8(0)...15 { XCTAssertEqual(Color.indexed(n).ansi16, .indexed(n)) }
    }

    func testAnsi16MapsTheColourCube() {
        XCTAssertEqual(Color.indexed(16).ansi16, .black)          // rgb(0,0,0)
        XCTAssertEqual(Color.indexed(196).ansi16, .brightRed)     // rgb(5,0,0)
        XCTAssertEqual(Color.indexed(46).ansi16, .brightGreen)    // rgb(0,5,0)
        XCTAssertEqual(Color.indexed(21).ansi16, .brightBlue)     // rgb(0,0,5)
        XCTAssertEqual(Color.indexed(226).ansi16, .brightYellow)  // rgb(5,5,0)
        XCTAssertEqual(Color.indexed(45).ansi16, .brightCyan)     // rgb(0,4,5): the focus colour
        XCTAssertEqual(Color.indexed(231).ansi16, .brightWhite)   // rgb(5,5,5)
        XCTAssertEqual(Color.indexed(24).ansi16, .blue)           // rgb(0,1,2): the header background
        XCTAssertEqual(Color.indexed(88).ansi16, .red)            // rgb(2,0,0)
        XCTAssertEqual(Color.indexed(102).ansi16, .white)         // rgb(2,2,2)
        XCTAssertEqual(Color.indexed(214).ansi16, .brightYellow)  // rgb(5,3,0): the warning colour
    }

    func testAnsi16MapsTheGreyRamp() {
        XCTAssertEqual(Color.indexed(232).ansi16, .black)
        XCTAssertEqual(Color.indexed(237).ansi16, .black)
        XCTAssertEqual(Color.indexed(240).ansi16, .gray)
        XCTAssertEqual(Color.indexed(244).ansi16, .white)
        XCTAssertEqual(Color.indexed(250).ansi16, .brightWhite)
        XCTAssertEqual(Color.indexed(255).ansi16, .brightWhite)
        for n in UInt8(16)...255 {
            guard case .indexed(let m) = Color.indexed(n).ansi16 else { return XCTFail("\(n) became default") }
            XCTAssertLessThan(m, 16)
        }
    }

    func testResolveHonoursNoColor() {
        XCTAssertEqual(ColorMode.resolve(flag: "auto", environment: ["NO_COLOR": "1"], terminalColors: 256), .none)
        XCTAssertEqual(ColorMode.resolve(flag: "auto", environment: ["NO_COLOR": "anything"], terminalColors: 8), .none)
        // no-color.org: only a non-empty NO_COLOR counts.
        XCTAssertEqual(ColorMode.resolve(flag: "auto", environment: ["NO_COLOR": ""], terminalColors: 256), .ansi256)
        // An explicit --color always wins over the environment.
        XCTAssertEqual(ColorMode.resolve(flag: "always", environment: ["NO_COLOR": "1"], terminalColors: 256), .ansi256)
    }

    func testResolveFlags() {
        for colors in [0, 8, 16, 256] {
            XCTAssertEqual(ColorMode.resolve(flag: "never", environment: [:], terminalColors: colors), .none)
        }
        XCTAssertEqual(ColorMode.resolve(flag: "auto", environment: [:], terminalColors: 0), .none)
        XCTAssertEqual(ColorMode.resolve(flag: "auto", environment: [:], terminalColors: 8), .ansi16)
        XCTAssertEqual(ColorMode.resolve(flag: "auto", environment: [:], terminalColors: 16), .ansi16)
        XCTAssertEqual(ColorMode.resolve(flag: "auto", environment: [:], terminalColors: 88), .ansi16)
        XCTAssertEqual(ColorMode.resolve(flag: "auto", environment: [:], terminalColors: 256), .ansi256)
        XCTAssertEqual(ColorMode.resolve(flag: "auto", environment: [:], terminalColors: 16_777_216), .ansi256)
        XCTAssertEqual(ColorMode.resolve(flag: "always", environment: [:], terminalColors: 0), .ansi16)
        XCTAssertEqual(ColorMode.resolve(flag: "always", environment: [:], terminalColors: 8), .ansi16)
        XCTAssertEqual(ColorMode.resolve(flag: "always", environment: [:], terminalColors: 256), .ansi256)
    }

    func testApply() {
        let style = Style(fg: .indexed(196), bg: .indexed(24), bold: true, reverse: true, underline: true)
        XCTAssertEqual(ColorMode.ansi256.apply(style), style)
        XCTAssertEqual(ColorMode.ansi16.apply(style), Style(fg: .brightRed, bg: .blue, bold: true, reverse: true, underline: true))
        XCTAssertEqual(ColorMode.none.apply(style), Style(bold: true, reverse: true, underline: true))
    }

    func testThemeReadsWithoutColour() {
        let theme = Theme.dark
        let none = ColorMode.none
        XCTAssertTrue(none.apply(theme.selection).reverse, "selection stays visible without colour")
        XCTAssertTrue(none.apply(theme.titleFocused).bold)
        XCTAssertTrue(none.apply(theme.columnHeader).underline)
        XCTAssertNotEqual(none.apply(theme.markStart), none.apply(theme.markEvent))
    }
}
