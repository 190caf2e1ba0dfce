import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `moto_server` child process on a free local port: a stand-in for AWS that the integration
/// tests point `kinescope --endpoint-url` at.
///
/// ```swift
/// let moto = try MotoServer.start()
/// defer { moto.stop() }
/// // … kinescope tail --stream S --endpoint-url moto.endpoint …
/// try moto.reset()   // forget every stream, user and key
/// ```
///
/// Where moto is not installed the tests are skipped, except under CI (`CI` set), where a missing
/// moto is a failure: a green CI run must mean the Kinesis tests ran.
final class MotoServer: @unchecked Sendable {
    let port: Int
    /// `http://127.0.0.1:PORT`
    let endpoint: String
    private let process: BackgroundProcess

    private init(port: Int, process: BackgroundProcess) {
        self.port = port
        self.endpoint = "http://127.0.0.1:\(port)"
        self.process = process
    }

    struct StartFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// `moto_server` on PATH; `XCTSkip` if absent outside CI, an error in CI.
    static func executable() throws -> URL {
        if let url = ProcessRunner.which("moto_server") { return url }
        if isCI {
            throw StartFailed(description: "moto_server is not on PATH, and CI is set: install it with `pip install 'moto[server]'`")
        }
        throw XCTSkip("moto_server is not installed (pip install 'moto[server]'); skipping the Kinesis tests")
    }

    static var isCI: Bool {
        !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty
    }

    /// Starts `moto_server -H 127.0.0.1 -p <free port>` and waits until it answers HTTP.
    /// `environment` is added to the server's own, e.g. `INITIAL_NO_AUTH_ACTION_COUNT` to turn on
    /// moto's IAM checks (signatures and policies) after that many requests.
    static func start(environment: [String: String] = [:], timeout: Double = 20) throws -> MotoServer {
        let executable = try executable()
        var lastFailure = ""
        // The free port can be taken by someone else between probing and moto binding it; try again then.
        for _ in 0..<3 {
            let port = try FreePort.pick()
            var command = [executable.path, "-H", "127.0.0.1", "-p", String(port)]
            // Should the test runner die without stopping it, moto still goes away in the end.
            if let timeout = ProcessRunner.which("timeout") { command = [timeout.path, "900"] + command }
            let process = try BackgroundProcess.start(URL(fileURLWithPath: command[0]), Array(command.dropFirst()),
                                                      environment: environment, label: "moto-\(port)")
            let server = MotoServer(port: port, process: process)
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if !process.isRunning { break }
                if let answer = try? LocalHTTP.request(port: port, method: "GET", path: "/moto-api/reset", timeout: 2),
                   answer.status > 0 {
                    return server
                }
                usleep(100_000)
            }
            lastFailure = process.isRunning
                ? "moto_server did not answer on port \(port) within \(timeout) s"
                : "moto_server exited (\(process.exitDescription))"
            lastFailure += "; its output: \(process.outputTail())"
            server.stop()
        }
        throw StartFailed(description: lastFailure)
    }

    /// `POST /moto-api/reset`: every backend back to empty (streams, IAM users and keys).
    func reset() throws {
        let answer = try LocalHTTP.request(port: port, method: "POST", path: "/moto-api/reset", timeout: 10)
        guard answer.status == 200 else {
            throw StartFailed(description: "moto reset answered HTTP \(answer.status): \(answer.body.prefix(200))")
        }
    }

    var isRunning: Bool { process.isRunning }

    /// The server's own log, for failure messages.
    func outputTail() -> String { process.outputTail() }

    /// SIGTERM, then SIGKILL if it has not gone after a few seconds.
    func stop() { process.stop() }

    deinit { process.stop() }
}

/// One moto server shared by the tests of a class: started by the first test that needs it, reset
/// before each later one, stopped in the class's `tearDown`.
final class SharedMotoServer: @unchecked Sendable {
    private let lock = NSLock()
    private var server: MotoServer?
    private let environment: [String: String]

    init(environment: [String: String] = [:]) {
        self.environment = environment
    }

    /// A running, empty server.
    func acquire() throws -> MotoServer {
        lock.lock()
        defer { lock.unlock() }
        if let server, server.isRunning {
            try server.reset()
            return server
        }
        server?.stop()
        server = nil
        let started = try MotoServer.start(environment: environment)
        server = started
        return started
    }

    func stop() {
        lock.lock()
        defer { lock.unlock() }
        server?.stop()
        server = nil
    }
}

/// A long-running child (a server) started with `posix_spawn` in its own process group, so that
/// stopping it also stops anything it started. stdout and stderr go to files, never to a pipe
/// that could fill up and block it.
final class BackgroundProcess: @unchecked Sendable {
    let pid: pid_t
    let label: String
    let stdoutPath: String
    let stderrPath: String
    private let scratch: URL
    private let lock = NSLock()
    private var exitStatus: Int32?
    private var stopped = false

    private init(pid: pid_t, label: String, scratch: URL) {
        self.pid = pid
        self.label = label
        self.scratch = scratch
        self.stdoutPath = scratch.appendingPathComponent("stdout").path
        self.stderrPath = scratch.appendingPathComponent("stderr").path
    }

    static func start(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                      label: String) throws -> BackgroundProcess {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("kinescope-bg-\(getpid())-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let outPath = scratch.appendingPathComponent("stdout").path
        let errPath = scratch.appendingPathComponent("stderr").path

        let pid: pid_t
        do {
            // A process group of its own, so stopping the server also stops what it started.
            pid = try ProcessRunner.spawn(executable, arguments, environment: environment, stdoutPath: outPath,
                                          stderrPath: errPath, newProcessGroup: true)
        } catch {
            try? FileManager.default.removeItem(at: scratch)
            throw error
        }
        return BackgroundProcess(pid: pid, label: label, scratch: scratch)
    }

    /// Reaps the child if it has exited; true while it runs.
    var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return reap(blocking: false) == nil
    }

    var exitDescription: String {
        lock.lock()
        defer { lock.unlock() }
        guard let status = reap(blocking: false) else { return "still running" }
        let signalNumber = status & 0x7f
        return signalNumber == 0 ? "exit code \((status >> 8) & 0xff)" : "killed by signal \(signalNumber)"
    }

    var stdoutText: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderrText: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// The end of stdout and stderr, for failure messages.
    func outputTail(_ characters: Int = 1500) -> String {
        "stdout: \(String(stdoutText.suffix(characters)).debugDescription), stderr: \(String(stderrText.suffix(characters)).debugDescription)"
    }

    /// Waits for the first complete line on stdout (a server announcing its port).
    func firstLine(timeout: Double) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = stdoutText
            if let newline = text.firstIndex(of: "\n") {
                return String(text[..<newline]).trimmingCharacters(in: .whitespaces)
            }
            guard isRunning else {
                throw MotoServer.StartFailed(description: "\(label) exited (\(exitDescription)) before printing a line; \(outputTail())")
            }
            usleep(50_000)
        }
        throw MotoServer.StartFailed(description: "\(label) printed no line within \(timeout) s; \(outputTail())")
    }

    /// SIGTERM to the process group, SIGKILL after 5 s; idempotent.
    func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        if reap(blocking: false) == nil {
            kill(-pid, SIGTERM)
            let deadline = Date().addingTimeInterval(5)
            while reap(blocking: false) == nil && Date() < deadline { usleep(20_000) }
            if reap(blocking: false) == nil {
                kill(-pid, SIGKILL)
                _ = reap(blocking: true)
            }
        }
        // Stragglers in the group (none expected) must not outlive the test either.
        kill(-pid, SIGKILL)
        try? FileManager.default.removeItem(at: scratch)
    }

    /// The wait status once the child has exited; nil while it runs. Call with `lock` held.
    private func reap(blocking: Bool) -> Int32? {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        while true {
            let waited = waitpid(pid, &status, blocking ? 0 : WNOHANG)
            if waited == pid {
                exitStatus = status
                return status
            }
            if waited == 0 { return nil }
            if errno == EINTR { continue }
            // ECHILD: someone else reaped it; treat it as gone.
            exitStatus = -1
            return -1
        }
    }

    deinit { stop() }
}

/// A TCP port on 127.0.0.1 that nothing listens on right now: bind port 0, read what the kernel
/// chose, close.
enum FreePort {
    static func pick() throws -> Int {
        do {
            let (fd, port) = try LocalHTTP.boundSocket(listening: false)
            close(fd)
            return port
        } catch let error as LocalHTTP.Failed {
            throw MotoServer.StartFailed(description: error.description)
        }
    }
}

/// A minimal HTTP/1.1 client for 127.0.0.1 (one request per connection, `Connection: close`),
/// enough to poll and reset moto without pulling a networking stack into the test target.
enum LocalHTTP {
    struct Answer {
        var status: Int
        var body: String
    }

    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    /// A TCP socket bound to 127.0.0.1 on a port the kernel chose (and listening, when asked),
    /// with that port; the caller closes it.
    static func boundSocket(listening: Bool) throws -> (fd: Int32, port: Int) {
        let fd = try tcpSocket()
        func fail(_ call: String) -> Failed {
            let reason = String(cString: strerror(errno))
            close(fd)
            return Failed(description: "\(call): \(reason)")
        }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw fail("bind()") }
        if listening, listen(fd, 64) != 0 { throw fail("listen()") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw fail("getsockname()") }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A new TCP/IPv4 socket.
    static func tcpSocket() throws -> Int32 {
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failed(description: "socket(): \(String(cString: strerror(errno)))") }
        return fd
    }

    static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: inet_addr("127.0.0.1"))
        return address
    }

    static func request(port: Int, method: String, path: String, body: String = "", timeout: Double) throws -> Answer {
        let fd = try tcpSocket()
        defer { close(fd) }
        var limit = timeval()
        limit.tv_sec = .init(timeout.rounded(.down))
        limit.tv_usec = .init((timeout - timeout.rounded(.down)) * 1e6)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failed(description: "connect to port \(port): \(String(cString: strerror(errno)))") }
        let payload = Array(body.utf8)
        let head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: \(payload.count)\r\n"
            + "Content-Type: text/plain\r\nConnection: close\r\n\r\n"
        let message = Array(head.utf8) + payload
        var sent = 0
        while sent < message.count {
            let written = message[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            guard written > 0 else { throw Failed(description: "send: \(String(cString: strerror(errno)))") }
            sent += written
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += buffer[..<count]
                continue
            }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && received.isEmpty { throw Failed(description: "recv: \(String(cString: strerror(errno)))") }
            break
        }
        let text = String(decoding: received, as: UTF8.self)
        guard text.hasPrefix("HTTP/"), let statusText = text.split(separator: " ", maxSplits: 2).dropFirst().first,
              let status = Int(statusText) else {
            throw Failed(description: "not an HTTP answer: \(text.prefix(100).debugDescription)")
        }
        let bodyStart = text.range(of: "\r\n\r\n")?.upperBound ?? text.endIndex
        return Answer(status: status, body: String(text[bodyStart...]))
    }
}
