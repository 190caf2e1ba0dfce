import ArgumentParser
import EventSources
import MonitorCore

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

    func validate() throws {
        let chosen = [stream != nil, file != nil, demo].filter { $0 }.count
        if chosen == 0 { throw ValidationError("no source given: use one of --stream NAME, --file PATH, --demo") }
        if chosen > 1 { throw ValidationError("give exactly one source: --stream, --file or --demo") }
        if let rate, !(rate > 0 && rate <= 1_000_000) { throw ValidationError("--rate must be a number of events per second between 0 and 1000000") }
        if let file, file.isEmpty { throw ValidationError("--file needs a path ('-' for stdin)") }
    }

    /// What these options name.
    var spec: SourceSpec {
        if demo { return .demo(seed: seed, rate: rate) }
        if let file { return .file(file) }
        return .stream(stream ?? "")
    }
}

/// A chosen source, independent of how it was given on the command line.
enum SourceSpec {
    case demo(seed: UInt64, rate: Double?)
    case file(String)
    case stream(String)

    /// The source itself. `realTime` is true in the TUI (the demo runs on the clock) and false
    /// headless, where the demo runs on simulated time unless a rate was given.
    func makeSource(realTime: Bool, clock: any MonitorClock) throws -> any Source {
        switch self {
        case .demo(let seed, let rate):
            let live = realTime || rate != nil
            return DemoSource(seed: seed, rate: rate ?? 40, realTime: live,
                              startTime: live ? clock.now() : Self.demoEpoch)
        case .file(let path):
            return FileSource(path: path, clock: { clock.now() })
        case .stream:
            throw RuntimeError("reading Kinesis streams (--stream) is not available in this build yet; use --file or --demo")
        }
    }

    /// Simulated demo time starts here headless, so `tail --demo --seed N` prints the same lines on every run.
    static let demoEpoch = 1_767_225_600.0  // 2026-01-01T00:00:00Z
}

/// Options for the TUI front ends.
struct DisplayOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("How many recent events to keep.", valueName: "N"))
    var retain: Int = 10_000

    @Option(name: .long, help: ArgumentHelp("How many sessions to keep before evicting the least recently active.", valueName: "N"))
    var sessions: Int = 5_000

    @Option(name: .long, help: ArgumentHelp("Colour: auto (honours NO_COLOR and the terminal), always, never.", valueName: "WHEN"))
    var color: String = "auto"

    func validate() throws {
        if retain < 1 { throw ValidationError("--retain must be at least 1") }
        if sessions < 1 { throw ValidationError("--sessions must be at least 1") }
        if !["auto", "always", "never"].contains(color) { throw ValidationError("--color must be auto, always or never") }
    }
}
