#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import EventDecoding
import Synchronization

/// Reads a file, or stdin for "-", holding one or many JSON documents (NDJSON, pretty-printed
/// documents back to back, Lambda Kinesis events, `get-records` output, capture lines) or text
/// lines. Each top-level document or text line becomes one `RawRecord`, except batches of Kinesis
/// records (Lambda events, `get-records` pages, capture lines), which give one `RawRecord` per
/// entry with its metadata, as Kinesis counts records (see `RecordCutter`).
public struct FileSource: Source {
    public var path: String
    public var chunkSize: Int
    /// Records per delivered batch.
    public var batchSize: Int
    /// Replay speed: 1 keeps the original timing between records (from their arrival or event
    /// timestamps), 10 is ten times faster, nil is as fast as possible.
    public var speed: Double?
    private let clock: @Sendable () -> Double

    public init(path: String, chunkSize: Int = 1 << 20, batchSize: Int = 4096, speed: Double? = nil,
                clock: @escaping @Sendable () -> Double) {
        self.path = path
        self.chunkSize = chunkSize
        self.batchSize = batchSize
        self.speed = speed
        self.clock = clock
    }

    public var name: String { path == "-" ? "stdin" : "file \(path)" }

    public func run(into sink: any RecordSink) async throws {
        let fd: Int32
        if path == "-" {
            fd = 0
        } else {
            fd = open(path, O_RDONLY)
            if fd < 0 {
                let reason = String(cString: strerror(errno))
                throw SourceError("cannot open \(path): \(reason)")
            }
        }
        defer { if fd != 0 { close(fd) } }
        await sink.status(.running)
        // As fast as possible from a regular file: read and split on a thread of their own so
        // that the sink decodes one batch while the next is being cut. Stdin, pipes and FIFOs may
        // block for ever (and the consumer waits for the reader without suspending), and replay
        // paces each record, so those keep the plain loop below.
        if speed == nil, fd != 0, Self.isRegularFile(fd),
           let reader = ReadAhead(fd: fd, path: path, chunkSize: chunkSize, batchSize: batchSize) {
            try await run(reading: reader, into: sink)
            return
        }
        var cutter = RecordCutter(path: path, batchSize: batchSize)
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var pacer = speed.map { ReplayPacer(speed: $0) }
        /// With a replay speed, waits until the record is due and hands over what came before it.
        func pace(_ record: RawRecord) async throws -> Bool {
            guard pacer != nil, let time = record.arrival ?? ReplayPacer.timestamp(of: record.data) else { return true }
            let wait = pacer!.wait(for: time, now: clock())
            guard wait > 0 else { return true }
            if !cutter.batch.isEmpty, await !sink.deliver(cutter.takeBatch(), at: clock()) { return false }
            try await Task.sleep(nanoseconds: UInt64(min(wait, 3600) * 1e9))
            return true
        }
        /// Adds a piece's records; false once the sink wants no more.
        func take(_ records: [RawRecord]) async throws -> Bool {
            for record in records {
                if try await !pace(record) { return false }
                if cutter.add(record), await !sink.deliver(cutter.takeBatch(), at: clock()) { return false }
            }
            return true
        }
        while true {
            try Task.checkCancellation()
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, chunkSize) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SourceError("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            try cutter.append(chunk[0..<count])
            while let records = cutter.next() {
                if try await !take(records) { return }
            }
        }
        while let records = try cutter.finish() {
            if try await !take(records) { return }
        }
        if !cutter.batch.isEmpty, await !sink.deliver(cutter.takeBatch(), at: clock()) { return }
        await sink.status(.ended)
    }
}

extension FileSource {
    private static func isRegularFile(_ fd: Int32) -> Bool {
        var info = stat()
        return fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// The same batches as the plain loop, read and split by a `ReadAhead` thread.
    private func run(reading reader: ReadAhead, into sink: any RecordSink) async throws {
        // The reader uses the file, which the caller closes once this returns.
        defer { reader.stop() }
        while true {
            try Task.checkCancellation()
            switch reader.next() {
            case .batch(let batch):
                if await !sink.deliver(batch, at: clock()) { return }
                reader.recycle(batch)
            case .failed(let message):
                throw SourceError(message)
            case .end:
                await sink.status(.ended)
                return
            }
        }
    }
}

/// Reads a file and cuts it into batches of records on a thread of its own, at most `depth`
/// batches ahead of the consumer. Not for stdin: `next` blocks its caller until a batch is cut,
/// which a regular file makes brief.
final class ReadAhead: @unchecked Sendable {
    enum Item: Sendable {
        case batch([RawRecord])
        case failed(String)
        case end
    }

    private let queue = Mutex<[Item]>([])
    private let recycled = Mutex<[[RawRecord]]>([])
    /// Counts queued items; the consumer waits on it.
    private let items = DispatchSemaphore(value: 0)
    /// Counts free places in the queue; the reader waits on it.
    private let room: DispatchSemaphore
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private var delivered = false

    /// Nil when no thread could be started for the reader.
    init?(fd: Int32, path: String, chunkSize: Int, batchSize: Int, depth: Int = 2) {
        // Created empty and filled: libdispatch traps when a semaphore is freed below the value
        // it was created with, which is where `room` is left when the consumer stops early.
        room = DispatchSemaphore(value: 0)
        for _ in 0..<max(1, depth) { room.signal() }
        let thread = ReadAheadThread(owner: self, fd: fd, path: path, chunkSize: chunkSize, batchSize: batchSize)
        guard DetachedThread.start({ thread.run() }) else { return nil }
    }

    /// The next item, waiting for the reader if it has none yet; `.end` for ever after the end.
    func next() -> Item {
        if delivered { return .end }
        items.wait()
        let item = queue.withLock { $0.removeFirst() }
        room.signal()
        if case .batch = item {} else { delivered = true }
        return item
    }

    /// Hands a delivered batch back to the reader thread, which frees it: its records were
    /// allocated there, and glibc frees another thread's blocks under a lock that thread keeps
    /// taking, so freeing them here made both wait (see `HelperThread`).
    func recycle(_ batch: [RawRecord]) {
        recycled.withLock { $0.append(batch) }
    }

    /// Frees the batches handed back, outside the lock. On the reader thread.
    fileprivate func freeRecycled() {
        let batches = recycled.withLock { queue -> [[RawRecord]] in
            let taken = queue
            queue = []
            return taken
        }
        _ = batches
    }

    /// Stops the reader and waits until it no longer touches the file.
    func stop() {
        stopped.store(true, ordering: .relaxed)
        room.signal()
        finished.wait()
    }

    /// Queues an item; false once the consumer has stopped.
    fileprivate func put(_ item: Item) -> Bool {
        room.wait()
        if stopped.load(ordering: .relaxed) { return false }
        queue.withLock { $0.append(item) }
        items.signal()
        return true
    }

    fileprivate var isStopped: Bool { stopped.load(ordering: .relaxed) }

    fileprivate func readerFinished() { finished.signal() }
}

/// The reading side of a `ReadAhead`: the plain loop of `FileSource.run`, minus pacing.
private struct ReadAheadThread: @unchecked Sendable {
    let owner: ReadAhead
    let fd: Int32
    let path: String
    let chunkSize: Int
    let batchSize: Int

    func run() {
        defer { owner.readerFinished() }
        var cutter = RecordCutter(path: path, batchSize: batchSize)
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        do throws(SourceError) {
            while !owner.isStopped {
                owner.freeRecycled()
                let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, chunkSize) }
                if count < 0 {
                    if errno == EINTR { continue }
                    _ = owner.put(.failed("cannot read \(path): \(String(cString: strerror(errno)))"))
                    return
                }
                if count == 0 { break }
                try cutter.append(chunk[0..<count])
                while let records = cutter.next() {
                    for record in records {
                        if cutter.add(record), !owner.put(.batch(cutter.takeBatch())) { return }
                    }
                }
            }
            if owner.isStopped { return }
            while let records = try cutter.finish() {
                for record in records {
                    if cutter.add(record), !owner.put(.batch(cutter.takeBatch())) { return }
                }
            }
        } catch {
            _ = owner.put(.failed(error.description))
            return
        }
        if !cutter.batch.isEmpty, !owner.put(.batch(cutter.takeBatch())) { return }
        _ = owner.put(.end)
    }
}

/// Keeps a replay's records apart as they were: the first timestamp is "now", later ones follow
/// at `(t - first) / speed`.
struct ReplayPacer: Sendable {
    var speed: Double
    private var origin: (record: Double, wall: Double)?

    init(speed: Double) {
        self.speed = max(speed, 1e-6)
    }

    /// Seconds to wait before a record stamped `time` is due.
    mutating func wait(for time: Double, now: Double) -> Double {
        guard let origin else {
            self.origin = (time, now)
            return 0
        }
        return origin.wall + (time - origin.record) / speed - now
    }

    /// When a document was on the stream: a capture line's `arrival`, a Lambda record's
    /// `approximateArrivalTimestamp`, `get-records`' `ApproximateArrivalTimestamp`, or a Pinpoint
    /// event's `arrival_timestamp` / `event_timestamp` (milliseconds).
    static func timestamp(of bytes: [UInt8]) -> Double? {
        guard let value = try? JSONParser.parse(bytes) else { return nil }
        if let arrival = value["arrival"] {
            return arrival.double ?? arrival.string.flatMap(Timestamp.parseISO8601)
        }
        if let first = value["Records"]?[0] {
            return first["kinesis"]?["approximateArrivalTimestamp"]?.double ?? first["ApproximateArrivalTimestamp"]?.double
        }
        if let millis = value["arrival_timestamp"]?.double ?? value["event_timestamp"]?.double { return millis / 1000 }
        return nil
    }
}
