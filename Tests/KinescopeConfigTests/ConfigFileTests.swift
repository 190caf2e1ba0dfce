import MonitorCore
import XCTest
@testable import KinescopeConfig

/// The config file: its TOML subset, each problem named with its line, good settings kept beside
/// bad ones, and the command line over the file over the defaults.
final class ConfigFileTests: XCTestCase {
    private let fullFile = """
    # Kinescope defaults
    theme = "light"
    color = 'never'          # NO_COLOR-like
    poll_interval = "500ms"
    retain = 50_000
    sessions = 200
    mouse = true
    columns = [
      "time", "type",   # the essentials
      "session", "summary",
    ]
    """

    func testEveryKeyIsRead() {
        let (defaults, problems) = ConfigDefaults.from(ConfigFile.parse(fullFile))
        XCTAssertEqual(problems, [])
        XCTAssertEqual(defaults, ConfigDefaults(theme: "light", color: "never", pollInterval: 0.5, retain: 50_000,
                                                sessions: 200, mouse: true, columns: [.time, .type, .session, .attributes]))
    }

    func testValuesOfTheSubset() {
        let file = ConfigFile.parse("""
        a = "tab\\tquote\\" \\u00e9"
        b = 'C:\\raw'
        c = -12
        d = 1.5e3
        e = false
        f = []
        g = [1, [true], "x"]
        """)
        XCTAssertEqual(file.problems, [])
        XCTAssertEqual(file.entries.map(\.value), [.string("tab\tquote\" é"), .string("C:\\raw"), .integer(-12), .float(1500),
                                                   .boolean(false), .array([]), .array([.integer(1), .array([.boolean(true)]), .string("x")])])
        XCTAssertEqual(file.entries.map(\.line), [1, 2, 3, 4, 5, 6, 7])
    }

    func testEachBadValueIsNamedWithItsLineAndTheGoodOnesApply() {
        let text = """
        theme = "solarized"
        color = "always"
        retain = 0
        sessions = "many"
        mouse = "yes"
        poll_interval = "5ms"
        columns = ["time", "bogus"]
        """
        let (defaults, problems) = ConfigDefaults.from(ConfigFile.parse(text))
        XCTAssertEqual(defaults, ConfigDefaults(color: "always"), "only the good line applies")
        XCTAssertEqual(problems, [
            ConfigProblem(line: 1, "theme must be \"dark\" or \"light\" (using the default)"),
            ConfigProblem(line: 3, "retain must be an integer from 1 to 10,000,000 (using the default)"),
            ConfigProblem(line: 4, "sessions must be an integer from 1 to 1,000,000 (using the default)"),
            ConfigProblem(line: 5, "mouse must be true or false (using the default)"),
            ConfigProblem(line: 6, "poll_interval must be a duration from 200ms to 1h, such as \"1s\" or \"500ms\" (using the default)"),
            ConfigProblem(line: 7, "columns: 'bogus' is not a column (known: time, type, platform, client, session, attributes) (using the default)"),
        ])
    }

    /// Sizes beyond the limits are refused: a huge `sessions` used to overflow the session index's
    /// eviction threshold and trap.
    func testRetainAndSessionsHaveUpperBounds() {
        let text = """
        retain = 10_000_001
        sessions = 9223372036854775807
        """
        let (defaults, problems) = ConfigDefaults.from(ConfigFile.parse(text))
        XCTAssertEqual(defaults, ConfigDefaults())
        XCTAssertEqual(problems, [
            ConfigProblem(line: 1, "retain must be an integer from 1 to 10,000,000 (using the default)"),
            ConfigProblem(line: 2, "sessions must be an integer from 1 to 1,000,000 (using the default)"),
        ])
        let (largest, none) = ConfigDefaults.from(ConfigFile.parse("retain = 10_000_000\nsessions = 1_000_000"))
        XCTAssertEqual(none, [])
        XCTAssertEqual(largest, ConfigDefaults(retain: 10_000_000, sessions: 1_000_000))
        XCTAssertEqual(ConfigDefaults.grouped(1_000), "1,000")
        XCTAssertEqual(ConfigDefaults.grouped(999), "999")
        XCTAssertEqual(ConfigDefaults.grouped(-1_234_567), "-1,234,567")
    }

    /// Text from the file reaches stderr only made visible (an ESC in the file must not drive the
    /// terminal) and cut short (an unquoted line may be a secret pasted in the wrong place).
    func testWarningsQuoteTheFileSanitisedAndShort() {
        let text = """
        theme = \u{1B}[31mdark\u{07}
        secret = AKIAIOSFODNN7EXAMPLEwJalrXUtnFEMIbPxRfiCYEXAMPLEKEY
        mouse = true \u{1B}[2J
        columns = ["\\u001b[31mred"]
        ke\u{1B}y = 1
        """
        let loaded = ConfigLoader.parse(text, path: "/c/con\u{1B}fig.toml")
        XCTAssertEqual(loaded.warnings, [
            "kinescope: /c/con␛fig.toml line 1: theme: '␛[31mdark␇' is not a value (strings need quotes) (line ignored)",
            "kinescope: /c/con␛fig.toml line 2: secret: 'AKIAIOSFODNN7EXAMPLE…' is not a value (strings need quotes) (line ignored)",
            "kinescope: /c/con␛fig.toml line 3: mouse: unexpected '␛[2J' after the value (line ignored)",
            "kinescope: /c/con␛fig.toml line 4: columns: '␛[31mred' is not a column (known: time, type, platform, client, session, attributes) (using the default)",
            "kinescope: /c/con␛fig.toml line 5: expected a plain key before '=', got 'ke␛y' (line ignored)",
        ])
        for warning in loaded.warnings {
            XCTAssertFalse(warning.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, warning)
        }
    }

    func testColumnsMustBeANonEmptyListWithoutRepeats() {
        for (text, message) in [
            ("columns = []", "columns must be a list of column names such as [\"time\", \"type\", \"session\", \"attributes\"] (using the default)"),
            ("columns = \"time\"", "columns must be a list of column names such as [\"time\", \"type\", \"session\", \"attributes\"] (using the default)"),
            ("columns = [\"type\", \"type\"]", "columns: 'type' is listed twice (using the default)"),
            ("columns = [\"type\", 3]", "columns: an integer is not a column (known: time, type, platform, client, session, attributes) (using the default)"),
        ] {
            let (defaults, problems) = ConfigDefaults.from(ConfigFile.parse(text))
            XCTAssertNil(defaults.columns, text)
            XCTAssertEqual(problems, [ConfigProblem(line: 1, message)], text)
        }
    }

    func testUnknownKeysAreWarnedWithTheirLineAndASuggestion() {
        let (defaults, problems) = ConfigDefaults.from(ConfigFile.parse("\n\ncolour = \"never\"\nretain = 5\nfrobnicate = 1"))
        XCTAssertEqual(defaults, ConfigDefaults(retain: 5))
        XCTAssertEqual(problems, [
            ConfigProblem(line: 3, "unknown key 'colour' (ignored; did you mean color?)"),
            ConfigProblem(line: 5, "unknown key 'frobnicate' (ignored)"),
        ])
    }

    func testSyntaxProblemsAreNamedWithTheirLineAndTheRestStillApplies() {
        let text = """
        theme = dark
        retain 100
        color = "never
        mouse = true extra
        = 3
        sessions = 7
        columns = ["time",
          "type"
        [ui]
        retain = 9
        """
        let file = ConfigFile.parse(text)
        XCTAssertEqual(file.problems, [
            ConfigProblem(line: 1, "theme: 'dark' is not a value (strings need quotes) (line ignored)"),
            ConfigProblem(line: 2, "expected key = value (line ignored)"),
            ConfigProblem(line: 3, "color: the string is not closed with \" (line ignored)"),
            ConfigProblem(line: 4, "mouse: unexpected 'extra' after the value (line ignored)"),
            ConfigProblem(line: 5, "expected a plain key before '=', got '' (line ignored)"),
            ConfigProblem(line: 7, "columns: expected ',' or ']' in the list, at line 9 (ignored)"),
            ConfigProblem(line: 9, "Kinescope reads only top-level keys; [ui] and the keys under it are ignored"),
        ])
        // The unclosed list is dropped; reading resumes at the line that broke it (the table).
        XCTAssertEqual(file.entries, [ConfigEntry(key: "sessions", value: .integer(7), line: 6)])
    }

    func testTablesAreReportedOnceAndTheirKeysIgnored() {
        let file = ConfigFile.parse("retain = 3\n[ui]\ntheme = \"light\"\n[other]\nx = 1")
        XCTAssertEqual(file.entries.map(\.key), ["retain"])
        XCTAssertEqual(file.problems.map(\.line), [2, 4])
        XCTAssertEqual(file.problems.first?.message, "Kinescope reads only top-level keys; [ui] and the keys under it are ignored")
    }

    func testARepeatedKeyKeepsTheFirst() {
        let (defaults, problems) = ConfigDefaults.from(ConfigFile.parse("retain = 1\nretain = 2"))
        XCTAssertEqual(defaults.retain, 1)
        XCTAssertEqual(problems, [ConfigProblem(line: 2, "retain is already set on line 1 (this one is ignored)")])
    }

    func testPollIntervalTakesDurationsOrSeconds() {
        XCTAssertEqual(ConfigDefaults.from(ConfigFile.parse("poll_interval = 2")).defaults.pollInterval, 2)
        XCTAssertEqual(ConfigDefaults.from(ConfigFile.parse("poll_interval = 0.25")).defaults.pollInterval, 0.25)
        XCTAssertEqual(ConfigDefaults.from(ConfigFile.parse("poll_interval = \"1m30s\"")).defaults.pollInterval, 90)
        XCTAssertNil(ConfigDefaults.from(ConfigFile.parse("poll_interval = 7200")).defaults.pollInterval)
    }

    func testCRLFAndEmptyFiles() {
        XCTAssertEqual(ConfigDefaults.from(ConfigFile.parse("retain = 4\r\nmouse = false\r\n")).defaults,
                       ConfigDefaults(retain: 4, mouse: false))
        XCTAssertEqual(ConfigFile.parse(""), ConfigFile())
    }

    // MARK: Precedence

    func testFlagsOverrideTheFileWhichOverridesTheDefaults() {
        let file = ConfigDefaults(theme: "light", color: "never", pollInterval: 5, retain: 100, sessions: 10, mouse: true,
                                  columns: [.type])
        let flags = ConfigDefaults(color: "always", retain: 7, mouse: false)
        XCTAssertEqual(file.overridden(by: flags),
                       ConfigDefaults(theme: "light", color: "always", pollInterval: 5, retain: 7, sessions: 10, mouse: false,
                                      columns: [.type]))
        XCTAssertEqual(ConfigDefaults().overridden(by: flags), flags, "with no file, the flags alone")
        XCTAssertEqual(file.overridden(by: ConfigDefaults()), file, "with no flags, the file alone")
    }

    // MARK: Where the file is, and what stderr says

    func testLocationOrder() {
        let env = ["HOME": "/home/u", "XDG_CONFIG_HOME": "/xdg", "KINESCOPE_CONFIG": "/k.toml"]
        XCTAssertEqual(ConfigLoader.location(flag: "/f.toml", environment: env)?.path, "/f.toml")
        XCTAssertEqual(ConfigLoader.location(flag: nil, environment: env)?.path, "/k.toml")
        XCTAssertEqual(ConfigLoader.location(flag: nil, environment: env)?.named, true)
        var noOverride = env
        noOverride["KINESCOPE_CONFIG"] = nil
        XCTAssertEqual(ConfigLoader.location(flag: nil, environment: noOverride)?.path, "/xdg/kinescope/config.toml")
        XCTAssertEqual(ConfigLoader.location(flag: nil, environment: noOverride)?.named, false)
        noOverride["XDG_CONFIG_HOME"] = "relative/ignored"
        XCTAssertEqual(ConfigLoader.location(flag: nil, environment: noOverride)?.path, "/home/u/.config/kinescope/config.toml")
        XCTAssertNil(ConfigLoader.location(flag: nil, environment: [:]))
    }

    func testWarningsNameTheFileAndLine() {
        let loaded = ConfigLoader.parse("theme = \"dark\"\n\nretain = -1\n", path: "/c/config.toml")
        XCTAssertEqual(loaded.defaults, ConfigDefaults(theme: "dark"))
        XCTAssertEqual(loaded.warnings, ["kinescope: /c/config.toml line 3: retain must be an integer from 1 to 10,000,000 (using the default)"])
    }

    func testAMissingFileIsSilentUnlessNamed() throws {
        let missing = "/nonexistent-\(UUID().uuidString)/config.toml"
        XCTAssertEqual(ConfigLoader.load(flag: nil, environment: ["XDG_CONFIG_HOME": "/nonexistent-\(UUID().uuidString)"]).warnings, [])
        XCTAssertEqual(ConfigLoader.load(flag: missing, environment: [:]).warnings,
                       ["kinescope: config file \(missing) does not exist (using the defaults)"])
    }

    func testReadsTheFileUnderXDGConfigHome() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("kinescope-config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        try FileManager.default.createDirectory(at: home.appendingPathComponent("kinescope"), withIntermediateDirectories: true)
        try "mouse = true\nbogus = 1\n".write(to: home.appendingPathComponent("kinescope/config.toml"), atomically: true, encoding: .utf8)
        let loaded = ConfigLoader.load(flag: nil, environment: ["XDG_CONFIG_HOME": home.path])
        XCTAssertEqual(loaded.defaults, ConfigDefaults(mouse: true))
        XCTAssertEqual(loaded.warnings, ["kinescope: \(home.path)/kinescope/config.toml line 2: unknown key 'bogus' (ignored)"])
    }
}
