/// A CloudWatch Logs subscription batch, as a subscription filter delivers it to Kinesis (gzipped;
/// `GzipEnvelope` takes that off first):
///
/// ```json
/// {"messageType":"DATA_MESSAGE","owner":"123456789012","logGroup":"/aws/lambda/f",
///  "logStream":"2024/01/01/[$LATEST]ab12","subscriptionFilters":["to-kinesis"],
///  "logEvents":[{"id":"3795…","timestamp":1510109208016,"message":"…"}]}
/// ```
///
/// `DATA_MESSAGE` batches give one event per log event. A `CONTROL_MESSAGE` is what CloudWatch
/// sends once to check that the destination is reachable; it holds no log data, so it gives no
/// event and is counted in `DecodeReport.controlMessages` instead.
public struct CloudWatchLogsBatch: Sendable, Equatable {
    public enum MessageType: String, Sendable {
        case data = "DATA_MESSAGE"
        case control = "CONTROL_MESSAGE"
    }

    public var messageType: MessageType
    public var owner: String?
    public var logGroup: String?
    public var logStream: String?
    public var subscriptionFilters: [String]
    /// The `logEvents` entries as written, each checked when it is turned into an event.
    public var logEvents: [JSONValue]

    /// The batch in `value`, or nil when `value` is not one. Recognised by `messageType` being one
    /// of the two CloudWatch types and `logEvents` being an array, so other JSON with a
    /// `messageType` field stays ordinary JSON.
    public init?(_ value: JSONValue) {
        guard case .object(let object) = value, let typeName = object["messageType"]?.string,
              let type = MessageType(rawValue: typeName), let logEvents = object["logEvents"]?.array
        else { return nil }
        messageType = type
        owner = object["owner"]?.string
        logGroup = object["logGroup"]?.string
        logStream = object["logStream"]?.string
        subscriptionFilters = object["subscriptionFilters"]?.array?.compactMap(\.string) ?? []
        self.logEvents = logEvents
    }

    /// The envelope label every event of this batch carries.
    public var label: String {
        let count = logEvents.count == 1 ? "1 event" : "\(logEvents.count) events"
        if let logGroup, !logGroup.isEmpty { return "CloudWatch Logs batch (\(count)) from \(logGroup)" }
        return "CloudWatch Logs batch (\(count))"
    }
}
