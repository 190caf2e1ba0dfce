import Crypto

/// Signs HTTP requests with AWS Signature Version 4 (header form, `AWS4-HMAC-SHA256`).
///
/// ```swift
/// let signer = SigV4Signer(service: "kinesis", region: "us-east-1")
/// let headers = signer.sign(
///     method: "POST", url: "https://kinesis.us-east-1.amazonaws.com/",
///     headers: [("Content-Type", "application/x-amz-json-1.1"),
///               ("X-Amz-Target", "Kinesis_20131202.ListShards")],
///     body: Array(#"{"StreamName":"s"}"#.utf8),
///     credentials: credentials, date: Date().timeIntervalSince1970)
/// // headers: the given ones plus Host, X-Amz-Date, X-Amz-Security-Token (if any) and Authorization
/// ```
///
/// Canonicalisation follows the published rules and test suite:
/// - **Path**: dot segments and empty segments are removed (`//a/./b/../` → `/a/`), then every byte
///   outside the unreserved set (`A–Z a–z 0–9 - . _ ~`) and `/` is percent-encoded. The path is taken
///   exactly as written in `url` and encoded once more, so a caller that sends an already encoded path
///   (`/a%20b`) gets the double encoding AWS requires of every service but S3 (`/a%2520b`). S3's
///   single-encoded, unnormalised form is not implemented: Kinescope never talks to S3.
/// - **Query**: split on `&`, each name and value percent-decoded and re-encoded (RFC 3986 unreserved
///   set; `+` is a literal plus, not a space), a missing `=` meaning an empty value, then sorted by
///   name and, for repeated names, by value.
/// - **Headers**: names lowercased; values trimmed with inner runs of whitespace collapsed to one
///   space; repeated names joined with `,` in the order given; sorted by name. Hop-by-hop headers and
///   `User-Agent` (the list botocore skips) are sent but not signed.
///
/// The signer owns `X-Amz-Date`, `Authorization` and, when the credentials carry a session token,
/// `X-Amz-Security-Token`: copies of those in `headers` are replaced. A `Host` header in `headers`
/// is kept (and signed) as given; otherwise one is added from `url`, with the port when it is not the
/// scheme's default.
public struct SigV4Signer: Sendable {
    public let service: String
    public let region: String

    public init(service: String, region: String) {
        self.service = service
        self.region = region
    }

    /// The headers to send: `headers` plus `Host`, `X-Amz-Date`, `X-Amz-Security-Token` (with a
    /// session token) and `Authorization`.
    ///
    /// - Parameters:
    ///   - url: absolute, e.g. `https://kinesis.us-east-1.amazonaws.com/` or `http://127.0.0.1:4567/`.
    ///   - date: seconds since the epoch; fractions of a second are dropped.
    public func sign(
        method: String,
        url: String,
        headers: [(String, String)],
        body: [UInt8],
        credentials: AWSCredentials,
        date: Double
    ) -> [(String, String)] {
        let parts = components(method: method, url: url, headers: headers, body: body,
                               credentials: credentials, date: date)
        let signature = Self.signature(stringToSign: parts.stringToSign,
                                       secretAccessKey: credentials.secretAccessKey,
                                       dateStamp: parts.dateStamp, region: region, service: service)
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(parts.scope), "
            + "SignedHeaders=\(parts.signedHeaders), Signature=\(signature)"
        return parts.headers + [("Authorization", authorization)]
    }

    // MARK: - The intermediate steps (internal so tests can compare them with the suite's files)

    /// Everything up to the signature: the headers to send (without `Authorization`), the canonical
    /// request and the string to sign.
    struct Components {
        var headers: [(String, String)]
        var canonicalRequest: String
        var signedHeaders: String
        var stringToSign: String
        var amzDate: String
        var dateStamp: String
        var scope: String
    }

    func components(
        method: String,
        url: String,
        headers: [(String, String)],
        body: [UInt8],
        credentials: AWSCredentials,
        date: Double
    ) -> Components {
        let target = SigV4URL(url)
        let amzDate = AWSTimestamp.amzDate(date)
        let dateStamp = String(amzDate.prefix(8))
        let token = credentials.sessionToken

        var outgoing: [(String, String)] = []
        var hasHost = false
        for (name, value) in headers {
            switch SigV4Canonical.lowercased(name) {
            case "x-amz-date", "authorization":
                continue
            case "x-amz-security-token" where token != nil:
                continue
            case "host":
                hasHost = true
            default:
                break
            }
            outgoing.append((name, value))
        }
        if !hasHost {
            outgoing.insert(("Host", target.hostHeader), at: 0)
        }
        outgoing.append(("X-Amz-Date", amzDate))
        if let token {
            outgoing.append(("X-Amz-Security-Token", token))
        }

        let canonical = canonicalRequest(method: method, url: target, headers: outgoing, body: body)
        let scope = "\(dateStamp)/\(region)/\(service)/aws4_request"
        let toSign = Self.stringToSign(canonicalRequest: canonical.text, amzDate: amzDate, scope: scope)
        return Components(headers: outgoing, canonicalRequest: canonical.text,
                          signedHeaders: canonical.signedHeaders, stringToSign: toSign,
                          amzDate: amzDate, dateStamp: dateStamp, scope: scope)
    }

    /// The canonical request of exactly these headers (nothing added or removed).
    func canonicalRequest(
        method: String, url: SigV4URL, headers: [(String, String)], body: [UInt8]
    ) -> (text: String, signedHeaders: String) {
        let canonicalHeaders = SigV4Canonical.headers(headers)
        let signedHeaders = canonicalHeaders.map(\.name).joined(separator: ";")
        let headerLines = canonicalHeaders.map { "\($0.name):\($0.value)\n" }.joined()
        let text = [
            method.uppercased(),
            SigV4Canonical.path(url.path),
            SigV4Canonical.query(url.query),
            headerLines,
            signedHeaders,
            Hex.encode(SHA256.hash(data: body)),
        ].joined(separator: "\n")
        return (text, signedHeaders)
    }

    static func stringToSign(canonicalRequest: String, amzDate: String, scope: String) -> String {
        [
            "AWS4-HMAC-SHA256",
            amzDate,
            scope,
            Hex.encode(SHA256.hash(data: Array(canonicalRequest.utf8))),
        ].joined(separator: "\n")
    }

    static func signature(
        stringToSign: String, secretAccessKey: String, dateStamp: String, region: String, service: String
    ) -> String {
        var key = Array("AWS4\(secretAccessKey)".utf8)
        for step in [dateStamp, region, service, "aws4_request"] {
            key = hmac(key: key, message: step)
        }
        return Hex.encode(hmac(key: key, message: stringToSign))
    }

    private static func hmac(key: [UInt8], message: String) -> [UInt8] {
        let code = HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: SymmetricKey(data: key))
        return Array(code)
    }
}

/// Lowercase hexadecimal of a digest or byte sequence.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func encode(_ digest: SHA256.Digest) -> String {
        encode(Array(digest))
    }
}
