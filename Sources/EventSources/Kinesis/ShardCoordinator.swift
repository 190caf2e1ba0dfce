import KinesisClient

/// Decides which shards to read and from where, so that resharding is followed in order: a closed
/// parent is read to its end before its children start, and a merged child waits for both parents.
///
/// Pure bookkeeping (no IO), so the rules are unit-tested directly.
public struct ShardCoordinator: Sendable {
    public enum ShardState: Sendable, Equatable {
        case pending, running, finished, caughtUp, failed
        /// Not read: closed before we started reading from LATEST, or outside `--shard`.
        case skipped
    }

    public private(set) var shards: [String: Shard] = [:]
    public private(set) var states: [String: ShardState] = [:]
    /// Shards whose children should start from TRIM_HORIZON because we read them to their end.
    private var readToEnd: Set<String> = []
    public let start: ShardIteratorPosition
    public let filter: Set<String>?

    public init(start: ShardIteratorPosition, filter: Set<String>?) {
        self.start = start
        self.filter = filter?.isEmpty == true ? nil : filter
    }

    /// Adds newly listed shards (known ones keep their state).
    public mutating func update(_ listed: [Shard]) {
        for shard in listed where shards[shard.shardId] == nil {
            shards[shard.shardId] = shard
            states[shard.shardId] = .pending
        }
    }

    /// Learns of children named by GetRecords before the next listing shows them.
    public mutating func noteChildren(_ ids: [String], of parent: String) {
        for id in ids where shards[id] == nil {
            shards[id] = Shard(shardId: id, parentShardId: parent)
            states[id] = .pending
        }
    }

    public mutating func mark(_ id: String, _ state: ShardState) {
        states[id] = state
        if state == .finished { readToEnd.insert(id) }
    }

    /// Shards that may start now, each with its starting position; they are marked running.
    public mutating func takeReady() -> [(Shard, ShardIteratorPosition)] {
        var ready: [(Shard, ShardIteratorPosition)] = []
        // A parent skipped in this pass can free a child listed before it: repeat until settled.
        var changed = true
        while changed {
            changed = false
            for id in shards.keys.sorted() where states[id] == .pending {
                if let taken = takeIfReady(id) {
                    ready.append(taken)
                    changed = true
                } else if states[id] != .pending {
                    changed = true
                }
            }
        }
        return ready
    }

    private mutating func takeIfReady(_ id: String) -> (Shard, ShardIteratorPosition)? {
        guard let shard = shards[id] else { return nil }
        guard allowed(shard) else { states[id] = .skipped; return nil }
        let parents = shard.parents.filter { shards[$0] != nil }
        let parentStates = parents.compactMap { states[$0] }
        // Parents still to be read (or being read) hold records that come first.
        if parentStates.contains(where: { $0 == .pending || $0 == .running }) { return nil }
        if shard.isClosed, start == .latest, parents.isEmpty || parentStates.allSatisfy({ $0 == .skipped }) {
            // Nothing will arrive on a closed shard after "now".
            states[id] = .skipped
            return nil
        }
        let fromParents = !parents.isEmpty && parents.allSatisfy { readToEnd.contains($0) }
        states[id] = .running
        return (shard, fromParents ? .trimHorizon : start)
    }

    /// Whether any shard is running or could still start.
    public var hasWork: Bool {
        states.values.contains { $0 == .running || $0 == .pending }
    }

    /// `--shard` picks shards; their descendants are followed too.
    private func allowed(_ shard: Shard) -> Bool {
        guard let filter else { return true }
        if filter.contains(shard.shardId) { return true }
        return shard.parents.contains { id in shards[id].map(allowed) ?? false }
    }
}
