/// Something that hands out AWS credentials when a request is about to be signed.
///
/// Call it for every request (or batch): providers of temporary credentials refresh behind this
/// call, so holding on to the result would eventually sign with expired keys.
public protocol CredentialsProvider: Sendable {
    func credentials() async throws -> AWSCredentials
}

/// Credentials that never change: keys from the environment or a profile, or a test double.
public struct StaticCredentialsProvider: CredentialsProvider, CustomStringConvertible {
    public let fixedCredentials: AWSCredentials

    public init(_ credentials: AWSCredentials) {
        self.fixedCredentials = credentials
    }

    public func credentials() async throws -> AWSCredentials {
        fixedCredentials
    }

    public var description: String {
        "StaticCredentialsProvider(\(fixedCredentials))"
    }
}
