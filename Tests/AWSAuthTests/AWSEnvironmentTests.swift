import XCTest
@testable import AWSAuth

/// Profile, credentials, region and endpoint resolution, each rule against explicit environments
/// and files in a temporary home (never the real `~/.aws`).
final class AWSEnvironmentTests: XCTestCase {
    private var home: TemporaryDirectory!
    private var credentialsPath: String { "\(home.path)/.aws/credentials" }
    private var configPath: String { "\(home.path)/.aws/config" }

    /// Secrets used below; no error text or source line may contain any of them.
    private static let secrets = ["envSECRETvalue", "envTOKENvalue", "fileSECRETdefault", "fileSECRETdev",
                                  "fileTOKENdev", "configSECRETdev", "configSECRETprod", "halfSECRET"]

    override func setUpWithError() throws {
        home = try TemporaryDirectory()
    }

    override func tearDown() {
        home = nil
    }

    private func credentialsFile(_ text: String) throws { try home.write(".aws/credentials", text) }
    private func configFile(_ text: String) throws { try home.write(".aws/config", text) }

    private func resolve(
        profile: String? = nil, region: String? = nil, endpointURL: String? = nil, streamARN: String? = nil,
        env: [String: String] = [:]
    ) throws(AWSConfigurationError) -> ResolvedAWSConfiguration {
        try AWSEnvironment.resolve(profile: profile, region: region, endpointURL: endpointURL, streamARN: streamARN,
                                   environment: env, homeDirectory: home.path)
    }

    private func failure(
        profile: String? = nil, region: String? = "us-east-1", endpointURL: String? = nil, streamARN: String? = nil,
        env: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line
    ) -> AWSConfigurationError? {
        do {
            let resolved = try resolve(profile: profile, region: region, endpointURL: endpointURL, streamARN: streamARN, env: env)
            XCTFail("expected an error, resolved \(resolved.sources)", file: file, line: line)
            return nil
        } catch {
            let text = error.description
            XCTAssertFalse(text.contains("\n"), "one line: \(text)", file: file, line: line)
            for secret in Self.secrets {
                XCTAssertFalse(text.contains(secret), "secret in: \(text)", file: file, line: line)
            }
            return error
        }
    }

    private func keys(_ resolved: ResolvedAWSConfiguration) async throws -> AWSCredentials {
        XCTAssertTrue(resolved.credentials is StaticCredentialsProvider)
        for line in resolved.sources {
            for secret in Self.secrets { XCTAssertFalse(line.contains(secret), line) }
        }
        return try await resolved.credentials.credentials()
    }

    private let envKeys = ["AWS_ACCESS_KEY_ID": "AKIDENVIRONMENT", "AWS_SECRET_ACCESS_KEY": "envSECRETvalue"]

    private func standardFiles() throws {
        try credentialsFile("""
        [default]
        aws_access_key_id = AKIDFILEDEFAULT
        aws_secret_access_key = fileSECRETdefault

        [dev]
        aws_access_key_id = AKIDFILEDEV
        aws_secret_access_key = fileSECRETdev
        aws_session_token = fileTOKENdev
        """)
        try configFile("""
        [default]
        region = us-west-2

        [profile dev]
        region = eu-west-1
        aws_access_key_id = AKIDCONFIGDEV
        aws_secret_access_key = configSECRETdev

        [profile prod]
        region = ap-southeast-2
        aws_access_key_id = AKIDCONFIGPROD
        aws_secret_access_key = configSECRETprod
        """)
    }

    // MARK: Profile

    func testProfileComesFromArgumentThenAWSProfileThenDefault() throws {
        try standardFiles()
        XCTAssertEqual(try resolve(profile: "dev", env: ["AWS_PROFILE": "prod"]).profileName, "dev")
        XCTAssertEqual(try resolve(env: ["AWS_PROFILE": "prod"]).profileName, "prod")
        XCTAssertEqual(try resolve(env: ["AWS_PROFILE": ""]).profileName, "default")
        XCTAssertEqual(try resolve().profileName, "default")
        XCTAssertEqual(try resolve(profile: "dev").sources.first, "profile 'dev' from --profile")
        XCTAssertEqual(try resolve(env: ["AWS_PROFILE": "prod"]).sources.first, "profile 'prod' from AWS_PROFILE")
    }

    func testNamedProfileMustExist() throws {
        try standardFiles()
        let error = failure(profile: "typo", env: envKeys)
        XCTAssertEqual(error?.kind, .profileNotFound)
        XCTAssertEqual(error?.description,
                       "AWS profile 'typo' (from --profile) not found: looked for [typo] in \(credentialsPath) and [profile typo] in \(configPath)")
        XCTAssertEqual(failure(env: ["AWS_PROFILE": "typo"])?.kind, .profileNotFound)
    }

    func testMissingFilesAreNamedAsMissing() {
        let error = failure(profile: "dev")
        XCTAssertEqual(error?.description,
                       "AWS profile 'dev' (from --profile) not found: looked for [dev] in \(credentialsPath) (no such file) and [profile dev] in \(configPath) (no such file)")
    }

    // MARK: Credentials

    func testEnvironmentKeysComeFirstWithoutAnExplicitProfile() async throws {
        try standardFiles()
        var env = envKeys
        env["AWS_SESSION_TOKEN"] = "envTOKENvalue"
        let resolved = try resolve(env: env)
        let credentials = try await keys(resolved)
        XCTAssertEqual(credentials, AWSCredentials(accessKeyId: "AKIDENVIRONMENT", secretAccessKey: "envSECRETvalue", sessionToken: "envTOKENvalue"))
        XCTAssertTrue(resolved.sources.contains("credentials (access key …MENT) from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY with AWS_SESSION_TOKEN"),
                      "\(resolved.sources)")

        // AWS_PROFILE does not outrank the environment's keys either (as in the CLI).
        env["AWS_PROFILE"] = "dev"
        let viaProfileVariable = try await keys(try resolve(env: env))
        XCTAssertEqual(viaProfileVariable.accessKeyId, "AKIDENVIRONMENT")
    }

    func testExplicitProfileBeatsEnvironmentKeys() async throws {
        try standardFiles()
        let credentials = try await keys(try resolve(profile: "dev", env: envKeys))
        XCTAssertEqual(credentials, AWSCredentials(accessKeyId: "AKIDFILEDEV", secretAccessKey: "fileSECRETdev", sessionToken: "fileTOKENdev"))
    }

    func testCredentialsFileBeatsConfigFileWhichStillServesAlone() async throws {
        try standardFiles()
        let dev = try await keys(try resolve(profile: "dev"))
        XCTAssertEqual(dev.accessKeyId, "AKIDFILEDEV")
        let prod = try resolve(profile: "prod")
        let prodKeys = try await keys(prod)
        XCTAssertEqual(prodKeys, AWSCredentials(accessKeyId: "AKIDCONFIGPROD", secretAccessKey: "configSECRETprod"))
        XCTAssertTrue(prod.sources.contains("credentials (access key …PROD) from profile 'prod' of \(configPath)"), "\(prod.sources)")
        let fallback = try await keys(try resolve())
        XCTAssertEqual(fallback.accessKeyId, "AKIDFILEDEFAULT")
    }

    func testSharedFileLocationsFromEnvironmentWithTilde() async throws {
        try home.write("elsewhere/creds", "[ci]\naws_access_key_id = AKIDELSEWHERE\naws_secret_access_key = fileSECRETdev\n")
        try home.write("elsewhere/conf", "[profile ci]\nregion = ca-central-1\n")
        let resolved = try resolve(env: ["AWS_PROFILE": "ci", "AWS_SHARED_CREDENTIALS_FILE": "~/elsewhere/creds",
                                         "AWS_CONFIG_FILE": "\(home.path)/elsewhere/conf"])
        XCTAssertEqual(resolved.region, "ca-central-1")
        let credentials = try await keys(resolved)
        XCTAssertEqual(credentials.accessKeyId, "AKIDELSEWHERE")
    }

    func testCredentialProcessFromEitherFileAfterStaticKeys() throws {
        try credentialsFile("[proc]\ncredential_process = /opt/bin/creds --profile proc\n")
        try configFile("""
        [profile proc]
        region = eu-north-1
        credential_process = /never/used
        [profile confproc]
        region = eu-north-1
        credential_process = "/opt/my tools/creds" dev
        [profile both]
        region = eu-north-1
        aws_access_key_id = AKIDSTATICBOTH
        aws_secret_access_key = configSECRETdev
        credential_process = /never/used
        """)
        let proc = try resolve(profile: "proc")
        let provider = try XCTUnwrap(proc.credentials as? CredentialProcessProvider)
        XCTAssertEqual(provider.command, "/opt/bin/creds --profile proc")
        XCTAssertEqual(provider.profileName, "proc")
        XCTAssertTrue(proc.sources.contains("credentials from credential_process (/opt/bin/creds) in profile 'proc' of \(credentialsPath)"),
                      "\(proc.sources)")

        let fromConfig = try XCTUnwrap(try resolve(profile: "confproc").credentials as? CredentialProcessProvider)
        XCTAssertEqual(fromConfig.command, "\"/opt/my tools/creds\" dev")
        XCTAssertTrue(try resolve(profile: "both").credentials is StaticCredentialsProvider)
    }

    func testPartialKeysAreErrors() throws {
        XCTAssertEqual(failure(env: ["AWS_ACCESS_KEY_ID": "AKIDHALF"])?.description,
                       "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not; set both, or unset AWS_ACCESS_KEY_ID to use profile 'default'")
        XCTAssertEqual(failure(env: ["AWS_SECRET_ACCESS_KEY": "halfSECRET"])?.kind, .missingCredentials)
        try credentialsFile("[half]\naws_secret_access_key = halfSECRET\n")
        XCTAssertEqual(failure(profile: "half")?.description,
                       "profile 'half' in \(credentialsPath) sets aws_secret_access_key but not aws_access_key_id")
    }

    func testNoCredentialsSaysWhereItLooked() throws {
        try configFile("[profile empty]\nregion = us-east-1\n")
        let error = failure(env: ["AWS_PROFILE": "empty"])
        XCTAssertEqual(error?.kind, .missingCredentials)
        XCTAssertEqual(error?.description,
                       "no AWS credentials: looked at AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, then aws_access_key_id, aws_secret_access_key and credential_process in profile 'empty' of \(credentialsPath) and \(configPath)")
        XCTAssertEqual(failure(profile: "empty", env: envKeys)?.description,
                       "no AWS credentials for profile 'empty' (from --profile): looked at aws_access_key_id, aws_secret_access_key and credential_process in \(credentialsPath) and \(configPath); AWS_ACCESS_KEY_ID is not used when --profile is given")
    }

    func testAssumeRoleAndSSOProfilesAreReportedAsUnsupported() throws {
        try configFile("""
        [profile role]
        role_arn = arn:aws:iam::123456789012:role/reader
        source_profile = default
        [profile sso]
        sso_session = corp
        sso_account_id = 123456789012
        """)
        let role = failure(profile: "role")
        XCTAssertEqual(role?.kind, .unsupportedCredentials)
        XCTAssertEqual(role?.description,
                       "profile 'role' in \(configPath) gets credentials through role_arn, which Kinescope does not support; export keys (eval \"$(aws configure export-credentials --profile role --format env)\") or set credential_process")
        XCTAssertEqual(failure(profile: "sso")?.kind, .unsupportedCredentials)
    }

    // MARK: Region

    func testRegionPrecedence() throws {
        try standardFiles()
        let arn = "arn:aws:kinesis:eu-south-1:123456789012:stream/clicks"
        let all = ["AWS_REGION": "me-south-1", "AWS_DEFAULT_REGION": "af-south-1"].merging(envKeys) { a, _ in a }
        XCTAssertEqual(try resolve(profile: "dev", region: "us-east-2", streamARN: arn, env: all).region, "us-east-2")
        XCTAssertEqual(try resolve(profile: "dev", streamARN: arn, env: all).region, "eu-south-1")
        XCTAssertEqual(try resolve(profile: "dev", streamARN: "clicks", env: all).region, "me-south-1")
        XCTAssertEqual(try resolve(profile: "dev", env: ["AWS_DEFAULT_REGION": "af-south-1"]).region, "af-south-1")
        XCTAssertEqual(try resolve(profile: "dev", env: ["AWS_REGION": ""]).region, "eu-west-1")
        XCTAssertEqual(try resolve().region, "us-west-2")

        XCTAssertTrue(try resolve(profile: "dev", streamARN: arn).sources.contains("region eu-south-1 from the stream ARN"))
        XCTAssertTrue(try resolve(profile: "dev").sources.contains("region eu-west-1 from region in profile 'dev' of \(configPath)"))
        XCTAssertTrue(try resolve(profile: "dev", region: "us-east-2", streamARN: arn).sources
            .contains("region us-east-2 from --region (the stream ARN names eu-south-1)"))
    }

    func testMissingRegionMessage() throws {
        try credentialsFile("[dev]\naws_access_key_id = AKIDFILEDEV\naws_secret_access_key = fileSECRETdev\n")
        let error = failure(profile: "dev", region: nil)
        XCTAssertEqual(error?.kind, .missingRegion)
        XCTAssertEqual(error?.description,
                       "no AWS region: looked at --region, the stream ARN, AWS_REGION, AWS_DEFAULT_REGION and region in profile 'dev' of \(configPath)")
    }

    func testBadARNAndBadRegion() {
        XCTAssertEqual(failure(region: nil, streamARN: "arn:aws:firehose:us-east-1:123456789012:deliverystream/x", env: envKeys)?.description,
                       "invalid stream ARN 'arn:aws:firehose:us-east-1:123456789012:deliverystream/x': expected arn:aws:kinesis:REGION:ACCOUNT:stream/NAME")
        XCTAssertEqual(failure(region: "US East 1", env: envKeys)?.description,
                       "invalid AWS region 'US East 1' from --region: expected something like us-east-1")
    }

    func testStreamARNParsing() {
        let arn = AWSStreamARN("arn:aws-cn:kinesis:cn-north-1:123456789012:stream/my-stream")
        XCTAssertEqual(arn?.partition, "aws-cn")
        XCTAssertEqual(arn?.region, "cn-north-1")
        XCTAssertEqual(arn?.accountID, "123456789012")
        XCTAssertEqual(arn?.streamName, "my-stream")
        XCTAssertEqual(arn?.description, "arn:aws-cn:kinesis:cn-north-1:123456789012:stream/my-stream")
        XCTAssertNil(AWSStreamARN("my-stream"))
        XCTAssertNil(AWSStreamARN("arn:aws:kinesis:us-east-1:123456789012:stream/"))
        XCTAssertNil(AWSStreamARN("arn:aws:kinesis::123456789012:stream/x"))
        XCTAssertNil(AWSStreamARN("arn:aws:kinesis:us-east-1:123456789012:stream/x/consumer/c:1"))
    }

    // MARK: Endpoint

    func testEndpointPrecedence() throws {
        try configFile("""
        [profile local]
        region = us-east-1
        services = local-services
        endpoint_url = http://profile-endpoint:1
        [profile plain]
        region = us-east-1
        endpoint_url = http://profile-endpoint:2/
        [services local-services]
        kinesis =
          endpoint_url = http://services-endpoint:3
        dynamodb =
          endpoint_url = http://dynamo:4
        """)
        var env = envKeys
        env["AWS_ENDPOINT_URL"] = "http://global-env:5"
        env["AWS_ENDPOINT_URL_KINESIS"] = "http://kinesis-env:6/"
        env["AWS_PROFILE"] = "local"
        XCTAssertEqual(try resolve(endpointURL: "http://cli:7", env: env).endpoint, "http://cli:7")
        XCTAssertEqual(try resolve(env: env).endpoint, "http://kinesis-env:6")
        env["AWS_ENDPOINT_URL_KINESIS"] = nil
        XCTAssertEqual(try resolve(env: env).endpoint, "http://global-env:5")
        env["AWS_ENDPOINT_URL"] = nil
        XCTAssertEqual(try resolve(env: env).endpoint, "http://services-endpoint:3")
        env["AWS_PROFILE"] = "plain"
        let plain = try resolve(env: env)
        XCTAssertEqual(plain.endpoint, "http://profile-endpoint:2")
        XCTAssertTrue(plain.sources.contains("endpoint http://profile-endpoint:2 from endpoint_url in profile 'plain' of \(configPath)"))

        env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true"
        env["AWS_ENDPOINT_URL"] = "http://global-env:5"
        XCTAssertEqual(try resolve(env: env).endpoint, "https://kinesis.us-east-1.amazonaws.com")
        XCTAssertEqual(try resolve(endpointURL: "http://cli:7", env: env).endpoint, "http://cli:7")
    }

    func testServiceSpecificVariableFollowsTheServiceName() throws {
        let resolved = try AWSEnvironment.resolve(
            profile: nil, region: "us-east-1", endpointURL: nil, streamARN: nil, service: "dynamodb",
            environment: envKeys.merging(["AWS_ENDPOINT_URL_DYNAMODB": "http://ddb:8000",
                                          "AWS_ENDPOINT_URL_KINESIS": "http://wrong:1"]) { a, _ in a },
            homeDirectory: home.path)
        XCTAssertEqual(resolved.endpoint, "http://ddb:8000")
    }

    func testDefaultEndpointsIncludingChina() throws {
        let standard = try resolve(region: "eu-west-1", env: envKeys)
        XCTAssertEqual(standard.endpoint, "https://kinesis.eu-west-1.amazonaws.com")
        XCTAssertTrue(standard.sources.contains("endpoint https://kinesis.eu-west-1.amazonaws.com (the default for eu-west-1)"))
        XCTAssertEqual(try resolve(region: "cn-northwest-1", env: envKeys).endpoint, "https://kinesis.cn-northwest-1.amazonaws.com.cn")
        XCTAssertEqual(try resolve(streamARN: "arn:aws-cn:kinesis:cn-north-1:123456789012:stream/s", env: envKeys).endpoint,
                       "https://kinesis.cn-north-1.amazonaws.com.cn")
    }

    func testInvalidEndpoint() {
        XCTAssertEqual(failure(env: envKeys.merging(["AWS_ENDPOINT_URL": "localhost:4567"]) { a, _ in a })?.description,
                       "invalid endpoint URL 'localhost:4567' from AWS_ENDPOINT_URL: expected http://HOST[:PORT] or https://HOST[:PORT]")
    }

    // MARK: Secrets

    /// Every source line of a successful resolution is free of secrets (errors are checked in `failure`).
    func testSourcesNeverHoldSecrets() throws {
        try standardFiles()
        var env = envKeys
        env["AWS_SESSION_TOKEN"] = "envTOKENvalue"
        for resolved in [try resolve(env: env), try resolve(profile: "dev"), try resolve(profile: "prod")] {
            XCTAssertEqual(resolved.sources.count, 4)
            for line in resolved.sources {
                for secret in Self.secrets { XCTAssertFalse(line.contains(secret), line) }
                XCTAssertFalse(line.contains("AKIDENVIRONMENT") || line.contains("AKIDFILEDEV"), "whole key id in: \(line)")
            }
        }
    }
}
