import XCTest
@testable import AWSAuth

/// `credential_process`: output parsing, caching and refresh before expiry, and failure messages.
final class CredentialProcessProviderTests: XCTestCase {
    private var directory: TemporaryDirectory!
    /// 2030-01-01T00:00:00Z, the expiration the counter script reports.
    private let expiration: Double = 1_893_456_000
    private let secrets = ["procSECRET", "procTOKEN", "procARGSECRET"]

    override func setUpWithError() throws {
        directory = try TemporaryDirectory()
        // Prints a key numbered by how many times it has run, so a test can tell a cached answer
        // from a fresh one.
        try directory.write("counter.sh", """
        #!/bin/sh
        n=$(cat "$COUNTER_DIR/count" 2>/dev/null || echo 0)
        n=$((n + 1))
        echo "$n" > "$COUNTER_DIR/count"
        [ -n "$SLOW" ] && sleep "$SLOW"
        printf '{"Version": 1, "AccessKeyId": "AKIDPROC%04d", "SecretAccessKey": "procSECRET%d", "SessionToken": "procTOKEN", "Expiration": "%s"}\\n' "$n" "$n" "$EXPIRATION"
        """, executable: true)
    }

    override func tearDown() {
        directory = nil
    }

    private func counterProvider(expiration: String = "2030-01-01T00:00:00Z", slow: String? = nil,
                                 clock: ManualClock) -> CredentialProcessProvider {
        var environment = ["COUNTER_DIR": directory.path, "EXPIRATION": expiration]
        environment["SLOW"] = slow
        return CredentialProcessProvider(command: "\(directory.path)/counter.sh", profileName: "proc",
                                         environment: environment, now: { clock.now })
    }

    func testParsesAllFields() async throws {
        let clock = ManualClock(expiration - 3600)
        let credentials = try await counterProvider(clock: clock).credentials()
        XCTAssertEqual(credentials, AWSCredentials(accessKeyId: "AKIDPROC0001", secretAccessKey: "procSECRET1",
                                                   sessionToken: "procTOKEN", expiration: expiration))
    }

    func testCachesUntilFiveMinutesBeforeExpiration() async throws {
        let clock = ManualClock(expiration - 3600)
        let provider = counterProvider(clock: clock)
        let first = try await provider.credentials().accessKeyId
        let second = try await provider.credentials().accessKeyId
        XCTAssertEqual([first, second], ["AKIDPROC0001", "AKIDPROC0001"])
        clock.set(expiration - 301)
        let stillCached = try await provider.credentials().accessKeyId
        XCTAssertEqual(stillCached, "AKIDPROC0001")
        clock.set(expiration - 300)
        let refreshed = try await provider.credentials().accessKeyId
        XCTAssertEqual(refreshed, "AKIDPROC0002")
        let runs = await provider.runCount
        XCTAssertEqual(runs, 2)
    }

    func testCredentialsAlreadyNearExpiryAreFetchedAgainEachTime() async throws {
        let clock = ManualClock(expiration - 120)
        let provider = counterProvider(clock: clock)
        let first = try await provider.credentials().accessKeyId
        let second = try await provider.credentials().accessKeyId
        XCTAssertEqual([first, second], ["AKIDPROC0001", "AKIDPROC0002"])
    }

    func testCredentialsWithoutExpirationAreKept() async throws {
        let provider = CredentialProcessProvider(
            command: #"echo '{"Version":1,"AccessKeyId":"AKIDFOREVER","SecretAccessKey":"procSECRETforever"}'; echo x >> "$COUNTER_DIR/runs""#,
            profileName: "forever", environment: ["COUNTER_DIR": directory.path], now: { 4_000_000_000 })
        for _ in 0..<3 {
            let credentials = try await provider.credentials()
            XCTAssertEqual(credentials.accessKeyId, "AKIDFOREVER")
            XCTAssertNil(credentials.expiration)
            XCTAssertNil(credentials.sessionToken)
        }
        let runs = try String(contentsOfFile: "\(directory.path)/runs", encoding: .utf8)
        XCTAssertEqual(runs, "x\n")
    }

    func testConcurrentCallersShareOneRun() async throws {
        let clock = ManualClock(expiration - 3600)
        let provider = counterProvider(slow: "0.3", clock: clock)
        let keys = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<5 {
                group.addTask { try await provider.credentials().accessKeyId }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(keys, Array(repeating: "AKIDPROC0001", count: 5))
        let runs = await provider.runCount
        XCTAssertEqual(runs, 1)
    }

    func testEnvironmentIsPassedToTheCommand() async throws {
        let provider = CredentialProcessProvider(
            command: #"printf '{"Version":1,"AccessKeyId":"%s","SecretAccessKey":"procSECRETenv"}' "$KEY_FROM_ENV""#,
            profileName: "env", environment: ["KEY_FROM_ENV": "AKIDFROMENV"])
        let credentials = try await provider.credentials()
        XCTAssertEqual(credentials.accessKeyId, "AKIDFROMENV")
    }

    // MARK: Failures

    /// Runs a script printing `stdout` and `stderr` and exiting with `status`, expecting `message`
    /// after the common prefix. Arguments carry a secret to prove only the program name is quoted.
    private func expectFailure(stdout: String, stderr: String = "", status: Int = 0, extra: String = "",
                               now: Double = 1_700_000_000, _ message: String,
                               file: StaticString = #filePath, line: UInt = #line) async throws {
        let script = try directory.write("fail-\(UUID().uuidString).sh", """
        #!/bin/sh
        printf '%s' '\(stdout)'
        printf '%s' '\(stderr)' >&2
        \(extra)
        exit \(status)
        """, executable: true)
        let provider = CredentialProcessProvider(command: "\(script) --token procARGSECRET", profileName: "broken",
                                                 environment: [:], now: { now })
        do {
            let credentials = try await provider.credentials()
            XCTFail("expected a failure, got \(credentials)", file: file, line: line)
        } catch let error as AWSConfigurationError {
            XCTAssertEqual(error.kind, .credentialProcessFailed, file: file, line: line)
            XCTAssertEqual(error.description, "credential_process for profile 'broken' (\(script)) \(message)", file: file, line: line)
            for secret in secrets {
                XCTAssertFalse(error.description.contains(secret), "secret in: \(error.description)", file: file, line: line)
            }
        }
    }

    func testNonZeroExitQuotesTheFirstStderrLine() async throws {
        try await expectFailure(stdout: #"{"Version":1,"AccessKeyId":"A","SecretAccessKey":"procSECRETleak"}"#,
                                stderr: "\n  Error: the SSO session expired; run aws sso login  \nsecond line\n", status: 3,
                                "exited with status 3: Error: the SSO session expired; run aws sso login")
        try await expectFailure(stdout: "", status: 1, "exited with status 1 and wrote nothing to stderr")
    }

    func testKilledCommand() async throws {
        let provider = CredentialProcessProvider(command: "kill -9 $$", profileName: "killed", environment: [:])
        do {
            _ = try await provider.credentials()
            XCTFail("expected a failure")
        } catch let error as AWSConfigurationError {
            XCTAssertEqual(error.description, "credential_process for profile 'killed' (kill) was killed by signal 9 and wrote nothing to stderr")
        }
        // A program killed under the shell is reported by the shell (status 128 + signal), as in a terminal.
        let script = try directory.write("self-kill.sh", "#!/bin/sh\nkill -9 $$\n", executable: true)
        do {
            _ = try await CredentialProcessProvider(command: script, profileName: "killed", environment: [:]).credentials()
            XCTFail("expected a failure")
        } catch let error as AWSConfigurationError {
            XCTAssertTrue(error.description.hasPrefix("credential_process for profile 'killed' (\(script)) exited with status 137"),
                          error.description)
        }
    }

    func testOutputThatIsNotCredentials() async throws {
        try await expectFailure(stdout: "", "printed nothing on stdout; expected JSON with Version, AccessKeyId and SecretAccessKey")
        try await expectFailure(stdout: "AccessKeyId=AKID SecretAccessKey=procSECRETplain",
                                #"printed something that is not a JSON object; expected {"Version": 1, "AccessKeyId": …, "SecretAccessKey": …}"#)
        try await expectFailure(stdout: #"["procSECRETarray"]"#,
                                #"printed something that is not a JSON object; expected {"Version": 1, "AccessKeyId": …, "SecretAccessKey": …}"#)
        try await expectFailure(stdout: #"{"AccessKeyId":"A","SecretAccessKey":"procSECRETnover"}"#,
                                #"printed JSON without "Version"; expected "Version": 1"#)
        try await expectFailure(stdout: #"{"Version":2,"AccessKeyId":"A","SecretAccessKey":"procSECRETv2"}"#,
                                #"printed "Version": 2; only Version 1 is supported"#)
        try await expectFailure(stdout: #"{"Version":"1","AccessKeyId":"A","SecretAccessKey":"procSECRETv2"}"#,
                                #"printed "Version": "1"; only Version 1 is supported"#)
        try await expectFailure(stdout: #"{"Version":1,"AccessKeyId":"A"}"#,
                                #"printed JSON without a string "SecretAccessKey""#)
        try await expectFailure(stdout: #"{"Version":1,"SecretAccessKey":"procSECRETnoid"}"#,
                                #"printed JSON without a string "AccessKeyId""#)
        try await expectFailure(stdout: #"{"Version":1,"AccessKeyId":"A","SecretAccessKey":"procSECRETx","SessionToken":5}"#,
                                #"printed a "SessionToken" that is not a string"#)
        try await expectFailure(stdout: #"{"Version":1,"AccessKeyId":"A","SecretAccessKey":"procSECRETx","Expiration":"soon"}"#,
                                #"printed an "Expiration" that is not an ISO-8601 time ("soon")"#)
    }

    func testAlreadyExpiredCredentials() async throws {
        try await expectFailure(
            stdout: #"{"Version":1,"AccessKeyId":"A","SecretAccessKey":"procSECRETold","SessionToken":"procTOKEN","Expiration":"2020-01-01T00:00:00Z"}"#,
            "returned credentials that expired at 2020-01-01T00:00:00Z")
    }

    func testProgramNameLeavesArgumentsOut() {
        XCTAssertEqual(CredentialProcessProvider.program(of: "  /usr/bin/vault-creds --token abc "), "/usr/bin/vault-creds")
        XCTAssertEqual(CredentialProcessProvider.program(of: "aws configure export-credentials --profile x --format process"), "aws")
    }
}
