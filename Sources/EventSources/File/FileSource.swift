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
    private let clock: @Sendable () -> Double

    public init(path: String, chunkSize: Int = 1 << 20, batchSize: Int = 1024,
                clock: @escaping @Sendable () -> Double) {
        self.path = path
        self.chunkSize = chunkSize
        self.batchSize = batchSize
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
        func take(_ piece: JSONSplitter.Piece) {
            switch piece {
            case .json(let bytes), .text(let bytes): batch.append(RawRecord(data: bytes))
            }
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
                take(piece)
                if batch.count >= batchSize {
                    if await !sink.deliver(batch, at: clock()) { return }
                    batch.removeAll(keepingCapacity: true)
                }
            }
        }
        while let piece = splitter.finish() { take(piece) }
        if !batch.isEmpty, await !sink.deliver(batch, at: clock()) { return }
        await sink.status(.ended)
    }
}
