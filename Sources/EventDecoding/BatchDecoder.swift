import Dispatch
import Synchronization

/// The events of a run of consecutive records in a batch, as `EventDecoder.decodeInOrder` hands
/// them over: `events` holds every record's events in record order, and record `records.lowerBound
/// + i` gave `events[eventStarts[i]..<eventStarts[i + 1]]`.
public struct DecodedChunk: Sendable {
    /// Indices into the batch of the records decoded here.
    public var records: Range<Int>
    public var events: [Event]
    /// One start offset per record into `events`, plus `events.count` at the end.
    public var eventStarts: [Int]
    public var report: DecodeReport

    /// The events record `index` (an index into the batch) gave.
    public func events(ofRecord index: Int) -> ArraySlice<Event> {
        let i = index - records.lowerBound
        return events[eventStarts[i]..<eventStarts[i + 1]]
    }
}

extension EventDecoder {
    /// Decodes `records` and hands the results to `body` in record order, a chunk of records at a
    /// time, on the calling thread. Records decode independently, so a batch large enough to pay
    /// for it is decoded on two threads: a helper thread takes chunks from the front while the
    /// caller both consumes the chunks in order and decodes the next unclaimed one whenever the
    /// chunk it needs is not ready. The caller thus works on the store (counters, output) while
    /// the helper decodes ahead, and either side picks up the slack of the other.
    ///
    /// `body` returns false to stop early (e.g. `--max-events` reached); chunks after it are
    /// neither handed over nor, as far as they were not yet started, decoded.
    ///
    /// ```swift
    /// decoder.decodeInOrder(batch) { chunk in
    ///     update(&state, .records(chunk.events, recordCount: chunk.records.count, receivedAt: now))
    ///     return true
    /// }
    /// ```
    public func decodeInOrder(_ records: [RawRecord], chunkSize: Int = 64, _ body: (DecodedChunk) -> Bool) {
        let chunkSize = max(1, chunkSize)
        let chunkCount = (records.count + chunkSize - 1) / chunkSize
        // Handing work to another thread costs some microseconds; a batch of a few chunks (a
        // live stream's poll) is decoded on the spot, as is everything if there is no helper.
        guard chunkCount >= 4, HelperThread.shared.isRunning else {
            var start = 0
            while start < records.count {
                let chunk = decodeChunk(records, start..<min(start + chunkSize, records.count))
                if !body(chunk) { return }
                start += chunkSize
            }
            return
        }
        let work = ChunkWork(decoder: self, records: records, chunkSize: chunkSize, chunkCount: chunkCount)
        HelperThread.shared.submit { work.help() }
        defer {
            work.stop.store(true, ordering: .relaxed)
            // The helper writes into `work`'s slots; it must be done before they are freed.
            work.helperDone.wait()
            work.freeHelperChunksOnTheHelper()
        }
        var mine = [Bool](repeating: false, count: chunkCount)
        for index in 0..<chunkCount {
            // While the helper still decodes this chunk, decode one further on rather than sleep:
            // waking a sleeping thread costs more than a chunk, so sleep only when none is left.
            while !mine[index] {
                if work.next.load(ordering: .relaxed) > index, work.ready[index].wait(timeout: .now()) == .success { break }
                let claimed = work.next.wrappingAdd(1, ordering: .relaxed).oldValue
                if claimed < chunkCount {
                    work.decode(claimed)
                    mine[claimed] = true
                } else {
                    work.ready[index].wait()
                    break
                }
            }
            guard let chunk = work.take(index) else { return }
            let goOn = body(chunk)
            if !mine[index] { work.spend(chunk) }
            if !goOn { return }
        }
    }

    /// Decodes `records[range]` into one chunk.
    public func decodeChunk(_ records: [RawRecord], _ range: Range<Int>) -> DecodedChunk {
        var chunk = DecodedChunk(records: range, events: [], eventStarts: [], report: DecodeReport())
        chunk.events.reserveCapacity(range.count)
        chunk.eventStarts.reserveCapacity(range.count + 1)
        for index in range {
            chunk.eventStarts.append(chunk.events.count)
            let record = records[index]
            if let failure = record.failure {
                chunk.events.append(Self.failure(failure, bytes: record.data, metadata: RecordMetadata(record), envelopes: []))
                continue
            }
            decode(record.data, metadata: RecordMetadata(record), envelopes: [], into: &chunk.events,
                   report: &chunk.report)
        }
        chunk.eventStarts.append(chunk.events.count)
        return chunk
    }
}

/// One batch being decoded by two threads. A chunk is claimed by taking `next`, so each slot is
/// written by exactly one thread; a slot the helper wrote is read only after its `ready` signal.
private final class ChunkWork: @unchecked Sendable {
    let decoder: EventDecoder
    let records: [RawRecord]
    let chunkSize: Int
    let chunkCount: Int
    let next = Atomic<Int>(0)
    let stop = Atomic<Bool>(false)
    let ready: [DispatchSemaphore]
    let helperDone = DispatchSemaphore(value: 0)
    private let slots: UnsafeMutableBufferPointer<DecodedChunk?>

    init(decoder: EventDecoder, records: [RawRecord], chunkSize: Int, chunkCount: Int) {
        self.decoder = decoder
        self.records = records
        self.chunkSize = chunkSize
        self.chunkCount = chunkCount
        ready = (0..<chunkCount).map { _ in DispatchSemaphore(value: 0) }
        slots = .allocate(capacity: chunkCount)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func decode(_ index: Int) {
        let start = index * chunkSize
        slots[index] = decoder.decodeChunk(records, start..<min(start + chunkSize, records.count))
    }

    func take(_ index: Int) -> DecodedChunk? {
        defer { slots[index] = nil }
        return slots[index]
    }

    /// Chunks the helper decoded, once the caller is done with them. Only the caller touches it.
    private var spent = SpentChunks()

    func spend(_ chunk: DecodedChunk) {
        spent.chunks.append(chunk)
    }

    /// Frees the helper's chunks (their arrays, the events' strings) on the helper thread, where
    /// they were allocated, and waits until it did. glibc frees a large block of another
    /// thread's arena under that arena's lock, which the helper takes for every allocation: freed
    /// here, the two threads kept waiting on each other (about 40 % of the voluntary context
    /// switches of `stats`). Done before the caller lets the batch go, so that the records' bytes,
    /// which the events also hold, are still freed by whoever frees the batch.
    func freeHelperChunksOnTheHelper() {
        guard !spent.chunks.isEmpty else { return }
        let box = spent
        spent = SpentChunks()
        let freed = DispatchSemaphore(value: 0)
        HelperThread.shared.submit {
            box.chunks.removeAll()
            freed.signal()
        }
        freed.wait()
    }

    /// The helper thread: decodes chunks from the front until none are left or the caller stops.
    func help() {
        defer { helperDone.signal() }
        while !stop.load(ordering: .relaxed) {
            let claimed = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard claimed < chunkCount else { return }
            decode(claimed)
            ready[claimed].signal()
        }
    }
}

/// Decoded chunks on their way to be freed, in a box so that the thread that empties it is the
/// one that frees them.
private final class SpentChunks: @unchecked Sendable {
    var chunks: [DecodedChunk] = []
}
