import EventDecoding
import MonitorCore

/// The shards of a stream source, one row each: state, lag, records read and read per second
/// (last 10 s), throttles, retries and the last error. `S` opens and closes it.
enum ShardsView {
    static func draw(_ state: MonitorState, in rect: Rect, buffer: inout Buffer, theme: Theme) {
        buffer.fill(rect)
        let summary = state.shardSummary ?? "no shards (not a stream source)"
        let inner = Block(title: "Shards", focused: true, rightTitle: summary).draw(in: rect, buffer: &buffer, theme: theme)
        guard inner.height > 0 else { return }
        let columns = [TableColumn("shard", width: 22), TableColumn("state", width: 14),
                       TableColumn("lag", width: 9, alignRight: true), TableColumn("records", width: 9, alignRight: true),
                       TableColumn("rec/s", width: 6, alignRight: true),
                       TableColumn("throttles", width: 9, alignRight: true), TableColumn("retries", width: 7, alignRight: true),
                       TableColumn("last error", width: 0)]
        let rows: [[TableCell]] = state.shards.values.sorted { $0.shardId < $1.shardId }.map { shard in
            let trouble = shard.state == .failed || shard.state == .throttled || shard.state == .retrying
            let stateText: String
            switch shard.state {
            case .behind, .retrying, .failed: stateText = String(describing: shard.state)
            default: stateText = shard.summary
            }
            return [TableCell(shard.shardId, theme.text),
                    TableCell(stateText, trouble ? theme.family(.error) : theme.state(.active)),
                    TableCell(shard.millisBehindLatest.map { "\(Format.count($0))ms" } ?? "-", theme.text),
                    TableCell(Format.count(shard.records), theme.text),
                    TableCell(Format.rate(state.shardRecordRate(shard.shardId)), theme.text),
                    TableCell(String(shard.throttles), shard.throttles > 0 ? theme.markPause : theme.text),
                    TableCell(String(shard.retries), theme.text),
                    TableCell(shard.lastError ?? "", theme.dim)]
        }
        Table(columns: columns, rows: rows).draw(in: Rect(x: inner.x + 1, y: inner.y, width: inner.width - 1, height: inner.height),
                                                 buffer: &buffer, theme: theme)
    }
}
