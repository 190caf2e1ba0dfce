import Foundation
@testable import AWSAuth

/// One case of AWS's SigV4 test suite under `Tests/Fixtures/sigv4/aws-sig-v4-test-suite/`.
struct SigV4SuiteCase {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sigv4/aws-sig-v4-test-suite")

    /// The suite's fixed inputs.
    static let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE",
                                            secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let date: Double = 1_440_938_160  // 2015-08-30T12:36:00Z
    static let signer = SigV4Signer(service: "service", region: "us-east-1")
    static let stsToken = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="

    let name: String
    let request: RawHTTPRequest
    let canonicalRequest: String
    let stringToSign: String
    let authorization: String

    /// `name` may include its group folder, e.g. `normalize-path/get-space`.
    init(_ name: String) throws {
        let directory = Self.root.appendingPathComponent(name)
        let base = directory.lastPathComponent
        func read(_ ext: String) throws -> String {
            try String(contentsOf: directory.appendingPathComponent("\(base).\(ext)"), encoding: .utf8)
        }
        self.name = name
        request = RawHTTPRequest(try read("req"))
        canonicalRequest = try read("creq")
        stringToSign = try read("sts")
        authorization = try read("authz")
    }

    /// Every case directory present, as `group/case` or `case`.
    static func allNames() throws -> [String] {
        var names: [String] = []
        let manager = FileManager.default
        for entry in try manager.contentsOfDirectory(atPath: root.path).sorted() {
            let url = root.appendingPathComponent(entry)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            if manager.fileExists(atPath: url.appendingPathComponent("\(entry).req").path) {
                names.append(entry)
            } else {
                for child in try manager.contentsOfDirectory(atPath: url.path).sorted() {
                    names.append("\(entry)/\(child)")
                }
            }
        }
        return names
    }
}

/// An HTTP/1.1 request as the suite's `.req` files write it.
///
/// The request target may hold raw spaces (`GET /example space/ HTTP/1.1`), so the method is the
/// first word and the version the last. A line starting with whitespace continues the previous
/// header as another value of it: the suite's `get-header-value-multiline` canonical request joins
/// folded lines with commas, the same as repeated headers.
struct RawHTTPRequest {
    var method: String
    var target: String
    var headers: [(String, String)]
    var body: [UInt8]

    init(_ text: String) {
        var lines = text.components(separatedBy: "\n")
        let requestLine = lines.removeFirst()
        let firstSpace = requestLine.firstIndex(of: " ")!
        let lastSpace = requestLine.lastIndex(of: " ")!
        method = String(requestLine[..<firstSpace])
        target = String(requestLine[requestLine.index(after: firstSpace)..<lastSpace])
        headers = []
        var bodyLines: [String]?
        for line in lines {
            if bodyLines != nil {
                bodyLines!.append(line)
            } else if line.isEmpty {
                bodyLines = []
            } else if line.first == " " || line.first == "\t", let last = headers.last {
                headers.append((last.0, line))
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        body = Array((bodyLines ?? []).joined(separator: "\n").utf8)
    }

    var host: String {
        headers.first { $0.0.lowercased() == "host" }?.1 ?? ""
    }
}

/// Requests signed by botocore (`Tests/Fixtures/sigv4/botocore/kinesis-vectors.json`).
struct BotocoreVectors: Decodable {
    struct Case: Decodable {
        var name: String
        var method: String
        var url: String
        var region: String
        var service: String
        var headers: [[String]]
        var body: String
        var sessionToken: String?
        var canonicalRequest: String
        var stringToSign: String
        var authorization: String
        var xAmzDate: String
    }

    var accessKeyId: String
    var secretAccessKey: String
    var cases: [Case]

    static func load() throws -> BotocoreVectors {
        let url = SigV4SuiteCase.root.deletingLastPathComponent().appendingPathComponent("botocore/kinesis-vectors.json")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(BotocoreVectors.self, from: Data(contentsOf: url))
    }
}

/// A scratch directory for config files and scripts, removed when the value goes away.
final class TemporaryDirectory {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        path = "\(base)/kinescope-awsauth-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `contents` to `name` (creating folders) and returns the full path.
    @discardableResult
    func write(_ name: String, _ contents: String, executable: Bool = false) throws -> String {
        let full = "\(path)/\(name)"
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try contents.write(toFile: full, atomically: true, encoding: .utf8)
        if executable {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: full)
        }
        return full
    }
}

/// A clock tests move by hand (seconds since the epoch).
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Double

    init(_ start: Double) {
        current = start
    }

    var now: Double {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    func set(_ value: Double) {
        lock.lock()
        current = value
        lock.unlock()
    }
}
