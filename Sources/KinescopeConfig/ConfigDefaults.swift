import EventSources
import MonitorCore
import TerminalUI

/// Settings a config file (or the command line) gives; nil where it gives none.
///
/// The file's keys: `theme`, `color`, `poll_interval`, `retain`, `sessions`, `mouse`, `columns`.
/// A key with a bad value is reported with its line and left out; the others still apply.
public struct ConfigDefaults: Sendable, Equatable {
    public var theme: String?
    public var color: String?
    /// Seconds.
    public var pollInterval: Double?
    public var retain: Int?
    public var sessions: Int?
    public var mouse: Bool?
    public var columns: [EventColumn]?

    public init(theme: String? = nil, color: String? = nil, pollInterval: Double? = nil, retain: Int? = nil,
                sessions: Int? = nil, mouse: Bool? = nil, columns: [EventColumn]? = nil) {
        self.theme = theme
        self.color = color
        self.pollInterval = pollInterval
        self.retain = retain
        self.sessions = sessions
        self.mouse = mouse
        self.columns = columns
    }

    public static let keys = ["theme", "color", "poll_interval", "retain", "sessions", "mouse", "columns"]
    public static let colorChoices = ["auto", "always", "never"]
    public static let themeChoices = ["dark", "light"]
    /// The range `--poll-interval` accepts too, in seconds.
    public static let pollIntervalRange = 0.2...3600.0
    /// The ranges `--retain` and `--sessions` accept too. Far above any useful size (the ring and
    /// the session index hold everything in memory), and low enough that sizes computed from them
    /// cannot overflow.
    public static let retainRange = 1...10_000_000
    public static let sessionsRange = 1...1_000_000

    /// The settings in a parsed file, and what was wrong with it: syntax problems, unknown keys and
    /// bad values, each with its line.
    public static func from(_ file: ConfigFile) -> (defaults: ConfigDefaults, problems: [ConfigProblem]) {
        var defaults = ConfigDefaults()
        var problems = file.problems
        for entry in file.entries {
            if let problem = defaults.apply(entry) {
                problems.append(ConfigProblem(line: entry.line, problem))
            }
        }
        problems.sort { $0.line < $1.line }
        return (defaults, problems)
    }

    /// Sets the entry's setting, or says what is wrong with it.
    mutating func apply(_ entry: ConfigEntry) -> String? {
        let useDefault = " (using the default)"
        switch entry.key {
        case "theme":
            guard case .string(let name) = entry.value, Theme.named(name) != nil else {
                return "theme must be \"dark\" or \"light\"" + useDefault
            }
            theme = name
        case "color":
            guard case .string(let mode) = entry.value, Self.colorChoices.contains(mode) else {
                return "color must be \"auto\", \"always\" or \"never\"" + useDefault
            }
            color = mode
        case "poll_interval":
            let seconds: Double? = switch entry.value {
            case .string(let text): StartPosition.duration(text)
            case .integer(let n): Double(n)
            case .float(let x): x
            default: nil
            }
            guard let seconds, Self.pollIntervalRange.contains(seconds) else {
                return "poll_interval must be a duration from 200ms to 1h, such as \"1s\" or \"500ms\"" + useDefault
            }
            pollInterval = seconds
        case "retain", "sessions":
            let range = entry.key == "retain" ? Self.retainRange : Self.sessionsRange
            guard case .integer(let n) = entry.value, range.contains(n) else {
                return "\(entry.key) must be an integer from 1 to \(Self.grouped(range.upperBound))" + useDefault
            }
            if entry.key == "retain" { retain = n } else { sessions = n }
        case "mouse":
            guard case .boolean(let on) = entry.value else { return "mouse must be true or false" + useDefault }
            mouse = on
        case "columns":
            let known = EventColumn.allCases.map(\.rawValue).joined(separator: ", ")
            guard case .array(let items) = entry.value, !items.isEmpty else {
                return "columns must be a list of column names such as [\"time\", \"type\", \"session\", \"attributes\"]" + useDefault
            }
            var chosen: [EventColumn] = []
            for item in items {
                guard case .string(let name) = item, let column = EventColumn(name: name) else {
                    let shown = if case .string(let name) = item { ConfigText.quoted(name) } else { item.kindName }
                    return "columns: \(shown) is not a column (known: \(known))" + useDefault
                }
                if chosen.contains(column) { return "columns: '\(column.rawValue)' is listed twice" + useDefault }
                chosen.append(column)
            }
            columns = chosen
        default:
            let suggestion = Self.keys.min { distance($0, entry.key) < distance($1, entry.key) }
                .flatMap { distance($0, entry.key) <= 2 ? "; did you mean \($0)?" : nil } ?? ""
            return "unknown key \(ConfigText.quoted(entry.key)) (ignored\(suggestion))"
        }
        return nil
    }

    /// `n` with thousands separators, as the messages show limits: "10,000,000".
    public static func grouped(_ n: Int) -> String {
        let digits = Array(String(n.magnitude))
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return n < 0 ? "-" + out : out
    }

    /// `flags` over `self`: every setting given on the command line wins over the file's.
    public func overridden(by flags: ConfigDefaults) -> ConfigDefaults {
        ConfigDefaults(theme: flags.theme ?? theme, color: flags.color ?? color,
                       pollInterval: flags.pollInterval ?? pollInterval, retain: flags.retain ?? retain,
                       sessions: flags.sessions ?? sessions, mouse: flags.mouse ?? mouse, columns: flags.columns ?? columns)
    }
}

/// Edit distance, for "did you mean" on a misspelt key.
func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var row = Array(0...b.count)
    for i in 1...max(1, a.count) where !a.isEmpty {
        var previous = row[0]
        row[0] = i
        for j in stride(from: 1, through: b.count, by: 1) {
            let current = row[j]
            row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
            previous = current
        }
    }
    return a.isEmpty ? b.count : row[b.count]
}
