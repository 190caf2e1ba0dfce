import Foundation
import XCTest
@testable import TerminalUI

/// Whole-screen golden files under `Tests/Fixtures/screens/<name>.txt`.
///
/// A golden holds the screen's text (each row between `|` so trailing spaces survive editors) and
/// a compact style map: one letter per cell, with a legend naming the style behind each letter, so
/// a colour or attribute regression fails as surely as a text one.
///
/// Goldens are regenerated only on purpose: run with `KINESCOPE_UPDATE_GOLDENS=1`. In that mode a
/// golden that is missing or different is rewritten and the test still fails once, saying so, so
/// a run that changed goldens can never pass unnoticed (CI must not have the variable set); a
/// golden that already matches passes. Without the variable a missing or different golden fails
/// with the differing rows side by side.
enum GoldenScreen {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/screens")

    static var updating: Bool { ProcessInfo.processInfo.environment["KINESCOPE_UPDATE_GOLDENS"] == "1" }

    static func url(_ name: String) -> URL { directory.appendingPathComponent("\(name).txt") }

    /// The golden text of `buffer`: a header, the rows, the style map and its legend.
    static func render(_ buffer: Buffer, name: String) -> String {
        var out = [
            "# Kinescope golden screen \(name) (\(buffer.width)×\(buffer.height))",
            "# regenerate on purpose: KINESCOPE_UPDATE_GOLDENS=1 swift test --filter TerminalUITests",
            "[lines]",
        ]
        out += buffer.lines.map { "|\($0)|" }
        out.append("[styles]")
        let (map, legend) = styleMap(buffer)
        out += map.map { "|\($0)|" }
        out.append("[legend]")
        out += legend
        return out.joined(separator: "\n") + "\n"
    }

    /// One letter per cell (continuation cells included, so every row is `width` letters), styles
    /// lettered in order of first appearance; `.` is the plain style.
    static func styleMap(_ buffer: Buffer) -> (rows: [String], legend: [String]) {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var letters: [Style: Character] = [.plain: "."]
        var legend = [". plain"]
        var rows: [String] = []
        for y in 0..<buffer.height {
            var row = ""
            for x in 0..<buffer.width {
                let style = buffer[x, y].style
                if letters[style] == nil {
                    let letter = letters.count - 1 < alphabet.count ? alphabet[letters.count - 1] : "?"
                    letters[style] = letter
                    legend.append("\(letter) \(describe(style))")
                }
                row.append(letters[style]!)
            }
            rows.append(row)
        }
        return (rows, legend)
    }

    static func describe(_ style: Style) -> String {
        func colour(_ c: Color) -> String {
            switch c {
            case .default: return "default"
            case .indexed(let n): return String(n)
            }
        }
        var parts = ["fg=\(colour(style.fg))", "bg=\(colour(style.bg))"]
        if style.bold { parts.append("bold") }
        if style.dim { parts.append("dim") }
        if style.reverse { parts.append("reverse") }
        if style.underline { parts.append("underline") }
        return parts.joined(separator: " ")
    }

    /// The lines of two golden texts that differ, named by section and screen row (from 0, as
    /// `buffer.lines` counts), at most `limit` of them.
    static func diff(expected: String, actual: String, limit: Int = 30) -> String {
        let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
        var out: [String] = []
        var differing = 0
        var section = "header"
        var sectionStart = 0
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? e[i] : "<missing>"
            let al = i < a.count ? a[i] : "<missing>"
            if el.hasPrefix("["), el.hasSuffix("]") {
                section = String(el.dropFirst().dropLast())
                sectionStart = i + 1
            }
            guard el != al else { continue }
            differing += 1
            guard differing <= limit else { continue }
            let place: String
            switch section {
            case "lines": place = "row \(i - sectionStart)"
            case "styles": place = "style row \(i - sectionStart)"
            default: place = "\(section) line \(i - sectionStart + 1)"
            }
            out.append("\(place):")
            out.append("  expected: \(el)")
            out.append("  actual:   \(al)")
        }
        if differing > limit { out.append("… and \(differing - limit) more differing lines") }
        return out.joined(separator: "\n")
    }
}

extension XCTestCase {
    /// Compares `buffer` with the golden file `name` (see `GoldenScreen`).
    func assertGoldenScreen(_ buffer: Buffer, named name: String, file: StaticString = #filePath, line: UInt = #line) {
        let actual = GoldenScreen.render(buffer, name: name)
        let url = GoldenScreen.url(name)
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if expected == actual { return }
        if GoldenScreen.updating {
            do {
                try FileManager.default.createDirectory(at: GoldenScreen.directory, withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
                XCTFail("regenerated golden \(url.path); check it, then run again without KINESCOPE_UPDATE_GOLDENS",
                        file: file, line: line)
            } catch {
                XCTFail("could not write golden \(url.path): \(error)", file: file, line: line)
            }
            return
        }
        guard let expected else {
            XCTFail("""
                missing golden \(url.path); create it on purpose with KINESCOPE_UPDATE_GOLDENS=1. Screen:
                \(buffer.lines.map { "|\($0)|" }.joined(separator: "\n"))
                """, file: file, line: line)
            return
        }
        XCTFail("screen differs from golden \(name).txt:\n" + GoldenScreen.diff(expected: expected, actual: actual),
                file: file, line: line)
    }
}
