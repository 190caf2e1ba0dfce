#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import XCTest
import EventDecoding
@testable import EventSources

/// A regular file read as fast as possible is read and split on a thread of its own
/// (`ReadAhead`); it must deliver exactly the batches the plain loop delivers.
final class FileSourceReadAheadTests: XCTestCase {
    /// Keeps every batch; declines more after `limit` batches when one is given.
    private actor CollectingSink: RecordSink {
        var batches: [[RawRecord]] = []
        var statuses: [SourceStatus] = []
        let limit: Int?

        init(limit: Int? = nil) { self.limit = limit }

        func deliver(_ records: [RawRecord], at time: Double) async -> Bool {
            batches.append(records)
            return limit.map { batches.count < $0 } ?? true
        }

        func status(_ status: SourceStatus) async { statuses.append(status) }
    }

    private var path = ""

    override func setUpWithError() throws {
        path = temporaryDirectory() + "kinescope-readahead-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).ndjson"
        var text = ""
        for index in 0..<5_000 {
            switch index % 7 {
            case 3: text += "a text line \(index)\n"
            case 5: text += "{\n  \"pretty\": \(index),\n  \"nested\": [\"}\", {\"a\": \"\\\"]\"}]\n}\n"
            default: text += #"{"event_type":"_session.start","n":\#(index),"s":"x\"}{"}"# + "\n"
            }
        }
        text += #"{"unterminated":"#
        FileManagerless.write(text, to: path)
    }

    override func tearDown() {
        unlink(path)
    }

    private func run(speed: Double?, chunkSize: Int, limit: Int? = nil) async throws -> CollectingSink {
        let sink = CollectingSink(limit: limit)
        let source = FileSource(path: path, chunkSize: chunkSize, batchSize: 64, speed: speed, clock: { 0 })
        try await source.run(into: sink)
        return sink
    }

    func testSameBatchesAsThePlainLoop() async throws {
        // A replay speed takes the plain loop; the documents have no timestamps, so none waits.
        let plain = try await run(speed: 1e9, chunkSize: 1000)
        for chunkSize in [7, 1000, 1 << 20] {
            let ahead = try await run(speed: nil, chunkSize: chunkSize)
            let plainBatches = await plain.batches
            let aheadBatches = await ahead.batches
            XCTAssertEqual(aheadBatches, plainBatches, "chunk size \(chunkSize)")
            let statuses = await ahead.statuses
            XCTAssertEqual(statuses, [.running, .ended])
        }
        let count = await plain.batches.reduce(0) { $0 + $1.count }
        XCTAssertEqual(count, 5_001)
    }

    func testStopsWhenTheSinkDeclines() async throws {
        let ahead = try await run(speed: nil, chunkSize: 100, limit: 3)
        let batches = await ahead.batches
        XCTAssertEqual(batches.count, 3)
        let statuses = await ahead.statuses
        XCTAssertEqual(statuses, [.running])
    }

    func testMissingFileFails() async {
        let source = FileSource(path: path + ".missing", speed: nil, clock: { 0 })
        do {
            try await source.run(into: CollectingSink())
            XCTFail("expected an error")
        } catch {
            XCTAssertTrue("\(error)".contains("cannot open"))
        }
    }
}

/// Test files without Foundation's FileManager, which this target does not import.
private enum FileManagerless {
    static func write(_ text: String, to path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        precondition(fd >= 0)
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            precondition(n > 0)
            offset += n
        }
        close(fd)
    }
}

private func temporaryDirectory() -> String {
    let dir = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    return dir.hasSuffix("/") ? dir : dir + "/"
}
