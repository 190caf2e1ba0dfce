import AWSAuth
import ArgumentParser
import Foundation
import KinesisClient

/// `--region`, `--profile`, `--endpoint-url`: overrides of the AWS environment, resolved the way
/// the AWS CLI resolves them.
struct AWSOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("AWS region (else the stream ARN, AWS_REGION, AWS_DEFAULT_REGION, the profile).", valueName: "REGION"))
    var region: String?

    @Option(name: .long, help: ArgumentHelp("Profile in ~/.aws/credentials and ~/.aws/config (else AWS_PROFILE, default).", valueName: "NAME"))
    var profile: String?

    @Option(name: .customLong("endpoint-url"), help: ArgumentHelp("Kinesis endpoint (else AWS_ENDPOINT_URL_KINESIS, AWS_ENDPOINT_URL, the profile, AWS).", valueName: "URL"))
    var endpointURL: String?

    var isGiven: Bool { region != nil || profile != nil || endpointURL != nil }

    /// A Kinesis client for these options and the process environment; a missing region or
    /// credentials is one clear line (never a secret).
    func api(streamARN: String?) throws -> KinesisAPI {
        let environment = ProcessInfo.processInfo.environment
        do {
            let resolved = try AWSEnvironment.resolve(profile: profile, region: region, endpointURL: endpointURL,
                                                      streamARN: streamARN, service: "kinesis", environment: environment,
                                                      homeDirectory: NSHomeDirectory())
            return KinesisAPI(endpoint: resolved.endpoint, region: resolved.region, credentials: resolved.credentials)
        } catch {
            throw RuntimeError(String(describing: error))
        }
    }
}
