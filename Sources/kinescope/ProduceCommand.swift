import ArgumentParser
import EventDecoding
import EventSources
import Foundation
import KinesisClient
import MonitorCore
import Synchronization

/// `kinescope produce`: puts the demo traffic into a stream with PutRecords, so a demo can run end
/// to end (`produce` in one terminal, `watch` in another).
struct ProduceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "produce",
        abstract: "Put demo traffic into a Kinesis stream (PutRecords, partition key = client id).")

    @Option(name: .long, help: ArgumentHelp("Kinesis stream name or ARN.", valueName: "NAME_OR_ARN"))
    var stream: String

    @Option(name: .long, help: ArgumentHelp("Records per second (e.g. 50 or 50/s), or 'max'.", valueName: "N/s"))
    var rate: String = "20/s"

    @Option(name: .long, help: ArgumentHelp("Stop after this many records (default: run until interrupted).", valueName: "N"))
    var count: Int?

    @Option(name: .long, help: "Seed for the demo traffic (same seed, same events).")
    var seed: UInt64 = 1

    @OptionGroup(title: "Kinesis options") var aws: AWSOptions

    /// Records per second, or nil for as fast as PutRecords takes them.
    var recordsPerSecond: Double? {
        if rate == "max" { return nil }
        let number = rate.hasSuffix("/s") ? String(rate.dropLast(2)) : rate
        return Double(number)
    }

    func validate() throws {
        if rate != "max" {
            guard let r = recordsPerSecond, r > 0, r <= 100_000 else {
                throw ValidationError("--rate must be records per second (e.g. 50/s, at most 100000/s) or 'max' (got '\(rate)')")
            }
        }
        if let count, count < 0 { throw ValidationError("--count must be 0 or more") }
    }

    func run() async throws {
        let api = try aws.api(streamARN: stream.hasPrefix("arn:") ? stream : nil)
        let producer = DemoProducer(api: api, stream: stream, seed: seed, rate: recordsPerSecond, count: count)
        let report: DemoProducer.Report
        do {
            // A live counter for a person at a terminal; nothing for logs and pipes.
            let live = isatty(STDERR_FILENO) != 0
            let lastShown = Mutex(0.0)
            report = try await producer.run { progress in
                guard live else { return }
                let due = lastShown.withLock { last in
                    guard progress.seconds - last >= 0.5 else { return false }
                    last = progress.seconds
                    return true
                }
                if due { FileHandleWriter.stderr("\r\(progress.put) records put, \(progress.retried) retried") }
            }
            if live { FileHandleWriter.stderr("\n") }
        } catch let error as KinesisError {
            throw RuntimeError("cannot put records into stream '\(stream)' at \(api.endpoint): \(error)")
        }
        try Headless.write("put \(report.put) records into \(stream) in \(DurationText.seconds(report.seconds)) (\(report.retried) entries retried)\n")
    }
}

enum DurationText {
    static func seconds(_ s: Double) -> String {
        let tenths = Int((s * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)s"
    }
}
