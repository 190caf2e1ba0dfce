/// The capture format (DESIGN.md §3): one Kinesis record per NDJSON line,
/// `{"shard","sequence","partition_key","arrival","data"}`, which `kinesis tail --raw` writes and
/// `--file` reads back through `RecordContainer`, giving the same events as the live records.
///
/// ```swift
/// CaptureLine.json(RawRecord(data: Array("hi".utf8), shard: "shardId-000000000000"))
/// // {"shard":"shardId-000000000000","sequence":null,"partition_key":null,"arrival":null,"data":"aGk="}
/// ```
/// `arrival` is ISO-8601 with milliseconds, the precision Kinesis reports it in. A record that was
/// cut at the record limit (`RawRecord.failure`) has one more key, `"error"`, with the reason.
public enum CaptureLine {
    public static func json(_ record: RawRecord) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(record.data.count * 4 / 3 + 160)
        write(record, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the line (without a newline) to `out`, for writers that batch their output.
    public static func write(_ record: RawRecord, into out: inout [UInt8]) {
        func string(_ value: String?) {
            if let value { JSONWriter.writeString(value, into: &out) } else { out.append(contentsOf: "null".utf8) }
        }
        out.append(contentsOf: #"{"shard":"#.utf8)
        string(record.shard)
        out.append(contentsOf: #","sequence":"#.utf8)
        string(record.sequence)
        out.append(contentsOf: #","partition_key":"#.utf8)
        string(record.partitionKey)
        out.append(contentsOf: #","arrival":"#.utf8)
        string(record.arrival.flatMap(Timestamp.plausible).map(Timestamp.iso8601))
        out.append(contentsOf: #","data":""#.utf8)
        out.append(contentsOf: Base64.encode(record.data).utf8)
        out.append(UInt8(ascii: "\""))
        if let failure = record.failure {
            // A record cut at the record limit keeps its reason, so that it reads back as the same error.
            out.append(contentsOf: #","error":"#.utf8)
            JSONWriter.writeString(failure, into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }
}
