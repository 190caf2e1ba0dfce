import Foundation

/// Where a shard iterator starts.
public enum ShardIteratorPosition: Sendable, Equatable {
    case latest
    case trimHorizon
    /// Seconds since the epoch.
    case atTimestamp(Double)
    case afterSequenceNumber(String)
    case atSequenceNumber(String)
}

/// A shard as ListShards describes it.
public struct Shard: Sendable, Equatable, Decodable {
    public var shardId: String
    public var parentShardId: String?
    public var adjacentParentShardId: String?
    public var sequenceNumberRange: SequenceNumberRange

    /// A closed shard has an ending sequence number: it takes no new records.
    public var isClosed: Bool { sequenceNumberRange.endingSequenceNumber != nil }
    public var parents: [String] { [parentShardId, adjacentParentShardId].compactMap { $0 } }

    public struct SequenceNumberRange: Sendable, Equatable, Decodable {
        public var startingSequenceNumber: String
        public var endingSequenceNumber: String?

        enum CodingKeys: String, CodingKey {
            case startingSequenceNumber = "StartingSequenceNumber"
            case endingSequenceNumber = "EndingSequenceNumber"
        }
    }

    public init(shardId: String, parentShardId: String? = nil, adjacentParentShardId: String? = nil,
                startingSequenceNumber: String = "0", endingSequenceNumber: String? = nil) {
        self.shardId = shardId
        self.parentShardId = parentShardId
        self.adjacentParentShardId = adjacentParentShardId
        sequenceNumberRange = SequenceNumberRange(startingSequenceNumber: startingSequenceNumber,
                                                  endingSequenceNumber: endingSequenceNumber)
    }

    enum CodingKeys: String, CodingKey {
        case shardId = "ShardId"
        case parentShardId = "ParentShardId"
        case adjacentParentShardId = "AdjacentParentShardId"
        case sequenceNumberRange = "SequenceNumberRange"
    }
}

/// One record from GetRecords, its data already decoded from base64.
public struct KinesisRecord: Sendable, Equatable {
    public var sequenceNumber: String
    public var partitionKey: String
    public var data: [UInt8]
    /// Seconds since the epoch.
    public var approximateArrivalTimestamp: Double?
}

/// What GetRecords returned.
public struct GetRecordsOutput: Sendable, Equatable {
    public var records: [KinesisRecord]
    /// nil when the shard is closed and read to its end.
    public var nextShardIterator: String?
    public var millisBehindLatest: Int?
    /// Present once a closed shard has been read to its end.
    public var childShards: [String]
}

/// What ListShards returned (one page).
public struct ListShardsOutput: Sendable, Equatable {
    public var shards: [Shard]
    public var nextToken: String?
}

/// One entry of a PutRecords call.
public struct PutRecordsEntry: Sendable, Equatable {
    public var data: [UInt8]
    public var partitionKey: String

    public init(data: [UInt8], partitionKey: String) {
        self.data = data
        self.partitionKey = partitionKey
    }
}

/// The result of one PutRecords entry: a sequence number, or an error code to retry on.
public struct PutRecordsResultEntry: Sendable, Equatable {
    public var sequenceNumber: String?
    public var shardId: String?
    public var errorCode: String?
    public var errorMessage: String?
}

/// A stream's summary (DescribeStreamSummary).
public struct StreamSummary: Sendable, Equatable {
    public var streamName: String
    public var streamARN: String
    public var streamStatus: String
    public var openShardCount: Int
}

// Wire shapes: the JSON the Kinesis API sends back.
struct GetRecordsWire: Decodable {
    struct Record: Decodable {
        var SequenceNumber: String
        var PartitionKey: String
        var Data: String
        var ApproximateArrivalTimestamp: Double?
    }
    struct Child: Decodable { var ShardId: String }
    var Records: [Record]
    var NextShardIterator: String?
    var MillisBehindLatest: Int?
    var ChildShards: [Child]?
}

struct ListShardsWire: Decodable {
    var Shards: [Shard]
    var NextToken: String?
}

struct GetShardIteratorWire: Decodable {
    var ShardIterator: String
}

struct PutRecordsWire: Decodable {
    struct Entry: Decodable {
        var SequenceNumber: String?
        var ShardId: String?
        var ErrorCode: String?
        var ErrorMessage: String?
    }
    var FailedRecordCount: Int?
    var Records: [Entry]
}

struct DescribeStreamSummaryWire: Decodable {
    struct Description: Decodable {
        var StreamName: String
        var StreamARN: String
        var StreamStatus: String
        var OpenShardCount: Int
    }
    var StreamDescriptionSummary: Description
}
