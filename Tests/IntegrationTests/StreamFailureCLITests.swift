import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The AWS environment of a `kinescope --stream` child: fixed test credentials and region, an
/// empty HOME with empty AWS files, no other `AWS_*` variable of the test runner.
struct StreamChildEnvironment {
    let home: URL
    var accessKeyID = "testing"
    var secret = "testing"

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("kinescope-aws-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        for name in ["config", "credentials"] {
            _ = FileManager.default.createFile(atPath: home.appendingPathComponent(name).path, contents: Data())
        }
    }

    func remove() { try? FileManager.default.removeItem(at: home) }

    var variables: [String: String] {
        [
            "AWS_ACCESS_KEY_ID": accessKeyID, "AWS_SECRET_ACCESS_KEY": secret,
            "AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_CONFIG_FILE": home.appendingPathComponent("config").path,
            "AWS_SHARED_CREDENTIALS_FILE": home.appendingPathComponent("credentials").path,
            "AWS_EC2_METADATA_DISABLED": "true", "HOME": home.path,
            "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
        ]
    }

    /// `env -u AWS_… executable arguments…`: the child sees only `variables` of the AWS ones.
    func command(_ executable: URL, _ arguments: [String]) -> (URL, [String]) {
        let inherited = ProcessInfo.processInfo.environment.keys.filter { $0.hasPrefix("AWS_") && variables[$0] == nil }
        let envTool = ProcessRunner.which("env") ?? URL(fileURLWithPath: "/usr/bin/env")
        return (envTool, inherited.sorted().flatMap { ["-u", $0] } + [executable.path] + arguments)
    }

    func run(_ executable: URL, _ arguments: [String], timeout: Double) throws -> ProcessResult {
        let (tool, all) = command(executable, arguments)
        return try ProcessRunner.run(tool, all, environment: variables, timeout: timeout)
    }

    func start(_ executable: URL, _ arguments: [String], label: String) throws -> BackgroundProcess {
        let (tool, all) = command(executable, arguments)
        return try BackgroundProcess.start(tool, all, environment: variables, label: label)
    }
}

/// A TCP listener on 127.0.0.1 that never accepts: the kernel completes the handshake, so a
/// client connects, sends its request, and waits for an answer that never comes.
final class SilentListener {
    let port: Int
    private let fd: Int32

    init() throws {
        (fd, port) = try LocalHTTP.boundSocket(listening: true)
    }

    deinit { close(fd) }
}

/// An endpoint that does not answer (DESIGN §3): every retry is shown on stderr as it happens,
/// and with `--until-caught-up` the command gives up after `--give-up-after` with exit 1 and one
/// line; without it, it keeps trying.
final class UnreachableEndpointCLITests: XCTestCase {
    private var environment: StreamChildEnvironment!

    override func setUpWithError() throws {
        try super.setUpWithError()
        environment = try StreamChildEnvironment()
        let environment = environment!
        addTeardownBlock { environment.remove() }
    }

    private func kinescope(_ arguments: [String], timeout: Double = 60) throws -> ProcessResult {
        try environment.run(try KinescopePackage.binary(), arguments, timeout: timeout)
    }

    /// Checks the retry lines and the last line; returns the retry lines.
    @discardableResult
    private func assertRetriesThenGiveUp(_ result: ProcessResult, endpoint: String, reason: String, giveUp: String,
                                         file: StaticString = #filePath, line: UInt = #line) -> [String] {
        XCTAssertEqual(result.exitCode, 1, result.stderrText, file: file, line: line)
        XCTAssertEqual(result.stdoutText, "", "nothing on stdout", file: file, line: line)
        let lines = result.stderrLines
        XCTAssertEqual(lines.last, "kinescope: no answer from \(endpoint) for \(giveUp) (last try: \(reason)); giving up",
                       result.stderrText, file: file, line: line)
        let retryPrefix = "kinescope: connecting to \(endpoint) failed: \(reason), retry "
        let retries = lines.dropLast().filter { $0.hasPrefix(retryPrefix) }
        XCTAssertFalse(retries.isEmpty, "no retry line on stderr: \(result.stderrText)", file: file, line: line)
        for retry in retries {
            // "…, retry 3 in 0.4 s"
            let tail = retry.dropFirst(retryPrefix.count).split(separator: " ").map(String.init)
            XCTAssertEqual(tail.count, 4, retry, file: file, line: line)
            guard tail.count == 4 else { continue }
            XCTAssertNotNil(Int(tail[0]), "retry number: \(retry)", file: file, line: line)
            XCTAssertEqual(tail[1], "in", retry, file: file, line: line)
            XCTAssertNotNil(Double(tail[2]), "wait: \(retry)", file: file, line: line)
            XCTAssertEqual(tail[3], "s", retry, file: file, line: line)
        }
        let numbers = retries.compactMap { Int($0.dropFirst(retryPrefix.count).prefix { $0.isNumber }) }
        XCTAssertEqual(numbers, numbers.sorted(), "retries are counted up: \(retries)", file: file, line: line)
        return retries
    }

    func testRefusedPortRetriesVisiblyThenGivesUp() throws {
        let port = try FreePort.pick()
        let endpoint = "http://127.0.0.1:\(port)"
        for command in ["stats", "tail"] {
            let started = Date()
            let result = try kinescope([command, "--stream", "s", "--endpoint-url", endpoint, "--until-caught-up",
                                        "--give-up-after", "3s"])
            let elapsed = Date().timeIntervalSince(started)
            assertRetriesThenGiveUp(result, endpoint: endpoint, reason: "connection refused", giveUp: "3 s")
            XCTAssertGreaterThanOrEqual(elapsed, 3, "gave up before --give-up-after")
            XCTAssertLessThan(elapsed, 20, "\(command) took \(elapsed) s to give up after 3 s")
        }
    }

    func testSilentEndpointTimesOutRetriesVisiblyThenGivesUp() throws {
        let listener = try SilentListener()
        let endpoint = "http://127.0.0.1:\(listener.port)"
        let started = Date()
        let result = try kinescope(["stats", "--stream", "s", "--endpoint-url", endpoint, "--until-caught-up",
                                    "--give-up-after", "4s", "--format", "json"])
        let elapsed = Date().timeIntervalSince(started)
        // A call may take half of --give-up-after, so the silence is retried (and shown) before giving up.
        assertRetriesThenGiveUp(result, endpoint: endpoint, reason: "no answer within 2 s", giveUp: "4 s")
        XCTAssertLessThan(elapsed, 20, "took \(elapsed) s to give up after 4 s")
        withExtendedLifetime(listener) {}
    }

    func testWithoutUntilCaughtUpTailKeepsTryingAndSaysSo() throws {
        let port = try FreePort.pick()
        let endpoint = "http://127.0.0.1:\(port)"
        let process = try environment.start(try KinescopePackage.binary(),
                                            ["tail", "--stream", "s", "--endpoint-url", endpoint], label: "tail-refused")
        defer { process.stop() }
        let deadline = Date().addingTimeInterval(30)
        let prefix = "kinescope: connecting to \(endpoint) failed: connection refused, retry "
        while Date() < deadline && process.isRunning
            && ProcessResult.lines(process.stderrText).filter({ $0.hasPrefix(prefix) }).count < 3 {
            usleep(100_000)
        }
        let lines = ProcessResult.lines(process.stderrText)
        XCTAssertTrue(process.isRunning, "tail without --until-caught-up stopped: \(process.exitDescription), \(process.outputTail())")
        XCTAssertGreaterThanOrEqual(lines.filter { $0.hasPrefix(prefix) }.count, 3, process.outputTail())
        XCTAssertTrue(lines.allSatisfy { $0.hasPrefix(prefix) }, "only retry lines: \(process.outputTail())")
        XCTAssertEqual(process.stdoutText, "")
    }

    func testGiveUpAfterIsAUsageErrorWithoutAStreamOrWhenMalformed() throws {
        for arguments in [["tail", "--demo", "--give-up-after", "3s"],
                          ["stats", "--stream", "s", "--give-up-after", "soon"],
                          ["stats", "--stream", "s", "--give-up-after", "0s"]] {
            let result = try kinescope(arguments)
            XCTAssertEqual(result.exitCode, 64, "\(arguments): \(result.stderrText)")
            XCTAssertTrue(result.stderrText.contains("--give-up-after"), result.stderrText)
            XCTAssertEqual(result.stdoutText, "")
        }
    }
}

/// A stream deleted during a read, or credentials refused during a read, end the headless
/// commands with exit 1 and one line (DESIGN §3), with and without `--until-caught-up`: checked
/// against moto, which answers GetRecords on a deleted stream with ResourceNotFoundException and,
/// once its IAM checks are turned on (`/moto-api/reset-auth`), refuses an unknown key with
/// InvalidClientTokenId.
final class StreamEndsMotoTests: XCTestCase {
    private static let sharedMoto = SharedMotoServer()
    private var moto: MotoServer!
    private var environment: StreamChildEnvironment!

    override func setUpWithError() throws {
        try super.setUpWithError()
        moto = try Self.sharedMoto.acquire()
        environment = try StreamChildEnvironment()
        let environment = environment!
        addTeardownBlock { environment.remove() }
    }

    override class func tearDown() {
        sharedMoto.stop()
        super.tearDown()
    }

    private func python() throws -> URL {
        if let python = ProcessRunner.which("python3") { return python }
        if MotoServer.isCI { throw MotoServer.StartFailed(description: "python3 (with boto3) is needed for the Kinesis tests") }
        throw XCTSkip("python3 is not installed")
    }

    private func setup(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Support/kinesis_setup.py")
        let result = try environment.run(try python(), [script.path, "--endpoint-url", moto.endpoint] + arguments, timeout: 60)
        guard result.exitCode == 0 else {
            let failure = MotoServer.StartFailed(description: "kinesis_setup.py \(arguments.joined(separator: " ")) failed: \(result.stderrText.suffix(1500))")
            XCTFail(failure.description, file: file, line: line)
            throw failure
        }
    }

    /// Starts `tail` on a stream of 300 records from TRIM_HORIZON, waits until all are printed,
    /// runs `interrupt`, and returns how tail ended. A 10 s poll interval leaves the next
    /// GetRecords well after the interruption, so that with `--until-caught-up` tail has not yet
    /// seen the shard caught up.
    private func tailInterrupted(stream: String, untilCaughtUp: Bool, interrupt: () throws -> Void,
                                 file: StaticString = #filePath, line: UInt = #line) throws -> (code: String, stdout: [String], stderr: [String]) {
        try setup(["create", "--stream", stream, "--shards", "2"], file: file, line: line)
        try setup(["put", "--stream", stream, "--count", "300"], file: file, line: line)
        var arguments = ["tail", "--stream", stream, "--from", "trim-horizon", "--poll-interval", "10s", "--endpoint-url", moto.endpoint]
        if untilCaughtUp { arguments.append("--until-caught-up") }
        let process = try environment.start(try KinescopePackage.binary(), arguments, label: "tail-\(stream)")
        defer { process.stop() }
        var deadline = Date().addingTimeInterval(60)
        while Date() < deadline && process.isRunning && ProcessResult.lines(process.stdoutText).count < 300 { usleep(50_000) }
        XCTAssertEqual(ProcessResult.lines(process.stdoutText).count, 300, "before the interruption: \(process.outputTail())",
                       file: file, line: line)
        XCTAssertTrue(process.isRunning, "tail ended before the interruption: \(process.outputTail())", file: file, line: line)
        try interrupt()
        deadline = Date().addingTimeInterval(60)
        while Date() < deadline && process.isRunning { usleep(50_000) }
        XCTAssertFalse(process.isRunning, "tail still runs 60 s after the interruption: \(process.outputTail())", file: file, line: line)
        return (process.exitDescription, ProcessResult.lines(process.stdoutText), ProcessResult.lines(process.stderrText))
    }

    func testDeletedStreamEndsTailWithExitOneAndOneLine() throws {
        for untilCaughtUp in [false, true] {
            let stream = untilCaughtUp ? "gone-caught-up" : "gone-following"
            let ended = try tailInterrupted(stream: stream, untilCaughtUp: untilCaughtUp) {
                try setup(["delete", "--stream", stream])
            }
            XCTAssertEqual(ended.code, "exit code 1", "\(stream): \(ended.stderr)")
            XCTAssertEqual(ended.stderr, ["kinescope: stream '\(stream)' no longer exists (ResourceNotFoundException); 300 records read"])
            XCTAssertEqual(ended.stdout.count, 300, "every record read before the deletion stays printed")
        }
    }

    /// `fault_proxy.py --refuse-get-records TYPE` in front of moto: every GetRecords is answered
    /// with that error. Returns how `tail` on a 2-shard stream of 50 records ended, and the proxy's port.
    private func tailThroughRefusingProxy(stream: String, type: String, untilCaughtUp: Bool) throws -> (result: ProcessResult, port: Int) {
        try setup(["create", "--stream", stream, "--shards", "2"])
        try setup(["put", "--stream", stream, "--count", "50"])
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Support/fault_proxy.py")
        let proxy = try BackgroundProcess.start(try python(), [script.path, "--upstream", moto.endpoint, "--refuse-get-records", type,
                                                               "--max-seconds", "120"], label: "refusing-proxy")
        defer { proxy.stop() }
        let portLine = try proxy.firstLine(timeout: 20)
        let port = try XCTUnwrap(Int(portLine), "fault_proxy printed \(portLine.debugDescription) instead of a port")
        var arguments = ["tail", "--stream", stream, "--from", "trim-horizon", "--poll-interval", "200ms",
                         "--endpoint-url", "http://127.0.0.1:\(port)"]
        if untilCaughtUp { arguments.append("--until-caught-up") }
        return (try environment.run(try KinescopePackage.binary(), arguments, timeout: 60), port)
    }

    /// ExpiredTokenException on GetRecords, as AWS sends it (JSON, HTTP 400), after the listing
    /// and the iterators were granted.
    func testExpiredTokenOnGetRecordsEndsTailWithExitOneAndOneLine() throws {
        for untilCaughtUp in [false, true] {
            let stream = untilCaughtUp ? "expired-caught-up" : "expired-following"
            let (result, port) = try tailThroughRefusingProxy(stream: stream, type: "ExpiredTokenException", untilCaughtUp: untilCaughtUp)
            XCTAssertEqual(result.exitCode, 1, "\(stream): \(result.stderrText)")
            XCTAssertEqual(result.stderrLines,
                           ["kinescope: credentials refused by http://127.0.0.1:\(port): ExpiredTokenException: injected by fault_proxy; 0 records read"])
            XCTAssertEqual(result.stdoutText, "")
        }
    }

    /// A failure no retry helps and that is not about the stream or the credentials, on every
    /// shard: once no shard is read any more, the read ends with exit 1 (it used to wait forever,
    /// or with --until-caught-up exit 0).
    func testEveryShardFailingEndsTailWithExitOne() throws {
        for untilCaughtUp in [false, true] {
            let stream = untilCaughtUp ? "kms-caught-up" : "kms-following"
            let (result, _) = try tailThroughRefusingProxy(stream: stream, type: "KMSDisabledException", untilCaughtUp: untilCaughtUp)
            XCTAssertEqual(result.exitCode, 1, "\(stream): \(result.stderrText)")
            XCTAssertEqual(result.stdoutText, "")
            let last = result.stderrLines.last ?? ""
            XCTAssertTrue(last.hasPrefix("kinescope: could not read 2 of 2 shards of stream '\(stream)': shardId-00000000000"), last)
            XCTAssertTrue(last.hasSuffix(": KMSDisabledException: injected by fault_proxy (and 1 more); 0 records read"), last)
            // Before it, each shard's failure as it happened.
            XCTAssertEqual(Set(result.stderrLines.dropLast()),
                           Set(["0", "1"].map { "kinescope: shardId-00000000000\($0): failed: KMSDisabledException: injected by fault_proxy" }),
                           result.stderrText)
        }
    }

    func testRefusedCredentialsEndTailWithExitOneAndOneLine() throws {
        defer { _ = try? LocalHTTP.request(port: moto.port, method: "POST", path: "/moto-api/reset-auth", body: "inf", timeout: 10) }
        for untilCaughtUp in [false, true] {
            let stream = untilCaughtUp ? "locked-caught-up" : "locked-following"
            let ended = try tailInterrupted(stream: stream, untilCaughtUp: untilCaughtUp) {
                // From now on moto checks every request's key against IAM, which knows no "testing" key.
                let answer = try LocalHTTP.request(port: moto.port, method: "POST", path: "/moto-api/reset-auth", body: "0", timeout: 10)
                XCTAssertEqual(answer.status, 200, answer.body)
            }
            _ = try LocalHTTP.request(port: moto.port, method: "POST", path: "/moto-api/reset-auth", body: "inf", timeout: 10)
            XCTAssertEqual(ended.code, "exit code 1", "\(stream): \(ended.stderr)")
            XCTAssertEqual(ended.stderr.count, 1, "one line: \(ended.stderr)")
            let line = ended.stderr.first ?? ""
            XCTAssertTrue(line.hasPrefix("kinescope: credentials refused by \(moto.endpoint): InvalidClientTokenId: "), line)
            XCTAssertTrue(line.hasSuffix("; 300 records read"), line)
            XCTAssertFalse(line.contains("testing"), "the key is not printed: \(line)")
            XCTAssertEqual(ended.stdout.count, 300)
        }
    }
}
