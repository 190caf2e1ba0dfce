import EventDecoding

/// libFuzzer calls this once per input. Every input is a record's data; the decoder must return
/// (never trap, never hang) and account for it with at least one event or a control message, and
/// every event it returns must make a `tail` line.
@_cdecl("LLVMFuzzerTestOneInput")
public func decoderFuzzer(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    var report = DecodeReport()
    let events = EventDecoder().decode(RawRecord(data: bytes, shard: "shardId-000000000000", sequence: "1",
                                                 partitionKey: "pk", arrival: 1_567_780_307.056),
                                       report: &report)
    precondition(!events.isEmpty || report.controlMessages > 0, "a record gave no event")
    for event in events {
        precondition(event.kind != .error || (event.raw != nil && event.error != nil), "an error without its bytes")
        _ = TailLine.json(event)
    }
    return 0
}
