import EventDecoding
import EventSources
import MonitorCore
import TerminalUI

/// TUI consumer: decodes on the source's task and posts the events to the UI thread's mailbox.
struct MailboxSink: RecordSink {
    let decoder: EventDecoder
    let mailbox: Mailbox
    let clock: any MonitorClock
    /// Messages that may wait for the UI thread before the source is held back: with 0 the next
    /// batch is decoded only once the UI thread has taken the last one, so at most one waits.
    ///
    /// That keeps the UI thread busy (it drains the whole mailbox at once, and the next batch
    /// decodes while it works). A larger limit only adds memory, and much of it: a decoded event
    /// is about 3.5 KB, and drained batches are out of the count while the UI thread still holds
    /// them, so the old limit of 4 let ~10 batches of 4,096 events (up to ~150 MB) be alive
    /// whenever the UI thread fell behind, and RSS jumped at random points of a long run.
    static let maxPendingMessages = 0

    func deliver(_ records: [RawRecord], at time: Double) async -> Bool {
        // Like every sink, slow the source down rather than pile records up: a fast file or a
        // stream far behind decodes faster than the UI thread takes batches in, and decoded
        // events waiting in the mailbox would otherwise grow without bound (100+ MB at 10M events).
        while mailbox.pendingCount > Self.maxPendingMessages, !Task.isCancelled {
            try? await Task.sleep(nanoseconds: 2_000_000)
        }
        var events: [Event] = []
        events.reserveCapacity(records.count)
        var report = DecodeReport()
        decoder.decodeInOrder(records) { chunk in
            events.append(contentsOf: chunk.events)
            report.controlMessages += chunk.report.controlMessages
            return true
        }
        mailbox.post(.records(events, recordCount: records.count, receivedAt: clock.now(),
                              recordsByShard: RecordTally.byShard(records)))
        if report.controlMessages > 0 { mailbox.post(.controlMessages(report.controlMessages)) }
        return true
    }

    func status(_ status: SourceStatus) async {
        mailbox.post(.sourceStatus(status))
    }

    func shardProgress(_ progress: ShardProgress) async {
        mailbox.post(.shardProgress(progress))
    }
}
