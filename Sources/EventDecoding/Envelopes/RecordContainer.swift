/// JSON documents that hold Kinesis records rather than being one: a Lambda Kinesis event
/// (`{"Records":[{"kinesis":{"data":…}}]}`), `aws kinesis get-records` output
/// (`{"Records":[{"Data":…}]}`) and a capture line (`{"shard","sequence","partition_key","arrival","data"}`).
///
/// The file source uses it to turn a file into records; the decoder uses it as an envelope when a
/// record's data is itself such a document.
public enum RecordContainer {
    /// What kind of container a document was, for the envelope chain.
    public enum Format: String, Sendable {
        case lambdaEvent = "Lambda event"
        case getRecords = "get-records output"
        case capture = "capture line"
    }

    /// One record taken out of a container, or the reason it could not be.
    public enum Entry: Sendable, Equatable {
        case record(RawRecord)
        /// The entry was there but unusable (e.g. invalid base64): `raw` is the entry's JSON text.
        case invalid(reason: String, raw: [UInt8], metadata: RecordMetadata)
    }

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
        if object["data"]?.string != nil, object.members.count <= 6,
           object.members.allSatisfy({ captureKeys.contains($0.key) }),
           object["sequence"] != nil || object["shard"] != nil || object["partition_key"] != nil {
            return (.capture, [captureEntry(object)])
        }
        return nil
    }

    private static let captureKeys: Set<String> = ["shard", "sequence", "sub_sequence", "partition_key", "arrival", "data"]

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

    private static func captureEntry(_ object: JSONObject) -> Entry {
        let metadata = RecordMetadata(shard: object["shard"]?.string, sequence: object["sequence"]?.string,
                                      partitionKey: object["partition_key"]?.string, arrival: arrivalTime(object["arrival"]))
        return decodeData(object["data"]?.string ?? "", metadata: metadata, entry: .object(object))
    }

    /// Seconds since the epoch, written as a number (`1567780307.056`, `1.441215410867E9`) or as
    /// ISO-8601 text (captures; AWS CLI v2 prints `2019-09-06T14:31:47.056000+00:00`). Text is
    /// rounded to the millisecond Kinesis reports, so a capture reads back the exact arrival time
    /// it was written from instead of one a decimal-to-binary rounding away.
    static func arrivalTime(_ value: JSONValue?) -> Double? {
        switch value {
        case .number?:
            return Timestamp.plausible(value?.double)
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
