import Foundation

/// Credentials from a profile's `credential_process`: a command run through `/bin/sh -c` that prints
/// `{"Version": 1, "AccessKeyId": …, "SecretAccessKey": …, "SessionToken": …, "Expiration": …}`.
///
/// The result is cached and the command run again once the credentials are within `refreshMargin`
/// (five minutes by default) of their `Expiration`; credentials without an expiration are kept for
/// the life of the provider. Concurrent callers share one run of the command.
///
/// Failures are `AWSConfigurationError`s of kind `.credentialProcessFailed` whose text names the
/// profile, the program (the command's first word, not its arguments) and the first line the command
/// wrote to stderr. What the command wrote to stdout is never quoted: it holds the secret.
public actor CredentialProcessProvider: CredentialsProvider {
    public nonisolated let command: String
    public nonisolated let profileName: String
    public nonisolated let refreshMargin: Double
    private let environment: [String: String]
    private let now: @Sendable () -> Double
    private var cached: AWSCredentials?
    private var inFlight: Task<AWSCredentials, any Error>?
    /// How many times the command has run (for diagnostics and tests).
    public private(set) var runCount = 0

    /// - Parameters:
    ///   - environment: the environment the command runs with.
    ///   - now: the clock, seconds since the epoch; tests pass a fixed one.
    public init(
        command: String,
        profileName: String,
        environment: [String: String],
        refreshMargin: Double = 300,
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.command = command
        self.profileName = profileName
        self.environment = environment
        self.refreshMargin = refreshMargin
        self.now = now
    }

    public func credentials() async throws -> AWSCredentials {
        if let cached, isFresh(cached) { return cached }
        if let inFlight { return try await inFlight.value }
        let command = command, profileName = profileName, environment = environment, now = now
        let task = Task<AWSCredentials, any Error> {
            let output = try await Self.run(command: command, environment: environment, profileName: profileName)
            return try Self.parse(output, command: command, profileName: profileName, now: now())
        }
        inFlight = task
        runCount += 1
        defer { inFlight = nil }
        let fresh = try await task.value
        cached = fresh
        return fresh
    }

    private func isFresh(_ credentials: AWSCredentials) -> Bool {
        guard let expiration = credentials.expiration else { return true }
        return now() < expiration - refreshMargin
    }

    // MARK: - Running the command

    struct Output: Sendable {
        var status: Int32
        var killedBySignal: Bool
        var stdout: Data
        var stderr: Data
    }

    /// Runs on a plain thread: `Process` and pipe reads block, and must not block Swift's
    /// cooperative pool.
    static func run(command: String, environment: [String: String], profileName: String) async throws -> Output {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Output, any Error>) in
            let thread = Thread {
                do {
                    continuation.resume(returning: try runBlocking(command: command, environment: environment))
                } catch {
                    continuation.resume(throwing: AWSConfigurationError(
                        .credentialProcessFailed,
                        "credential_process for profile '\(profileName)' (\(program(of: command))) could not be started: \(error.localizedDescription)"))
                }
            }
            thread.start()
        }
    }

    private static func runBlocking(command: String, environment: [String: String]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = environment
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()

        // Drain stderr on its own thread so a chatty command cannot fill one pipe while we wait on the other.
        let stderrBox = DataBox()
        let stderrDone = DispatchSemaphore(value: 0)
        let reader = Thread {
            stderrBox.set(stderr.fileHandleForReading.readDataToEndOfFile())
            stderrDone.signal()
        }
        reader.start()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        stderrDone.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      killedBySignal: process.terminationReason == .uncaughtSignal,
                      stdout: out, stderr: stderrBox.get())
    }

    private final class DataBox: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func set(_ new: Data) { lock.lock(); data = new; lock.unlock() }
        func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
    }

    // MARK: - Reading its output

    static func parse(_ output: Output, command: String, profileName: String, now: Double) throws(AWSConfigurationError) -> AWSCredentials {
        let who = "credential_process for profile '\(profileName)' (\(program(of: command)))"
        func failure(_ text: String) -> AWSConfigurationError {
            AWSConfigurationError(.credentialProcessFailed, "\(who) \(text)")
        }
        let stderrLine = firstLine(of: output.stderr)
        let stderrSuffix = stderrLine.map { ": \($0)" } ?? " and wrote nothing to stderr"
        if output.killedBySignal {
            throw failure("was killed by signal \(output.status)\(stderrSuffix)")
        }
        guard output.status == 0 else {
            throw failure("exited with status \(output.status)\(stderrSuffix)")
        }
        guard !output.stdout.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else {
            throw failure("printed nothing on stdout; expected JSON with Version, AccessKeyId and SecretAccessKey")
        }
        guard let json = try? JSONDecoder().decode([String: JSONValue].self, from: output.stdout) else {
            throw failure("printed something that is not a JSON object; expected {\"Version\": 1, \"AccessKeyId\": …, \"SecretAccessKey\": …}")
        }
        guard let version = json["Version"] else {
            throw failure("printed JSON without \"Version\"; expected \"Version\": 1")
        }
        guard version == .number(1) else {
            throw failure("printed \"Version\": \(version.summary); only Version 1 is supported")
        }
        guard case .string(let accessKeyId)? = json["AccessKeyId"], !accessKeyId.isEmpty else {
            throw failure("printed JSON without a string \"AccessKeyId\"")
        }
        guard case .string(let secret)? = json["SecretAccessKey"], !secret.isEmpty else {
            throw failure("printed JSON without a string \"SecretAccessKey\"")
        }
        var token: String?
        switch json["SessionToken"] {
        case nil, .null?: break
        case .string(let text)?: token = text.isEmpty ? nil : text
        default: throw failure("printed a \"SessionToken\" that is not a string")
        }
        var expiration: Double?
        switch json["Expiration"] {
        case nil, .null?: break
        case .string(let text)? where AWSTimestamp.parseISO8601(text) != nil:
            let seconds = AWSTimestamp.parseISO8601(text)!
            guard seconds > now else {
                throw failure("returned credentials that expired at \(text)")
            }
            expiration = seconds
        case let other?:
            throw failure("printed an \"Expiration\" that is not an ISO-8601 time (\(other.summary))")
        }
        return AWSCredentials(accessKeyId: accessKeyId, secretAccessKey: secret, sessionToken: token, expiration: expiration)
    }

    /// The program a command runs, without its arguments (which may carry tokens or account names).
    static func program(of command: String) -> String {
        let word = command.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? command
        return word.isEmpty ? "empty command" : word
    }

    private static func firstLine(of data: Data) -> String? {
        let text = String(decoding: data, as: UTF8.self)
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty {
                return trimmed.count > 200 ? String(trimmed.prefix(200)) + "…" : trimmed
            }
        }
        return nil
    }

    /// Just enough JSON to read the command's output without Foundation's NSNumber/Bool ambiguity.
    enum JSONValue: Decodable, Equatable {
        case null, bool(Bool), number(Double), string(String), array, object

        init(from decoder: any Decoder) throws {
            if var list = try? decoder.unkeyedContainer() {
                while !list.isAtEnd { _ = try list.decode(JSONValue.self) }
                self = .array
                return
            }
            if (try? decoder.container(keyedBy: AnyKey.self)) != nil {
                self = .object
                return
            }
            let value = try decoder.singleValueContainer()
            if value.decodeNil() {
                self = .null
            } else if let flag = try? value.decode(Bool.self) {
                self = .bool(flag)
            } else if let number = try? value.decode(Double.self) {
                self = .number(number)
            } else {
                self = .string(try value.decode(String.self))
            }
        }

        /// A short rendering for messages; only used for values that are not secrets (Version, Expiration).
        var summary: String {
            switch self {
            case .null: "null"
            case .bool(let flag): String(flag)
            case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
            case .string(let text): "\"\(text.prefix(40))\""
            case .array: "an array"
            case .object: "an object"
            }
        }

        private struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }
}
