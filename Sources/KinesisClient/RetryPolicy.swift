/// When and how long to wait before trying a failed call again: jittered exponential backoff
/// ("full jitter"), for throttling, 5xx answers and transport failures.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    /// Seconds.
    public var baseDelay: Double
    /// Seconds.
    public var maxDelay: Double

    public init(maxAttempts: Int = 10, baseDelay: Double = 0.1, maxDelay: Double = 5) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1), between 0 and the capped
    /// exponential: spreading retries keeps many shards from retrying in step.
    public func delay(afterAttempt attempt: Int) -> Double {
        let ceiling = min(maxDelay, baseDelay * Double(1 << min(attempt, 20)))
        return Double.random(in: (ceiling / 4)...ceiling)
    }

    /// Error types Kinesis documents as worth retrying.
    static let retryableTypes: Set<String> = [
        "ProvisionedThroughputExceededException", "LimitExceededException", "ThrottlingException",
        "InternalFailure", "InternalFailureException", "ServiceUnavailable", "ServiceUnavailableException",
        "KMSThrottlingException", "RequestTimeout", "RequestTimeoutException",
    ]

    public static func isRetryable(_ error: KinesisError) -> Bool {
        if let status = error.statusCode, status >= 500 { return true }
        return retryableTypes.contains(error.type) || error.type == KinesisError.transportType
    }

    /// Throttling in particular, for the status line.
    public static func isThrottling(_ error: KinesisError) -> Bool {
        ["ProvisionedThroughputExceededException", "LimitExceededException", "ThrottlingException", "KMSThrottlingException"]
            .contains(error.type)
    }
}
