import ArgumentParser

/// The `kinescope` command: a TUI (`watch`, the default, and `demo`) and headless front ends
/// (`tail`, `stats`) over the same Source → Decoder → Store path.
@main
struct Kinescope: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kinescope",
        abstract: "Watch analytics events on an AWS Kinesis stream, live, in the terminal.",
        discussion: """
        SOURCE is exactly one of --stream NAME_OR_ARN, --file PATH ('-' for stdin), --demo.
        Exit codes: 0 ok, 1 runtime failure, 64 usage error.
        """,
        version: "0.1.0",
        subcommands: [WatchCommand.self, DemoCommand.self, TailCommand.self, StatsCommand.self, ProduceCommand.self],
        defaultSubcommand: WatchCommand.self
    )
}
