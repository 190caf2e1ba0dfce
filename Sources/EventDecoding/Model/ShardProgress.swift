/// How reading one shard is going: what the header, the shards view and headless stderr report.
///
/// Lives beside `SourceStatus` because sources produce it and the store keeps it.
public struct ShardProgress: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        case waiting
        case polling
        case caughtUp
        case behind
        case throttled
        case retrying
        /// Closed by resharding and read to its end.
        case closed
        case failed
    }

    public var shardId: String
    public var state: State
    public var millisBehindLatest: Int?
    public var records: Int
    public var throttles: Int
    public var retries: Int
    public var lastError: String?

    public init(shardId: String, state: State, millisBehindLatest: Int? = nil, records: Int = 0,
                throttles: Int = 0, retries: Int = 0, lastError: String? = nil) {
        self.shardId = shardId
        self.state = state
        self.millisBehindLatest = millisBehindLatest
        self.records = records
        self.throttles = throttles
        self.retries = retries
        self.lastError = lastError
    }

    /// A short phrase: "caught up", "behind 1.2s", "throttled", "closed", "failed: …".
    public var summary: String {
        switch state {
        case .waiting: return "waiting for parents"
        case .polling: return "polling"
        case .caughtUp: return "caught up"
        case .behind:
            let ms = millisBehindLatest ?? 0
            return ms >= 1000 ? "behind \(ms / 1000).\(ms % 1000 / 100)s" : "behind \(ms)ms"
        case .throttled: return "throttled"
        case .retrying: return "retrying" + (lastError.map { ": \($0)" } ?? "")
        case .closed: return "closed"
        case .failed: return "failed" + (lastError.map { ": \($0)" } ?? "")
        }
    }
}
