import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every write to stdout is checked (DESIGN §3): a full device or a closed stdout ends `tail` and
/// `stats` with exit 1 and one line naming the reason; a reader that went away (EPIPE, as in
/// `tail | head -1`) ends them quietly with exit 0.
///
/// The redirections are a shell's, started with SIGPIPE at its default as a login shell has it
/// (`ProcessRunner.runSpawned`), so the broken pipe is met the way users meet it.
final class WriteFailureCLITests: XCTestCase {
    /// `sh -c '<before>"$0" "$@" <redirect>' kinescope ARGS…`
    private func kinescope(_ arguments: [String], before: String = "", redirect: String, timeout: Double = 60) throws -> ProcessResult {
        let binary = try KinescopePackage.binary()
        return try ProcessRunner.runSpawned(URL(fileURLWithPath: "/bin/sh"),
                                            ["-c", "\(before)\"$0\" \"$@\" \(redirect)", binary.path] + arguments, timeout: timeout)
    }

    private func assertOneLineFailure(_ result: ProcessResult, reason: String, _ what: String,
                                      file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.exitCode, 1, "\(what): \(result.stderrText)", file: file, line: line)
        XCTAssertEqual(result.stderrLines, ["kinescope: cannot write to stdout: \(reason)"], what, file: file, line: line)
    }

    private var deviceFull: Bool { FileManager.default.fileExists(atPath: "/dev/full") }

    func testTailToAFullDeviceIsExitOneWithTheReason() throws {
        guard deviceFull else { throw XCTSkip("/dev/full is Linux's") }
        for arguments in [["tail", "--demo", "--max-events", "5000"],
                          ["tail", "--raw", "--demo", "--max-events", "5000"],
                          ["tail", "--file", KinescopePackage.fixture("seed-pinpoint-event.json").path]] {
            let result = try kinescope(arguments, redirect: "> /dev/full")
            assertOneLineFailure(result, reason: "No space left on device", arguments.joined(separator: " "))
        }
    }

    func testStatsToAFullDeviceIsExitOneWithTheReason() throws {
        guard deviceFull else { throw XCTSkip("/dev/full is Linux's") }
        for format in ["text", "json"] {
            let result = try kinescope(["stats", "--demo", "--max-events", "500", "--format", format], redirect: "> /dev/full")
            assertOneLineFailure(result, reason: "No space left on device", "stats --format \(format)")
        }
    }

    func testClosedStdoutIsExitOneBeforeReading() throws {
        for arguments in [["tail", "--demo", "--max-events", "100"], ["tail", "--raw", "--demo", "--max-events", "100"],
                          ["stats", "--demo", "--max-events", "100"], ["stats", "--demo", "--format", "json", "--max-events", "100"]] {
            let result = try kinescope(arguments, redirect: ">&-")
            assertOneLineFailure(result, reason: "Bad file descriptor", arguments.joined(separator: " ") + " >&-")
        }
    }

    /// `tail | head -1`: the reader closes the pipe after one line while tail has thousands more.
    func testReaderGoingAwayIsQuietAndExitZero() throws {
        let status = FileManager.default.temporaryDirectory.appendingPathComponent("kinescope-epipe-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: status) }
        for arguments in [["tail", "--demo", "--max-events", "200000"], ["tail", "--raw", "--demo", "--max-events", "200000"]] {
            // `{ kinescope ARGS; echo $? > status; } | head -n 1`, kinescope's stderr not in the pipe.
            let result = try kinescope(arguments, before: "{ ", redirect: "; echo $? > '\(status.path)'; } | head -n 1",
                                       timeout: 120)
            XCTAssertEqual(result.exitCode, 0, result.stderrText)
            XCTAssertEqual(result.stdoutLines.count, 1)
            XCTAssertTrue(result.stdoutText.hasPrefix("{\""), "head printed something other than a line of tail: \(result.stdoutText.prefix(200))")
            let code = try String(contentsOf: status, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            XCTAssertEqual(code, "0", "\(arguments.joined(separator: " ")) | head -n 1 ended with \(code)")
            XCTAssertEqual(result.stderrText, "")
        }
    }
}
