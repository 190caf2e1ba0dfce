import EventDecoding
import KinesisClient
import Synchronization
import XCTest
@testable import EventSources

/// The retry lines, the statuses and the silence an `EndpointLink` keeps, on a manual clock.
final class EndpointLinkTests: XCTestCase {
    final class ManualClock: Sendable {
        private let time = Mutex(1000.0)
        var now: Double { time.withLock { $0 } }
        func advance(_ seconds: Double) { time.withLock { $0 += seconds } }
    }

    private let refused = KinesisError(type: KinesisError.transportType, message: "connection refused")
    private let silent = KinesisError(type: KinesisError.transportType, message: "no answer within 10 s")

    private func statuses(_ link: EndpointLink) async -> [SourceStatus] {
        link.finish()
        var all: [SourceStatus] = []
        for await status in link.statuses { all.append(status) }
        return all
    }

    func testRetryLinesCountUpAndNameTheEndpointReasonAndWait() async {
        let clock = ManualClock()
        let link = EndpointLink(endpoint: "http://127.0.0.1:4567/", clock: { clock.now })
        XCTAssertEqual(link.failed(refused, retryIn: 0.1), "connecting to http://127.0.0.1:4567 failed: connection refused, retry 1 in 0.1 s")
        clock.advance(0.1)
        XCTAssertEqual(link.failed(refused, retryIn: 4), "connecting to http://127.0.0.1:4567 failed: connection refused, retry 2 in 4 s")
        clock.advance(4)
        XCTAssertEqual(link.failed(refused, retryIn: 30), "connecting to http://127.0.0.1:4567 failed: connection refused, retry 3 in 30 s")
        let http = KinesisError(type: "ServiceUnavailableException", message: "x", statusCode: 503)
        XCTAssertEqual(link.failed(http, retryIn: 2), "connecting to http://127.0.0.1:4567 failed: HTTP 503 ServiceUnavailableException, retry 4 in 2 s")
        let bare = KinesisError(type: "HTTP502", message: "Bad Gateway", statusCode: 502)
        XCTAssertEqual(link.failed(bare, retryIn: 2), "connecting to http://127.0.0.1:4567 failed: HTTP 502, retry 5 in 2 s")
        // The one at 0.1 s repeats the first's reason within a second: left out of the statuses.
        let reported = await statuses(link)
        XCTAssertEqual(reported, [
            .retrying("connecting to http://127.0.0.1:4567 failed: connection refused, retry 1 in 0.1 s"),
            .retrying("connecting to http://127.0.0.1:4567 failed: connection refused, retry 3 in 30 s"),
            .retrying("connecting to http://127.0.0.1:4567 failed: HTTP 503 ServiceUnavailableException, retry 4 in 2 s"),
            .retrying("connecting to http://127.0.0.1:4567 failed: HTTP 502, retry 5 in 2 s"),
        ])
    }

    func testAnAnswerEndsTheTroubleAndSaysRunningAgain() async throws {
        let clock = ManualClock()
        let link = EndpointLink(endpoint: "http://e", clock: { clock.now })
        link.failed(refused, retryIn: 1)
        clock.advance(1)
        link.failed(refused, retryIn: 2)
        let value = try await link.call { 42 }
        XCTAssertEqual(value, 42)
        link.heard()  // a second answer changes nothing more
        XCTAssertEqual(link.failed(refused, retryIn: 1), "connecting to http://e failed: connection refused, retry 1 in 1 s",
                       "the count starts again after an answer")
        let reported = await statuses(link)
        XCTAssertEqual(reported, [
            .retrying("connecting to http://e failed: connection refused, retry 1 in 1 s"),
            .retrying("connecting to http://e failed: connection refused, retry 2 in 2 s"),
            .running,
            .retrying("connecting to http://e failed: connection refused, retry 1 in 1 s"),
        ])
    }

    func testSilenceCountsFromTheFirstUnansweredCallUntilAnAnswer() async throws {
        let clock = ManualClock()
        let link = EndpointLink(endpoint: "http://e", clock: { clock.now })
        clock.advance(500)
        XCTAssertEqual(link.silence(at: clock.now), 0, "nothing asked, nothing missing")
        // An error answer (not found) is an answer.
        let notFound = KinesisError(type: "ResourceNotFoundException", message: "gone", statusCode: 400)
        do {
            _ = try await link.call { () async throws -> Int in throw notFound }
            XCTFail("the call's error is thrown on")
        } catch let error as KinesisError {
            XCTAssertEqual(error, notFound)
        }
        XCTAssertEqual(link.silence(at: clock.now), 0)
        // A call that fails without an answer starts the silence at its start, and the retries'
        // waits (no call in flight) keep it going.
        let start = clock.now
        do {
            _ = try await link.call { () async throws -> Int in
                clock.advance(3)
                throw self.silent
            }
        } catch {}
        link.failed(silent, retryIn: 2)
        clock.advance(2)
        XCTAssertEqual(link.silence(at: clock.now), clock.now - start)
        _ = try await link.call { () async throws -> Int in 1 }
        XCTAssertEqual(link.silence(at: clock.now), 0)
    }

    func testWatchGivesUpOnceSilentForTheLimitAndNamesTheLastReason() async throws {
        let clock = ManualClock()
        let link = EndpointLink(endpoint: "http://e", clock: { clock.now })
        link.failed(refused, retryIn: 1)
        clock.advance(120)
        do {
            try await link.watch(giveUpAfter: 120)
            XCTFail("watch returned")
        } catch let error as SourceError {
            XCTAssertEqual(error.description, "no answer from http://e for 2 min (last try: connection refused); giving up")
        }
    }

    func testSecondsInWords() {
        XCTAssertEqual(EndpointLink.seconds(0.1), "0.1 s")
        XCTAssertEqual(EndpointLink.seconds(0.25), "0.3 s")
        XCTAssertEqual(EndpointLink.seconds(4), "4 s")
        XCTAssertEqual(EndpointLink.seconds(16), "16 s")
        XCTAssertEqual(EndpointLink.seconds(90), "90 s")
        XCTAssertEqual(EndpointLink.seconds(120), "2 min")
    }
}
