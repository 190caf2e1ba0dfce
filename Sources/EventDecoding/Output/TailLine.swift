/// The `tail` output contract (DESIGN.md §3): one JSON object per decoded event, keys in a fixed
/// order, always present (`sub_sequence` only for KPL sub-records, `error`/`raw` only for errors).
public enum TailLine {
    public static func json(_ event: Event) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(event, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func write(_ event: Event, into out: inout [UInt8]) {
        func key(_ name: String, first: Bool = false) {
            if !first { out.append(UInt8(ascii: ",")) }
            JSONWriter.writeString(name, into: &out)
            out.append(UInt8(ascii: ":"))
        }
        func string(_ value: String?) {
            if let value { JSONWriter.writeString(value, into: &out) } else { out.append(contentsOf: "null".utf8) }
        }
        out.append(UInt8(ascii: "{"))
        key("shard", first: true); string(event.record.shard)
        key("sequence"); string(event.record.sequence)
        if let sub = event.record.subSequence { key("sub_sequence"); out.append(contentsOf: String(sub).utf8) }
        key("partition_key"); string(event.record.partitionKey)
        key("arrival"); string(event.record.arrival.map(Timestamp.iso8601))
        key("kind"); string(event.kind.rawValue)
        key("event_type"); string(event.eventType)
        key("event_time"); string(event.eventTime.map(Timestamp.iso8601))
        key("session_id"); string(event.sessionId)
        key("client_id"); string(event.clientId)
        key("event"); JSONWriter.writeCompact(event.payload, into: &out)
        if event.kind == .error {
            key("error"); string(event.error)
            key("raw"); string(Base64.encode(event.raw ?? []))
        }
        out.append(UInt8(ascii: "}"))
    }
}
