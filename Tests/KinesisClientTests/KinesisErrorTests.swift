import XCTest
@testable import KinesisClient

final class KinesisErrorTests: XCTestCase {
    func testDecodesNamespacedTypeAndMessage() {
        let body = Array(#"{"__type":"com.amazonaws.kinesis.v20131202#ResourceNotFoundException","message":"Stream s under account 1 not found."}"#.utf8)
        let error = KinesisError.decode(body: body, statusCode: 400, requestId: "abc")
        XCTAssertEqual(error.type, "ResourceNotFoundException")
        XCTAssertEqual(error.message, "Stream s under account 1 not found.")
        XCTAssertEqual(error.description, "ResourceNotFoundException: Stream s under account 1 not found. (HTTP 400, request id abc)")
    }

    func testCapitalisedMessageAndBareTypes() {
        let error = KinesisError.decode(body: Array(#"{"__type":"ExpiredIteratorException","Message":"Iterator expired"}"#.utf8),
                                        statusCode: 400, requestId: nil)
        XCTAssertEqual(error.type, "ExpiredIteratorException")
        XCTAssertEqual(error.message, "Iterator expired")
    }

    func testNonJSONBodiesKeepTheStatus() {
        let error = KinesisError.decode(body: Array("<html>Bad Gateway</html>".utf8), statusCode: 502, requestId: nil)
        XCTAssertEqual(error.type, "HTTP502")
        XCTAssertTrue(RetryPolicy.isRetryable(error))
    }

    func testRetryableAndThrottling() {
        let throttled = KinesisError(type: "ProvisionedThroughputExceededException", message: "Rate exceeded", statusCode: 400)
        XCTAssertTrue(RetryPolicy.isRetryable(throttled))
        XCTAssertTrue(RetryPolicy.isThrottling(throttled))
        XCTAssertTrue(RetryPolicy.isRetryable(KinesisError(type: KinesisError.transportType, message: "connection refused")))
        XCTAssertFalse(RetryPolicy.isRetryable(KinesisError(type: "ResourceNotFoundException", message: "", statusCode: 400)))
        XCTAssertFalse(RetryPolicy.isRetryable(KinesisError(type: "AccessDeniedException", message: "", statusCode: 400)))
        XCTAssertFalse(RetryPolicy.isThrottling(KinesisError(type: "InternalFailure", message: "", statusCode: 500)))
    }

    func testBackoffGrowsAndIsCapped() {
        let policy = RetryPolicy(maxAttempts: 5, baseDelay: 0.1, maxDelay: 2)
        for attempt in 1...10 {
            let ceiling = min(2, 0.1 * Double(1 << attempt))
            for _ in 0..<50 {
                let delay = policy.delay(afterAttempt: attempt)
                XCTAssertGreaterThanOrEqual(delay, ceiling / 4)
                XCTAssertLessThanOrEqual(delay, ceiling)
            }
        }
    }

    func testStreamParameterPicksARNOrName() {
        XCTAssertEqual(KinesisAPI.streamParameter("web")["StreamName"] as? String, "web")
        let arn = "arn:aws:kinesis:us-west-2:123456789012:stream/web"
        XCTAssertEqual(KinesisAPI.streamParameter(arn)["StreamARN"] as? String, arn)
    }
}

final class KinesisXMLErrorTests: XCTestCase {
    func testXMLAuthErrorsBecomeOneLine() {
        let body = Array("""
        <?xml version="1.0" encoding="utf-8"?>
        <ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match.
        Check your key.</Message></Error></Errors></ErrorResponse>
        """.utf8)
        let error = KinesisError.decode(body: body, statusCode: 403, requestId: "r1")
        XCTAssertEqual(error.type, "SignatureDoesNotMatch")
        XCTAssertEqual(error.message, "The request signature we calculated does not match. Check your key.")
        XCTAssertFalse(error.description.contains("\n"))
        XCTAssertFalse(RetryPolicy.isRetryable(error))
    }
}
