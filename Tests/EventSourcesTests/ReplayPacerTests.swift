import EventDecoding
import XCTest
@testable import EventSources

final class ReplayPacerTests: XCTestCase {
    func testKeepsTheOriginalSpacingScaledBySpeed() {
        var pacer = ReplayPacer(speed: 1)
        XCTAssertEqual(pacer.wait(for: 1000, now: 50), 0, "the first record is due at once")
        XCTAssertEqual(pacer.wait(for: 1002.5, now: 50), 2.5, accuracy: 1e-9)
        XCTAssertEqual(pacer.wait(for: 1002.5, now: 53), -0.5, accuracy: 1e-9, "late records are due at once")
        var fast = ReplayPacer(speed: 10)
        _ = fast.wait(for: 0, now: 0)
        XCTAssertEqual(fast.wait(for: 30, now: 0), 3, accuracy: 1e-9)
    }

    func testTimestampsOfEachFormat() {
        func stamp(_ json: String) -> Double? { ReplayPacer.timestamp(of: Array(json.utf8)) }
        XCTAssertEqual(stamp(#"{"shard":"s","sequence":"1","partition_key":"k","arrival":"2019-09-06T14:31:47.056Z","data":""}"#),
                       1_567_780_307.056)
        XCTAssertEqual(stamp(#"{"Records":[{"kinesis":{"data":"","approximateArrivalTimestamp":1567780307.056}}]}"#), 1_567_780_307.056)
        XCTAssertEqual(stamp(#"{"Records":[{"Data":"","ApproximateArrivalTimestamp":1.441215410867E9}]}"#), 1_441_215_410.867)
        XCTAssertEqual(stamp(#"{"event_type":"x","event_timestamp":1567780272608,"arrival_timestamp":1567780274582}"#), 1_567_780_274.582)
        XCTAssertNil(stamp(#"{"foo":1}"#))
        XCTAssertNil(stamp("not json"))
    }
}
