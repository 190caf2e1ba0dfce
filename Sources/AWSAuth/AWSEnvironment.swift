/// Region, endpoint and credentials for one AWS service, and where each came from.
public struct ResolvedAWSConfiguration: Sendable {
    public var region: String
    /// Scheme and authority (and any path prefix), without a trailing slash,
    /// e.g. `https://kinesis.eu-west-1.amazonaws.com` or `http://127.0.0.1:4567`.
    public var endpoint: String
    public var credentials: any CredentialsProvider
    public var profileName: String
    /// One human-readable line per setting saying where it came from, for `--verbose`-style
    /// diagnostics. Never holds a secret; access key ids appear only as their last four characters.
    public var sources: [String]

    public init(region: String, endpoint: String, credentials: any CredentialsProvider,
                profileName: String, sources: [String]) {
        self.region = region
        self.endpoint = endpoint
        self.credentials = credentials
        self.profileName = profileName
        self.sources = sources
    }
}

/// Resolves the AWS profile, region, endpoint and credentials from command-line overrides, the
/// environment and the shared `~/.aws` files, in the AWS CLI's order.
///
/// ```swift
/// let aws = try AWSEnvironment.resolve(
///     profile: options.profile, region: options.region, endpointURL: options.endpointURL,
///     streamARN: stream, environment: ProcessInfo.processInfo.environment,
///     homeDirectory: NSHomeDirectory())
/// ```
///
/// - **Profile**: `profile`, else `AWS_PROFILE` (or the legacy `AWS_DEFAULT_PROFILE`), else `default`.
///   A profile named explicitly must exist in one of the files.
/// - **Files**: `AWS_SHARED_CREDENTIALS_FILE` (default `~/.aws/credentials`, sections `[name]`) and
///   `AWS_CONFIG_FILE` (default `~/.aws/config`, sections `[profile name]`, `[default]`). Missing files
///   count as empty.
/// - **Credentials**: `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`) unless
///   `profile` was given explicitly; then the profile's keys in the credentials file; then in the
///   config file; then the profile's `credential_process` (credentials file first). Profiles that
///   assume a role or use SSO are reported as unsupported rather than silently skipped.
///   (botocore tries `credential_process` before the config file's static keys; a profile that sets
///   both is rare, and this order is the one Kinescope documents.)
/// - **Region**: `region`, else the region inside a stream ARN, else `AWS_REGION`, else
///   `AWS_DEFAULT_REGION`, else `region` in the profile of the config file.
/// - **Endpoint**: `endpointURL`, else `AWS_ENDPOINT_URL_<SERVICE>`, else `AWS_ENDPOINT_URL`, else
///   the service's `endpoint_url` in the profile's `services` section, else the profile's
///   `endpoint_url`, else `https://<service>.<region>.amazonaws.com` (`.amazonaws.com.cn` in `cn-`
///   regions). `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` (or the profile setting
///   `ignore_configured_endpoint_urls`) skips the environment and file endpoints.
///
/// Environment variables set to the empty string count as unset, as in the CLI.
public enum AWSEnvironment {
    public static func resolve(
        profile: String?,
        region: String?,
        endpointURL: String?,
        streamARN: String?,
        service: String = "kinesis",
        environment: [String: String],
        homeDirectory: String
    ) throws(AWSConfigurationError) -> ResolvedAWSConfiguration {
        var resolver = Resolver(environment: environment, homeDirectory: homeDirectory, service: service)
        return try resolver.resolve(profile: profile, region: region, endpointURL: endpointURL, streamARN: streamARN)
    }
}

private struct Resolver {
    let environment: [String: String]
    let homeDirectory: String
    let service: String
    var sources: [String] = []

    init(environment: [String: String], homeDirectory: String, service: String) {
        self.environment = environment
        self.homeDirectory = homeDirectory
        self.service = service
    }

    /// A setting from the environment; empty or blank counts as unset.
    func env(_ name: String) -> String? {
        nonEmpty(environment[name])
    }

    /// How the profile was chosen, for messages.
    enum ProfileOrigin: Equatable {
        case argument, environment(String), fallback

        var phrase: String {
            switch self {
            case .argument: "--profile"
            case .environment(let name): name
            case .fallback: "the default"
            }
        }
    }

    mutating func resolve(
        profile: String?, region: String?, endpointURL: String?, streamARN: String?
    ) throws(AWSConfigurationError) -> ResolvedAWSConfiguration {
        // Profile and files.
        let origin: ProfileOrigin
        let profileName: String
        if let name = nonEmpty(profile) {
            (profileName, origin) = (name, .argument)
        } else if let name = env("AWS_PROFILE") {
            (profileName, origin) = (name, .environment("AWS_PROFILE"))
        } else if let name = env("AWS_DEFAULT_PROFILE") {
            (profileName, origin) = (name, .environment("AWS_DEFAULT_PROFILE"))
        } else {
            (profileName, origin) = ("default", .fallback)
        }
        let credentialsPath = expandTilde(env("AWS_SHARED_CREDENTIALS_FILE")) ?? homeDirectory + "/.aws/credentials"
        let configPath = expandTilde(env("AWS_CONFIG_FILE")) ?? homeDirectory + "/.aws/config"
        let credentialsFile = try AWSConfigFile.load(path: credentialsPath)
        let configFile = try AWSConfigFile.load(path: configPath)
        let fromCredentialsFile = credentialsFile?.credentialsProfile(profileName)
        let fromConfigFile = configFile?.configProfile(profileName)

        if origin != .fallback, fromCredentialsFile == nil, fromConfigFile == nil {
            throw AWSConfigurationError(
                .profileNotFound,
                "AWS profile '\(profileName)' (from \(origin.phrase)) not found: looked for [\(profileName)] in "
                    + "\(describe(credentialsPath, credentialsFile)) and [profile \(profileName)] in \(describe(configPath, configFile))")
        }
        sources.append(origin == .fallback ? "profile 'default'" : "profile '\(profileName)' from \(origin.phrase)")

        let profileFiles = ProfileFiles(
            name: profileName, origin: origin,
            credentialsPath: credentialsPath, configPath: configPath,
            credentials: fromCredentialsFile, config: fromConfigFile,
            configFile: configFile)

        let resolvedRegion = try resolveRegion(region, streamARN: streamARN, profile: profileFiles)
        let endpoint = try resolveEndpoint(endpointURL, region: resolvedRegion, profile: profileFiles)
        let provider = try resolveCredentials(profile: profileFiles)
        return ResolvedAWSConfiguration(region: resolvedRegion, endpoint: endpoint, credentials: provider,
                                        profileName: profileName, sources: sources)
    }

    struct ProfileFiles {
        let name: String
        let origin: ProfileOrigin
        let credentialsPath: String
        let configPath: String
        let credentials: [String: String]?
        let config: [String: String]?
        let configFile: AWSConfigFile?
    }

    // MARK: Region

    mutating func resolveRegion(
        _ explicit: String?, streamARN: String?, profile: ProfileFiles
    ) throws(AWSConfigurationError) -> String {
        var arnRegion: String?
        if let text = nonEmpty(streamARN), text.hasPrefix("arn:") {
            guard let arn = AWSStreamARN(text) else {
                throw AWSConfigurationError(
                    .invalidValue,
                    "invalid stream ARN '\(text)': expected arn:aws:kinesis:REGION:ACCOUNT:stream/NAME")
            }
            arnRegion = arn.region
        }
        let candidates: [(String?, String)] = [
            (nonEmpty(explicit), "--region"),
            (arnRegion, "the stream ARN"),
            (env("AWS_REGION"), "AWS_REGION"),
            (env("AWS_DEFAULT_REGION"), "AWS_DEFAULT_REGION"),
            (nonEmpty(profile.config?["region"]), "region in profile '\(profile.name)' of \(profile.configPath)"),
        ]
        guard let (region, origin) = candidates.first(where: { $0.0 != nil }).map({ ($0.0!, $0.1) }) else {
            throw AWSConfigurationError(
                .missingRegion,
                "no AWS region: looked at --region, the stream ARN, AWS_REGION, AWS_DEFAULT_REGION and region in profile '\(profile.name)' of \(profile.configPath)")
        }
        guard isValidRegion(region) else {
            throw AWSConfigurationError(
                .invalidValue, "invalid AWS region '\(region)' from \(origin): expected something like us-east-1")
        }
        var line = "region \(region) from \(origin)"
        if let arnRegion, arnRegion != region {
            line += " (the stream ARN names \(arnRegion))"
        }
        sources.append(line)
        return region
    }

    private func isValidRegion(_ region: String) -> Bool {
        !region.isEmpty && region.utf8.allSatisfy {
            (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-")
        }
    }

    // MARK: Endpoint

    mutating func resolveEndpoint(
        _ explicit: String?, region: String, profile: ProfileFiles
    ) throws(AWSConfigurationError) -> String {
        let serviceVariable = "AWS_ENDPOINT_URL_" + String(service.uppercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
        let ignoreConfigured = isTrue(env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))
            || isTrue(profile.config?["ignore_configured_endpoint_urls"])
        let serviceKey = service.lowercased().replacingSpacesWithUnderscores()

        var candidates: [(String?, String)] = [(nonEmpty(explicit), "--endpoint-url")]
        if !ignoreConfigured {
            candidates.append((env(serviceVariable), serviceVariable))
            candidates.append((env("AWS_ENDPOINT_URL"), "AWS_ENDPOINT_URL"))
            if let sectionName = nonEmpty(profile.config?["services"]),
               let section = profile.configFile?.servicesSection(sectionName) {
                candidates.append((nonEmpty(section["\(serviceKey).endpoint_url"]),
                                   "\(serviceKey).endpoint_url in [services \(sectionName)] of \(profile.configPath)"))
            }
            candidates.append((nonEmpty(profile.config?["endpoint_url"]),
                               "endpoint_url in profile '\(profile.name)' of \(profile.configPath)"))
        }
        if let (endpoint, origin) = candidates.first(where: { $0.0 != nil }).map({ ($0.0!, $0.1) }) {
            let cleaned = try validatedEndpoint(endpoint, origin: origin)
            sources.append("endpoint \(cleaned) from \(origin)")
            return cleaned
        }
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        let endpoint = "https://\(serviceKey).\(region).\(suffix)"
        sources.append("endpoint \(endpoint) (the default for \(region))")
        return endpoint
    }

    private func validatedEndpoint(_ text: String, origin: String) throws(AWSConfigurationError) -> String {
        let lower = text.lowercased()
        let scheme = lower.hasPrefix("https://") ? "https://" : lower.hasPrefix("http://") ? "http://" : nil
        guard let scheme, text.count > scheme.count, !text.contains(" ") else {
            throw AWSConfigurationError(
                .invalidValue, "invalid endpoint URL '\(text)' from \(origin): expected http://HOST[:PORT] or https://HOST[:PORT]")
        }
        var cleaned = text
        while cleaned.hasSuffix("/"), cleaned.count > scheme.count + 1 {
            cleaned.removeLast()
        }
        return cleaned
    }

    // MARK: Credentials

    mutating func resolveCredentials(profile: ProfileFiles) throws(AWSConfigurationError) -> any CredentialsProvider {
        if profile.origin != .argument {
            let id = env("AWS_ACCESS_KEY_ID")
            let secret = env("AWS_SECRET_ACCESS_KEY")
            switch (id, secret) {
            case let (id?, secret?):
                let tokenVariable = env("AWS_SESSION_TOKEN") != nil ? "AWS_SESSION_TOKEN"
                    : env("AWS_SECURITY_TOKEN") != nil ? "AWS_SECURITY_TOKEN" : nil
                let token = tokenVariable.flatMap(env)
                sources.append("credentials (\(keyHint(id))) from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
                               + (tokenVariable.map { " with \($0)" } ?? ""))
                return StaticCredentialsProvider(AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: token))
            case (_?, nil):
                throw AWSConfigurationError(
                    .missingCredentials, "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not; set both, or unset AWS_ACCESS_KEY_ID to use profile '\(profile.name)'")
            case (nil, _?):
                throw AWSConfigurationError(
                    .missingCredentials, "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not; set both, or unset AWS_SECRET_ACCESS_KEY to use profile '\(profile.name)'")
            case (nil, nil):
                break
            }
        }

        for (values, path) in [(profile.credentials, profile.credentialsPath), (profile.config, profile.configPath)] {
            if let keys = try staticKeys(values, profile: profile.name, path: path) {
                sources.append("credentials (\(keyHint(keys.accessKeyId))) from profile '\(profile.name)' of \(path)")
                return StaticCredentialsProvider(keys)
            }
        }

        for (values, path) in [(profile.credentials, profile.credentialsPath), (profile.config, profile.configPath)] {
            if let command = nonEmpty(values?["credential_process"]) {
                sources.append("credentials from credential_process (\(CredentialProcessProvider.program(of: command))) "
                               + "in profile '\(profile.name)' of \(path)")
                return CredentialProcessProvider(command: command, profileName: profile.name, environment: environment)
            }
        }

        let unsupported = ["role_arn", "sso_session", "sso_start_url", "web_identity_token_file", "credential_source", "login_session"]
        for (values, path) in [(profile.credentials, profile.credentialsPath), (profile.config, profile.configPath)] {
            if let key = unsupported.first(where: { nonEmpty(values?[$0]) != nil }) {
                throw AWSConfigurationError(
                    .unsupportedCredentials,
                    "profile '\(profile.name)' in \(path) gets credentials through \(key), which Kinescope does not support; "
                        + "export keys (eval \"$(aws configure export-credentials --profile \(profile.name) --format env)\") or set credential_process")
            }
        }

        let keys = "aws_access_key_id, aws_secret_access_key and credential_process"
        if profile.origin == .argument {
            throw AWSConfigurationError(
                .missingCredentials,
                "no AWS credentials for profile '\(profile.name)' (from --profile): looked at \(keys) in \(profile.credentialsPath) and \(profile.configPath); "
                    + "AWS_ACCESS_KEY_ID is not used when --profile is given")
        }
        throw AWSConfigurationError(
            .missingCredentials,
            "no AWS credentials: looked at AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, then \(keys) "
                + "in profile '\(profile.name)' of \(profile.credentialsPath) and \(profile.configPath)")
    }

    private func staticKeys(
        _ values: [String: String]?, profile: String, path: String
    ) throws(AWSConfigurationError) -> AWSCredentials? {
        guard let values else { return nil }
        let id = nonEmpty(values["aws_access_key_id"])
        let secret = nonEmpty(values["aws_secret_access_key"])
        switch (id, secret) {
        case let (id?, secret?):
            let token = nonEmpty(values["aws_session_token"]) ?? nonEmpty(values["aws_security_token"])
            return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: token)
        case (_?, nil):
            throw AWSConfigurationError(
                .missingCredentials, "profile '\(profile)' in \(path) sets aws_access_key_id but not aws_secret_access_key")
        case (nil, _?):
            throw AWSConfigurationError(
                .missingCredentials, "profile '\(profile)' in \(path) sets aws_secret_access_key but not aws_access_key_id")
        case (nil, nil):
            return nil
        }
    }

    // MARK: Helpers

    private func expandTilde(_ path: String?) -> String? {
        guard let path else { return nil }
        if path == "~" { return homeDirectory }
        if path.hasPrefix("~/") { return homeDirectory + path.dropFirst() }
        return path
    }

    private func describe(_ path: String, _ file: AWSConfigFile?) -> String {
        file == nil ? "\(path) (no such file)" : path
    }

    private func isTrue(_ value: String?) -> Bool {
        value?.lowercased() == "true"
    }
}

/// The last four characters of an access key id: enough to tell keys apart, never the whole key.
func keyHint(_ accessKeyId: String) -> String {
    accessKeyId.count >= 8 ? "access key …\(accessKeyId.suffix(4))" : "access key …"
}

private func nonEmpty(_ value: String?) -> String? {
    guard let value else { return nil }
    let trimmed = SigV4Canonical.trimmed(value)
    return trimmed.isEmpty ? nil : trimmed
}

private extension String {
    func replacingSpacesWithUnderscores() -> String {
        String(map { $0 == " " ? "_" : $0 })
    }
}
