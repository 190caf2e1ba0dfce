import XCTest
@testable import AWSAuth

/// AWS's published SigV4 test suite: canonical request, string to sign and `Authorization` of each
/// case must match the suite's files byte for byte.
final class SigV4TestSuiteTests: XCTestCase {
    private func check(_ name: String, sessionToken: String? = nil,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let suite = try SigV4SuiteCase(name)
        var credentials = SigV4SuiteCase.credentials
        credentials.sessionToken = sessionToken
        let request = suite.request
        let url = "https://\(request.host)\(request.target)"
        let signer = SigV4SuiteCase.signer

        let parts = signer.components(method: request.method, url: url, headers: request.headers,
                                      body: request.body, credentials: credentials, date: SigV4SuiteCase.date)
        XCTAssertEqual(parts.canonicalRequest, suite.canonicalRequest, "\(name): canonical request", file: file, line: line)
        XCTAssertEqual(parts.stringToSign, suite.stringToSign, "\(name): string to sign", file: file, line: line)

        let signed = signer.sign(method: request.method, url: url, headers: request.headers,
                                 body: request.body, credentials: credentials, date: SigV4SuiteCase.date)
        let authorization = signed.filter { $0.0 == "Authorization" }.map(\.1)
        XCTAssertEqual(authorization, [suite.authorization], "\(name): Authorization", file: file, line: line)
        XCTAssertEqual(signed.filter { $0.0.lowercased() == "x-amz-date" }.map(\.1), ["20150830T123600Z"],
                       "\(name): exactly one X-Amz-Date", file: file, line: line)
        XCTAssertEqual(signed.filter { $0.0.lowercased() == "host" }.map(\.1), ["example.amazonaws.com"],
                       "\(name): the request's own Host, once", file: file, line: line)
    }

    func testGetVanilla() throws { try check("get-vanilla") }
    func testGetVanillaQuery() throws { try check("get-vanilla-query") }
    func testGetVanillaEmptyQueryKey() throws { try check("get-vanilla-empty-query-key") }
    func testGetVanillaQueryOrderKey() throws { try check("get-vanilla-query-order-key") }
    func testGetVanillaQueryOrderKeyCase() throws { try check("get-vanilla-query-order-key-case") }
    func testGetVanillaQueryOrderValue() throws { try check("get-vanilla-query-order-value") }
    func testGetVanillaQueryUnreserved() throws { try check("get-vanilla-query-unreserved") }
    func testGetVanillaUTF8Query() throws { try check("get-vanilla-utf8-query") }
    func testGetHeaderKeyDuplicate() throws { try check("get-header-key-duplicate") }
    func testGetHeaderValueMultiline() throws { try check("get-header-value-multiline") }
    func testGetHeaderValueOrder() throws { try check("get-header-value-order") }
    func testGetHeaderValueTrim() throws { try check("get-header-value-trim") }
    func testGetUnreserved() throws { try check("get-unreserved") }
    func testGetUTF8() throws { try check("get-utf8") }
    func testGetSpace() throws { try check("normalize-path/get-space") }
    func testGetSlash() throws { try check("normalize-path/get-slash") }
    func testGetSlashes() throws { try check("normalize-path/get-slashes") }
    func testGetSlashDotSlash() throws { try check("normalize-path/get-slash-dot-slash") }
    func testGetSlashPointlessDot() throws { try check("normalize-path/get-slash-pointless-dot") }
    func testGetRelative() throws { try check("normalize-path/get-relative") }
    func testGetRelativeRelative() throws { try check("normalize-path/get-relative-relative") }
    func testPostVanilla() throws { try check("post-vanilla") }
    func testPostVanillaQuery() throws { try check("post-vanilla-query") }
    func testPostVanillaEmptyQueryValue() throws { try check("post-vanilla-empty-query-value") }
    func testPostHeaderKeyCase() throws { try check("post-header-key-case") }
    func testPostHeaderKeySort() throws { try check("post-header-key-sort") }
    func testPostHeaderValueCase() throws { try check("post-header-value-case") }
    func testPostXWWWFormURLEncoded() throws { try check("post-x-www-form-urlencoded") }
    func testPostXWWWFormURLEncodedParameters() throws { try check("post-x-www-form-urlencoded-parameters") }

    /// The token is part of the request and, because the credentials carry it, signed.
    func testPostSTSHeaderBefore() throws {
        try check("post-sts-token/post-sts-header-before", sessionToken: SigV4SuiteCase.stsToken)
        let suite = try SigV4SuiteCase("post-sts-token/post-sts-header-before")
        var credentials = SigV4SuiteCase.credentials
        credentials.sessionToken = SigV4SuiteCase.stsToken
        let signed = SigV4SuiteCase.signer.sign(method: "POST", url: "https://example.amazonaws.com/",
                                                headers: suite.request.headers, body: [],
                                                credentials: credentials, date: SigV4SuiteCase.date)
        XCTAssertEqual(signed.filter { $0.0.lowercased() == "x-amz-security-token" }.map(\.1), [SigV4SuiteCase.stsToken])
    }

    /// The token is added after signing, so the signature is that of the request without it.
    func testPostSTSHeaderAfter() throws {
        try check("post-sts-token/post-sts-header-after")
        let suite = try SigV4SuiteCase("post-sts-token/post-sts-header-after")
        XCTAssertEqual(suite.authorization, try SigV4SuiteCase("post-vanilla").authorization)
    }

    /// Every case folder in the fixtures has a test above (so a new fixture cannot sit unused).
    func testEveryFixtureCaseIsCovered() throws {
        let covered: Set<String> = [
            "get-vanilla", "get-vanilla-query", "get-vanilla-empty-query-key", "get-vanilla-query-order-key",
            "get-vanilla-query-order-key-case", "get-vanilla-query-order-value", "get-vanilla-query-unreserved",
            "get-vanilla-utf8-query", "get-header-key-duplicate", "get-header-value-multiline",
            "get-header-value-order", "get-header-value-trim", "get-unreserved", "get-utf8",
            "normalize-path/get-space", "normalize-path/get-slash", "normalize-path/get-slashes",
            "normalize-path/get-slash-dot-slash", "normalize-path/get-slash-pointless-dot",
            "normalize-path/get-relative", "normalize-path/get-relative-relative", "post-vanilla",
            "post-vanilla-query", "post-vanilla-empty-query-value", "post-header-key-case",
            "post-header-key-sort", "post-header-value-case", "post-x-www-form-urlencoded",
            "post-x-www-form-urlencoded-parameters", "post-sts-token/post-sts-header-before",
            "post-sts-token/post-sts-header-after",
        ]
        XCTAssertEqual(Set(try SigV4SuiteCase.allNames()), covered)
    }
}

/// Kinesis-shaped requests compared with botocore's `SigV4Auth` (fixture written once by
/// `Tests/Fixtures/sigv4/botocore/make_kinesis_vectors.py`).
final class SigV4BotocoreTests: XCTestCase {
    func testKinesisRequestsMatchBotocore() throws {
        let vectors = try BotocoreVectors.load()
        XCTAssertEqual(vectors.cases.count, 3)
        for vector in vectors.cases {
            let credentials = AWSCredentials(accessKeyId: vectors.accessKeyId, secretAccessKey: vectors.secretAccessKey,
                                             sessionToken: vector.sessionToken)
            let signer = SigV4Signer(service: vector.service, region: vector.region)
            let headers = vector.headers.map { ($0[0], $0[1]) }
            let body = Array(vector.body.utf8)
            let parts = signer.components(method: vector.method, url: vector.url, headers: headers, body: body,
                                          credentials: credentials, date: SigV4SuiteCase.date)
            XCTAssertEqual(parts.canonicalRequest, vector.canonicalRequest, vector.name)
            XCTAssertEqual(parts.stringToSign, vector.stringToSign, vector.name)

            let signed = signer.sign(method: vector.method, url: vector.url, headers: headers, body: body,
                                     credentials: credentials, date: SigV4SuiteCase.date)
            XCTAssertEqual(signed.last?.0, "Authorization", vector.name)
            XCTAssertEqual(signed.last?.1, vector.authorization, vector.name)
            XCTAssertEqual(signed.first { $0.0 == "X-Amz-Date" }?.1, vector.xAmzDate, vector.name)
            XCTAssertEqual(signed.first { $0.0 == "X-Amz-Security-Token" }?.1, vector.sessionToken, vector.name)
        }
    }

    func testListShardsHeadersToSend() throws {
        let vector = try XCTUnwrap(BotocoreVectors.load().cases.first { $0.name == "list-shards" })
        let signer = SigV4Signer(service: "kinesis", region: "us-east-1")
        let signed = signer.sign(
            method: "POST", url: "https://kinesis.us-east-1.amazonaws.com/",
            headers: [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "Kinesis_20131202.ListShards")],
            body: Array(#"{"StreamName":"s"}"#.utf8),
            credentials: AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            date: SigV4SuiteCase.date)
        XCTAssertEqual(signed.map(\.0), ["Host", "Content-Type", "X-Amz-Target", "X-Amz-Date", "Authorization"])
        XCTAssertEqual(signed.map(\.1), [
            "kinesis.us-east-1.amazonaws.com", "application/x-amz-json-1.1", "Kinesis_20131202.ListShards",
            "20150830T123600Z", vector.authorization,
        ])
    }
}
