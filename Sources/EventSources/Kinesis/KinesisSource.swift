import EventDecoding
import Foundation
import KinesisClient
import Synchronization

/// A Kinesis Data Stream as a `Source`: every shard read concurrently with GetShardIterator and
/// GetRecords, in order per shard, each record delivered once; resharding followed through
/// `ShardCoordinator`.
///
/// Polling is polite: at most one GetRecords per shard per `pollInterval` (Lambda consumers share
/// the 5 calls/s/shard limit), faster (every 200 ms) only while a shard is behind.
public struct KinesisSource: Source {
    public var api: KinesisAPI
    public var stream: String
    public var start: ShardIteratorPosition
    public var shardFilter: Set<String>?
    /// Seconds between GetRecords calls on a shard that is caught up.
    public var pollInterval: Double
    /// Stop once every shard returned no records with `MillisBehindLatest == 0` (or is closed
    /// and drained).
    public var untilCaughtUp: Bool
    /// Seconds between ListShards calls that look for new shards.
    public var relistInterval: Double
    private let clock: @Sendable () -> Double

    public init(api: KinesisAPI, stream: String, start: ShardIteratorPosition, shardFilter: Set<String>? = nil,
                pollInterval: Double = 1, untilCaughtUp: Bool = false, relistInterval: Double = 30,
                clock: @escaping @Sendable () -> Double) {
        self.api = api
        self.stream = stream
        self.start = start
        self.shardFilter = shardFilter
        self.pollInterval = pollInterval
        self.untilCaughtUp = untilCaughtUp
        self.relistInterval = relistInterval
        self.clock = clock
    }

    public var name: String { "stream \(stream.split(separator: "/").last.map(String.init) ?? stream)" }

    /// Fastest polling on a shard that is behind: 5 calls per second is the per-shard limit.
    static let catchUpInterval = 0.2

    private enum Outcome: Sendable {
        case closed(shard: String, children: [String])
        case caughtUp(String)
        case failed(String)
        case stopped
        case relist
    }

    public func run(into sink: any RecordSink) async throws {
        let listed: [Shard]
        do {
            listed = try await api.allShards(stream: stream)
        } catch let error as KinesisError {
            throw SourceError("cannot list the shards of stream '\(stream)' at \(api.endpoint) (region \(api.region)): \(error)")
        }
        if let filter = shardFilter {
            let unknown = filter.subtracting(listed.map(\.shardId))
            if !unknown.isEmpty {
                throw SourceError("stream '\(stream)' has no shard \(unknown.sorted().joined(separator: ", "))")
            }
        }
        var coordinator = ShardCoordinator(start: start, filter: shardFilter)
        coordinator.update(listed)
        await sink.status(.running)
        try await withThrowingTaskGroup(of: Outcome.self) { group in
            var readers = 0
            func launch() {
                for (shard, position) in coordinator.takeReady() {
                    readers += 1
                    group.addTask { try await self.read(shard: shard.shardId, from: position, into: sink) }
                }
            }
            launch()
            if !untilCaughtUp || coordinator.hasWork {
                group.addTask { try await Task.sleep(nanoseconds: UInt64(relistInterval * 1e9)); return .relist }
            }
            while let outcome = try await group.next() {
                switch outcome {
                case .closed(let shard, let children):
                    readers -= 1
                    coordinator.mark(shard, .finished)
                    coordinator.noteChildren(children, of: shard)
                    if !children.isEmpty, let shards = try? await api.allShards(stream: stream) { coordinator.update(shards) }
                case .caughtUp(let shard):
                    readers -= 1
                    coordinator.mark(shard, .caughtUp)
                case .failed(let shard):
                    readers -= 1
                    coordinator.mark(shard, .failed)
                case .stopped:
                    group.cancelAll()
                    return
                case .relist:
                    if let shards = try? await api.allShards(stream: stream) { coordinator.update(shards) }
                    if !untilCaughtUp || coordinator.hasWork {
                        group.addTask { try await Task.sleep(nanoseconds: UInt64(relistInterval * 1e9)); return .relist }
                    }
                }
                launch()
                if untilCaughtUp && readers == 0 && !coordinator.hasWork {
                    group.cancelAll()
                    break
                }
            }
        }
        await sink.status(.ended)
    }

    /// Reads one shard until it closes, catches up (with `untilCaughtUp`), fails for good, or the
    /// sink wants no more.
    private func read(shard: String, from position: ShardIteratorPosition, into sink: any RecordSink) async throws -> Outcome {
        var progress = ShardProgress(shardId: shard, state: .polling)
        // What a retry reports from inside a call: the records read so far travel with it, so the
        // shards view does not drop to 0 records (and count them again) while a shard is throttled.
        let counters = Mutex((throttles: 0, retries: 0, records: 0))
        let onRetry: KinesisAPI.RetryObserver = { error, _ in
            let throttled = RetryPolicy.isThrottling(error)
            let snapshot = counters.withLock { c -> (Int, Int, Int) in
                if throttled { c.throttles += 1 } else { c.retries += 1 }
                return (c.throttles, c.retries, c.records)
            }
            var update = ShardProgress(shardId: shard, state: throttled ? .throttled : .retrying)
            update.lastError = error.type
            (update.throttles, update.retries, update.records) = snapshot
            Task { await sink.shardProgress(update) }
        }
        var lastSequence: String?
        func resumePosition() -> ShardIteratorPosition { lastSequence.map { .afterSequenceNumber($0) } ?? position }
        var iterator: String?
        var failures = 0
        while true {
            try Task.checkCancellation()
            let started = clock()
            do {
                if iterator == nil {
                    iterator = try await api.getShardIterator(stream: stream, shardId: shard, position: resumePosition(), onRetry: onRetry)
                }
                let output = try await api.getRecords(iterator: iterator!, limit: 10_000, onRetry: onRetry)
                failures = 0
                if !output.records.isEmpty {
                    let raws = output.records.map {
                        RawRecord(data: $0.data, shard: shard, sequence: $0.sequenceNumber, partitionKey: $0.partitionKey,
                                  arrival: $0.approximateArrivalTimestamp)
                    }
                    let more = await sink.deliver(raws, at: clock())
                    lastSequence = output.records.last!.sequenceNumber
                    progress.records += raws.count
                    counters.withLock { $0.records = progress.records }
                    if !more { return .stopped }
                }
                (progress.throttles, progress.retries) = counters.withLock { ($0.throttles, $0.retries) }
                progress.millisBehindLatest = output.millisBehindLatest
                progress.lastError = nil
                guard let next = output.nextShardIterator else {
                    progress.state = .closed
                    await sink.shardProgress(progress)
                    return .closed(shard: shard, children: output.childShards)
                }
                iterator = next
                let behind = (output.millisBehindLatest ?? 0) > 0
                let caughtUp = output.records.isEmpty && !behind
                progress.state = caughtUp ? .caughtUp : behind ? .behind : .polling
                await sink.shardProgress(progress)
                if caughtUp && untilCaughtUp { return .caughtUp(shard) }
                let interval = (!output.records.isEmpty && behind) ? Self.catchUpInterval : pollInterval
                let wait = started + interval - clock()
                if wait > 0 { try await Task.sleep(nanoseconds: UInt64(wait * 1e9)) }
            } catch let error as KinesisError {
                if error.type == "ExpiredIteratorException" {
                    // A fresh iterator after the last record delivered: nothing lost, nothing twice.
                    iterator = nil
                    continue
                }
                progress.lastError = "\(error.type): \(error.message)"
                if RetryPolicy.isRetryable(error) {
                    // Retries inside the call ran out; keep trying, slower, and say so.
                    failures += 1
                    progress.state = RetryPolicy.isThrottling(error) ? .throttled : .retrying
                    await sink.shardProgress(progress)
                    try await Task.sleep(nanoseconds: UInt64(min(30, Double(1 << min(failures, 5))) * 1e9))
                    continue
                }
                progress.state = .failed
                await sink.shardProgress(progress)
                return .failed(shard)
            }
        }
    }
}
