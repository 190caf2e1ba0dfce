import XCTest
@testable import TerminalUI

/// `FramePacer` is a pure function of the draws it was told about; times here are plain numbers.
final class FramePacerTests: XCTestCase {
    private func pacer() -> FramePacer { FramePacer(minInterval: 0.1, maxInterval: 0.5, cellsPerSecond: 6_000) }

    func testTheFirstFrameIsDueAtOnce() {
        XCTAssertEqual(pacer().nextFrame(), -.infinity)
        XCTAssertEqual(pacer().nextInputFrame(), -.infinity)
    }

    /// Small changes (a counter, a few new rows) keep the full frame rate.
    func testACalmScreenRedrawsAtTheFrameRate() {
        var pacer = pacer()
        var time = 100.0
        for _ in 0..<50 {
            pacer.recordDraw(cells: 300, at: time)
            XCTAssertEqual(pacer.nextFrame(), time + 0.1, accuracy: 1e-9)
            time = pacer.nextFrame()
        }
    }

    /// Frames of 1,800 cells settle at 6,000 / 1,800 = 3.3 frames a second, so the cells sent per
    /// second stay at the budget.
    func testAFloodStretchesTheIntervalToTheBudget() {
        var pacer = pacer()
        var time = 100.0
        var draws: [Double] = []
        for _ in 0..<40 {
            pacer.recordDraw(cells: 1_800, at: time)
            draws.append(time)
            time = pacer.nextFrame()
        }
        let lastSecond = draws.filter { $0 > draws.last! - 1 }
        XCTAssertEqual(time - draws.last!, 0.3, accuracy: 1e-9)
        XCTAssertLessThanOrEqual(Double(lastSecond.count * 1_800), 6_000 + 1_800)
    }

    /// Past the budget's reach (a whole screen each frame) it still shows something twice a second.
    func testTheIntervalNeverExceedsTheFloor() {
        var pacer = pacer()
        pacer.recordDraw(cells: 100_000, at: 10)
        XCTAssertEqual(pacer.nextFrame(), 10.5, accuracy: 1e-9)
        pacer.recordDraw(cells: 100_000, at: 10.5)
        XCTAssertEqual(pacer.nextFrame(), 11.0, accuracy: 1e-9)
    }

    /// The debt is capped, so when a flood stops the screen is back to the full rate within one
    /// slowest interval instead of paying for the whole flood.
    func testAFloodsDebtDoesNotOutliveIt() {
        var pacer = pacer()
        var time = 0.0
        for _ in 0..<100 {
            pacer.recordDraw(cells: 20_000, at: time)
            time = pacer.nextFrame()
        }
        pacer.recordDraw(cells: 100, at: time + 0.5)
        XCTAssertEqual(pacer.nextFrame(), time + 0.6, accuracy: 1e-9)
    }

    /// Keys and resizes wait only for the frame rate, however large the last frame was.
    func testInputIsNotHeldBackByTheBudget() {
        var pacer = pacer()
        pacer.recordDraw(cells: 50_000, at: 10)
        XCTAssertEqual(pacer.nextInputFrame(), 10.1, accuracy: 1e-9)
        XCTAssertEqual(pacer.nextFrame(), 10.5, accuracy: 1e-9)
    }

    /// A draw that changed nothing costs nothing; a quiet spell pays the debt off.
    func testQuietTimePaysTheDebt() {
        var pacer = pacer()
        pacer.recordDraw(cells: 2_400, at: 0)
        XCTAssertEqual(pacer.nextFrame(), 0.4, accuracy: 1e-9)
        pacer.recordDraw(cells: 0, at: 5)
        XCTAssertEqual(pacer.debt, 0)
        XCTAssertEqual(pacer.nextFrame(), 5.1, accuracy: 1e-9)
    }
}
