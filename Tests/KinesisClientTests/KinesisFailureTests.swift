import AsyncHTTPClient
import NIOCore
import XCTest
@testable import KinesisClient

#if canImport(Glibc)
import Glibc
#endif

/// What a failed call means for the whole read: the stream is gone, the credentials are refused,
/// the endpoint does not answer, or none of these.
final class KinesisFailureTests: XCTestCase {
    private func decoded(_ body: String, status: Int) -> KinesisError {
        KinesisError.decode(body: Array(body.utf8), statusCode: status, requestId: nil)
    }

    func testCredentialErrorsAsAWSAndMotoSendThem() {
        // AWS answers Kinesis calls with JSON; moto's IAM checks answer with XML and HTTP 403.
        let refused = [
            decoded(#"{"__type":"ExpiredTokenException","message":"The security token included in the request is expired"}"#, status: 400),
            decoded(#"{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."}"#, status: 400),
            decoded(#"{"__type":"InvalidSignatureException","message":"The request signature we calculated does not match"}"#, status: 400),
            decoded(#"{"__type":"AccessDeniedException","message":"User: arn:aws:iam::1:user/u is not authorized to perform: kinesis:GetRecords"}"#, status: 400),
            decoded("<ErrorResponse><Error><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error></ErrorResponse>", status: 403),
            decoded("<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>no match</Message></Error></ErrorResponse>", status: 403),
            decoded("Forbidden", status: 403),
        ]
        for error in refused {
            XCTAssertTrue(error.refusesCredentials, "\(error)")
            XCTAssertFalse(error.isResourceNotFound, "\(error)")
            XCTAssertFalse(error.meansUnreachable, "\(error)")
            XCTAssertFalse(RetryPolicy.isRetryable(error), "no retry helps: \(error)")
        }
    }

    func testStreamGoneIsResourceNotFoundAndNothingElse() {
        let gone = decoded(#"{"__type":"com.amazonaws.kinesis.v20131202#ResourceNotFoundException","message":"Stream s under account 123456789012 not found."}"#, status: 400)
        XCTAssertTrue(gone.isResourceNotFound)
        XCTAssertFalse(gone.refusesCredentials)
        XCTAssertFalse(gone.meansUnreachable)
        for other in [decoded(#"{"__type":"InvalidArgumentException","message":"bad"}"#, status: 400),
                      decoded(#"{"__type":"ExpiredIteratorException","message":"Iterator expired"}"#, status: 400),
                      decoded(#"{"__type":"ProvisionedThroughputExceededException","message":"Rate exceeded"}"#, status: 400)] {
            XCTAssertFalse(other.isResourceNotFound, "\(other)")
            XCTAssertFalse(other.refusesCredentials, "\(other)")
        }
    }

    func testUnreachableMeansNoAnswerOrAFailingEndpointButNotThrottling() {
        XCTAssertTrue(KinesisError(type: KinesisError.transportType, message: "connection refused").meansUnreachable)
        XCTAssertTrue(decoded("<html>Bad Gateway</html>", status: 502).meansUnreachable)
        XCTAssertTrue(decoded(#"{"__type":"InternalFailure","message":"x"}"#, status: 500).meansUnreachable)
        XCTAssertTrue(decoded(#"{"__type":"ServiceUnavailableException","message":"x"}"#, status: 503).meansUnreachable)
        let throttled = decoded(#"{"__type":"ProvisionedThroughputExceededException","message":"Rate exceeded"}"#, status: 400)
        XCTAssertTrue(RetryPolicy.isRetryable(throttled))
        XCTAssertFalse(throttled.meansUnreachable, "throttling is an answer")
    }

    func testTransportFailuresInWords() {
        XCTAssertEqual(KinesisAPI.describe(HTTPClientError.connectTimeout, timeout: 30), "no connection within \(KinesisAPI.connectTimeout) s")
        XCTAssertEqual(KinesisAPI.describe(HTTPClientError.readTimeout, timeout: 30), "no answer within \(KinesisAPI.readTimeout) s")
        XCTAssertEqual(KinesisAPI.describe(HTTPClientError.deadlineExceeded, timeout: 1.5), "no answer within 1.5 s")
        XCTAssertEqual(KinesisAPI.describe(HTTPClientError.deadlineExceeded, timeout: 30), "no answer within 30 s")
        XCTAssertEqual(KinesisAPI.describe(HTTPClientError.remoteConnectionClosed, timeout: 30), "connection closed before the answer")
        XCTAssertEqual(KinesisAPI.describe(IOError(errnoCode: ECONNREFUSED, reason: "connect"), timeout: 30), "connection refused")
        // A failed connect comes wrapped, one failure per address tried (NIOConnectionError).
        struct Attempt { var target: String; var error: any Error }
        struct Wrapped: Error { var attempts: [Attempt] }
        let wrapped = Wrapped(attempts: [Attempt(target: "127.0.0.1:1", error: IOError(errnoCode: ECONNRESET, reason: "read"))])
        XCTAssertEqual(KinesisAPI.describe(wrapped, timeout: 30), String(cString: strerror(ECONNRESET)).lowercased())
    }
}
