import AWSAuth
import AsyncHTTPClient
import Foundation
import NIOCore

/// A small, exact client for the Kinesis Data Streams JSON API (version 20131202): each call is an
/// HTTPS POST with `X-Amz-Target: Kinesis_20131202.<Operation>`, a JSON body and a SigV4 signature.
///
/// ```swift
/// let api = KinesisAPI(endpoint: "https://kinesis.us-east-1.amazonaws.com", region: "us-east-1",
///                      credentials: StaticCredentialsProvider(credentials))
/// let page = try await api.listShards(stream: "web-events")
/// ```
/// Throttling, 5xx answers and transport failures are retried with jittered backoff; other errors
/// are thrown as `KinesisError` with the type and message from the answer.
public struct KinesisAPI: Sendable {
    public var endpoint: String
    public var region: String
    public var credentials: any CredentialsProvider
    public var retry: RetryPolicy
    /// Seconds one HTTP exchange may take.
    public var timeout: Double
    let httpClient: HTTPClient
    let signer: SigV4Signer

    /// Seconds to open a connection, and seconds an open connection may stay silent before the
    /// call counts as failed (and is retried): an endpoint that accepts and never answers must
    /// not hold a reader for the whole `timeout`.
    public static let connectTimeout: Int64 = 5
    public static let readTimeout: Int64 = 10

    /// The client every `KinesisAPI` uses unless given another. A failed connection fails the
    /// call at once (`retryConnectionEstablishment` off), so that the retries, and what they
    /// report, are ours; `HTTPClient.shared` would instead try again silently until the call's
    /// deadline. A global, so it lives as long as the process and needs no shutdown.
    public static let defaultHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration(
            timeout: .init(connect: .seconds(connectTimeout), read: .seconds(readTimeout)))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    public init(endpoint: String, region: String, credentials: any CredentialsProvider,
                retry: RetryPolicy = RetryPolicy(), timeout: Double = 30, httpClient: HTTPClient = KinesisAPI.defaultHTTPClient) {
        self.endpoint = endpoint.hasSuffix("/") ? endpoint : endpoint + "/"
        self.region = region
        self.credentials = credentials
        self.retry = retry
        self.timeout = timeout
        self.httpClient = httpClient
        signer = SigV4Signer(service: "kinesis", region: region)
    }

    /// Called before each retry with the error and the wait, so callers can show "throttled".
    public typealias RetryObserver = @Sendable (KinesisError, Double) -> Void

    // MARK: Operations

    /// One page of shards. Pass `nextToken` alone for the following pages, as the API requires.
    public func listShards(stream: String? = nil, nextToken: String? = nil, onRetry: RetryObserver? = nil) async throws -> ListShardsOutput {
        var body: [String: Any] = [:]
        if let nextToken {
            body["NextToken"] = nextToken
        } else if let stream {
            body.merge(Self.streamParameter(stream)) { $1 }
        }
        let wire: ListShardsWire = try await call("ListShards", body, onRetry: onRetry)
        return ListShardsOutput(shards: wire.Shards, nextToken: wire.NextToken)
    }

    /// Every shard of the stream, following NextToken.
    public func allShards(stream: String, onRetry: RetryObserver? = nil) async throws -> [Shard] {
        var page = try await listShards(stream: stream, onRetry: onRetry)
        var shards = page.shards
        while let token = page.nextToken {
            page = try await listShards(nextToken: token, onRetry: onRetry)
            shards += page.shards
        }
        return shards
    }

    public func describeStreamSummary(stream: String, onRetry: RetryObserver? = nil) async throws -> StreamSummary {
        let wire: DescribeStreamSummaryWire = try await call("DescribeStreamSummary", Self.streamParameter(stream), onRetry: onRetry)
        let d = wire.StreamDescriptionSummary
        return StreamSummary(streamName: d.StreamName, streamARN: d.StreamARN, streamStatus: d.StreamStatus,
                             openShardCount: d.OpenShardCount)
    }

    public func getShardIterator(stream: String, shardId: String, position: ShardIteratorPosition,
                                 onRetry: RetryObserver? = nil) async throws -> String {
        var body = Self.streamParameter(stream)
        body["ShardId"] = shardId
        switch position {
        case .latest: body["ShardIteratorType"] = "LATEST"
        case .trimHorizon: body["ShardIteratorType"] = "TRIM_HORIZON"
        case .atTimestamp(let time):
            body["ShardIteratorType"] = "AT_TIMESTAMP"
            body["Timestamp"] = time
        case .afterSequenceNumber(let sequence):
            body["ShardIteratorType"] = "AFTER_SEQUENCE_NUMBER"
            body["StartingSequenceNumber"] = sequence
        case .atSequenceNumber(let sequence):
            body["ShardIteratorType"] = "AT_SEQUENCE_NUMBER"
            body["StartingSequenceNumber"] = sequence
        }
        let wire: GetShardIteratorWire = try await call("GetShardIterator", body, onRetry: onRetry)
        return wire.ShardIterator
    }

    public func getRecords(iterator: String, limit: Int? = nil, onRetry: RetryObserver? = nil) async throws -> GetRecordsOutput {
        var body: [String: Any] = ["ShardIterator": iterator]
        if let limit { body["Limit"] = limit }
        let wire: GetRecordsWire = try await call("GetRecords", body, onRetry: onRetry)
        var records: [KinesisRecord] = []
        records.reserveCapacity(wire.Records.count)
        for record in wire.Records {
            guard let data = Data(base64Encoded: record.Data) else {
                throw KinesisError(type: "InvalidResponse", message: "record \(record.SequenceNumber) has invalid base64 data")
            }
            records.append(KinesisRecord(sequenceNumber: record.SequenceNumber, partitionKey: record.PartitionKey,
                                         data: [UInt8](data), approximateArrivalTimestamp: record.ApproximateArrivalTimestamp))
        }
        return GetRecordsOutput(records: records, nextShardIterator: wire.NextShardIterator,
                                millisBehindLatest: wire.MillisBehindLatest,
                                childShards: wire.ChildShards?.map(\.ShardId) ?? [])
    }

    /// Puts up to 500 records; the result has one entry per record, in order.
    public func putRecords(stream: String, entries: [PutRecordsEntry], onRetry: RetryObserver? = nil) async throws -> [PutRecordsResultEntry] {
        var body = Self.streamParameter(stream)
        body["Records"] = entries.map { ["Data": Data($0.data).base64EncodedString(), "PartitionKey": $0.partitionKey] }
        let wire: PutRecordsWire = try await call("PutRecords", body, onRetry: onRetry)
        return wire.Records.map {
            PutRecordsResultEntry(sequenceNumber: $0.SequenceNumber, shardId: $0.ShardId, errorCode: $0.ErrorCode,
                                  errorMessage: $0.ErrorMessage)
        }
    }

    /// `StreamARN` for an ARN, `StreamName` otherwise.
    static func streamParameter(_ stream: String) -> [String: Any] {
        stream.hasPrefix("arn:") ? ["StreamARN": stream] : ["StreamName": stream]
    }

    // MARK: Transport

    func call<Output: Decodable>(_ operation: String, _ body: [String: Any], onRetry: RetryObserver?) async throws -> Output {
        let payload = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        var attempt = 0
        while true {
            attempt += 1
            do {
                let bytes = try await send(operation, body: [UInt8](payload))
                do {
                    return try JSONDecoder().decode(Output.self, from: Data(bytes))
                } catch {
                    throw KinesisError(type: "InvalidResponse", message: "\(operation) answer could not be read: \(error)")
                }
            } catch let error as KinesisError {
                guard RetryPolicy.isRetryable(error), attempt < retry.maxAttempts else { throw error }
                let wait = retry.delay(afterAttempt: attempt)
                onRetry?(error, wait)
                try await Task.sleep(nanoseconds: UInt64(wait * 1e9))
            }
        }
    }

    private func send(_ operation: String, body: [UInt8]) async throws -> [UInt8] {
        let creds = try await credentials.credentials()
        let headers = signer.sign(method: "POST", url: endpoint,
                                  headers: [("Content-Type", "application/x-amz-json-1.1"),
                                            ("X-Amz-Target", "Kinesis_20131202.\(operation)")],
                                  body: body, credentials: creds, date: Date().timeIntervalSince1970)
        var request = HTTPClientRequest(url: endpoint)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response: HTTPClientResponse
        var collected: ByteBuffer
        do {
            response = try await httpClient.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
            collected = try await response.body.collect(upTo: 64 << 20)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw KinesisError(type: KinesisError.transportType, message: Self.describe(error, timeout: timeout))
        }
        let bytes = collected.readBytes(length: collected.readableBytes) ?? []
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            throw KinesisError.decode(body: bytes, statusCode: status,
                                      requestId: response.headers.first(name: "x-amzn-RequestId"))
        }
        return bytes
    }

    /// Transport errors in words: "connection refused", "no answer within 10 s".
    static func describe(_ error: any Error, timeout: Double) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "no connection within \(connectTimeout) s"
            case .readTimeout: return "no answer within \(readTimeout) s"
            case .deadlineExceeded: return "no answer within \(Self.seconds(timeout))"
            case .remoteConnectionClosed: return "connection closed before the answer"
            default: break
            }
        }
        if let io = ioError(in: error, depth: 0) {
            return String(cString: strerror(io.errnoCode)).lowercased()
        }
        if case ChannelError.connectTimeout = error { return "no connection within \(connectTimeout) s" }
        let text = String(describing: error)
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }

    /// "30 s", "1.5 s".
    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\((value * 10).rounded() / 10) s"
    }

    /// The system error under NIO's wrappers (a failed connect is a `NIOConnectionError` holding
    /// one `IOError` per address tried), found by reflection so that this target needs NIOCore only.
    private static func ioError(in value: Any, depth: Int) -> IOError? {
        if let io = value as? IOError { return io }
        guard depth < 4 else { return nil }
        for child in Mirror(reflecting: value).children {
            if let found = ioError(in: child.value, depth: depth + 1) { return found }
        }
        return nil
    }
}
