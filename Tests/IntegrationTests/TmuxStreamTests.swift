import Foundation
import XCTest

/// The TUI on a live stream: `kinescope watch --stream` against moto's Kinesis in tmux, while
/// `kinescope produce` puts demo traffic into the stream. The events, their rate and the shards'
/// state must appear on screen.
final class TmuxStreamTests: XCTestCase {
    private var driver: TmuxDriver?
    private var moto: MotoServer?
    private var home: URL?

    override func setUpWithError() throws {
        try super.setUpWithError()
        guard let tmux = ProcessRunner.which("tmux") else { throw XCTSkip("tmux is not installed") }
        if ProcessRunner.which("moto_server") == nil && !MotoServer.isCI { throw XCTSkip("moto_server is not installed") }
        moto = try MotoServer.start()
        driver = try TmuxDriver(tmux: tmux)
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("kinescope-tui-aws-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        self.home = home
    }

    override func tearDown() {
        driver?.kill()
        moto?.stop()
        if let home { try? FileManager.default.removeItem(at: home) }
        super.tearDown()
    }

    /// Test credentials and region only; nothing of the machine's AWS setup.
    private var awsEnvironment: [String] {
        ["AWS_ACCESS_KEY_ID=testing", "AWS_SECRET_ACCESS_KEY=testing", "AWS_REGION=us-east-1",
         "AWS_DEFAULT_REGION=us-east-1", "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null",
         "HOME=\(home!.path)"]
    }

    private func kinescope(_ arguments: [String], timeout: Double = 60) throws -> ProcessResult {
        let env = ProcessRunner.which("env") ?? URL(fileURLWithPath: "/usr/bin/env")
        return try ProcessRunner.run(env, ["-i", "PATH=/usr/bin:/bin"] + awsEnvironment + [try KinescopePackage.binary().path] + arguments,
                                     timeout: timeout)
    }

    func testWatchingAStreamShowsEventsRatesAndShards() throws {
        let tmux = try XCTUnwrap(driver)
        let endpoint = try XCTUnwrap(moto).endpoint
        let python = try XCTUnwrap(ProcessRunner.which("python3"))
        let setup = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Support/kinesis_setup.py")
        let env = ProcessRunner.which("env") ?? URL(fileURLWithPath: "/usr/bin/env")
        let created = try ProcessRunner.run(env, awsEnvironment + [python.path, setup.path, "--endpoint-url", endpoint,
                                                                   "create", "--stream", "live", "--shards", "2"], timeout: 60)
        XCTAssertEqual(created.exitCode, 0, created.stderrText)

        try tmux.start(["env"] + awsEnvironment + [try KinescopePackage.binary().path, "watch", "--stream", "live",
                                                    "--endpoint-url", endpoint, "--poll-interval", "200ms"],
                       width: 120, height: 40)
        try tmux.waitForScreen("the stream's shards caught up in the header") {
            $0.lines.first?.contains("stream live") == true && $0.lines.first?.contains("2 shards caught up") == true
        }

        let produced = try kinescope(["produce", "--stream", "live", "--endpoint-url", endpoint,
                                      "--count", "150", "--rate", "60/s", "--seed", "5"])
        XCTAssertEqual(produced.exitCode, 0, produced.stderrText)
        XCTAssertTrue(produced.stdoutText.contains("put 150 records into live"), produced.stdoutText)

        try tmux.waitForScreen("all 150 events on screen, with a rate", timeout: 15) { screen in
            guard let header = screen.lines.first else { return false }
            return header.contains("150 events") && screen.contains("_session.start") && screen.contains("Sessions (")
        }
        let header = try tmux.capture().lines[0]
        XCTAssertFalse(header.contains(" 0 ev/s"), "the rate counts the events just read: \(header)")

        try tmux.sendKeys("S")
        let shards = try XCTUnwrap(try tmux.waitForScreen("the shards view with records read") { screen in
            screen.contains("┌Shards") && screen.contains("shardId-000000000000") && screen.contains("shardId-000000000001")
        })
        // Rows end "… lag records rec/s throttles retries │" while no error is left to show.
        let rows = shards.lines.filter { $0.contains("│ shardId-") }.map { row in
            row.split(separator: " ").dropLast().suffix(5).map(String.init)
        }
        XCTAssertEqual(rows.count, 2, shards.description)
        let records = rows.compactMap { Int($0[1].replacingOccurrences(of: ",", with: "")) }
        XCTAssertEqual(records.reduce(0, +), 150, "the shards' record counts add up to what was put: \(shards)")
        let rates = rows.compactMap { Double($0[2]) }
        XCTAssertEqual(rates.count, 2, shards.description)
        // At most 150 records in the last 10 complete seconds: 15 a second in all. The second still
        // open holds at most one second of the 60/s puts, so at least 90 of them are counted.
        XCTAssertTrue(rates.allSatisfy { $0 > 0 }, "each shard read records in the last 10 s: \(shards)")
        XCTAssertTrue((9...15.01).contains(rates.reduce(0, +)), "rec/s adds up to 9–15 (150 records / 10 s): \(shards)")
        try tmux.sendKeys("Escape")
        try tmux.sendKeys("q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }
}
