import ArgumentParser
import EventDecoding
import EventSources
import KinescopeConfig
import MonitorCore

/// `kinescope tail`: one JSON object per decoded event on stdout (NDJSON).
struct TailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Print one JSON object per decoded event (NDJSON), headless.")

    @Flag(name: .long, help: "Print capture lines (one Kinesis record each, data in base64) instead of events; --file reads them back.")
    var raw = false

    @OptionGroup var source: SourceOptions
    @OptionGroup var headless: HeadlessOptions
    @OptionGroup var configFile: ConfigOptions
    @OptionGroup var filter: FilterOptions
    @OptionGroup(title: "Decoding options") var decoding: DecodingOptions

    func run() async throws {
        _ = try await Headless.run(source: source, config: configFile.load().defaults, headless: headless, filter: filter.parsed, decoder: decoding.decoder,
                                   output: raw ? .capture : .tail)
    }
}

/// `kinescope stats`: a summary of everything read.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Read the source headless and print a summary: totals, by type, kind and shard.")

    @OptionGroup var source: SourceOptions
    @OptionGroup var headless: HeadlessOptions
    @OptionGroup var configFile: ConfigOptions
    @OptionGroup var filter: FilterOptions
    @OptionGroup(title: "Decoding options") var decoding: DecodingOptions

    @Option(name: .long, help: ArgumentHelp("Output format: text or json.", valueName: "FORMAT"))
    var format: String = "text"

    func validate() throws {
        if !["text", "json"].contains(format) { throw ValidationError("--format must be text or json") }
    }

    func run() async throws {
        let state = try await Headless.run(source: source, config: configFile.load().defaults, headless: headless, filter: filter.parsed, decoder: decoding.decoder,
                                           output: .stats)
        let summary = StatsSummary(state)
        try Headless.write((format == "json" ? summary.json() : summary.text()) + "\n")
    }
}

/// Options for the headless front ends.
struct HeadlessOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Stop after this many decoded events.", valueName: "N"))
    var maxEvents: Int?

    @Flag(name: .long, help: "Exit once every shard is caught up (or closed and read to its end), or the file ended.")
    var untilCaughtUp = false

    @Option(name: .long, help: ArgumentHelp("Exit 1 once the stream's endpoint has not answered for this long (default 2m with --until-caught-up; without it, keep trying).", valueName: "DURATION"))
    var giveUpAfter: String?

    /// `--give-up-after` when not given with `--until-caught-up`: seconds.
    static let defaultGiveUpAfter = 120.0

    func validate() throws {
        if let maxEvents, maxEvents < 0 { throw ValidationError("--max-events must be 0 or more") }
        if let giveUpAfter {
            guard let seconds = StartPosition.duration(giveUpAfter), seconds >= 1, seconds <= 86_400 else {
                throw ValidationError("--give-up-after must be a duration from 1s to 1d, such as 30s or 2m (got '\(giveUpAfter)')")
            }
        }
    }

    /// Seconds without an answer after which a stream source gives up; nil: never.
    var giveUpSeconds: Double? {
        if let giveUpAfter { return StartPosition.duration(giveUpAfter) }
        return untilCaughtUp ? Self.defaultGiveUpAfter : nil
    }
}

enum Headless {
    static func run(source options: SourceOptions, config: ConfigDefaults, headless: HeadlessOptions, filter: EventFilter,
                    decoder: EventDecoder, output: HeadlessSink.Output) async throws -> MonitorState {
        if options.stream == nil && headless.giveUpAfter != nil {
            throw ValidationError("--give-up-after goes with --stream")
        }
        // Output that cannot be written is known before anything is read.
        if let failure = StandardOutput.checkOpen() { throw RuntimeError(failure.message) }
        StandardOutput.ignoreBrokenPipeSignal()
        let clock = SystemClock()
        let source = try options.spec(config: config).makeSource(realTime: false, clock: clock, untilCaughtUp: headless.untilCaughtUp,
                                                                 giveUpAfter: headless.giveUpSeconds)
        let state = MonitorState(config: MonitorConfig(sourceName: source.name, retain: 1), now: clock.now())
        let sink = HeadlessSink(decoder: decoder, output: output, maxEvents: headless.maxEvents, filter: filter, state: state)
        if headless.maxEvents == 0 { return await sink.state }
        do {
            try await source.run(into: sink)
        } catch {
            // The source may have stopped because stdout failed; that is the failure to report.
            if let failure = await sink.writeFailure { try end(failure) }
            if let error = error as? SourceError { throw RuntimeError(error.description) }
            throw error
        }
        if let failure = await sink.writeFailure { try end(failure) }
        return await sink.state
    }

    /// Writes the text to stdout: a failure is exit 1 with one line; a reader gone away (EPIPE) is exit 0.
    static func write(_ text: String) throws {
        if let failure = StandardOutput.write(Array(text.utf8)) { try end(failure) }
    }

    /// Ends the command for a failed write: quietly (exit 0) when the reader closed the pipe.
    private static func end(_ failure: StandardOutput.WriteFailure) throws -> Never {
        if failure.isBrokenPipe { throw ExitCode.success }
        throw RuntimeError(failure.message)
    }
}
