import ArgumentParser
import EventDecoding
import EventSources
import Foundation
import KinesisClient
import KinescopeConfig
import MonitorCore
import TerminalUI

/// The SOURCE options shared by every subcommand that reads events.
struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Kinesis stream name or ARN.", valueName: "NAME_OR_ARN"))
    var stream: String?

    @Option(name: .long, help: ArgumentHelp("Read a file in any supported format; '-' is stdin.", valueName: "PATH"))
    var file: String?

    @Flag(name: .long, help: "Built-in synthetic Amplify/Pinpoint traffic.")
    var demo = false

    @Option(name: .long, help: "Seed for the demo traffic (same seed, same events).")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Demo events per second (default: 40 in the TUI; as fast as possible headless).", valueName: "N"))
    var rate: Double?

    @Option(name: .long, help: ArgumentHelp("File replay speed: 1 keeps the original timing, 10 is ten times faster, max is as fast as possible (default: 1 in the TUI, max headless).", valueName: "N|max"))
    var speed: String?

    @OptionGroup(title: "Kinesis options") var aws: AWSOptions

    @Option(name: .long, help: ArgumentHelp("Where to start reading: latest, trim-horizon, an ISO-8601 time, or a duration ago (15m, 2h).", valueName: "WHEN"))
    var from: String = "latest"

    @Option(name: .long, help: ArgumentHelp("Read only this shard (and its descendants); repeatable.", valueName: "ID"))
    var shard: [String] = []

    @Option(name: .long, help: ArgumentHelp("Time between GetRecords calls on a caught-up shard (default 1s, or the config file's poll_interval).", valueName: "DURATION"))
    var pollInterval: String?

    func validate() throws {
        let chosen = [stream != nil, file != nil, demo].filter { $0 }.count
        if chosen == 0 { throw ValidationError("no source given: use one of --stream NAME, --file PATH, --demo") }
        if chosen > 1 { throw ValidationError("give exactly one source: --stream, --file or --demo") }
        if let rate, !(rate > 0 && rate <= 1_000_000) { throw ValidationError("--rate must be a number of events per second between 0 and 1000000") }
        if let file, file.isEmpty { throw ValidationError("--file needs a path ('-' for stdin)") }
        if let speed {
            guard file != nil else { throw ValidationError("--speed goes with --file") }
            guard speed == "max" || (Double(speed).map { $0 > 0 && $0.isFinite } ?? false) else {
                throw ValidationError("--speed must be a positive number or 'max' (got '\(speed)')")
            }
        }
        if StartPosition.parse(from, now: 0) == nil {
            throw ValidationError("--from must be latest, trim-horizon, an ISO-8601 time or a duration such as 15m (got '\(from)')")
        }
        if let pollInterval {
            guard let interval = StartPosition.duration(pollInterval), ConfigDefaults.pollIntervalRange.contains(interval) else {
                throw ValidationError("--poll-interval must be a duration from 200ms to 1h, such as 1s or 500ms (got '\(pollInterval)')")
            }
        }
        if stream == nil && (!shard.isEmpty || from != "latest" || aws.isGiven) {
            throw ValidationError("--from, --shard, --region, --profile and --endpoint-url go with --stream")
        }
    }

    /// What these options name; `config` fills in what they leave out (the poll interval).
    func spec(config: ConfigDefaults) -> SourceSpec {
        if demo { return .demo(seed: seed, rate: rate) }
        if let file { return .file(file, speed: speed.map { $0 == "max" ? .max : .times(Double($0) ?? 1) }) }
        return .stream(StreamSettings(stream: stream ?? "", aws: aws, from: from, shards: shard,
                                      pollInterval: pollInterval.flatMap(StartPosition.duration) ?? config.pollInterval ?? 1))
    }
}

/// A chosen source, independent of how it was given on the command line.
enum SourceSpec {
    case demo(seed: UInt64, rate: Double?)
    case file(String, speed: ReplaySpeed?)
    case stream(StreamSettings)

    /// The source itself. `realTime` is true in the TUI (the demo runs on the clock) and false
    /// headless, where the demo runs on simulated time unless a rate was given. `giveUpAfter`:
    /// seconds a stream's endpoint may stay silent before the source fails; nil keeps trying.
    func makeSource(realTime: Bool, clock: any MonitorClock, untilCaughtUp: Bool = false,
                    giveUpAfter: Double? = nil) throws -> any Source {
        switch self {
        case .demo(let seed, let rate):
            let live = realTime || rate != nil
            return DemoSource(seed: seed, rate: rate ?? DemoProducer.defaultModelRate, realTime: live,
                              startTime: live ? clock.now().rounded(.down) : Self.demoEpoch)
        case .file(let path, let speed):
            let chosen = speed ?? (realTime ? .times(1) : .max)
            let factor: Double? = if case .times(let n) = chosen { n } else { nil }
            // The TUI takes smaller batches: a decoded event is about 3.5 KB and up to three
            // batches are alive while the UI thread catches up (queued, being applied, being
            // decoded), so 4,096-event batches made RSS jump by up to ~35 MB whenever it fell
            // behind. Headless `stats` and `tail` hold no mailbox and keep the larger batch.
            return FileSource(path: path, batchSize: realTime ? Self.tuiBatchSize : 4096, speed: factor,
                              clock: { clock.now() })
        case .stream(let settings):
            var api = try settings.aws.api(streamARN: settings.stream.hasPrefix("arn:") ? settings.stream : nil)
            // A call may take at most half the time allowed without an answer, so that a silent
            // endpoint is tried again (and the retry shown) before the source gives up.
            if let giveUpAfter { api.timeout = min(api.timeout, giveUpAfter / 2) }
            let position = StartPosition.parse(settings.from, now: clock.now()) ?? .latest
            return KinesisSource(api: api, stream: settings.stream, start: position,
                                 shardFilter: settings.shards.isEmpty ? nil : Set(settings.shards),
                                 pollInterval: settings.pollInterval, untilCaughtUp: untilCaughtUp,
                                 giveUpAfter: giveUpAfter, clock: { clock.now() })
        }
    }

    /// Records per batch from a file in the TUI (see `makeSource`).
    static let tuiBatchSize = 1024

    /// Simulated demo time starts here headless, so `tail --demo --seed N` prints the same lines on every run.
    static let demoEpoch = 1_767_225_600.0  // 2026-01-01T00:00:00Z
}

/// Options for the TUI front ends. Each one left out falls back to the config file, then to its
/// default.
struct DisplayOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("How many recent events to keep (default 10000).", valueName: "N"))
    var retain: Int?

    @Option(name: .long, help: ArgumentHelp("How many sessions to keep before evicting the least recently active (default 5000).", valueName: "N"))
    var sessions: Int?

    @Option(name: .long, help: ArgumentHelp("Colour: auto (the default; honours NO_COLOR and the terminal), always, never.", valueName: "WHEN"))
    var color: String?

    @Option(name: .long, help: ArgumentHelp("Colour theme: dark (default) or light, for light terminal backgrounds.", valueName: "NAME"))
    var theme: String?

    @Flag(inversion: .prefixedNo, help: "Mouse support: click selects and focuses, the wheel scrolls (default off, so the terminal's own text selection works; m toggles it).")
    var mouse: Bool?

    @Option(name: .long, help: ArgumentHelp("The events pane's columns, in order: a comma-separated list of time, type, platform, client, session, attributes (default: by width).", valueName: "LIST"))
    var columns: String?

    func validate() throws {
        if let retain, !ConfigDefaults.retainRange.contains(retain) {
            throw ValidationError("--retain must be from 1 to \(ConfigDefaults.grouped(ConfigDefaults.retainRange.upperBound)) (got \(retain))")
        }
        if let sessions, !ConfigDefaults.sessionsRange.contains(sessions) {
            throw ValidationError("--sessions must be from 1 to \(ConfigDefaults.grouped(ConfigDefaults.sessionsRange.upperBound)) (got \(sessions))")
        }
        if let color, !ConfigDefaults.colorChoices.contains(color) { throw ValidationError("--color must be auto, always or never") }
        if let theme, Theme.named(theme) == nil { throw ValidationError("--theme must be dark or light (got '\(theme)')") }
        if let columns {
            let names = columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if let bad = names.first(where: { EventColumn(name: $0) == nil }) ?? (names.isEmpty ? "" : nil) {
                throw ValidationError("--columns takes names from: \(EventColumn.allCases.map(\.rawValue).joined(separator: ", ")) (got '\(bad)')")
            }
            if Set(names.compactMap(EventColumn.init(name:))).count != names.count {
                throw ValidationError("--columns lists a column twice")
            }
        }
    }

    /// What these flags set, to lay over the config file's settings.
    var flags: ConfigDefaults {
        ConfigDefaults(theme: theme, color: color, retain: retain, sessions: sessions, mouse: mouse,
                       columns: columns.map { $0.split(separator: ",").compactMap { EventColumn(name: $0.trimmingCharacters(in: .whitespaces)) } })
    }
}

/// `--config PATH`: the config file of defaults (theme, colour, poll interval, retain, sessions,
/// mouse, columns).
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Config file of defaults (default: $KINESCOPE_CONFIG, else $XDG_CONFIG_HOME/kinescope/config.toml, else ~/.config/kinescope/config.toml).", valueName: "PATH"))
    var config: String?

    /// The file's settings. Its problems go to stderr, one line each, and never stop the program:
    /// the settings that were fine still apply.
    func load() -> (defaults: ConfigDefaults, warnings: [String]) {
        let loaded = ConfigLoader.load(flag: config, environment: ProcessInfo.processInfo.environment)
        for warning in loaded.warnings { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
        return (loaded.defaults, loaded.warnings)
    }
}

/// What `--stream` and its options chose.
struct StreamSettings {
    var stream: String
    var aws: AWSOptions
    var from: String
    var shards: [String]
    /// Seconds.
    var pollInterval: Double
}

/// `--speed`: a factor on the original timing, or as fast as possible.
enum ReplaySpeed {
    case times(Double)
    case max
}

/// `--filter EXPR`: the filter language of the `/` prompt, for every front end.
struct FilterOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Only events matching EXPR, e.g. 'type:_session.* platform:ios' or 'kind:email or error'.", valueName: "EXPR"))
    var filter: String = ""

    func validate() throws {
        do {
            _ = try EventFilter.parse(filter)
        } catch {
            throw ValidationError("--filter: \(error.description)")
        }
    }

    var parsed: EventFilter { (try? EventFilter.parse(filter)) ?? EventFilter() }
}

/// Where to find the type, session, client and time in JSON that is neither Pinpoint nor Amplify.
struct DecodingOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Dotted path of the event type in other JSON schemas (e.g. detail.kind).", valueName: "PATH"))
    var typeField: String?

    @Option(name: .long, help: ArgumentHelp("Dotted path of the session id in other JSON schemas.", valueName: "PATH"))
    var sessionField: String?

    @Option(name: .long, help: ArgumentHelp("Dotted path of the client id in other JSON schemas.", valueName: "PATH"))
    var clientField: String?

    @Option(name: .long, help: ArgumentHelp("Dotted path of the event time (seconds, milliseconds or ISO-8601) in other JSON schemas.", valueName: "PATH"))
    var timeField: String?

    func validate() throws {
        for (flag, value) in [("--type-field", typeField), ("--session-field", sessionField),
                              ("--client-field", clientField), ("--time-field", timeField)] {
            if let value, value.isEmpty || value.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
                throw ValidationError("\(flag) must be a dotted path such as detail.type (got '\(value)')")
            }
        }
    }

    var decoder: EventDecoder {
        EventDecoder(options: DecoderOptions(typeField: typeField, sessionField: sessionField,
                                             clientField: clientField, timeField: timeField))
    }
}
