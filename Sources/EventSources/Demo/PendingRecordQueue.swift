/// An event already generated but not yet on the stream.
struct PendingRecord: Sendable {
    var streamMs: Int64
    /// Generation order; breaks ties so equal times come out in a deterministic order.
    var order: UInt64
    var client: Int
    var data: [UInt8]

    func precedes(_ other: PendingRecord) -> Bool {
        streamMs != other.streamMs ? streamMs < other.streamMs : order < other.order
    }
}

/// A binary min-heap of pending records by stream time.
///
/// Events are generated in the order they happen on devices but reach Kinesis after varying
/// delays, so they have to wait here to be handed out in stream order. It holds about the event
/// rate times the typical delay, which `DemoTraffic` keeps within a budget of `bytes`.
struct PendingRecordQueue: Sendable {
    private var heap: [PendingRecord] = []
    /// The records' data bytes, what the queue's memory grows with.
    private(set) var bytes = 0

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }
    var earliestStreamMs: Int64? { heap.first?.streamMs }

    mutating func push(_ record: PendingRecord) {
        bytes += record.data.count
        heap.append(record)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popEarliest() -> PendingRecord? {
        guard !heap.isEmpty else { return nil }
        bytes -= heap[0].data.count
        if heap.count == 1 { return heap.removeLast() }
        heap.swapAt(0, heap.count - 1)
        let earliest = heap.removeLast()
        var parent = 0
        let count = heap.count
        while true {
            let left = 2 * parent + 1
            guard left < count else { break }
            var best = left
            if left + 1 < count, heap[left + 1].precedes(heap[left]) { best = left + 1 }
            guard heap[best].precedes(heap[parent]) else { break }
            heap.swapAt(parent, best)
            parent = best
        }
        return earliest
    }
}
