import CKinescope
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// JSON documents that hold Kinesis records rather than being one: a Lambda Kinesis event
/// (`{"Records":[{"kinesis":{"data":…}}]}`), `aws kinesis get-records` output
/// (`{"Records":[{"Data":…}]}`) and a capture line (`{"shard","sequence","partition_key","arrival","data"}`).
///
/// The file source uses it to turn a file into Kinesis records (`records(inDocument:)`: one record
/// per entry, as Kinesis counts them); the decoder uses it as an envelope when a record's data is
/// itself such a document.
public enum RecordContainer {
    /// What kind of container a document was, for the envelope chain.
    public enum Format: String, Sendable {
        case lambdaEvent = "Lambda event"
        case getRecords = "get-records output"
        case capture = "capture line"
        /// A Kinesis Data Firehose transformation event or a Kinesis Data Analytics preprocessing
        /// event: `{"records":[{"recordId","data","kinesisRecordMetadata"|"kinesisStreamRecordMetadata"}]}`.
        case firehose = "Firehose event"
    }

    /// One record taken out of a container, or the reason it could not be.
    public enum Entry: Sendable, Equatable {
        case record(RawRecord)
        /// The entry was there but unusable (e.g. invalid base64): `raw` is the entry's JSON text.
        case invalid(reason: String, raw: [UInt8], metadata: RecordMetadata)
    }

    /// The Kinesis records a top-level document of a file holds, each with its own shard, sequence
    /// number, partition key and arrival time; nil when the document is not a batch of records (it
    /// is then one record itself).
    ///
    /// - A Lambda Kinesis event or `get-records` output gives one record per entry; an empty page
    ///   (`{"Records": [], "MillisBehindLatest": …}`, the last page of every polling loop) gives none.
    /// - A capture line gives its one record.
    /// - An entry that cannot be made a record (its data is not base64) stays a record whose data is
    ///   that one entry wrapped as `{"Records":[entry]}`: decoding it reports the error with the
    ///   entry's bytes, and a capture of it reads back as the same error.
    ///
    /// Cheap for the documents that are none of these (the bulk of a file): only a document that
    /// starts with `{` and holds the bytes `"Records"`, or starts like a capture line, is parsed.
    public static func records(inDocument bytes: [UInt8], maxDepth: Int = 512) -> [RawRecord]? {
        guard mayHoldRecords(bytes) else { return nil }
        guard let value = try? JSONParser.parse(bytes, maxDepth: maxDepth),
              case .object(let object) = value else { return nil }
        if let records = object["Records"]?.array, records.isEmpty {
            // An empty page: only when nothing else in the document makes it an event of its own.
            guard object.members.allSatisfy({ pageKeys.contains($0.key) }) else { return nil }
            return []
        }
        guard let (_, entries) = entries(in: value) else { return nil }
        return entries.map { entry in
            switch entry {
            case .record(let record):
                return record
            case .invalid(_, let raw, let metadata):
                var wrapped: [UInt8] = Array(#"{"Records":["#.utf8)
                wrapped.append(contentsOf: raw)
                wrapped.append(contentsOf: "]}".utf8)
                return RawRecord(data: wrapped, shard: metadata.shard, sequence: metadata.sequence,
                                 partitionKey: metadata.partitionKey, arrival: metadata.arrival)
            }
        }
    }

    /// The members of a `GetRecords` response (and of a Lambda event): a document with `Records`
    /// and only these is a page of records, even with no records in it.
    private static let pageKeys: Set<String> = ["Records", "NextShardIterator", "MillisBehindLatest", "ChildShards"]

    /// Whether a document may be a container worth parsing: an object that holds the bytes
    /// `"Records"` or `"records"` (found with `memmem`, far faster than parsing), or a line as
    /// `CaptureLine` writes it.
    static func mayHoldRecords(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            var start = 0
            while start < buffer.count, EventDecoder.isWhitespace(base[start]) { start += 1 }
            guard start < buffer.count, base[start] == UInt8(ascii: "{") else { return false }
            let rest = UnsafeRawPointer(base + start)
            let length = buffer.count - start
            if length > capturePrefix.count, memcmp(rest, capturePrefix, capturePrefix.count) == 0 { return true }
            // One search for `ecords"`, then a look at the two bytes before each hit.
            var from = 0
            while from < length, let hit = ks_find(rest + from, length - from, recordsKey, recordsKey.count) {
                let at = UnsafeRawPointer(hit) - rest
                if at >= 2 {
                    let quote = rest.load(fromByteOffset: at - 2, as: UInt8.self)
                    let initial = rest.load(fromByteOffset: at - 1, as: UInt8.self)
                    if quote == UInt8(ascii: "\""), initial == UInt8(ascii: "R") || initial == UInt8(ascii: "r") { return true }
                }
                from = at + 1
            }
            return false
        }
    }

    private static let recordsKey: [UInt8] = Array(#"ecords""#.utf8)
    private static let capturePrefix: [UInt8] = Array(#"{"shard":"#.utf8)

    /// The records inside `value`, or nil when `value` is not a container.
    public static func entries(in value: JSONValue) -> (Format, [Entry])? {
        guard case .object(let object) = value else { return nil }
        if let records = object["Records"]?.array, !records.isEmpty {
            if records.allSatisfy({ $0["kinesis"]?["data"]?.string != nil }) {
                return (.lambdaEvent, records.map(lambdaEntry))
            }
            if records.allSatisfy({ $0["Data"]?.string != nil }) {
                return (.getRecords, records.map(getRecordsEntry))
            }
            return nil
        }
        if let records = object["records"]?.array, !records.isEmpty,
           records.allSatisfy({ $0["recordId"]?.string != nil && $0["data"]?.string != nil }) {
            return (.firehose, records.map(firehoseEntry))
        }
        if object["data"]?.string != nil, object.members.count <= 7,
           object.members.allSatisfy({ captureKeys.contains($0.key) }),
           object["sequence"] != nil || object["shard"] != nil || object["partition_key"] != nil {
            return (.capture, [captureEntry(object)])
        }
        return nil
    }

    private static let captureKeys: Set<String> = ["shard", "sequence", "sub_sequence", "partition_key", "arrival", "data", "error"]

    private static func lambdaEntry(_ entry: JSONValue) -> Entry {
        let kinesis = entry["kinesis"]
        var shard: String?
        if let eventID = entry["eventID"]?.string, let colon = eventID.firstIndex(of: ":") {
            shard = String(eventID[..<colon])
        }
        let metadata = RecordMetadata(shard: shard, sequence: kinesis?["sequenceNumber"]?.string,
                                      partitionKey: kinesis?["partitionKey"]?.string,
                                      arrival: arrivalTime(kinesis?["approximateArrivalTimestamp"]))
        return decodeData(kinesis?["data"]?.string ?? "", metadata: metadata, entry: entry)
    }

    private static func getRecordsEntry(_ entry: JSONValue) -> Entry {
        let metadata = RecordMetadata(sequence: entry["SequenceNumber"]?.string,
                                      partitionKey: entry["PartitionKey"]?.string,
                                      arrival: arrivalTime(entry["ApproximateArrivalTimestamp"]))
        return decodeData(entry["Data"]?.string ?? "", metadata: metadata, entry: entry)
    }

    /// Firehose puts the Kinesis metadata in `kinesisRecordMetadata`, Kinesis Data Analytics in
    /// `kinesisStreamRecordMetadata`; both write times in milliseconds.
    private static func firehoseEntry(_ entry: JSONValue) -> Entry {
        let kinesis = entry["kinesisRecordMetadata"] ?? entry["kinesisStreamRecordMetadata"]
        let metadata = RecordMetadata(shard: kinesis?["shardId"]?.string, sequence: kinesis?["sequenceNumber"]?.string,
                                      partitionKey: kinesis?["partitionKey"]?.string,
                                      arrival: arrivalTime(kinesis?["approximateArrivalTimestamp"] ?? entry["approximateArrivalTimestamp"]))
        return decodeData(entry["data"]?.string ?? "", metadata: metadata, entry: entry)
    }

    private static func captureEntry(_ object: JSONObject) -> Entry {
        let metadata = RecordMetadata(shard: object["shard"]?.string, sequence: object["sequence"]?.string,
                                      partitionKey: object["partition_key"]?.string, arrival: arrivalTime(object["arrival"]))
        let entry = decodeData(object["data"]?.string ?? "", metadata: metadata, entry: .object(object))
        if case .record(var record) = entry, let failure = object["error"]?.string {
            record.failure = failure
            return .record(record)
        }
        return entry
    }

    /// Seconds since the epoch, written as a number (`1567780307.056`, `1.441215410867E9`) or as
    /// ISO-8601 text (captures; AWS CLI v2 prints `2019-09-06T14:31:47.056000+00:00`). Text is
    /// rounded to the millisecond Kinesis reports, so a capture reads back the exact arrival time
    /// it was written from instead of one a decimal-to-binary rounding away.
    static func arrivalTime(_ value: JSONValue?) -> Double? {
        switch value {
        case .number?:
            // Firehose and Kinesis Data Analytics events write milliseconds.
            guard let number = value?.double else { return nil }
            return Timestamp.plausible(number > 1e11 ? number / 1000 : number)
        case .string(let text)?:
            if let seconds = Double(text) { return Timestamp.plausible(seconds) }
            guard let seconds = Timestamp.plausible(Timestamp.parseISO8601(text)) else { return nil }
            return (seconds * 1000).rounded() / 1000
        default:
            return nil
        }
    }

    private static func decodeData(_ base64: String, metadata: RecordMetadata, entry: JSONValue) -> Entry {
        guard let bytes = Base64.decode(base64) else {
            return .invalid(reason: "record data is not valid base64", raw: Array(entry.compactJSON().utf8), metadata: metadata)
        }
        return .record(RawRecord(data: bytes, shard: metadata.shard, sequence: metadata.sequence,
                                 partitionKey: metadata.partitionKey, arrival: metadata.arrival))
    }
}
