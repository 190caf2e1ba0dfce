/// One record as a source delivers it: the bytes of a Kinesis record's data plus its metadata.
///
/// Sources (Kinesis, file, stdin, demo) produce these; `EventDecoder` turns each into events.
/// Metadata is optional because files of plain events carry none.
public struct RawRecord: Sendable, Equatable {
    public var data: [UInt8]
    public var shard: String?
    public var sequence: String?
    public var partitionKey: String?
    /// Kinesis `ApproximateArrivalTimestamp`, seconds since the epoch.
    public var arrival: Double?
    /// Set by a source that could not take the record whole (a line over the size limit, see
    /// `JSONSplitter.Piece.tooLong`): the record then decodes to one error event with this reason,
    /// and `data` holds only its first bytes.
    public var failure: String?

    public init(data: [UInt8], shard: String? = nil, sequence: String? = nil,
                partitionKey: String? = nil, arrival: Double? = nil, failure: String? = nil) {
        self.data = data
        self.shard = shard
        self.sequence = sequence
        self.partitionKey = partitionKey
        self.arrival = arrival
        self.failure = failure
    }
}
