import EventDecoding

/// Everything that can change a `MonitorState`. IO happens outside `update`: sources, the keyboard
/// and the clock turn what they see into messages.
public enum Message: Sendable {
    /// Decoded events from `recordCount` source records, received at `receivedAt` (seconds).
    case records([Event], recordCount: Int, receivedAt: Double)
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
