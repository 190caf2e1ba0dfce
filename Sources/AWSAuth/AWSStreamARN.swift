/// A Kinesis data stream ARN, `arn:PARTITION:kinesis:REGION:ACCOUNT:stream/NAME`.
///
/// ```swift
/// let arn = AWSStreamARN("arn:aws:kinesis:eu-west-1:123456789012:stream/clicks")
/// arn?.region      // "eu-west-1"
/// arn?.streamName  // "clicks"
/// ```
public struct AWSStreamARN: Sendable, Equatable, CustomStringConvertible {
    public var partition: String
    public var region: String
    public var accountID: String
    public var streamName: String

    /// Nil unless `text` is a well-formed Kinesis stream ARN.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "kinesis",
              !parts[1].isEmpty, !parts[3].isEmpty, !parts[4].isEmpty,
              parts[5].hasPrefix("stream/") else { return nil }
        let name = parts[5].dropFirst("stream/".count)
        guard !name.isEmpty, !name.contains("/") else { return nil }
        partition = String(parts[1])
        region = String(parts[3])
        accountID = String(parts[4])
        streamName = String(name)
    }

    public var description: String {
        "arn:\(partition):kinesis:\(region):\(accountID):stream/\(streamName)"
    }
}
