import EventDecoding
import Foundation
import KinesisClient

/// Puts demo traffic into a stream with PutRecords: batches of at most 500 records and 5 MiB,
/// partition key = the event's client id, failed entries retried with backoff until accepted.
public struct DemoProducer: Sendable {
    public var api: KinesisAPI
    public var stream: String
    public var seed: UInt64
    /// Records per second; nil for as fast as the stream takes them.
    public var rate: Double?
    public var count: Int?

    /// The demo's events per second when no rate paces it (as `tail --demo` without `--rate`).
    public static let defaultModelRate = 40.0
    public static let maxRecordsPerCall = 500
    public static let maxBytesPerCall = 5 * 1024 * 1024

    public init(api: KinesisAPI, stream: String, seed: UInt64, rate: Double?, count: Int?) {
        self.api = api
        self.stream = stream
        self.seed = seed
        self.rate = rate
        self.count = count
    }

    /// Counts so far, reported after each call.
    public struct Report: Sendable {
        public var put = 0
        public var retried = 0
        public var seconds = 0.0
        /// Records put, by event type, for checking what a consumer read.
        public var byType: [String: Int] = [:]
    }

    public func run(progress: @Sendable (Report) -> Void = { _ in }) async throws -> Report {
        let started = Date().timeIntervalSince1970
        // The same model as `tail --demo` (rate 40 unless paced), started on a whole second, so a
        // seed puts exactly the events that `tail --demo --seed N` prints, only at today's times.
        var traffic = DemoTraffic(seed: seed, startTime: started.rounded(.down), rate: rate ?? DemoProducer.defaultModelRate)
        var report = Report()
        let decoder = EventDecoder()
        var emitted = 0
        while count.map({ emitted < $0 }) ?? true {
            try Task.checkCancellation()
            // One call's worth: what is due by now (paced), or a full batch (max rate).
            var batch: [(PutRecordsEntry, String)] = []
            var bytes = 0
            let now = Date().timeIntervalSince1970
            while batch.count < Self.maxRecordsPerCall, count.map({ emitted < $0 }) ?? true {
                if let rate, Double(emitted) / rate > now - started { break }
                let record = traffic.next().record
                let size = record.data.count + (record.partitionKey?.utf8.count ?? 0)
                if bytes + size > Self.maxBytesPerCall && !batch.isEmpty { break }
                let type = decoder.decode(record).first?.eventType ?? "(none)"
                batch.append((PutRecordsEntry(data: record.data, partitionKey: record.partitionKey ?? "demo"), type))
                bytes += size
                emitted += 1
            }
            if batch.isEmpty {
                try await Task.sleep(nanoseconds: 50_000_000)
                continue
            }
            try await put(batch, report: &report)
            report.seconds = Date().timeIntervalSince1970 - started
            progress(report)
        }
        report.seconds = Date().timeIntervalSince1970 - started
        return report
    }

    /// Puts the batch, retrying the entries that failed (throttling or internal errors) until all
    /// are in.
    private func put(_ batch: [(PutRecordsEntry, String)], report: inout Report) async throws {
        var pending = batch
        var attempt = 0
        while !pending.isEmpty {
            let results = try await api.putRecords(stream: stream, entries: pending.map(\.0))
            var failed: [(PutRecordsEntry, String)] = []
            for (entry, result) in zip(pending, results) {
                if result.errorCode == nil {
                    report.put += 1
                    report.byType[entry.1, default: 0] += 1
                } else {
                    failed.append(entry)
                }
            }
            if results.count < pending.count { failed += pending[results.count...] }
            report.retried += failed.count
            pending = failed
            if !pending.isEmpty {
                attempt += 1
                try await Task.sleep(nanoseconds: UInt64(api.retry.delay(afterAttempt: attempt) * 1e9))
            }
        }
    }
}
