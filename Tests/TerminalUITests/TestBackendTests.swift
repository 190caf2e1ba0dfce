import MonitorCore
import XCTest
@testable import TerminalUI

final class TestBackendTests: XCTestCase {
    func testCountsOnlyChangedCells() {
        let backend = TestBackend(width: 6, height: 2)
        var buffer = Buffer(width: 6, height: 2)
        buffer.put("hi", x: 1, y: 1, style: .plain)
        backend.draw(buffer)
        XCTAssertEqual(backend.cellsWritten, 2, "only the cells that differ from the blank screen")
        XCTAssertEqual(backend.lines, ["      ", " hi   "])

        backend.draw(buffer)
        XCTAssertEqual(backend.cellsWritten, 2, "drawing the same buffer again writes nothing")
        XCTAssertEqual(backend.drawCount, 2)

        buffer.restyle(Rect(x: 1, y: 1, width: 1, height: 1)) { $0.reversed }
        backend.draw(buffer)
        XCTAssertEqual(backend.cellsWritten, 3, "a style change is a change")

        buffer.put("東", x: 3, y: 0, style: .plain)
        backend.draw(buffer)
        XCTAssertEqual(backend.cellsWritten, 5, "a wide grapheme changes its cell and its continuation")
    }

    func testANewSizeRewritesEveryCell() {
        let backend = TestBackend(width: 4, height: 2)
        backend.draw(Buffer(width: 4, height: 2))
        XCTAssertEqual(backend.cellsWritten, 0)
        backend.resize(width: 5, height: 3)
        XCTAssertTrue(backend.size == (5, 3))
        XCTAssertEqual(backend.pendingInput(), [.resize])
        backend.draw(Buffer(width: 5, height: 3))
        XCTAssertEqual(backend.cellsWritten, 15)
    }

    func testQueuedInputIsReadOnce() {
        let backend = TestBackend(width: 4, height: 2)
        backend.queuedInput = [.key(.character("j")), .key(.enter)]
        XCTAssertEqual(backend.pendingInput(), [.key(.character("j")), .key(.enter)])
        XCTAssertEqual(backend.pendingInput(), [])
    }

    func testRedrawingAnUnchangedScreenWritesNothing() {
        let demo = DemoScreenState(events: 300, width: 80, height: 24)
        let backend = TestBackend(width: 80, height: 24)
        backend.draw(demo.screen(width: 80, height: 24))
        let first = backend.cellsWritten
        XCTAssertGreaterThan(first, 80 * 24 / 4)
        backend.draw(demo.screen(width: 80, height: 24))
        XCTAssertEqual(backend.cellsWritten, first)
    }

    func testOneKeyChangesOnlyWhatItShould() {
        var demo = DemoScreenState(events: 300, width: 80, height: 24)
        let backend = TestBackend(width: 80, height: 24)
        backend.draw(demo.screen(width: 80, height: 24))
        let before = backend.cellsWritten
        demo.key(.character("s"))
        backend.draw(demo.screen(width: 80, height: 24))
        let changed = backend.cellsWritten - before
        XCTAssertGreaterThan(changed, 0)
        // Sorting the types pane touches the types pane only.
        XCTAssertLessThanOrEqual(changed, MainLayout(Rect(x: 0, y: 0, width: 80, height: 24)).types.width * 10)
    }
}
