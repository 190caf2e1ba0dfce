import ArgumentParser
import EventDecoding
import EventSources
import Foundation
import MonitorCore
import TerminalUI

/// `kinescope watch`: the live TUI on any source (the default subcommand).
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch events live in the terminal (the default).")

    @OptionGroup var source: SourceOptions
    @OptionGroup var display: DisplayOptions
    @OptionGroup var filter: FilterOptions
    @OptionGroup(title: "Decoding options") var decoding: DecodingOptions

    func run() throws {
        try TUI.run(source: source.spec, display: display, filter: filter.parsed, decoder: decoding.decoder)
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
    @OptionGroup var filter: FilterOptions
    @OptionGroup(title: "Decoding options") var decoding: DecodingOptions

    func validate() throws {
        if !(rate > 0 && rate <= 1_000_000) { throw ValidationError("--rate must be a number of events per second between 0 and 1000000") }
    }

    func run() throws {
        try TUI.run(source: .demo(seed: seed, rate: rate), display: display, filter: filter.parsed, decoder: decoding.decoder)
    }
}

enum TUI {
    static func run(source spec: SourceSpec, display: DisplayOptions, filter: EventFilter, decoder: EventDecoder) throws {
        guard isatty(STDOUT_FILENO) != 0 else {
            throw RuntimeError("the TUI needs a terminal on stdout; use 'kinescope tail' or 'kinescope stats' for headless output")
        }
        if case .file("-", _) = spec {
            throw RuntimeError("the TUI reads keys from the terminal, so it cannot read events from stdin; use 'kinescope tail --file -'")
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
        var state = MonitorState(config: MonitorConfig(sourceName: source.name, retain: display.retain,
                                                       sessionCapacity: display.sessions), now: clock.now())
        state.setFilter(filter)
        let session = TerminalSession(colorFlag: display.color, environment: ProcessInfo.processInfo.environment,
                                      theme: Theme.named(display.theme) ?? .dark)
        let outcome = session.run(state: state, mailbox: mailbox, clock: clock)
        // The terminal is restored by now; exit as a process killed by that signal would.
        if let signal = outcome.signal { throw ExitCode(128 + signal) }
    }
}
