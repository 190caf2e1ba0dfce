import Foundation

/// A failed Kinesis call, decoded from the JSON error body (`__type`, `message`) or from the
/// transport, with the request id kept for the detail view.
public struct KinesisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The error type without its namespace, e.g. `ProvisionedThroughputExceededException`.
    public var type: String
    public var message: String
    public var statusCode: Int?
    public var requestId: String?

    public init(type: String, message: String, statusCode: Int? = nil, requestId: String? = nil) {
        self.type = type
        self.message = message
        self.statusCode = statusCode
        self.requestId = requestId
    }

    public var description: String {
        var text = "\(type): \(message)"
        if let statusCode { text += " (HTTP \(statusCode)" + (requestId.map { ", request id \($0)" } ?? "") + ")" }
        return text
    }
}

extension KinesisError {
    /// The type given to failures below HTTP: refused or reset connections, timeouts.
    public static let transportType = "TransportError"

    /// Answers that say the credentials are not accepted (unknown or expired key, bad signature)
    /// or not allowed to read. They hold for every call and every shard, so no retry helps.
    static let refusedCredentialTypes: Set<String> = [
        "UnrecognizedClientException", "InvalidClientTokenId", "InvalidAccessKeyId", "InvalidSignatureException",
        "SignatureDoesNotMatch", "IncompleteSignature", "IncompleteSignatureException", "MissingAuthenticationToken",
        "MissingAuthenticationTokenException", "ExpiredTokenException", "ExpiredToken", "InvalidToken",
        "RequestExpired", "AccessDeniedException", "AccessDenied",
    ]

    /// Whether the endpoint refused the credentials (or their permissions) rather than the request.
    public var refusesCredentials: Bool {
        Self.refusedCredentialTypes.contains(type) || statusCode == 403
    }

    /// `ResourceNotFoundException`: the stream (or the shard) does not exist, or no longer does.
    public var isResourceNotFound: Bool { type == "ResourceNotFoundException" }

    /// Whether the endpoint did not answer at all (refused or dropped connection, timeout) or
    /// answered that it is failing (5xx, InternalFailure): what `--give-up-after` is about.
    /// Throttling is an answer, and not counted.
    public var meansUnreachable: Bool {
        RetryPolicy.isRetryable(self) && !RetryPolicy.isThrottling(self)
    }

    /// Decodes an error answer: `{"__type": "com.amazonaws.kinesis.v20131202#ResourceNotFoundException", "message": "…"}`.
    static func decode(body: [UInt8], statusCode: Int, requestId: String?) -> KinesisError {
        var type = "HTTP\(statusCode)"
        var message = String(decoding: body.prefix(300), as: UTF8.self)
        if let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] {
            if let raw = object["__type"] as? String {
                type = String(raw.split(separator: "#").last ?? Substring(raw))
            }
            if let text = (object["message"] ?? object["Message"]) as? String { message = text }
        } else if let text = String(validating: body, as: UTF8.self), text.contains("<Code>") {
            // Authentication failures come back as XML (<ErrorResponse><Error><Code>…) from some
            // front ends, moto's among them.
            if let code = xmlElement("Code", in: text) { type = code }
            if let text = xmlElement("Message", in: text) { message = text }
        }
        // One line: messages with newlines would break the one-line errors and the header.
        message = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        if message.isEmpty { message = "HTTP \(statusCode)" }
        return KinesisError(type: type, message: message, statusCode: statusCode, requestId: requestId)
    }

    private static func xmlElement(_ name: String, in text: String) -> String? {
        guard let open = text.range(of: "<\(name)>"), let close = text.range(of: "</\(name)>", range: open.upperBound..<text.endIndex)
        else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
    }
}
