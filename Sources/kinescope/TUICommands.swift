import ArgumentParser
import EventDecoding
import EventSources
import Foundation
import KinescopeConfig
import MonitorCore
import TerminalUI

/// `kinescope watch`: the live TUI on any source (the default subcommand).
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch events live in the terminal (the default).")

    @OptionGroup var source: SourceOptions
    @OptionGroup var display: DisplayOptions
    @OptionGroup var configFile: ConfigOptions
    @OptionGroup var filter: FilterOptions
    @OptionGroup(title: "Decoding options") var decoding: DecodingOptions

    func run() throws {
        let (file, warnings) = configFile.load()
        try TUI.run(source: source.spec(config: file), settings: file.overridden(by: display.flags), configWarnings: warnings,
                    filter: filter.parsed, decoder: decoding.decoder)
    }
}

/// `kinescope demo`: the TUI on built-in demo traffic (the same as `watch --demo`).
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Watch built-in demo traffic in the terminal (same as: watch --demo).")

    @Option(name: .long, help: "Seed for the demo traffic (same seed, same events).")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Demo events per second.", valueName: "N"))
    var rate: Double = 40

    @OptionGroup var display: DisplayOptions
    @OptionGroup var configFile: ConfigOptions
    @OptionGroup var filter: FilterOptions
    @OptionGroup(title: "Decoding options") var decoding: DecodingOptions

    func validate() throws {
        if !(rate > 0 && rate <= 1_000_000) { throw ValidationError("--rate must be a number of events per second between 0 and 1000000") }
    }

    func run() throws {
        let (file, warnings) = configFile.load()
        try TUI.run(source: .demo(seed: seed, rate: rate), settings: file.overridden(by: display.flags), configWarnings: warnings,
                    filter: filter.parsed, decoder: decoding.decoder)
    }
}

enum TUI {
    /// `settings` are the config file's with the command line's laid over them; `configWarnings`
    /// (already on stderr) are summed up in the footer too, where they are seen.
    static func run(source spec: SourceSpec, settings: ConfigDefaults, configWarnings: [String], filter: EventFilter,
                    decoder: EventDecoder) throws {
        guard isatty(STDOUT_FILENO) != 0 else {
            throw RuntimeError("the TUI needs a terminal on stdout; use 'kinescope tail' or 'kinescope stats' for headless output")
        }
        if case .file("-", _) = spec {
            throw RuntimeError("the TUI reads keys from the terminal, so it cannot read events from stdin; use 'kinescope tail --file -'")
        }
        // Keys come from stdin; one that is not a terminal (`< /dev/null`, a pipe) has none to give.
        guard isatty(STDIN_FILENO) != 0 else {
            throw RuntimeError("the TUI reads keys from a terminal on stdin; use 'kinescope tail' or 'kinescope stats' for headless output")
        }
        let clock = SystemClock()
        let source = try spec.makeSource(realTime: true, clock: clock)
        let mailbox = Mailbox()
        let sink = MailboxSink(decoder: decoder, mailbox: mailbox, clock: clock)
        let task = Task.detached {
            do {
                try await source.run(into: sink)
            } catch is CancellationError {
            } catch {
                await sink.status(.failed(String(describing: error)))
            }
        }
        defer { task.cancel() }
        var state = MonitorState(config: MonitorConfig(sourceName: source.name, retain: settings.retain ?? 10_000,
                                                       sessionCapacity: settings.sessions ?? 5_000,
                                                       eventColumns: settings.columns), now: clock.now())
        state.setFilter(filter)
        state.ui.mouse = settings.mouse ?? false
        if let first = configWarnings.first {
            let more = configWarnings.count > 1 ? " (+\(configWarnings.count - 1) more on stderr)" : ""
            state.ui.notice = Notice(String(first.dropFirst("kinescope: ".count)) + more, isError: true)
        }
        let session = TerminalSession(colorFlag: settings.color ?? "auto", environment: ProcessInfo.processInfo.environment,
                                      theme: Theme.named(settings.theme ?? "dark") ?? .dark)
        let outcome = session.run(state: state, mailbox: mailbox, clock: clock)
        // The terminal is restored by now; exit as a process killed by that signal would.
        if let signal = outcome.signal { throw ExitCode(128 + signal) }
        if outcome.terminalGone { throw RuntimeError("the terminal went away") }
        // A source that failed was shown in the header; quitting does not make it a success.
        if case .failed(let message) = outcome.state.status { throw RuntimeError(message) }
    }
}
