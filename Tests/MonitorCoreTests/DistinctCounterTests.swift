import XCTest
import EventDecoding
@testable import MonitorCore

final class DistinctCounterTests: XCTestCase {
    private func hash(_ i: Int, prefix: String = "session-") -> UInt64 { StableHash.fnv1a("\(prefix)\(i)") }

    /// Three standard errors of a 2^14-register sketch (1.04 / 128 ≈ 0.81 %): a deterministic
    /// input either passes or fails for good, and one outside this would point at a bug.
    private let bound = 3 * 1.04 / 128.0

    /// The published FNV-1a 64-bit test vectors: the hash must stay the same in every run and
    /// release, whichever way a string's bytes are read.
    func testStableHashIsFNV1a() {
        XCTAssertEqual(StableHash.fnv1a(""), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(StableHash.fnv1a("a"), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(StableHash.fnv1a("foobar"), 0x8594_4171_f739_67e8)
        let long = "be20789f-efd9-4c68-b1a6-d0dc1eeaedcd"
        let bytes = Array(long.utf8)
        XCTAssertEqual(StableHash.fnv1a(long), bytes.withUnsafeBufferPointer { StableHash.fnv1a($0) })
        XCTAssertEqual(StableHash.fnv1a(String(long.dropFirst(4))), StableHash.fnv1a("789f-efd9-4c68-b1a6-d0dc1eeaedcd"))
    }

    func testCountsExactlyUpToTheLimitThenSwitches() {
        var counter = DistinctCounter(exactLimit: 1_000)
        for i in 0..<1_000 { counter.insert(hash(i)) }
        for i in 0..<1_000 { counter.insert(hash(i)) }
        XCTAssertEqual(counter.count, 1_000)
        XCTAssertFalse(counter.isApproximate)
        counter.insert(hash(1_000))
        XCTAssertTrue(counter.isApproximate)
        // The ids counted exactly carry over into the sketch.
        XCTAssertEqual(Double(counter.count), 1_001, accuracy: 1_001 * bound)
    }

    func testEstimateStaysWithinTheErrorBound() {
        var counter = DistinctCounter(exactLimit: 1_000)
        var seen = 0
        for target in [2_000, 20_000, 65_537, 300_000] {
            while seen < target {
                counter.insert(hash(seen))
                seen += 1
            }
            let error = abs(Double(counter.count) - Double(target)) / Double(target)
            XCTAssertLessThan(error, bound, "\(target) ids estimated as \(counter.count)")
        }
    }

    func testRepeatsDoNotInflateTheEstimate() {
        var counter = DistinctCounter(exactLimit: 100)
        for i in 0..<50_000 { counter.insert(hash(i, prefix: "c")) }
        let once = counter.count
        for i in 0..<50_000 { counter.insert(hash(i, prefix: "c")) }
        XCTAssertEqual(counter.count, once)
    }

    func testDefaultLimitKeepsSmallInputsExact() {
        XCTAssertEqual(DistinctCounter.defaultExactLimit, 262_144)
        var counter = DistinctCounter()
        XCTAssertEqual(counter.count, 0)
        for i in 0..<5_000 { counter.insert(hash(i)) }
        XCTAssertEqual(counter.count, 5_000)
        XCTAssertFalse(counter.isApproximate)
    }

    func testSessionIndexSaysWhichCountIsApproximate() {
        var index = SessionIndex(capacity: 10, exactDistinctLimit: 100)
        for i in 0..<500 {
            index.record(MonitorFixture.event("e", session: "s\(i)", client: "c\(i % 50)"), receivedAt: MonitorFixture.start)
        }
        XCTAssertTrue(index.distinctSessionsApproximate)
        XCTAssertFalse(index.distinctClientsApproximate)
        XCTAssertEqual(Double(index.distinctSessions), 500, accuracy: 500 * bound)
        XCTAssertEqual(index.distinctClients, 50)
    }

    /// `stats` marks an estimate: "≈" in the text, and an `approximate` key in the JSON that is
    /// there only when a count is one (as `control_messages` is only there when nonzero).
    func testStatsMarkApproximateCounts() {
        var state = MonitorFixture.state()
        let limit = DistinctCounter.defaultExactLimit
        let events = (0...limit).map { MonitorFixture.event("e", session: "s\($0)", client: "c") }
        update(&state, .records(Array(events.dropLast()), recordCount: limit, receivedAt: MonitorFixture.start))
        var summary = StatsSummary(state)
        XCTAssertEqual(summary.sessions, limit)
        XCTAssertEqual(summary.approximate, [])
        XCTAssertFalse(summary.json().contains("approximate"))
        XCTAssertTrue(summary.text().contains("sessions \(limit)\n"))

        update(&state, .records([events.last!], recordCount: 1, receivedAt: MonitorFixture.start))
        summary = StatsSummary(state)
        XCTAssertEqual(summary.approximate, ["sessions"])
        XCTAssertEqual(Double(summary.sessions), Double(limit + 1), accuracy: Double(limit) * bound)
        XCTAssertEqual(summary.clients, 1)
        XCTAssertTrue(summary.json().hasSuffix(#","approximate":["sessions"]}"#), summary.json())
        XCTAssertTrue(summary.json().contains(#""sessions":\#(summary.sessions),"clients":1,"#), summary.json())
        XCTAssertTrue(summary.text().contains("sessions ≈\(summary.sessions)\n"), summary.text())
        XCTAssertTrue(summary.text().contains("clients  1\n"), summary.text())
    }
}
