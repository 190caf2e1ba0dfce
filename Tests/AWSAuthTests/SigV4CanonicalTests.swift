import XCTest
@testable import AWSAuth

/// The pieces of canonicalisation the suite does not pin down on its own.
final class SigV4CanonicalTests: XCTestCase {
    private let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

    func testURLParts() {
        let url = SigV4URL("HTTPS://User@Kinesis.US-East-1.amazonaws.com:8443/a/b?x=1&y#frag")
        XCTAssertEqual(url.scheme, "https")
        XCTAssertEqual(url.host, "kinesis.us-east-1.amazonaws.com")
        XCTAssertEqual(url.port, 8443)
        XCTAssertEqual(url.path, "/a/b")
        XCTAssertEqual(url.query, "x=1&y")

        let bare = SigV4URL("http://127.0.0.1:4567")
        XCTAssertEqual(bare.path, "/")
        XCTAssertEqual(bare.query, "")
        XCTAssertEqual(bare.hostHeader, "127.0.0.1:4567")

        let ipv6 = SigV4URL("http://[::1]:4567/")
        XCTAssertEqual(ipv6.host, "[::1]")
        XCTAssertEqual(ipv6.hostHeader, "[::1]:4567")
        XCTAssertEqual(SigV4URL("http://[::1]/").hostHeader, "[::1]")
    }

    func testHostHeaderOmitsOnlyTheSchemesDefaultPort() {
        XCTAssertEqual(SigV4URL("https://example.com:443/").hostHeader, "example.com")
        XCTAssertEqual(SigV4URL("http://example.com:80/").hostHeader, "example.com")
        XCTAssertEqual(SigV4URL("http://example.com:443/").hostHeader, "example.com:443")
        XCTAssertEqual(SigV4URL("https://example.com:80/").hostHeader, "example.com:80")
        XCTAssertEqual(SigV4URL("https://example.com/").hostHeader, "example.com")
    }

    func testPathNormalisationAndEncoding() {
        XCTAssertEqual(SigV4Canonical.path("/"), "/")
        XCTAssertEqual(SigV4Canonical.path("/a/./b/../c/"), "/a/c/")
        XCTAssertEqual(SigV4Canonical.path("/a/b/.."), "/a/")
        XCTAssertEqual(SigV4Canonical.path("/../.."), "/")
        XCTAssertEqual(SigV4Canonical.path("//a///b"), "/a/b")
        XCTAssertEqual(SigV4Canonical.path("/a b/é"), "/a%20b/%C3%A9")
        // An already encoded path is encoded again: the double encoding of every service but S3.
        XCTAssertEqual(SigV4Canonical.path("/documents%20and%20settings/"), "/documents%2520and%2520settings/")
        XCTAssertEqual(SigV4Canonical.path("/a+b=c:d"), "/a%2Bb%3Dc%3Ad")
    }

    func testQueryDecodesThenEncodesAndSortsByteWise() {
        XCTAssertEqual(SigV4Canonical.query(""), "")
        XCTAssertEqual(SigV4Canonical.query("b=2&a=1&a=0"), "a=0&a=1&b=2")
        XCTAssertEqual(SigV4Canonical.query("flag&x="), "flag=&x=")
        XCTAssertEqual(SigV4Canonical.query("Zeta=1&alpha=2"), "Zeta=1&alpha=2")
        XCTAssertEqual(SigV4Canonical.query("k=a%20b&k2=a b"), "k=a%20b&k2=a%20b")
        XCTAssertEqual(SigV4Canonical.query("k=%e1%88%b4"), "k=%E1%88%B4")
        XCTAssertEqual(SigV4Canonical.query("k=a+b"), "k=a%2Bb")
        XCTAssertEqual(SigV4Canonical.query("k=%zz%"), "k=%25zz%25")
        XCTAssertEqual(SigV4Canonical.query("k=a=b&&"), "k=a%3Db")
    }

    func testHeaderValuesAreTrimmedCollapsedAndJoined() {
        let canonical = SigV4Canonical.headers([
            ("X-B", "  one   two\t three  "), ("x-a", "1"), ("X-A", " 2 "), ("User-Agent", "curl"),
            ("Connection", "keep-alive"), ("X-Empty", ""),
        ])
        XCTAssertEqual(canonical.map(\.name), ["x-a", "x-b", "x-empty"])
        XCTAssertEqual(canonical.map(\.value), ["1,2", "one two three", ""])
    }

    func testSignerOwnsDateTokenAndAuthorizationButKeepsAGivenHost() {
        let signer = SigV4Signer(service: "kinesis", region: "eu-west-1")
        var withToken = credentials
        withToken.sessionToken = "TOKEN"
        let signed = signer.sign(
            method: "POST", url: "http://127.0.0.1:4567/",
            headers: [("host", "proxy.internal"), ("X-Amz-Date", "19990101T000000Z"), ("Authorization", "stale"),
                      ("X-Amz-Security-Token", "stale"), ("User-Agent", "kinescope")],
            body: [], credentials: withToken, date: SigV4SuiteCase.date)
        XCTAssertEqual(signed.map(\.0), ["host", "User-Agent", "X-Amz-Date", "X-Amz-Security-Token", "Authorization"])
        XCTAssertEqual(signed[0].1, "proxy.internal")
        XCTAssertEqual(signed[2].1, "20150830T123600Z")
        XCTAssertEqual(signed[3].1, "TOKEN")
        XCTAssertTrue(signed[4].1.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"), signed[4].1)
        XCTAssertTrue(signed[4].1.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-1/kinesis/aws4_request, "))
    }

    func testAddsHostWithNonDefaultPortAndSignsIt() {
        let signer = SigV4Signer(service: "kinesis", region: "us-east-1")
        let parts = signer.components(method: "POST", url: "http://localhost:4567", headers: [], body: [],
                                      credentials: credentials, date: SigV4SuiteCase.date)
        XCTAssertEqual(parts.headers.first?.0, "Host")
        XCTAssertEqual(parts.headers.first?.1, "localhost:4567")
        XCTAssertTrue(parts.canonicalRequest.contains("\nhost:localhost:4567\n"))
        XCTAssertEqual(parts.signedHeaders, "host;x-amz-date")
    }

    func testFractionalSecondsAreDroppedAndDatesFormatInUTC() {
        XCTAssertEqual(AWSTimestamp.amzDate(1_440_938_160.999), "20150830T123600Z")
        XCTAssertEqual(AWSTimestamp.amzDate(0), "19700101T000000Z")
        XCTAssertEqual(AWSTimestamp.amzDate(951_782_400), "20000229T000000Z")
        XCTAssertEqual(AWSTimestamp.amzDate(4_102_444_799), "20991231T235959Z")
        XCTAssertEqual(AWSTimestamp.iso8601(1_440_938_160), "2015-08-30T12:36:00Z")
    }

    func testISO8601Parsing() {
        XCTAssertEqual(AWSTimestamp.parseISO8601("2015-08-30T12:36:00Z"), 1_440_938_160)
        XCTAssertEqual(AWSTimestamp.parseISO8601("2015-08-30T12:36:00.5Z"), 1_440_938_160.5)
        XCTAssertEqual(AWSTimestamp.parseISO8601("2015-08-30T14:36:00+02:00"), 1_440_938_160)
        XCTAssertEqual(AWSTimestamp.parseISO8601("2015-08-30T07:36:00-0500"), 1_440_938_160)
        XCTAssertEqual(AWSTimestamp.parseISO8601("2000-02-29 00:00:00Z"), 951_782_400)
        XCTAssertNil(AWSTimestamp.parseISO8601("2015-08-30T12:36:00"))
        XCTAssertNil(AWSTimestamp.parseISO8601("2015-08-30"))
        XCTAssertNil(AWSTimestamp.parseISO8601("tomorrow"))
        XCTAssertNil(AWSTimestamp.parseISO8601("2015-13-30T12:36:00Z"))
        XCTAssertNil(AWSTimestamp.parseISO8601("2015-08-30T12:36:00Zjunk"))
    }

    func testSignatureOfTheSuitesGetVanillaStringToSign() {
        let signature = SigV4Signer.signature(
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
            secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", dateStamp: "20150830",
            region: "us-east-1", service: "service")
        XCTAssertEqual(signature, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    func testCredentialsDescriptionsHideSecrets() {
        let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "SUPERSECRET", sessionToken: "TOKENVALUE")
        for text in [String(describing: credentials), String(reflecting: credentials),
                     String(describing: StaticCredentialsProvider(credentials))] {
            XCTAssertFalse(text.contains("SUPERSECRET"), text)
            XCTAssertFalse(text.contains("TOKENVALUE"), text)
        }
    }
}
