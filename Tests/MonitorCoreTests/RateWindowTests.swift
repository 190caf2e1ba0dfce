import XCTest
@testable import MonitorCore

final class RateWindowTests: XCTestCase {
    private let t0 = 1_767_225_600.0

    func testRateCountsOnlyCompleteSeconds() {
        var window = RateWindow()
        window.add(3, at: t0 + 0.2)
        window.add(2, at: t0 + 0.9)
        window.add(5, at: t0 + 1.0)
        // At t0+1.5 the second t0+1 is still running: only t0's 5 events count, over 10 seconds.
        XCTAssertEqual(window.rate(at: t0 + 1.5), 0.5, accuracy: 1e-9)
        XCTAssertEqual(window.rate(at: t0 + 1.5, window: 1), 5, accuracy: 1e-9)
        XCTAssertEqual(window.rate(at: t0 + 2), 1.0, accuracy: 1e-9)
        XCTAssertEqual(window.rate(at: t0 + 2, window: 2), 5, accuracy: 1e-9)
        // The window is at most the 59 complete seconds the ring holds.
        XCTAssertEqual(window.rate(at: t0 + 2, window: 1000), 10.0 / 59, accuracy: 1e-9)
    }

    func testSteadyTrafficGivesItsRate() {
        var window = RateWindow()
        for i in 0..<600 { window.add(1, at: t0 + Double(i) * 0.1) }   // 10 per second for 60 s
        XCTAssertEqual(window.rate(at: t0 + 60), 10, accuracy: 1e-9)
        XCTAssertEqual(window.rate(at: t0 + 60, window: 30), 10, accuracy: 1e-9)
        XCTAssertEqual(window.series(at: t0 + 59.5).reduce(0, +), 600)
    }

    func testSeriesIsOldestFirstAndEndsAtTheCurrentSecond() {
        var window = RateWindow()
        window.add(1, at: t0 + 100)
        window.add(7, at: t0 + 130.4)
        var series = window.series(at: t0 + 130)
        XCTAssertEqual(series.count, 60)
        XCTAssertEqual(series[59], 7)
        XCTAssertEqual(series[29], 1)
        XCTAssertEqual(series.reduce(0, +), 8)
        // 40 s later the first count has left the window and the second moved left.
        series = window.series(at: t0 + 170.9)
        XCTAssertEqual(series[19], 7)
        XCTAssertEqual(series.reduce(0, +), 7)
        // Asking for a series does not change the window.
        XCTAssertEqual(window.series(at: t0 + 130)[29], 1)
        XCTAssertEqual(window.headSecond, Int(t0) + 130)
    }

    func testDecaysToQuietAfterSixtySeconds() {
        var window = RateWindow()
        XCTAssertTrue(window.isQuiet(at: t0))
        window.add(4, at: t0 + 10.5)
        XCTAssertFalse(window.isQuiet(at: t0 + 10.5))
        XCTAssertFalse(window.isQuiet(at: t0 + 69.9))
        XCTAssertTrue(window.isQuiet(at: t0 + 70))
        XCTAssertEqual(window.rate(at: t0 + 70), 0)
        XCTAssertEqual(window.series(at: t0 + 70), Array(repeating: 0, count: 60))
        XCTAssertEqual(window.series(at: t0 + 100_000), Array(repeating: 0, count: 60))
        // Rate fades as the burst leaves the ten-second window.
        XCTAssertEqual(window.rate(at: t0 + 11), 0.4, accuracy: 1e-9)
        XCTAssertEqual(window.rate(at: t0 + 20.5), 0.4, accuracy: 1e-9)
        XCTAssertEqual(window.rate(at: t0 + 21), 0, accuracy: 1e-9)
    }

    func testOutOfOrderTimes() {
        var window = RateWindow()
        window.add(1, at: t0 + 105)
        window.add(2, at: t0 + 103.7)      // late, still in the window
        window.add(4, at: t0 + 46)         // 59 s old: the oldest bucket
        window.add(8, at: t0 + 45.9)       // 60 s old: outside, dropped
        let series = window.series(at: t0 + 105)
        XCTAssertEqual(series[59], 1)
        XCTAssertEqual(series[57], 2)
        XCTAssertEqual(series[0], 4)
        XCTAssertEqual(series.reduce(0, +), 7)
        XCTAssertEqual(window.headSecond, Int(t0) + 105)
    }

    func testGapLongerThanTheWindowClearsIt() {
        var window = RateWindow(seconds: 5)
        for s in 0..<5 { window.add(s + 1, at: t0 + Double(s)) }
        XCTAssertEqual(window.series(at: t0 + 4), [1, 2, 3, 4, 5])
        window.add(9, at: t0 + 7)
        XCTAssertEqual(window.series(at: t0 + 7), [4, 5, 0, 0, 9])
        window.add(1, at: t0 + 100)
        XCTAssertEqual(window.series(at: t0 + 100), [0, 0, 0, 0, 1])
    }

    func testHugeCountClampsInsteadOfTrapping() {
        var window = RateWindow(seconds: 3)
        window.add(Int.max, at: t0)
        XCTAssertEqual(window.series(at: t0), [0, 0, UInt32.max])
    }
}
