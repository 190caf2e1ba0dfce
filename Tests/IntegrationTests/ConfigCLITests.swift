import Foundation
import XCTest

/// The config file from the command line: a bad file is reported line by line on stderr and the
/// program still runs; flags win over the file.
final class ConfigCLITests: XCTestCase {
    private var home: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        home = FileManager.default.temporaryDirectory.appendingPathComponent("kinescope-config-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("kinescope"), withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: home)
        super.tearDown()
    }

    private func run(_ arguments: [String], config: String?, environment: [String: String] = [:]) throws -> ProcessResult {
        let path = home.appendingPathComponent("kinescope/config.toml")
        if let config { try config.write(to: path, atomically: true, encoding: .utf8) }
        var env = ["XDG_CONFIG_HOME": home.path, "KINESCOPE_CONFIG": ""]
        env.merge(environment) { _, new in new }
        return try ProcessRunner.run(try KinescopePackage.binary(), arguments, environment: env)
    }

    func testABadConfigFileIsReportedAndTheProgramStillRuns() throws {
        let result = try run(["stats", "--demo", "--max-events", "10", "--format", "json"], config: """
        theme = "light"
        # a comment
        retain = -5
        colour = "never"
        poll_interval = oops
        """)
        XCTAssertEqual(result.exitCode, 0, result.stderrText)
        let file = home.appendingPathComponent("kinescope/config.toml").path
        XCTAssertEqual(result.stderrLines, [
            "kinescope: \(file) line 3: retain must be an integer from 1 to 10,000,000 (using the default)",
            "kinescope: \(file) line 4: unknown key 'colour' (ignored; did you mean color?)",
            "kinescope: \(file) line 5: poll_interval: 'oops' is not a value (strings need quotes) (line ignored)",
        ])
        XCTAssertTrue(result.stdoutText.contains("\"events\": 10") || result.stdoutText.contains("\"events\":10"), result.stdoutText)
    }

    /// `sessions = Int.max` in the file is refused with a warning (the TUI's session index used to
    /// trap on it) and the default applies.
    func testAHugeSessionsSettingIsAWarningNotACrash() throws {
        let result = try run(["stats", "--demo", "--max-events", "10"], config: "sessions = 9223372036854775807\n")
        XCTAssertEqual(result.exitCode, 0, result.stderrText)
        let file = home.appendingPathComponent("kinescope/config.toml").path
        XCTAssertEqual(result.stderrLines, ["kinescope: \(file) line 1: sessions must be an integer from 1 to 1,000,000 (using the default)"])
    }

    func testAGoodConfigFileIsSilent() throws {
        let result = try run(["tail", "--demo", "--max-events", "3"], config: "theme = \"dark\"\nmouse = true\ncolumns = [\"time\", \"type\"]\n")
        XCTAssertEqual(result.exitCode, 0)
        XCTAssertEqual(result.stderrText, "")
        XCTAssertEqual(result.stdoutLines.count, 3)
    }

    func testConfigFlagAndEnvironmentNameTheFile() throws {
        let other = home.appendingPathComponent("other.toml")
        try "bogus = 1\n".write(to: other, atomically: true, encoding: .utf8)
        let viaFlag = try run(["stats", "--demo", "--max-events", "1", "--config", other.path], config: "retain = 0\n")
        XCTAssertEqual(viaFlag.exitCode, 0)
        XCTAssertEqual(viaFlag.stderrLines, ["kinescope: \(other.path) line 1: unknown key 'bogus' (ignored)"], "--config wins over the XDG file")
        let viaEnvironment = try run(["stats", "--demo", "--max-events", "1"], config: "retain = 0\n", environment: ["KINESCOPE_CONFIG": other.path])
        XCTAssertEqual(viaEnvironment.stderrLines, ["kinescope: \(other.path) line 1: unknown key 'bogus' (ignored)"])
        let missing = try run(["stats", "--demo", "--max-events", "1", "--config", home.appendingPathComponent("none.toml").path], config: nil)
        XCTAssertEqual(missing.exitCode, 0)
        XCTAssertEqual(missing.stderrLines, ["kinescope: config file \(home.appendingPathComponent("none.toml").path) does not exist (using the defaults)"])
    }

    func testFlagValidationStillRejectsBadFlags() throws {
        let result = try run(["watch", "--demo", "--retain", "0"], config: nil)
        XCTAssertEqual(result.exitCode, 64)
        for (flag, value, message) in [("--sessions", "9223372036854775807", "--sessions must be from 1 to 1,000,000 (got 9223372036854775807)"),
                                        ("--retain", "10000001", "--retain must be from 1 to 10,000,000 (got 10000001)")] {
            let tooMany = try run(["watch", "--demo", flag, value], config: nil)
            XCTAssertEqual(tooMany.exitCode, 64, flag)
            XCTAssertTrue(tooMany.stderrText.contains(message), tooMany.stderrText)
        }
        let columns = try run(["watch", "--demo", "--columns", "time,nope"], config: nil)
        XCTAssertEqual(columns.exitCode, 64)
        XCTAssertTrue(columns.stderrText.contains("--columns takes names from"), columns.stderrText)
    }
}
