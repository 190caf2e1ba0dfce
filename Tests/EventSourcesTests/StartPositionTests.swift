import KinesisClient
import XCTest
@testable import EventSources

final class StartPositionTests: XCTestCase {
    func testNamedPositions() {
        XCTAssertEqual(StartPosition.parse("latest", now: 0), .latest)
        XCTAssertEqual(StartPosition.parse("trim-horizon", now: 0), .trimHorizon)
        XCTAssertEqual(StartPosition.parse("TRIM_HORIZON", now: 0), .trimHorizon)
    }

    func testISOTimes() {
        XCTAssertEqual(StartPosition.parse("2019-09-06T14:31:12.608Z", now: 0), .atTimestamp(1_567_780_272.608))
        XCTAssertEqual(StartPosition.parse("2019-09-06T23:31:12+09:00", now: 0), .atTimestamp(1_567_780_272))
    }

    func testDurationsAgo() {
        XCTAssertEqual(StartPosition.parse("15m", now: 10_000), .atTimestamp(10_000 - 900))
        XCTAssertEqual(StartPosition.parse("1h30m", now: 10_000), .atTimestamp(10_000 - 5400))
        XCTAssertEqual(StartPosition.duration("500ms"), 0.5)
        XCTAssertEqual(StartPosition.duration("2d"), 172_800)
        XCTAssertEqual(StartPosition.duration("1.5s"), 1.5)
    }

    func testRejectsNonsense() {
        for text in ["", "soon", "15", "m15", "15x", "-5m", "1h-", "yesterday"] {
            XCTAssertNil(StartPosition.parse(text, now: 0), text)
        }
    }
}
