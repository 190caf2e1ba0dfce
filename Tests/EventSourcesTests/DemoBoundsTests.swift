import XCTest
import EventDecoding
@testable import EventSources

/// The demo at high rates: the records waiting to land stay within a byte budget, and a demo on
/// the clock says when it cannot keep the rate it was asked for.
final class DemoBoundsTests: XCTestCase {
    private let start = 1_717_200_000.0

    /// Pulls `count` records and returns the most bytes that ever waited, plus the traffic.
    private func run(rate: Double, count: Int, budget: Int, seed: UInt64 = 5) -> (most: Int, demo: DemoTraffic, times: [Double]) {
        var demo = DemoTraffic(seed: seed, startTime: start, rate: rate, pendingBudgetBytes: budget)
        var most = 0
        var times: [Double] = []
        times.reserveCapacity(count)
        for _ in 0..<count {
            times.append(demo.next().time)
            most = max(most, demo.pending.bytes)
        }
        return (most, demo, times)
    }

    func testWaitingRecordsStayWithinTheBudgetAtHighRates() {
        let budget = 2 << 20
        for rate in [20_000.0, 200_000.0] {
            let (most, demo, times) = run(rate: rate, count: 60_000, budget: budget)
            XCTAssertLessThanOrEqual(most, budget + budget / 2, "rate \(rate): \(most) bytes waited")
            XCTAssertLessThan(demo.delayScale, 1, "rate \(rate)")
            XCTAssertEqual(times, times.sorted(), "stream order holds while the delays shrink (rate \(rate))")
        }
    }

    func testWithoutTheScaleTheSameRateWouldHoldFarMore() {
        // The budget is what bounds the queue: a budget too large to matter lets it grow with the
        // delays, as it did before (so the test above is not passing by accident).
        let (bounded, _, _) = run(rate: 20_000, count: 60_000, budget: 2 << 20)
        let (unbounded, demo, _) = run(rate: 20_000, count: 60_000, budget: 1 << 40)
        XCTAssertEqual(demo.delayScale, 1)
        XCTAssertGreaterThan(unbounded, 4 * bounded)
    }

    func testOrdinaryRatesKeepTheirDelays() {
        let (_, demo, _) = run(rate: 40, count: 5_000, budget: DemoTraffic.defaultPendingBudgetBytes)
        XCTAssertEqual(demo.delayScale, 1)
        XCTAssertEqual(demo.baseScale, 1)
    }

    func testTheScaleDependsOnlyOnTheSeed() {
        let a = run(rate: 50_000, count: 20_000, budget: 1 << 20, seed: 9)
        let b = run(rate: 50_000, count: 20_000, budget: 1 << 20, seed: 9)
        XCTAssertEqual(a.times, b.times)
        XCTAssertEqual(a.demo.delayScale, b.demo.delayScale)
    }

    // MARK: - The rate kept

    func testNoteRoundsTheKeptRateAndGroupsDigits() {
        XCTAssertEqual(DemoRateMeter.note(kept: 5_123, asked: 20_000), "demo: 5,100 ev/s of 20,000 asked")
        XCTAssertEqual(DemoRateMeter.note(kept: 987_654, asked: 1_000_000), "demo: 990,000 ev/s of 1,000,000 asked")
        XCTAssertEqual(DemoRateMeter.note(kept: 42.4, asked: 50), "demo: 42 ev/s of 50 asked")
        XCTAssertEqual(DemoRateMeter.note(kept: 0.2, asked: 50), "demo: 0 ev/s of 50 asked")
    }

    func testFallingBehindIsReportedWithTheRateDelivered() {
        var meter = DemoRateMeter(asked: 20_000, start: 100)
        // Keeping up: nothing to say.
        XCTAssertNil(meter.delivered(20_000, lag: 0.1, at: 101))
        // Half a window: not yet measured.
        XCTAssertNil(meter.delivered(2_500, lag: 2.5, at: 101.5))
        XCTAssertEqual(meter.delivered(2_600, lag: 3, at: 102), .slow("demo: 5,100 ev/s of 20,000 asked"))
        // The same figure again is not repeated; a new one waits for the report interval.
        XCTAssertNil(meter.delivered(5_100, lag: 4, at: 103))
        XCTAssertNil(meter.delivered(7_000, lag: 5, at: 104))
        XCTAssertEqual(meter.delivered(7_000, lag: 6, at: 107), .slow("demo: 2,300 ev/s of 20,000 asked"))
        // Caught up again.
        XCTAssertEqual(meter.delivered(40_000, lag: 0.2, at: 108), .running)
        XCTAssertNil(meter.delivered(20_000, lag: 0.1, at: 109))
        XCTAssertEqual(meter.total, 104_200)
        XCTAssertEqual(meter.final(lag: 0.1, at: 110), .slow("demo: 10,000 ev/s of 20,000 asked"), "the whole run's rate")
    }

    func testARunThatKeptUpSaysNothingAtTheEnd() {
        var meter = DemoRateMeter(asked: 1_000, start: 0)
        for second in 1...10 { XCTAssertNil(meter.delivered(1_000, lag: 0.05, at: Double(second))) }
        XCTAssertNil(meter.final(lag: 0.05, at: 10))
        // A run too short for a window that still ends late says so.
        var short = DemoRateMeter(asked: 1_000_000, start: 0)
        XCTAssertNil(short.delivered(100_000, lag: 0.4, at: 0.5))
        XCTAssertEqual(short.final(lag: 1.4, at: 1.5), .slow("demo: 67,000 ev/s of 1,000,000 asked"))
    }
}
