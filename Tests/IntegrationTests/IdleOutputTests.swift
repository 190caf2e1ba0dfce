import Foundation
import XCTest

/// "Quiet when idle" (DESIGN §1), measured on the wire: the real binary in a pseudo-terminal of its
/// own (Support/pty_idle.py), first frames allowed to settle, then not one byte for 5 s.
///
/// The header clock shows the minute, so a redraw at the start of each minute is expected; the
/// helper places the 5 s window so that it never spans one (waiting past it when needed). Rates and
/// sparklines move for 60 s after the last event, so the sources here have none to show: a file
/// that has ended with no records, and the demo at one event per 1000 s.
final class IdleOutputTests: XCTestCase {
    struct Measurement: Decodable {
        var settle_bytes: Int
        var idle_bytes: Int
        var idle_sample: String
        var window_start_second: Double
        var exit_code: Int?
    }

    func testAnEndedFileSourceWritesNothingWhileIdle() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("kinescope-idle-\(UUID().uuidString).ndjson")
        _ = FileManager.default.createFile(atPath: empty.path, contents: Data())
        defer { try? FileManager.default.removeItem(at: empty) }
        try assertIdle(["watch", "--file", empty.path])
    }

    func testAQuietDemoWritesNothingWhileIdle() throws {
        // The demo's gaps are random (exponential, mean 1000 s at this rate, so a few seeds in a
        // hundred put an event within the test's first minute, which would draw). Seed 1's first
        // event comes later; it is named so that a change of the default seed cannot break this.
        try assertIdle(["demo", "--rate", "0.001", "--seed", "1"])
    }

    private func assertIdle(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        guard let python = ProcessRunner.which("python3") else { throw XCTSkip("python3 is needed for the pty helper") }
        let script = KinescopePackage.root.appendingPathComponent("Tests/IntegrationTests/Support/pty_idle.py")
        let result = try ProcessRunner.run(python, [script.path, "--window", "5", "--settle", "1.5", "--", try KinescopePackage.binary().path] + arguments,
                                           // ProcessRunner's child environment already leaves out the
                                           // developer's config (KINESCOPE_CONFIG, KINESCOPE_GLYPHS, an empty XDG_CONFIG_HOME).
                                           environment: ["TERM": "xterm-256color", "LC_ALL": "C.UTF-8"], timeout: 120)
        XCTAssertEqual(result.exitCode, 0, "pty_idle.py: \(result.stderrText)", file: file, line: line)
        let measurement = try JSONDecoder().decode(Measurement.self, from: Data(result.stdout))
        XCTAssertGreaterThan(measurement.settle_bytes, 500, "the first frame was drawn", file: file, line: line)
        XCTAssertEqual(measurement.idle_bytes, 0,
                       "bytes written while idle (window from second \(measurement.window_start_second)): \(measurement.idle_sample.debugDescription)",
                       file: file, line: line)
        XCTAssertEqual(measurement.exit_code, 0, "q quits with 0", file: file, line: line)
    }
}
