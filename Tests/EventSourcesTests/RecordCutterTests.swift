import XCTest
import EventDecoding
@testable import EventSources

/// A file's bytes cut into Kinesis records as Kinesis counts them (`RecordCutter`).
final class RecordCutterTests: XCTestCase {
    /// Every record of `bytes`, fed in chunks of `chunk` bytes, in batches as the cutter cuts them.
    private func batches(_ bytes: [UInt8], chunk: Int = 7, batchSize: Int = 4096, maxBatchBytes: Int = 1 << 20) throws -> [[RawRecord]] {
        var cutter = RecordCutter(path: "test", batchSize: batchSize, maxBatchBytes: maxBatchBytes)
        var out: [[RawRecord]] = []
        var start = 0
        while start < bytes.count {
            try cutter.append(bytes[start..<min(start + chunk, bytes.count)])
            start += chunk
            while let records = cutter.next() {
                for record in records { if cutter.add(record) { out.append(cutter.takeBatch()) } }
            }
        }
        while let records = try cutter.finish() {
            for record in records { if cutter.add(record) { out.append(cutter.takeBatch()) } }
        }
        if !cutter.batch.isEmpty { out.append(cutter.takeBatch()) }
        return out
    }

    private func records(_ text: String, chunk: Int = 7) throws -> [RawRecord] {
        try batches(Array(text.utf8), chunk: chunk).flatMap { $0 }
    }

    func testALambdaEventIsOneRecordPerEntryWithItsMetadata() throws {
        let event = """
            {"Records": [
              {"kinesis": {"partitionKey": "p1", "sequenceNumber": "11", "data": "eyJhIjoxfQ==", "approximateArrivalTimestamp": 1767225600.25},
               "eventID": "shardId-000000000001:11", "eventSourceARN": "arn:aws:kinesis:us-east-1:123456789012:stream/s"},
              {"kinesis": {"partitionKey": "p2", "sequenceNumber": "12", "data": "aGk=", "approximateArrivalTimestamp": 1767225601},
               "eventID": "shardId-000000000002:12"}
            ]}
            {"plain": true}
            """
        let cut = try records(event)
        XCTAssertEqual(cut.count, 3)
        XCTAssertEqual(cut[0], RawRecord(data: Array(#"{"a":1}"#.utf8), shard: "shardId-000000000001", sequence: "11",
                                         partitionKey: "p1", arrival: 1767225600.25))
        XCTAssertEqual(cut[1], RawRecord(data: Array("hi".utf8), shard: "shardId-000000000002", sequence: "12",
                                         partitionKey: "p2", arrival: 1767225601))
        XCTAssertEqual(cut[2], RawRecord(data: Array(#"{"plain": true}"#.utf8)))
    }

    func testGetRecordsPagesAndEmptyPages() throws {
        let pages = """
            {"MillisBehindLatest": 2100, "NextShardIterator": "AAAA", "Records": [
              {"Data": "XzxkYXRhPl8w", "PartitionKey": "partitionKey", "ApproximateArrivalTimestamp": 1.441215410867E9,
               "SequenceNumber": "21269319989652663814458848515492872193"}]}
            {"Records": [], "MillisBehindLatest": 80742000}
            {"Records": [], "NextShardIterator": "BBBB", "MillisBehindLatest": 0}
            """
        let cut = try records(pages)
        XCTAssertEqual(cut, [RawRecord(data: Array("_<data>_0".utf8), sequence: "21269319989652663814458848515492872193",
                                       partitionKey: "partitionKey", arrival: 1.441215410867E9)])
    }

    func testAnEntryThatIsNotBase64StaysARecordThatDecodesToTheError() throws {
        let cut = try records(#"{"Records":[{"kinesis":{"data":"!!","sequenceNumber":"5"},"eventID":"shardId-000000000000:5"}]}"#)
        XCTAssertEqual(cut.count, 1)
        XCTAssertEqual(cut[0].shard, "shardId-000000000000")
        XCTAssertEqual(cut[0].sequence, "5")
        let events = EventDecoder().decode(cut[0])
        XCTAssertEqual(events.map(\.kind), [.error])
        XCTAssertEqual(events[0].error, "record data is not valid base64")
    }

    func testCaptureLinesAreTheirRecords() throws {
        let record = RawRecord(data: Array("payload".utf8), shard: "shardId-000000000007", sequence: "99",
                               partitionKey: "k", arrival: 1767225600.5)
        XCTAssertEqual(try records(CaptureLine.json(record) + "\n" + CaptureLine.json(record)), [record, record])
    }

    func testAByteOrderMarkIsSkippedWhateverTheChunks() throws {
        for chunk in [1, 2, 3, 4, 100] {
            let cut = try batches([0xEF, 0xBB, 0xBF] + Array("{\"a\":1}\nline\n".utf8), chunk: chunk).flatMap { $0 }
            XCTAssertEqual(cut.map(\.data), [Array(#"{"a":1}"#.utf8), Array("line".utf8)], "chunk \(chunk)")
        }
        XCTAssertEqual(try batches([0xEF, 0xBB, 0xBF]).flatMap { $0 }, [], "a mark alone is an empty file")
        XCTAssertEqual(try batches(Array("{}".utf8)).flatMap { $0 }.map(\.data), [Array("{}".utf8)], "shorter than a mark")
    }

    func testUTF16AndUTF32InputIsRefused() {
        let cases: [(String, [UInt8])] = [
            ("UTF-16LE", [0xFF, 0xFE, 0x7B, 0x00]),
            ("UTF-16BE", [0xFE, 0xFF, 0x00, 0x7B]),
            ("UTF-32LE", [0xFF, 0xFE, 0x00, 0x00, 0x7B, 0, 0, 0]),
            ("UTF-32BE", [0x00, 0x00, 0xFE, 0xFF]),
            ("UTF-16LE", Array("{\"a\":1}".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
            ("UTF-16BE", Array("[1]".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }),
        ]
        for (name, bytes) in cases {
            XCTAssertThrowsError(try batches(bytes, chunk: 1), name) { error in
                XCTAssertTrue(String(describing: error).contains("is \(name), not UTF-8"), "\(error)")
            }
        }
        // Binary data and plain UTF-8 are read as they are, even where zeros fall as in UTF-16.
        XCTAssertNoThrow(try batches([0x00, 0x00, 0x00, 0x00, 0x01]))
        XCTAssertNoThrow(try batches([0x1F, 0x8B, 0x08, 0x00]))
        XCTAssertNoThrow(try batches([0x08, 0x00, 0x12, 0x00, 0x22]), "a length-prefixed binary record")
        XCTAssertNoThrow(try batches([0x00, 0x05, 0x00, 0x07, 0x00]))
        XCTAssertNoThrow(try batches([0x01, 0x00, 0x00, 0x00, 0x00]))
    }

    func testBatchesAreCutByBytesAsWellAsByCount() throws {
        let line = String(repeating: "x", count: 1000) + "\n"
        let cut = try batches(Array(String(repeating: line, count: 50).utf8), chunk: 4096, batchSize: 100, maxBatchBytes: 10_000)
        XCTAssertEqual(cut.flatMap { $0 }.count, 50)
        XCTAssertEqual(cut.map(\.count), [10, 10, 10, 10, 10])
        let counted = try batches(Array(String(repeating: "{}\n", count: 25).utf8), batchSize: 10)
        XCTAssertEqual(counted.map(\.count), [10, 10, 5])
    }
}
