import Foundation

/// Why the AWS environment could not be resolved or credentials could not be obtained.
///
/// `description` is one line saying what was looked for and where, ready to print after
/// `kinescope: `. It never contains a secret access key or session token.
public struct AWSConfigurationError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// What went wrong, for callers that react differently (e.g. exit codes, hints).
    public enum Kind: String, Sendable, Equatable {
        case missingRegion
        case missingCredentials
        case profileNotFound
        case invalidValue
        case unreadableFile
        case unsupportedCredentials
        case credentialProcessFailed
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}
