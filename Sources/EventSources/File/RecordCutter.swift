import EventDecoding

/// Cuts a file's bytes into Kinesis records, as Kinesis counts them: each top-level document or
/// text line is one record, except the documents that are batches of records (a Lambda Kinesis
/// event, `aws kinesis get-records` output, a capture line), which give one record per entry with
/// that entry's shard, sequence number, partition key and arrival, and none for an empty page.
///
/// It also reads the start of the input: a UTF-8 byte order mark is skipped (RFC 8259 §8.1 lets a
/// parser ignore it; aws-lambda-dotnet's test events start with one), and UTF-16 or UTF-32 input,
/// with or without a mark, is refused with one clear error instead of being read as bytes.
///
/// Batches are cut at `batchSize` records or `maxBatchBytes` bytes, whichever comes first (a
/// container's entries may fall into several batches), so memory in flight stays bounded
/// whatever the record sizes.
struct RecordCutter {
    let path: String
    let batchSize: Int
    let maxBatchBytes: Int
    private var splitter = JSONSplitter()
    /// The first bytes, held until there are enough to tell the encoding.
    private var head: [UInt8] = []
    private var started = false
    private(set) var batch: [RawRecord] = []
    private var batchBytes = 0

    /// Bytes a batch may hold before it is handed over, whatever its record count.
    static let defaultMaxBatchBytes = 8 << 20

    init(path: String, batchSize: Int, maxBatchBytes: Int = RecordCutter.defaultMaxBatchBytes) {
        self.path = path
        self.batchSize = max(1, batchSize)
        self.maxBatchBytes = max(1, maxBatchBytes)
        batch.reserveCapacity(self.batchSize)
    }

    /// Adds bytes read from the input.
    mutating func append(_ chunk: ArraySlice<UInt8>) throws(SourceError) {
        if started {
            splitter.append(chunk)
            return
        }
        head.append(contentsOf: chunk)
        if head.count >= 4 { try start() }
    }

    /// The records of the next complete piece (none for an empty page), or nil when more input is
    /// needed.
    mutating func next() -> [RawRecord]? {
        splitter.next().map(Self.records)
    }

    /// At the end of the input: the records of the pieces left, one piece at a time.
    mutating func finish() throws(SourceError) -> [RawRecord]? {
        if !started { try start() }
        return splitter.finish().map(Self.records)
    }

    /// Adds a record to the batch; true when the batch is full and should be handed over.
    mutating func add(_ record: RawRecord) -> Bool {
        batch.append(record)
        batchBytes += record.data.count
        return batch.count >= batchSize || batchBytes >= maxBatchBytes
    }

    /// Hands the batch over and starts a new one.
    mutating func takeBatch() -> [RawRecord] {
        let taken = batch
        batch = []
        batch.reserveCapacity(batchSize)
        batchBytes = 0
        return taken
    }

    /// Decides the encoding from the first bytes and hands them to the splitter.
    private mutating func start() throws(SourceError) {
        started = true
        defer { head = [] }
        switch Self.encoding(of: head) {
        case .utf8:
            splitter.append(head[...])
        case .utf8WithMark:
            splitter.append(head[3...])
        case .other(let name, let marked):
            let how = marked ? "it starts with a \(name) byte order mark" : "its first bytes are \(name) text"
            let shown = path == "-" ? "stdin" : path
            throw SourceError("\(shown) is \(name), not UTF-8 (\(how)); convert it first, e.g. iconv -f \(name) -t UTF-8")
        }
    }

    enum Encoding: Equatable {
        case utf8
        case utf8WithMark
        /// UTF-16/32, named as iconv names it.
        case other(String, marked: Bool)
    }

    /// The encoding the first bytes show: a byte order mark, or for JSON text without one the
    /// pattern of zero bytes its first characters leave (RFC 4627 §3), where those characters are
    /// ones JSON text starts with. Anything else, binary data included, is read as UTF-8 bytes.
    static func encoding(of head: [UInt8]) -> Encoding {
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8WithMark }
        if head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return .other("UTF-32BE", marked: true) }
        if head.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return .other("UTF-32LE", marked: true) }
        if head.starts(with: [0xFE, 0xFF]) { return .other("UTF-16BE", marked: true) }
        if head.starts(with: [0xFF, 0xFE]) { return .other("UTF-16LE", marked: true) }
        guard head.count >= 4 else { return .utf8 }
        let (b0, b1, b2, b3) = (head[0], head[1], head[2], head[3])
        if b0 == 0, b1 == 0, b2 == 0, startsJSON(b3) { return .other("UTF-32BE", marked: false) }
        if startsJSON(b0), b1 == 0, b2 == 0, b3 == 0 { return .other("UTF-32LE", marked: false) }
        if b0 == 0, startsJSON(b1), b2 == 0, continuesJSON(b3) { return .other("UTF-16BE", marked: false) }
        if startsJSON(b0), b1 == 0, continuesJSON(b2), b3 == 0 { return .other("UTF-16LE", marked: false) }
        return .utf8
    }

    /// A byte JSON text (or a capture of it) begins with: a bracket, a quote, or white space.
    private static func startsJSON(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "\"") || isWhitespace(byte)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// A byte that may follow it in JSON text: printable ASCII or white space.
    private static func continuesJSON(_ byte: UInt8) -> Bool {
        (0x20...0x7E).contains(byte) || isWhitespace(byte)
    }

    /// A piece of the file as records: the entries of a container, or the piece itself.
    static func records(_ piece: JSONSplitter.Piece) -> [RawRecord] {
        switch piece {
        case .json(let bytes):
            if let records = RecordContainer.records(inDocument: bytes) { return records }
            return [RawRecord(data: bytes)]
        case .text(let bytes):
            return [RawRecord(data: bytes)]
        case .tooLong(let prefix, _, _):
            return [RawRecord(data: prefix, failure: piece.reason)]
        }
    }
}
