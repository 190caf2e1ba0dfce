import ArgumentParser
import EventDecoding

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

    /// As `AsyncParsableCommand.main()`, except that a runtime failure is one line prefixed
    /// `kinescope: ` and exit code 1 (usage errors keep the parser's message, usage and 64).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as RuntimeError {
            FileHandleWriter.stderr("kinescope: " + Sanitizer.visible(error.description) + "\n")
            exit(withError: ExitCode.failure)
        } catch {
            exit(withError: error)
        }
    }
}
