#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventDecoding
import EventSources

/// Demo Pinpoint events as NDJSON on stdout, one compact event object per line: the payloads
/// `kinescope tail --demo --seed S` decodes, without the cost of decoding and re-encoding them,
/// so a pipe into `kinescope stats --file -` measures the reader, not the generator.
struct EventGenerator {
    var events: Int
    var seed: UInt64
    /// Where `tail --demo` starts its simulated clock (2026-01-01T00:00:00Z).
    static let demoEpoch = 1_767_225_600.0

    func run() throws {
        var traffic = DemoTraffic(seed: seed, startTime: Self.demoEpoch, rate: DemoProducer.defaultModelRate)
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        for _ in 0..<events {
            out.append(contentsOf: traffic.next().record.data)
            out.append(0x0A)
            if out.count >= 1 << 20 - 8192 {
                FileHandleOutput.writeAll(STDOUT_FILENO, out)
                out.removeAll(keepingCapacity: true)
            }
        }
        FileHandleOutput.writeAll(STDOUT_FILENO, out)
    }
}
