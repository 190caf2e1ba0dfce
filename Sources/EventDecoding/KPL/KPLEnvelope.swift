import SwiftProtobuf

/// Unwraps records aggregated by the Kinesis Producer Library: the magic `F3 89 9A C2`, a protobuf
/// `AggregatedRecord` (see `kpl.proto`), and the MD5 of the protobuf bytes as a 16-byte trailer.
///
/// Each user record becomes a payload with its own partition key (and explicit hash key) and its
/// index as `subSequence`, labelled "KPL record 3 of 12". Data that is too short or whose checksum
/// does not match is left alone (the envelope returns nil), as the official deaggregators treat it
/// as an ordinary record; a matching checksum over an unreadable message is a `.failed` payload.
public struct KPLEnvelope: ByteEnvelope {
    /// The four bytes every aggregated record starts with.
    public static let magic: [UInt8] = [0xF3, 0x89, 0x9A, 0xC2]
    static let digestSize = 16

    public init() {}

    public func unwrap(_ bytes: [UInt8], metadata: RecordMetadata) -> EnvelopeResult? {
        guard bytes.count >= Self.magic.count + Self.digestSize, bytes[0] == 0xF3, bytes[1] == 0x89,
              bytes[2] == 0x9A, bytes[3] == 0xC2 else { return nil }
        let message = bytes[Self.magic.count..<(bytes.count - Self.digestSize)]
        guard MD5Digest.digest(message).elementsEqual(bytes[(bytes.count - Self.digestSize)...]) else { return nil }
        let aggregate: Aws_Kinesis_Protobuf_AggregatedRecord
        do {
            aggregate = try Aws_Kinesis_Protobuf_AggregatedRecord(serializedBytes: Array(message))
        } catch {
            return .failed("KPL aggregate: invalid protobuf (\(error))")
        }
        let records = aggregate.records
        if records.isEmpty { return .failed("KPL aggregate holds no records") }
        var payloads: [EnvelopePayload] = []
        payloads.reserveCapacity(records.count)
        for (index, record) in records.enumerated() {
            let label = "KPL record \(index + 1) of \(records.count)"
            guard record.partitionKeyIndex < UInt64(aggregate.partitionKeyTable.count) else {
                return .failed("KPL aggregate: record \(index + 1) has partition key index \(record.partitionKeyIndex) "
                    + "but the table holds \(aggregate.partitionKeyTable.count)")
            }
            var inner = metadata
            inner.subSequence = index
            inner.partitionKey = aggregate.partitionKeyTable[Int(record.partitionKeyIndex)]
            if record.hasExplicitHashKeyIndex {
                guard record.explicitHashKeyIndex < UInt64(aggregate.explicitHashKeyTable.count) else {
                    return .failed("KPL aggregate: record \(index + 1) has explicit hash key index "
                        + "\(record.explicitHashKeyIndex) but the table holds \(aggregate.explicitHashKeyTable.count)")
                }
                inner.explicitHashKey = aggregate.explicitHashKeyTable[Int(record.explicitHashKeyIndex)]
            } else {
                inner.explicitHashKey = nil
            }
            payloads.append(EnvelopePayload(bytes: [UInt8](record.data), metadata: inner, label: label))
        }
        return .payloads(payloads)
    }
}

/// Builds KPL aggregated records, the inverse of `KPLEnvelope`: for tests, the fuzz seed corpus and
/// producers of demo traffic.
///
/// ```swift
/// let bytes = KPLAggregate.encode([.init(partitionKey: "pk", data: Array("{}".utf8))])
/// ```
public enum KPLAggregate {
    /// One user record to aggregate.
    public struct UserRecord: Sendable, Equatable {
        public var partitionKey: String
        public var explicitHashKey: String?
        public var data: [UInt8]

        public init(partitionKey: String, explicitHashKey: String? = nil, data: [UInt8]) {
            self.partitionKey = partitionKey
            self.explicitHashKey = explicitHashKey
            self.data = data
        }
    }

    /// Magic, protobuf and MD5 trailer; keys repeated across records share one table entry, as the
    /// KPL does.
    public static func encode(_ records: [UserRecord]) -> [UInt8] {
        var aggregate = Aws_Kinesis_Protobuf_AggregatedRecord()
        var partitionKeys: [String: UInt64] = [:]
        var hashKeys: [String: UInt64] = [:]
        for user in records {
            var record = Aws_Kinesis_Protobuf_Record()
            if let index = partitionKeys[user.partitionKey] {
                record.partitionKeyIndex = index
            } else {
                record.partitionKeyIndex = UInt64(aggregate.partitionKeyTable.count)
                partitionKeys[user.partitionKey] = record.partitionKeyIndex
                aggregate.partitionKeyTable.append(user.partitionKey)
            }
            if let key = user.explicitHashKey {
                if let index = hashKeys[key] {
                    record.explicitHashKeyIndex = index
                } else {
                    record.explicitHashKeyIndex = UInt64(aggregate.explicitHashKeyTable.count)
                    hashKeys[key] = record.explicitHashKeyIndex
                    aggregate.explicitHashKeyTable.append(key)
                }
            }
            record.data = .init(user.data)
            aggregate.records.append(record)
        }
        // Serializing a message whose required fields are all set cannot fail.
        let message: [UInt8] = (try? aggregate.serializedBytes()) ?? []
        return KPLEnvelope.magic + message + MD5Digest.digest(message)
    }
}
