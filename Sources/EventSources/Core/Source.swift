import EventDecoding

/// Where records come from: a Kinesis stream, a file or stdin, or the built-in demo.
///
/// A source pushes batches into a sink and awaits each delivery, so a slow consumer slows the
/// source down instead of piling records up in memory.
///
/// ```swift
/// let source = FileSource(path: "events.ndjson")
/// try await source.run(into: sink)
/// ```
public protocol Source: Sendable {
    /// A short description for the header: "demo (seed 1)", "file events.ndjson".
    var name: String { get }
    /// Runs until the source ends, the sink declines more, or the task is cancelled.
    func run(into sink: any RecordSink) async throws
}

/// Receives what a source reads.
public protocol RecordSink: Sendable {
    /// Takes one batch, received at `time` (seconds since the epoch; simulated time for a demo
    /// running faster than real time). Returns false when it wants no more records.
    func deliver(_ records: [RawRecord], at time: Double) async -> Bool
    func status(_ status: SourceStatus) async
    /// How one shard of a stream is being read; only stream sources report it.
    func shardProgress(_ progress: ShardProgress) async
}

extension RecordSink {
    public func shardProgress(_ progress: ShardProgress) async {}
}

/// Errors a source reports to the user; the message is one line and names what went wrong.
public struct SourceError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
