#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventDecoding

/// Decode throughput on one core: the file is read into memory first, then each repetition cuts
/// it into documents and decodes and classifies every one into `Event`s, exactly as `FileSource`
/// and the sinks do (1 MiB chunks into a `JSONSplitter`, `EventDecoder.decode` per piece), with
/// no IO inside the timed part. A split-only pass is timed too, to show what splitting costs.
struct DecodeBench {
    var path: String
    var repetitions: Int
    var chunkSize = 1 << 20

    func run() throws {
        let bytes = try Self.readAll(path)
        FileHandleOutput.stderr("decode: \(path), \(bytes.count) bytes, \(repetitions) repetitions\n")
        let decoder = EventDecoder()
        var wall: [Double] = []
        var cpu: [Double] = []
        var splitWall: [Double] = []
        var tally = Tally()
        for rep in 0..<repetitions {
            let startSplit = Measure.now()
            let pieces = split(bytes)
            splitWall.append(Measure.now() - startSplit)

            tally = Tally()
            let startCPU = Measure.threadCPU()
            let start = Measure.now()
            decodeAll(bytes, decoder: decoder, into: &tally)
            wall.append(Measure.now() - start)
            cpu.append(Measure.threadCPU() - startCPU)
            guard pieces == tally.records else { throw SourceMismatch(split: pieces, decoded: tally.records) }
            FileHandleOutput.stderr("  rep \(rep + 1): \(Measure.fixed(wall.last!, 3)) s, "
                                    + "\(Measure.fixed(Double(bytes.count) / 1e6 / wall.last!, 1)) MB/s\n")
        }
        let median = Measure.percentile(wall, 0.5)
        let medianCPU = Measure.percentile(cpu, 0.5)
        let medianSplit = Measure.percentile(splitWall, 0.5)
        let mb = Double(bytes.count) / 1e6
        let fields = [
            "\"case\":\"decode\"",
            "\"file\":\"\(path)\"",
            "\"bytes\":\(bytes.count)",
            "\"records\":\(tally.records)",
            "\"events\":\(tally.events)",
            "\"errors\":\(tally.errors)",
            "\"typed_events\":\(tally.typed)",
            "\"session_events\":\(tally.withSession)",
            "\"reps\":\(repetitions)",
            "\"seconds\":\(Measure.json(wall, digits: 4))",
            "\"cpu_seconds\":\(Measure.json(cpu, digits: 4))",
            "\"median_s\":\(Measure.fixed(median, 4))",
            "\"mb_per_s\":\(Measure.fixed(mb / median, 1))",
            "\"mb_per_s_min\":\(Measure.fixed(mb / wall.max()!, 1))",
            "\"mb_per_s_max\":\(Measure.fixed(mb / wall.min()!, 1))",
            "\"mb_per_cpu_s\":\(Measure.fixed(mb / medianCPU, 1))",
            "\"mb_per_cpu_s_min\":\(Measure.fixed(mb / cpu.max()!, 1))",
            "\"mb_per_cpu_s_max\":\(Measure.fixed(mb / cpu.min()!, 1))",
            "\"events_per_cpu_s\":\(Measure.fixed(Double(tally.events) / medianCPU, 0))",
            "\"events_per_s\":\(Measure.fixed(Double(tally.events) / median, 0))",
            "\"split_only_median_s\":\(Measure.fixed(medianSplit, 4))",
            "\"split_only_mb_per_s\":\(Measure.fixed(mb / medianSplit, 1))",
        ]
        FileHandleOutput.stdout("{" + fields.joined(separator: ",") + "}\n")
    }

    struct SourceMismatch: Error, CustomStringConvertible {
        var split: Int
        var decoded: Int
        var description: String { "split found \(split) documents but the decode pass saw \(decoded)" }
    }

    /// What the decode pass saw; the fields the store needs are read so none of the work is dead.
    struct Tally {
        var records = 0
        var events = 0
        var errors = 0
        var typed = 0
        var withSession = 0
    }

    private func decodeAll(_ bytes: [UInt8], decoder: EventDecoder, into tally: inout Tally) {
        var splitter = JSONSplitter()
        var report = DecodeReport()
        func take(_ piece: JSONSplitter.Piece) {
            let data: [UInt8]
            switch piece {
            case .json(let b), .text(let b): data = b
            case .tooLong(let prefix, _, _): data = prefix
            }
            tally.records += 1
            for event in decoder.decode(RawRecord(data: data), report: &report) {
                tally.events += 1
                if event.kind == .error { tally.errors += 1 }
                if event.eventType != nil { tally.typed += 1 }
                if event.sessionId != nil, event.clientId != nil, event.eventTime != nil { tally.withSession += 1 }
            }
        }
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunkSize, bytes.count)
            splitter.append(bytes[offset..<end])
            offset = end
            while let piece = splitter.next() { take(piece) }
        }
        while let piece = splitter.finish() { take(piece) }
    }

    private func split(_ bytes: [UInt8]) -> Int {
        var splitter = JSONSplitter()
        var count = 0
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunkSize, bytes.count)
            splitter.append(bytes[offset..<end])
            offset = end
            while splitter.next() != nil { count += 1 }
        }
        while splitter.finish() != nil { count += 1 }
        return count
    }

    static func readAll(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw BenchArguments.Failure(message: "cannot open \(path)") }
        defer { close(fd) }
        var out: [UInt8] = []
        var st = stat()
        if fstat(fd, &st) == 0 { out.reserveCapacity(Int(st.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw BenchArguments.Failure(message: "cannot read \(path)") }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }
}
