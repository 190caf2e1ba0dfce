extension Event {
    /// About how many bytes of memory the event holds: its own fields plus the heap blocks of its
    /// strings, arrays and payload. Stores that keep events budget them in bytes with it, because
    /// one event can be a few hundred bytes or tens of megabytes.
    ///
    /// An estimate (heap headers and Swift's layouts are approximated, storage shared with other
    /// values is counted for each), cheap for the decoder's fast path, whose payload is its JSON
    /// bytes; a parsed payload is walked once.
    public var approximateBytes: Int {
        var total = MemoryLayout<Event>.stride
        total += Footprint.string(eventType) + Footprint.string(sessionId) + Footprint.string(clientId)
        total += Footprint.string(platform) + Footprint.string(summary) + Footprint.string(error)
        total += Footprint.string(record.shard) + Footprint.string(record.sequence)
        total += Footprint.string(record.partitionKey) + Footprint.string(record.explicitHashKey)
        if !envelopes.isEmpty {
            total += Footprint.arrayHeader + envelopes.count * MemoryLayout<String>.stride
            for envelope in envelopes { total += Footprint.string(envelope) }
        }
        if let raw { total += Footprint.arrayHeader + raw.count }
        switch payloadStorage {
        case .document(let bytes): total += Footprint.arrayHeader + bytes.count
        case .value(let value): total += Footprint.heap(of: value)
        }
        if let embedded { total += Footprint.heap(of: embedded) }
        return total
    }
}

/// Heap sizes of the values an event holds.
enum Footprint {
    /// A native array's or string's heap block header.
    static let arrayHeader = 32

    /// Strings of up to 15 UTF-8 bytes live inside the value; longer ones in a heap block.
    static func string(_ text: String?) -> Int {
        guard let count = text?.utf8.count, count > 15 else { return 0 }
        return arrayHeader + count
    }

    static func heap(of value: JSONValue) -> Int {
        switch value {
        case .null, .bool: return 0
        case .number(let text), .string(let text): return string(text)
        case .array(let items):
            var total = arrayHeader + items.count * MemoryLayout<JSONValue>.stride
            for item in items { total += heap(of: item) }
            return total
        case .object(let object): return heap(of: object)
        }
    }

    static func heap(of object: JSONObject) -> Int {
        var total = arrayHeader + object.members.count * MemoryLayout<JSONObject.Member>.stride
        for member in object.members { total += string(member.key) + heap(of: member.value) }
        return total
    }
}
