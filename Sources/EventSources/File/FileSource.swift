#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventDecoding

/// Reads a file, or stdin for "-", holding one or many JSON documents (NDJSON, pretty-printed
/// documents back to back, Lambda Kinesis events, `get-records` output, capture lines) or text
/// lines. Each top-level document or text line becomes one `RawRecord`; the decoder unwraps the
/// containers, so a Lambda event file gives one record per document and one event per entry.
public struct FileSource: Source {
    public var path: String
    public var chunkSize: Int
    /// Records per delivered batch.
    public var batchSize: Int
    /// Replay speed: 1 keeps the original timing between records (from their arrival or event
    /// timestamps), 10 is ten times faster, nil is as fast as possible.
    public var speed: Double?
    private let clock: @Sendable () -> Double

    public init(path: String, chunkSize: Int = 1 << 20, batchSize: Int = 1024, speed: Double? = nil,
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
        var splitter = JSONSplitter()
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var batch: [RawRecord] = []
        batch.reserveCapacity(batchSize)
        var pacer = speed.map { ReplayPacer(speed: $0) }
        func take(_ piece: JSONSplitter.Piece) {
            switch piece {
            case .json(let bytes), .text(let bytes): batch.append(RawRecord(data: bytes))
            }
        }
        /// With a replay speed, waits until the piece is due and hands over what came before it.
        func pace(_ piece: JSONSplitter.Piece) async throws -> Bool {
            guard pacer != nil, case .json(let bytes) = piece, let time = ReplayPacer.timestamp(of: bytes) else { return true }
            let wait = pacer!.wait(for: time, now: clock())
            guard wait > 0 else { return true }
            if !batch.isEmpty {
                if await !sink.deliver(batch, at: clock()) { return false }
                batch.removeAll(keepingCapacity: true)
            }
            try await Task.sleep(nanoseconds: UInt64(min(wait, 3600) * 1e9))
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
            splitter.append(chunk[0..<count])
            while let piece = splitter.next() {
                if try await !pace(piece) { return }
                take(piece)
                if batch.count >= batchSize {
                    if await !sink.deliver(batch, at: clock()) { return }
                    batch.removeAll(keepingCapacity: true)
                }
            }
        }
        while let piece = splitter.finish() {
            if try await !pace(piece) { return }
            take(piece)
        }
        if !batch.isEmpty, await !sink.deliver(batch, at: clock()) { return }
        await sink.status(.ended)
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
