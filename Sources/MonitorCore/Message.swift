import EventDecoding

/// Everything that can change a `MonitorState`. IO happens outside `update`: sources, the keyboard
/// and the clock turn what they see into messages.
public enum Message: Sendable {
    /// Decoded events from `recordCount` source records, received at `receivedAt` (seconds);
    /// `recordsByShard` counts those records by their shard (`RecordTally.byShard`), for
    /// `by_shard`, which counts records as Kinesis does, not the events they hold.
    case records([Event], recordCount: Int, receivedAt: Double, recordsByShard: [String: Int] = [:])
    case sourceStatus(SourceStatus)
    /// CloudWatch Logs CONTROL_MESSAGE batches read: records that carry no event, counted so that
    /// every record is accounted for.
    case controlMessages(Int)
    /// How one shard of a stream is being read.
    case shardProgress(ShardProgress)
    case key(Key)
    /// The clock moved; time-based figures (rates, clock) follow it.
    case tick(Double)
    case resize(width: Int, height: Int)
    /// A mouse click or wheel turn, already placed on a pane (the view's layout knows where they are).
    case pointer(Pointer)
    /// The outcome of an effect the runtime performed, shown in the footer until the next key.
    case notice(Notice)
}

/// A key press, already decoded from the terminal's bytes.
public enum Key: Sendable, Equatable, Hashable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace
    /// Ctrl-C arrives as a key because the terminal is in raw mode.
    case interrupt
}

/// Counting source records as Kinesis counts them.
public enum RecordTally {
    /// How many of `records` came from each shard; records without a shard are not counted.
    public static func byShard(_ records: some Sequence<RawRecord>) -> [String: Int] {
        var counts: [String: Int] = [:]
        for record in records {
            if let shard = record.shard { counts[shard, default: 0] += 1 }
        }
        return counts
    }
}
