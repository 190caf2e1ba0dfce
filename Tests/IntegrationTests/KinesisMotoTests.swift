import EventDecoding
import Foundation
import XCTest

/// `kinescope tail|stats|produce --stream` end to end against moto's Kinesis (DESIGN §3): every
/// record read exactly once and in shard order, across resharding, through injected network and
/// service failures, with moto checking SigV4 signatures; and the one-line errors.
///
/// State is set up with boto3 (`Support/kinesis_setup.py`), so what kinescope reads is checked
/// against what another client wrote and what moto reports it stores.
final class KinesisMotoTests: XCTestCase {
    private static let sharedMoto = SharedMotoServer()

    private var moto: MotoServer!
    /// An empty HOME with empty AWS config and credentials files, so nothing of the real ~/.aws leaks in.
    private var awsHome: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        moto = try Self.sharedMoto.acquire()
        let home = FileManager.default.temporaryDirectory
            .appendingPathComponent("kinescope-aws-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        for name in ["config", "credentials"] {
            _ = FileManager.default.createFile(atPath: home.appendingPathComponent(name).path, contents: Data())
        }
        awsHome = home
        addTeardownBlock { try? FileManager.default.removeItem(at: home) }
    }

    override class func tearDown() {
        sharedMoto.stop()
        super.tearDown()
    }

    // MARK: Reading

    func testTailFromTrimHorizonReadsEveryRecordOnceInShardOrder() throws {
        try setup(["create", "--stream", "clicks", "--shards", "4"])
        let put = try putRecords(stream: "clicks", count: 3000)
        XCTAssertEqual(Set(put.map(\.shard)).count, 4, "the partition keys should reach every shard")

        let result = try kinescope(["tail", "--stream", "clicks", "--from", "trim-horizon", "--until-caught-up",
                                    "--poll-interval", "200ms"])
        XCTAssertEqual(result.exitCode, 0, result.stderrText)
        let lines = try tailLines(result)
        XCTAssertEqual(lines.count, 3000)
        assertExactlyOnce(lines, expected: put)
        assertShardOrder(lines)
        for line in lines.prefix(50) {
            XCTAssertEqual(line.kind, "json", "a record holding one JSON object is a json event")
            XCTAssertNotNil(line.arrival, "Kinesis records have an arrival time")
        }
    }

    func testShardOptionReadsOnlyThatShard() throws {
        try setup(["create", "--stream", "taps", "--shards", "3"])
        let put = try putRecords(stream: "taps", count: 900)
        let shard = "shardId-000000000001"
        let expected = put.filter { $0.shard == shard }
        XCTAssertFalse(expected.isEmpty)

        let result = try kinescope(["tail", "--stream", "taps", "--shard", shard, "--from", "trim-horizon",
                                    "--until-caught-up", "--poll-interval", "200ms"])
        XCTAssertEqual(result.exitCode, 0, result.stderrText)
        let lines = try tailLines(result)
        XCTAssertEqual(Set(lines.map(\.shard)), [shard])
        assertExactlyOnce(lines, expected: expected)
        assertShardOrder(lines)
    }

    // MARK: Resharding
    //
    // What moto 5.2.1 does (read from moto/kinesis/models.py and checked with boto3; see
    // `kinesis_setup.py dump`):
    // - SplitShard closes the parent and creates two empty children. It then takes the parent's
    //   records out and puts them again through the stream's routing, which picks the *first* shard
    //   in creation order whose hash range holds the key, closed or not: the parent itself. So the
    //   parent gets its own records back (numbered 1…n again, in the same order, with new arrival
    //   times), the children stay empty, and every later record for that hash range also lands in
    //   the closed parent, whose EndingSequenceNumber keeps growing. Nothing is lost or copied.
    // - UpdateShardCount upwards splits every open shard that way: same outcome.
    // - UpdateShardCount downwards merges adjacent open shards; MergeShards *copies* both parents'
    //   records into the new child (new sequence numbers there) and leaves them in the parents, so
    //   each such record is stored twice. Later records again go to the closed original shards.
    // - GetRecords on a closed shard always returns a NextShardIterator (never null, unlike AWS),
    //   so a reader can only tell that it reached the end from being caught up.
    //
    // The tests therefore hold kinescope's output to exactly what moto stores, read independently
    // with boto3: each stored record (shard, sequence) exactly once, every id put at least once,
    // and a second copy of an id only in a shard that has a parent (a copy moto made). Should a
    // later moto move records into the children instead, the same checks still hold.

    func testSplitShardAfterSomeRecordsLosesNothing() throws {
        try setup(["create", "--stream", "split", "--shards", "3"])
        var put = try putRecords(stream: "split", count: 1200)
        let split = try setup(["split", "--stream", "split", "--shard", "shardId-000000000000"])
        XCTAssertEqual(split["shards"]?.array?.count, 5, "one shard split into two")
        put += try putRecords(stream: "split", count: 1200, start: 1200)
        try assertTailMatchesStoredRecords(stream: "split", put: put)
    }

    func testUpdateShardCountUpAfterSomeRecordsLosesNothing() throws {
        try setup(["create", "--stream", "grow", "--shards", "3"])
        var put = try putRecords(stream: "grow", count: 1000)
        let updated = try setup(["update-shard-count", "--stream", "grow", "--target", "6"])
        XCTAssertEqual(openShards(updated).count, 6)
        put += try putRecords(stream: "grow", count: 1000, start: 1000)
        try assertTailMatchesStoredRecords(stream: "grow", put: put)
    }

    func testUpdateShardCountDownAfterSomeRecordsLosesNothing() throws {
        try setup(["create", "--stream", "shrink", "--shards", "4"])
        var put = try putRecords(stream: "shrink", count: 1000)
        let updated = try setup(["update-shard-count", "--stream", "shrink", "--target", "2"])
        XCTAssertEqual(openShards(updated).count, 2)
        put += try putRecords(stream: "shrink", count: 1000, start: 1000)
        let copies = try assertTailMatchesStoredRecords(stream: "shrink", put: put)
        // moto copies the merged parents' records into the children (see above); kinescope reads
        // the children after their parents, so it shows those copies, and nothing else twice.
        let stored = try storedRecords(stream: "shrink")
        let merged = Set(openShards(try setup(["list", "--stream", "shrink"])))
        let inParents = Set(stored.filter { !merged.contains($0.shard) }.map(\.id))
        let copiesStored = stored.filter { merged.contains($0.shard) && inParents.contains($0.id) }.count
        XCTAssertEqual(copies, copiesStored, "every second sighting of an id is a copy moto stored in a merged shard")
    }

    // MARK: produce and stats

    func testProduceThenStatsCountsTheDemoTrafficOfThatSeed() throws {
        try setup(["create", "--stream", "demo", "--shards", "2"])
        let produced = try kinescope(["produce", "--stream", "demo", "--count", "500", "--rate", "max", "--seed", "7"])
        XCTAssertEqual(produced.exitCode, 0, produced.stderrText)
        XCTAssertTrue(produced.stdoutText.contains("500"), "reports what it put: \(produced.stdoutText)")

        let result = try kinescope(["stats", "--stream", "demo", "--from", "trim-horizon", "--until-caught-up",
                                    "--poll-interval", "200ms", "--format", "json"])
        XCTAssertEqual(result.exitCode, 0, result.stderrText)
        let summary = try parse(result.stdoutText, what: "stats --format json")
        XCTAssertEqual(summary.object?.members.map(\.key),
                       ["records", "events", "errors", "sessions", "clients", "by_type", "by_kind", "by_shard"])
        XCTAssertEqual(int(summary["records"]), 500)
        XCTAssertEqual(int(summary["events"]), 500)
        XCTAssertEqual(int(summary["errors"]), 0)
        let byShard = try counts(summary["by_shard"])
        XCTAssertEqual(Set(byShard.keys), ["shardId-000000000000", "shardId-000000000001"])
        XCTAssertEqual(byShard.values.reduce(0, +), 500)

        let demo = try ProcessRunner.run(try KinescopePackage.binary(),
                                         ["tail", "--demo", "--seed", "7", "--max-events", "500"], timeout: 60)
        XCTAssertEqual(demo.exitCode, 0, demo.stderrText)
        var demoByType: [String: Int] = [:]
        for line in demo.stdoutLines {
            let value = try parse(line, what: "tail --demo line")
            demoByType[value["event_type"]?.string ?? "(none)", default: 0] += 1
        }
        XCTAssertEqual(demoByType.values.reduce(0, +), 500)
        XCTAssertEqual(try counts(summary["by_type"]), demoByType,
                       "produce --seed 7 put other events than tail --demo --seed 7 shows")
    }

    // MARK: Errors

    func testMissingStreamIsAOneLineErrorNamingIt() throws {
        let result = try kinescope(["tail", "--stream", "no-such-stream-4242", "--from", "trim-horizon",
                                    "--until-caught-up", "--poll-interval", "200ms"], timeout: 60)
        XCTAssertEqual(result.exitCode, 1, "stdout: \(result.stdoutText.prefix(300)) stderr: \(result.stderrText)")
        XCTAssertEqual(result.stdoutText, "")
        XCTAssertEqual(result.stderrLines.count, 1, "one line: \(result.stderrText.debugDescription)")
        XCTAssertTrue(result.stderrText.contains("no-such-stream-4242"), result.stderrText)
    }

    func testUnknownShardIsAOneLineErrorNamingIt() throws {
        try setup(["create", "--stream", "three", "--shards", "3"])
        let result = try kinescope(["tail", "--stream", "three", "--shard", "shardId-999", "--from", "trim-horizon",
                                    "--until-caught-up", "--poll-interval", "200ms"], timeout: 60)
        XCTAssertEqual(result.exitCode, 1, "stdout: \(result.stdoutText.prefix(300)) stderr: \(result.stderrText)")
        XCTAssertEqual(result.stdoutText, "")
        XCTAssertEqual(result.stderrLines.count, 1, "one line: \(result.stderrText.debugDescription)")
        XCTAssertTrue(result.stderrText.contains("shardId-999") || result.stderrText.contains("shardId-000000000999"),
                      result.stderrText)
        XCTAssertTrue(result.stderrText.contains("three"), "names the stream: \(result.stderrText)")
    }

    /// moto checks signatures and IAM policies once `INITIAL_NO_AUTH_ACTION_COUNT` requests have
    /// been served (moto/core/authorization.py): the signature is recomputed with botocore's SigV4
    /// over the headers the request says it signed, using the secret of the IAM access key named in
    /// the Credential scope. An unknown key id is `InvalidClientTokenId`, a wrong secret
    /// `SignatureDoesNotMatch`, both HTTP 403 with an XML body, even for Kinesis (AWS itself answers
    /// Kinesis with JSON: UnrecognizedClientException, InvalidSignatureException).
    func testMotoWithSignatureChecksAcceptsTheRightKeyAndRejectsAWrongSecret() throws {
        // Three free requests: CreateUser, PutUserPolicy, CreateAccessKey. Everything after is signed
        // with the new key and checked, the setup's own CreateStream and PutRecords included.
        let secured = try MotoServer.start(environment: ["INITIAL_NO_AUTH_ACTION_COUNT": "3"])
        defer { secured.stop() }
        let user = try setup(["iam-user", "--user", "kinescope-tester"], endpoint: secured.endpoint)
        let keyID = try XCTUnwrap(user["access_key_id"]?.string)
        let secret = try XCTUnwrap(user["secret_access_key"]?.string)
        let key = Credentials(accessKeyID: keyID, secret: secret)
        try setup(["create", "--stream", "guarded", "--shards", "2"], endpoint: secured.endpoint, credentials: key)
        let put = try putRecords(stream: "guarded", count: 200, endpoint: secured.endpoint, credentials: key)

        let good = try kinescope(["tail", "--stream", "guarded", "--from", "trim-horizon", "--until-caught-up",
                                  "--poll-interval", "200ms"], endpoint: secured.endpoint, credentials: key)
        XCTAssertEqual(good.exitCode, 0, good.stderrText)
        let lines = try tailLines(good)
        assertExactlyOnce(lines, expected: put)

        let wrongSecret = "Wr0ngSecretKeyForKinescopeTests/0123456789"
        let bad = try kinescope(["tail", "--stream", "guarded", "--from", "trim-horizon", "--until-caught-up",
                                 "--poll-interval", "200ms"], endpoint: secured.endpoint,
                                credentials: Credentials(accessKeyID: keyID, secret: wrongSecret), timeout: 60)
        XCTAssertEqual(bad.exitCode, 1, "stdout: \(bad.stdoutText.prefix(300)) stderr: \(bad.stderrText)")
        XCTAssertEqual(bad.stdoutText, "")
        XCTAssertTrue(bad.stderrText.contains("SignatureDoesNotMatch"), "names the AWS error: \(bad.stderrText)")
        XCTAssertEqual(bad.stderrLines.count, 1, "one line: \(bad.stderrText.debugDescription)")
        for output in [bad.stdoutText, bad.stderrText] {
            XCTAssertFalse(output.contains(wrongSecret), "the secret was printed")
            XCTAssertFalse(output.contains(secret), "the secret was printed")
        }

        let unknownKey = try kinescope(["tail", "--stream", "guarded", "--from", "trim-horizon", "--until-caught-up",
                                        "--poll-interval", "200ms"], endpoint: secured.endpoint,
                                       credentials: Credentials(accessKeyID: "AKIAKINESCOPETESTS00", secret: wrongSecret),
                                       timeout: 60)
        XCTAssertEqual(unknownKey.exitCode, 1, unknownKey.stderrText)
        XCTAssertTrue(unknownKey.stderrText.contains("InvalidClientTokenId"), "names the AWS error: \(unknownKey.stderrText)")
        XCTAssertEqual(unknownKey.stderrLines.count, 1, "one line: \(unknownKey.stderrText.debugDescription)")
        XCTAssertFalse(unknownKey.stderrText.contains(wrongSecret), "the secret was printed")
    }

    // MARK: Failures on the way

    /// Connections reset before and after moto answered, 500s, throttling and slow answers (each
    /// about 7% of requests, and each at least once: `--guarantee`), with GetRecords pages capped at
    /// 50 records so that there are many calls to fail: the records still arrive exactly once and
    /// in order.
    func testTailThroughFaultyNetworkStillReadsEveryRecordOnce() throws {
        try setup(["create", "--stream", "flaky", "--shards", "3"])
        let put = try putRecords(stream: "flaky", count: 1500)

        let statsFile = awsHome.appendingPathComponent("fault-stats.json").path
        let python = try pythonExecutable()
        let proxy = try BackgroundProcess.start(python, [
            Self.support("fault_proxy.py").path, "--upstream", moto.endpoint, "--seed", "20240607",
            "--reset", "0.07", "--drop", "0.07", "--error500", "0.07", "--throttle", "0.07", "--delay", "0.07",
            "--guarantee", "--cap-get-records", "50", "--stats-file", statsFile, "--max-seconds", "150",
        ], label: "fault-proxy")
        defer { proxy.stop() }
        let portLine = try proxy.firstLine(timeout: 20)
        let port = try XCTUnwrap(Int(portLine), "fault_proxy printed \(portLine.debugDescription) instead of a port")

        let result = try kinescope(["tail", "--stream", "flaky", "--from", "trim-horizon", "--until-caught-up",
                                    "--poll-interval", "200ms"], endpoint: "http://127.0.0.1:\(port)", timeout: 120)
        XCTAssertEqual(result.exitCode, 0, "\(result.stderrText)\nproxy: \(proxy.outputTail())")
        let lines = try tailLines(result)
        XCTAssertEqual(lines.count, 1500)
        assertExactlyOnce(lines, expected: put)
        assertShardOrder(lines)

        let injected = try parse(String(contentsOfFile: statsFile, encoding: .utf8), what: "fault_proxy stats")
        for kind in ["reset", "drop", "500", "throttle", "delay"] {
            XCTAssertGreaterThan(int(injected[kind]) ?? 0, 0, "the proxy injected no \(kind): \(injected.compactJSON())")
        }
    }

    // MARK: Running things

    struct Credentials {
        var accessKeyID: String
        var secret: String
        static let testing = Credentials(accessKeyID: "testing", secret: "testing")
    }

    /// One record as PutRecords reported it, or as moto stores it.
    struct PutRecord: Hashable {
        var id: String
        var partitionKey: String
        var shard: String
        var sequence: String
    }

    /// One `tail` line, reduced to what these tests check.
    struct TailLine {
        var shard: String
        var sequence: String
        var partitionKey: String?
        var arrival: String?
        var kind: String?
        /// The `id` inside the record's JSON, put there by `kinesis_setup.py`.
        var id: String?
        var payloadPartitionKey: String?
    }

    static func support(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Support/\(name)")
    }

    private func pythonExecutable() throws -> URL {
        if let python = ProcessRunner.which("python3") { return python }
        if MotoServer.isCI { throw MotoServer.StartFailed(description: "python3 (with boto3) is needed for the Kinesis tests") }
        throw XCTSkip("python3 is not installed")
    }

    /// The AWS environment of every child: fixed test credentials and region, no profile, no real
    /// ~/.aws, no proxies for 127.0.0.1.
    private func environment(_ credentials: Credentials) -> [String: String] {
        [
            "AWS_ACCESS_KEY_ID": credentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": credentials.secret,
            "AWS_REGION": "us-east-1",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_CONFIG_FILE": awsHome.appendingPathComponent("config").path,
            "AWS_SHARED_CREDENTIALS_FILE": awsHome.appendingPathComponent("credentials").path,
            "AWS_EC2_METADATA_DISABLED": "true",
            "HOME": awsHome.path,
            "NO_PROXY": "127.0.0.1,localhost",
            "no_proxy": "127.0.0.1,localhost",
        ]
    }

    /// Runs a child with `environment(credentials)`, every other `AWS_*` variable of the test
    /// runner removed (a session token or profile from the CI machine must not get in).
    private func run(_ executable: URL, _ arguments: [String], credentials: Credentials, timeout: Double) throws -> ProcessResult {
        let environment = environment(credentials)
        let inherited = ProcessInfo.processInfo.environment.keys.filter { $0.hasPrefix("AWS_") && environment[$0] == nil }
        let unset = inherited.sorted().flatMap { ["-u", $0] }
        let envTool = ProcessRunner.which("env") ?? URL(fileURLWithPath: "/usr/bin/env")
        return try ProcessRunner.run(envTool, unset + [executable.path] + arguments, environment: environment, timeout: timeout)
    }

    private func kinescope(_ arguments: [String], endpoint: String? = nil, credentials: Credentials = .testing,
                           timeout: Double = 90) throws -> ProcessResult {
        try run(try KinescopePackage.binary(), arguments + ["--endpoint-url", endpoint ?? moto.endpoint],
                credentials: credentials, timeout: timeout)
    }

    /// Runs `kinesis_setup.py` and returns the JSON it printed.
    @discardableResult
    private func setup(_ arguments: [String], endpoint: String? = nil, credentials: Credentials = .testing,
                       file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue {
        let result = try run(try pythonExecutable(),
                             [Self.support("kinesis_setup.py").path, "--endpoint-url", endpoint ?? moto.endpoint] + arguments,
                             credentials: credentials, timeout: 60)
        guard result.exitCode == 0 else {
            let failure = MotoServer.StartFailed(description: "kinesis_setup.py \(arguments.joined(separator: " ")) failed "
                + "(exit \(result.exitCode)): \(result.stderrText.suffix(1500))")
            XCTFail(failure.description, file: file, line: line)
            throw failure
        }
        return try parse(result.stdoutText, what: "kinesis_setup.py \(arguments.first ?? "") output", file: file, line: line)
    }

    private func putRecords(stream: String, count: Int, start: Int = 0, endpoint: String? = nil,
                            credentials: Credentials = .testing) throws -> [PutRecord] {
        let answer = try setup(["put", "--stream", stream, "--count", String(count), "--start", String(start)],
                               endpoint: endpoint, credentials: credentials)
        let records = try records(answer)
        XCTAssertEqual(records.count, count)
        return records
    }

    /// Every record moto holds, in every shard, as boto3 reads it.
    private func storedRecords(stream: String) throws -> [PutRecord] {
        try records(try setup(["dump", "--stream", stream]))
    }

    private func records(_ answer: JSONValue) throws -> [PutRecord] {
        let items = try XCTUnwrap(answer["records"]?.array, "no records in \(answer.compactJSON().prefix(200))")
        return try items.map { item in
            PutRecord(id: try XCTUnwrap(item["id"]?.string), partitionKey: try XCTUnwrap(item["partition_key"]?.string),
                      shard: try XCTUnwrap(item["shard"]?.string), sequence: try XCTUnwrap(item["sequence"]?.string))
        }
    }

    private func openShards(_ listing: JSONValue) -> [String] {
        (listing["shards"]?.array ?? []).compactMap { shard in
            shard["ending_sequence"] == .null ? shard["shard"]?.string : nil
        }
    }

    /// Shards that came from resharding (they name a parent).
    private func childShards(stream: String) throws -> Set<String> {
        let listing = try setup(["list", "--stream", stream])
        return Set((listing["shards"]?.array ?? []).compactMap { shard in
            shard["parent"]?.string != nil ? shard["shard"]?.string : nil
        })
    }

    // MARK: Checking

    private func tailLines(_ result: ProcessResult, file: StaticString = #filePath, line: UInt = #line) throws -> [TailLine] {
        try result.stdoutLines.enumerated().map { number, text in
            let value = try parse(text, what: "tail line \(number + 1)", file: file, line: line)
            let shard = try XCTUnwrap(value["shard"]?.string, "no shard: \(text.prefix(300))", file: file, line: line)
            let sequence = try XCTUnwrap(value["sequence"]?.string, "no sequence: \(text.prefix(300))", file: file, line: line)
            XCTAssertTrue(!sequence.isEmpty && sequence.allSatisfy(\.isASCII) && sequence.allSatisfy(\.isNumber),
                          "sequence is not a decimal number: \(sequence)", file: file, line: line)
            return TailLine(shard: shard, sequence: sequence, partitionKey: value["partition_key"]?.string,
                            arrival: value["arrival"]?.string, kind: value["kind"]?.string,
                            id: value["event"]?["id"]?.string,
                            payloadPartitionKey: value["event"]?["partition_key"]?.string)
        }
    }

    /// Each expected record once, at the shard and sequence number PutRecords (or moto) gave it,
    /// with its partition key; nothing else.
    private func assertExactlyOnce(_ lines: [TailLine], expected: [PutRecord],
                                   file: StaticString = #filePath, line: UInt = #line) {
        var seen: [String: Int] = [:]
        for tail in lines {
            seen[tail.id ?? "(no id)", default: 0] += 1
        }
        let twice = seen.filter { $0.value > 1 }.keys.sorted()
        XCTAssertTrue(twice.isEmpty, "\(twice.count) ids read more than once, e.g. \(twice.prefix(5))", file: file, line: line)
        let expectedByID = Dictionary(expected.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let missing = expected.map(\.id).filter { seen[$0] == nil }
        XCTAssertTrue(missing.isEmpty, "\(missing.count) of \(expected.count) records never read, e.g. \(missing.prefix(5))",
                      file: file, line: line)
        let unexpected = seen.keys.filter { expectedByID[$0] == nil }.sorted()
        XCTAssertTrue(unexpected.isEmpty, "read records that were not expected: \(unexpected.prefix(5))", file: file, line: line)
        var mismatches: [String] = []
        for tail in lines {
            guard let id = tail.id, let record = expectedByID[id] else { continue }
            if tail.shard != record.shard || tail.sequence != record.sequence || tail.partitionKey != record.partitionKey
                || tail.payloadPartitionKey != record.partitionKey {
                mismatches.append("\(id): read \(tail.shard)/\(tail.sequence)/\(tail.partitionKey ?? "nil"), "
                    + "put \(record.shard)/\(record.sequence)/\(record.partitionKey)")
            }
        }
        XCTAssertTrue(mismatches.isEmpty, "\(mismatches.count) records differ from what was put: \(mismatches.prefix(3))",
                      file: file, line: line)
    }

    /// Per shard, sequence numbers strictly increase (compared as decimal numbers of any length).
    private func assertShardOrder(_ lines: [TailLine], file: StaticString = #filePath, line: UInt = #line) {
        var last: [String: String] = [:]
        var disorders: [String] = []
        for tail in lines {
            if let previous = last[tail.shard], !Self.sequence(previous, isBelow: tail.sequence) {
                disorders.append("\(tail.shard): \(tail.sequence) after \(previous)")
            }
            last[tail.shard] = tail.sequence
        }
        XCTAssertTrue(disorders.isEmpty, "\(disorders.count) records out of shard order, e.g. \(disorders.prefix(3))",
                      file: file, line: line)
    }

    /// Kinesis sequence numbers are decimal strings of up to 128 bits: shorter is smaller, equal
    /// lengths compare as text.
    static func sequence(_ a: String, isBelow b: String) -> Bool {
        a.count != b.count ? a.count < b.count : a < b
    }

    /// Tails the stream from TRIM_HORIZON and holds the output to what moto stores (see the note
    /// on resharding above). Returns how many lines were second sightings of an id.
    @discardableResult
    private func assertTailMatchesStoredRecords(stream: String, put: [PutRecord],
                                                file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let stored = try storedRecords(stream: stream)
        let children = try childShards(stream: stream)
        let result = try kinescope(["tail", "--stream", stream, "--from", "trim-horizon", "--until-caught-up",
                                    "--poll-interval", "200ms"], timeout: 120)
        XCTAssertEqual(result.exitCode, 0, result.stderrText, file: file, line: line)
        let lines = try tailLines(result, file: file, line: line)
        assertShardOrder(lines, file: file, line: line)

        // Each stored record exactly once: (shard, sequence) identifies it.
        var read: [String: TailLine] = [:]
        var repeated: [String] = []
        for tail in lines {
            let key = "\(tail.shard)/\(tail.sequence)"
            if read[key] != nil { repeated.append(key) }
            read[key] = tail
        }
        XCTAssertTrue(repeated.isEmpty, "\(repeated.count) stored records read more than once, e.g. \(repeated.prefix(5))",
                      file: file, line: line)
        let storedByKey = Dictionary(stored.map { ("\($0.shard)/\($0.sequence)", $0) }, uniquingKeysWith: { first, _ in first })
        let missing = storedByKey.keys.filter { read[$0] == nil }.sorted()
        XCTAssertTrue(missing.isEmpty, "\(missing.count) of \(stored.count) stored records never read, e.g. \(missing.prefix(5))",
                      file: file, line: line)
        let extra = read.keys.filter { storedByKey[$0] == nil }.sorted()
        XCTAssertTrue(extra.isEmpty, "read records moto does not store: \(extra.prefix(5))", file: file, line: line)
        let wrong = read.compactMap { key, tail -> String? in
            guard let record = storedByKey[key], tail.id != record.id || tail.partitionKey != record.partitionKey else { return nil }
            return "\(key): read \(tail.id ?? "nil"), stored \(record.id)"
        }
        XCTAssertTrue(wrong.isEmpty, "records differ from what moto stores: \(wrong.prefix(3))", file: file, line: line)

        // Every id put is there; an id seen twice has at most one sighting outside child shards.
        var sightings: [String: [String]] = [:]
        for tail in lines { sightings[tail.id ?? "(no id)", default: []].append(tail.shard) }
        let lost = put.map(\.id).filter { sightings[$0] == nil }
        XCTAssertTrue(lost.isEmpty, "\(lost.count) of \(put.count) records put were lost, e.g. \(lost.prefix(5))",
                      file: file, line: line)
        let unexplained = sightings.filter { _, shards in shards.count > 1 && shards.filter { !children.contains($0) }.count > 1 }
        XCTAssertTrue(unexplained.isEmpty, "ids read twice outside shards moto copied into: \(unexplained.prefix(3))",
                      file: file, line: line)
        return sightings.values.reduce(0) { $0 + $1.count - 1 }
    }

    // MARK: JSON

    private func parse(_ text: String, what: String, file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue {
        do {
            return try JSONParser.parse(Array(text.utf8))
        } catch {
            XCTFail("\(what) is not valid JSON (\(error)): \(text.prefix(300))", file: file, line: line)
            throw error
        }
    }

}
