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
    /// Seconds without an answer from the endpoint (connections refused or silent, 5xx) after
    /// which `run` throws; nil keeps trying for as long as it runs, reporting each retry.
    public var giveUpAfter: Double?
    /// Seconds between ListShards calls that look for new shards.
    public var relistInterval: Double
    private let clock: @Sendable () -> Double

    public init(api: KinesisAPI, stream: String, start: ShardIteratorPosition, shardFilter: Set<String>? = nil,
                pollInterval: Double = 1, untilCaughtUp: Bool = false, giveUpAfter: Double? = nil, relistInterval: Double = 30,
                clock: @escaping @Sendable () -> Double) {
        self.api = api
        self.stream = stream
        self.start = start
        self.shardFilter = shardFilter
        self.pollInterval = pollInterval
        self.untilCaughtUp = untilCaughtUp
        self.giveUpAfter = giveUpAfter
        self.relistInterval = relistInterval
        self.clock = clock
    }

    public var name: String { "stream \(stream.split(separator: "/").last.map(String.init) ?? stream)" }

    /// Fastest polling on a shard that is behind: 5 calls per second is the per-shard limit.
    static let catchUpInterval = 0.2

    /// The longest wait between two tries once a call's own retries ran out.
    static let maxRetryWait = 30.0

    private enum Outcome: Sendable {
        case closed(shard: String, children: [String])
        case caughtUp(String)
        case failed(shard: String, reason: String)
        case stopped
        case relist
    }

    /// Reads until the stream is caught up (with `untilCaughtUp`), the sink wants no more, or the
    /// task is cancelled. Throws a `SourceError` when the stream is gone, the credentials are
    /// refused, every shard being read has failed, or (with `giveUpAfter`) the endpoint stayed
    /// silent too long. Statuses reach the sink in order: `.failed` with the retry line while the
    /// endpoint does not answer, `.running` again once it does.
    public func run(into sink: any RecordSink) async throws {
        let link = EndpointLink(endpoint: api.endpoint, clock: clock)
        let reporter = Task { for await status in link.statuses { await sink.status(status) } }
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.readStream(into: sink, link: link) }
                if let giveUpAfter { group.addTask { try await link.watch(giveUpAfter: giveUpAfter) } }
                // The reader ends the run; the watchdog only ever throws.
                try await group.next()
                group.cancelAll()
            }
        } catch {
            link.finish()
            await reporter.value
            throw error
        }
        link.report(.ended)
        link.finish()
        await reporter.value
    }

    private func readStream(into sink: any RecordSink, link: EndpointLink) async throws {
        let listed = try await listShards(link: link)
        if let filter = shardFilter {
            let unknown = filter.subtracting(listed.map(\.shardId))
            if !unknown.isEmpty {
                throw SourceError("stream '\(stream)' has no shard \(unknown.sorted().joined(separator: ", "))")
            }
        }
        var coordinator = ShardCoordinator(start: start, filter: shardFilter)
        coordinator.update(listed)
        link.report(.running)
        try await withThrowingTaskGroup(of: Outcome.self) { group in
            var readers = 0
            var failures: [(shard: String, reason: String)] = []
            func launch() {
                for (shard, position) in coordinator.takeReady() {
                    readers += 1
                    group.addTask { try await self.read(shard: shard.shardId, from: position, into: sink, link: link) }
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
                    if !children.isEmpty, let shards = try await relist(link: link) { coordinator.update(shards) }
                case .caughtUp(let shard):
                    readers -= 1
                    coordinator.mark(shard, .caughtUp)
                case .failed(let shard, let reason):
                    readers -= 1
                    coordinator.mark(shard, .failed)
                    failures.append((shard, reason))
                case .stopped:
                    group.cancelAll()
                    return
                case .relist:
                    if let shards = try await relist(link: link) { coordinator.update(shards) }
                    if !untilCaughtUp || coordinator.hasWork {
                        group.addTask { try await Task.sleep(nanoseconds: UInt64(relistInterval * 1e9)); return .relist }
                    }
                }
                launch()
                if readers == 0 && !coordinator.hasWork {
                    // Nothing is read any more: shards that failed leave the read incomplete.
                    if let first = failures.first {
                        let read = coordinator.states.values.filter { $0 != .skipped }.count
                        let more = failures.count > 1 ? " (and \(failures.count - 1) more)" : ""
                        throw SourceError("could not read \(failures.count) of \(read) shards of stream '\(stream)': "
                            + "\(first.shard): \(first.reason)\(more); \(Self.recordsRead(link.records))")
                    }
                    if untilCaughtUp {
                        group.cancelAll()
                        break
                    }
                }
            }
        }
    }

    /// Every shard, trying again for as long as the endpoint does not answer (the watchdog, if
    /// any, bounds that); other errors are final.
    private func listShards(link: EndpointLink) async throws -> [Shard] {
        var failures = 0
        while true {
            do {
                return try await link.call { try await api.allShards(stream: stream, onRetry: observer(link)) }
            } catch let error as KinesisError where RetryPolicy.isRetryable(error) {
                failures += 1
                let wait = Self.retryWait(afterFailures: failures)
                if error.meansUnreachable { link.failed(error, retryIn: wait) }
                try await Task.sleep(nanoseconds: UInt64(wait * 1e9))
            } catch let error as KinesisError {
                throw SourceError("cannot list the shards of stream '\(stream)' at \(api.endpoint) (region \(api.region)): \(error)")
            }
        }
    }

    /// A fresh listing; nil when it failed for a reason that may pass (the next listing tries
    /// again). Throws when the stream is gone or the credentials are refused.
    private func relist(link: EndpointLink) async throws -> [Shard]? {
        do {
            return try await link.call { try await api.allShards(stream: stream, onRetry: observer(link)) }
        } catch let error as KinesisError {
            if let fatal = try await fatal(error, link: link) { throw fatal }
            return nil
        }
    }

    /// The end of the whole read, for an error that no retry and no other shard can get past: the
    /// stream no longer exists, or the credentials are refused. nil for anything else.
    private func fatal(_ error: KinesisError, link: EndpointLink) async throws -> SourceError? {
        if error.refusesCredentials {
            return SourceError("credentials refused by \(link.endpoint): \(error.type): \(error.message); \(Self.recordsRead(link.records))")
        }
        guard error.isResourceNotFound else { return nil }
        // A shard past the retention period is not found either, while its stream is fine: ask
        // about the stream itself.
        do {
            _ = try await link.call { try await api.describeStreamSummary(stream: stream, onRetry: observer(link)) }
            return nil
        } catch let check as KinesisError {
            if check.isResourceNotFound {
                return SourceError("stream '\(stream)' no longer exists (\(check.type)); \(Self.recordsRead(link.records))")
            }
            if check.refusesCredentials { return try await fatal(check, link: link) }
            return nil
        }
    }

    /// What a call's own retries report: the retry line while the endpoint does not answer.
    private func observer(_ link: EndpointLink) -> KinesisAPI.RetryObserver {
        { error, wait in
            if error.meansUnreachable { link.failed(error, retryIn: wait) } else { link.heard() }
        }
    }

    /// Seconds before trying again once a call's own retries ran out: 2, 4, 8, 16, then 30.
    static func retryWait(afterFailures failures: Int) -> Double {
        min(maxRetryWait, Double(1 << min(failures, 5)))
    }

    static func recordsRead(_ count: Int) -> String {
        count == 1 ? "1 record read" : "\(count) records read"
    }

    /// Reads one shard until it closes, catches up (with `untilCaughtUp`), fails for good, or the
    /// sink wants no more.
    private func read(shard: String, from position: ShardIteratorPosition, into sink: any RecordSink,
                      link: EndpointLink) async throws -> Outcome {
        var progress = ShardProgress(shardId: shard, state: .polling)
        // What a retry reports from inside a call: the records read so far travel with it, so the
        // shards view does not drop to 0 records (and count them again) while a shard is throttled.
        let counters = Mutex((throttles: 0, retries: 0, records: 0))
        let report = observer(link)
        let onRetry: KinesisAPI.RetryObserver = { error, wait in
            report(error, wait)
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
                    let from = resumePosition()
                    iterator = try await link.call {
                        try await api.getShardIterator(stream: stream, shardId: shard, position: from, onRetry: onRetry)
                    }
                }
                let current = iterator!
                let output = try await link.call { try await api.getRecords(iterator: current, limit: 10_000, onRetry: onRetry) }
                failures = 0
                if !output.records.isEmpty {
                    let raws = output.records.map {
                        RawRecord(data: $0.data, shard: shard, sequence: $0.sequenceNumber, partitionKey: $0.partitionKey,
                                  arrival: $0.approximateArrivalTimestamp)
                    }
                    let more = await sink.deliver(raws, at: clock())
                    lastSequence = output.records.last!.sequenceNumber
                    progress.records += raws.count
                    link.add(records: raws.count)
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
                // The end of the whole read: one line says why, not one per shard.
                if let fatal = try await fatal(error, link: link) { throw fatal }
                progress.lastError = "\(error.type): \(error.message)"
                if RetryPolicy.isRetryable(error) {
                    // Retries inside the call ran out; keep trying, slower, and say so.
                    failures += 1
                    let wait = Self.retryWait(afterFailures: failures)
                    if error.meansUnreachable { link.failed(error, retryIn: wait) }
                    progress.state = RetryPolicy.isThrottling(error) ? .throttled : .retrying
                    await sink.shardProgress(progress)
                    try await Task.sleep(nanoseconds: UInt64(wait * 1e9))
                    continue
                }
                progress.state = .failed
                await sink.shardProgress(progress)
                return .failed(shard: shard, reason: progress.lastError ?? error.type)
            }
        }
    }
}
