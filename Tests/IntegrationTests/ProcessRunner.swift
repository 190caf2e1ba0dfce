import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a finished child process left behind.
struct ProcessResult: Sendable {
    var exitCode: Int32
    var stdout: [UInt8]
    var stderr: [UInt8]

    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    /// stdout split on "\n", without the empty piece after the final newline.
    var stdoutLines: [String] { Self.lines(stdoutText) }
    var stderrLines: [String] { Self.lines(stderrText) }

    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// A child process that did not finish in time: it was killed so the test fails instead of hanging.
struct ProcessTimedOut: Error, CustomStringConvertible {
    var command: String
    var seconds: Double
    var partialStdout: String
    var partialStderr: String

    var description: String {
        "\(command) did not finish within \(seconds) s and was killed; "
            + "stdout so far: \(partialStdout.prefix(500).debugDescription), stderr so far: \(partialStderr.prefix(500).debugDescription)"
    }
}

/// Runs a program to completion with a deadline. stdout and stderr go to temporary files (so a
/// chatty child can never block on a full pipe); stdin is either empty or the given bytes, written
/// through a pipe the way a shell pipeline would.
enum ProcessRunner {
    private static let ignoreSIGPIPE: Void = {
        // Writing stdin to a child that exited early must fail with EPIPE, not kill the test runner.
        signal(SIGPIPE, SIG_IGN)
    }()

    /// Variables that would make a test depend on the machine it runs on: the developer's config
    /// file and glyph choice.
    static let machineVariables = ["KINESCOPE_CONFIG", "KINESCOPE_GLYPHS"]

    /// The environment every child starts from: ours without `machineVariables`, and with
    /// `XDG_CONFIG_HOME` set to an empty directory, so no test reads the developer's
    /// ~/.config/kinescope/config.toml. A test that wants a config sets these itself.
    static let childEnvironment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        for name in machineVariables { environment[name] = nil }
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("kinescope-test-xdg-\(getpid())")
        try? FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        environment["XDG_CONFIG_HOME"] = empty.path
        return environment
    }()

    static func run(_ executable: URL, _ arguments: [String], stdin: [UInt8]? = nil,
                    environment: [String: String] = [:], timeout: Double = 30) throws -> ProcessResult {
        _ = ignoreSIGPIPE
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("kinescope-run-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
              FileManager.default.createFile(atPath: errURL.path, contents: nil) else {
            throw SpawnFailed(command: executable.path, reason: "cannot create output files in \(scratch.path)")
        }
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer {
            try? outHandle.close()
            try? errHandle.close()
        }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = childEnvironment.merging(environment) { _, new in new }
        process.standardOutput = outHandle
        process.standardError = errHandle
        let inputPipe: Pipe?
        if stdin != nil {
            let pipe = Pipe()
            process.standardInput = pipe
            inputPipe = pipe
        } else {
            process.standardInput = FileHandle.nullDevice
            inputPipe = nil
        }
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()

        if let inputPipe, let stdin {
            let writer = inputPipe.fileHandleForWriting
            let data = Data(stdin)
            DispatchQueue.global().async {
                try? writer.write(contentsOf: data)
                try? writer.close()
            }
        }

        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                _ = finished.wait(timeout: .now() + 2)
            }
            throw ProcessTimedOut(command: ([executable.lastPathComponent] + arguments).joined(separator: " "),
                                  seconds: timeout,
                                  partialStdout: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
                                  partialStderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
        }
        process.waitUntilExit()
        return ProcessResult(exitCode: process.terminationStatus,
                             stdout: Array(try Data(contentsOf: outURL)),
                             stderr: Array(try Data(contentsOf: errURL)))
    }

    /// Runs a program with `posix_spawn` rather than Foundation's `Process`, for programs that leave
    /// a daemon behind (`tmux new-session` forks the tmux server). `Process` on Linux learns that a
    /// child exited when a socket the child inherited is closed; a daemon keeps that socket open,
    /// so `Process` would wait for the daemon instead of the command. stdin is /dev/null.
    static func runSpawned(_ executable: URL, _ arguments: [String], timeout: Double = 10) throws -> ProcessResult {
        _ = ignoreSIGPIPE
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("kinescope-spawn-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outPath = scratch.appendingPathComponent("stdout").path
        let errPath = scratch.appendingPathComponent("stderr").path

        let pid = try spawn(executable, arguments, environment: nil, stdoutPath: outPath, stderrPath: errPath,
                            newProcessGroup: false)

        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            if waited < 0 && errno != EINTR {
                throw SpawnFailed(command: executable.path, reason: "waitpid: \(String(cString: strerror(errno)))")
            }
            if Date() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw ProcessTimedOut(command: ([executable.lastPathComponent] + arguments).joined(separator: " "),
                                      seconds: timeout,
                                      partialStdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                                      partialStderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
            }
            usleep(5_000)
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import (they are macros).
        let signalNumber = status & 0x7f
        let exitCode = signalNumber == 0 ? (status >> 8) & 0xff : 128 + signalNumber
        return ProcessResult(exitCode: exitCode,
                             stdout: Array(try Data(contentsOf: URL(fileURLWithPath: outPath))),
                             stderr: Array(try Data(contentsOf: URL(fileURLWithPath: errPath))))
    }

    struct SpawnFailed: Error, CustomStringConvertible {
        var command: String
        var reason: String
        var description: String { "cannot start \(command): \(reason)" }
    }

    /// The first executable called `name` on PATH, or nil.
    /// Starts `executable` with stdin from /dev/null and stdout/stderr into the given files, SIGPIPE
    /// back at its default (this process ignores it), optionally in a process group of its own.
    /// `environment` is merged over `childEnvironment` (ours, isolated from the machine's config).
    static func spawn(_ executable: URL, _ arguments: [String], environment: [String: String]?,
                      stdoutPath: String, stderrPath: String, newProcessGroup: Bool) throws -> pid_t {
        #if os(Linux)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // This process ignores SIGPIPE (see above); the child, and a daemon it starts, should not.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var flags = POSIX_SPAWN_SETSIGDEF
        if newProcessGroup {
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= POSIX_SPAWN_SETPGROUP
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned: Int32
        let merged = childEnvironment.merging(environment ?? [:]) { _, new in new }
        let envp: [UnsafeMutablePointer<CChar>?] = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        spawned = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw SpawnFailed(command: executable.path, reason: String(cString: strerror(spawned)))
        }
        return pid
    }

    static func which(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}

/// The package under test: its root, its fixtures, and the `kinescope` executable that
/// `swift test` builds next to the test bundle.
enum KinescopePackage {
    /// Tests/IntegrationTests/<this file> → the package root.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    static let fixtures = root.appendingPathComponent("Tests/Fixtures")

    static func fixture(_ name: String) -> URL { fixtures.appendingPathComponent(name) }

    struct BinaryMissing: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "the kinescope executable was not found (looked in: \(searched.joined(separator: ", "))); "
                + "build it with `swift build` (swift test builds it first), or set KINESCOPE_BIN"
        }
    }

    /// The `kinescope` executable: `KINESCOPE_BIN` if set, else the products directory holding the
    /// running test bundle (found by walking up from the test executable, which on Linux is
    /// `.build/<triple>/debug/<Package>PackageTests.xctest` and on macOS sits inside the bundle),
    /// else `.build/debug` under the package root.
    static func binary() throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let override = environment["KINESCOPE_BIN"], !override.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: override) else {
                throw BinaryMissing(searched: ["KINESCOPE_BIN=\(override)"])
            }
            return URL(fileURLWithPath: override)
        }
        var directories: [URL] = []
        for start in [Bundle.main.executableURL, Bundle.main.bundleURL,
                      URL(fileURLWithPath: CommandLine.arguments.first ?? "")] {
            guard var directory = start?.resolvingSymlinksInPath().deletingLastPathComponent() else { continue }
            for _ in 0..<4 {
                directories.append(directory)
                directory = directory.deletingLastPathComponent()
            }
        }
        directories.append(root.appendingPathComponent(".build/debug"))
        var searched: [String] = []
        for directory in directories {
            let candidate = directory.appendingPathComponent("kinescope")
            if searched.contains(candidate.path) { continue }
            searched.append(candidate.path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        throw BinaryMissing(searched: searched)
    }
}
