import XCTest
import EventDecoding
@testable import EventSources

final class DemoTrafficTests: XCTestCase {
    private let start = 1_717_200_000.0

    private func emissions(seed: UInt64, count: Int, rate: Double = 20) -> [DemoEmission] {
        var demo = DemoTraffic(seed: seed, startTime: start, rate: rate)
        return (0..<count).map { _ in demo.next() }
    }

    private func parse(_ emission: DemoEmission) throws -> JSONValue {
        try JSONParser.parse(emission.record.data)
    }

    // MARK: - Determinism

    func testSameSeedGivesIdenticalRecords() {
        let a = emissions(seed: 42, count: 3000)
        let b = emissions(seed: 42, count: 3000)
        XCTAssertEqual(a.map(\.time), b.map(\.time))
        XCTAssertEqual(a.map(\.record), b.map(\.record))
    }

    func testDifferentSeedsDiffer() {
        let a = emissions(seed: 1, count: 200).map(\.record.data)
        let b = emissions(seed: 2, count: 200).map(\.record.data)
        XCTAssertNotEqual(a, b)
        XCTAssertLessThan(zip(a, b).filter { $0 == $1 }.count, 5)
    }

    // MARK: - Stream metadata

    func testStreamOrderAndKinesisMetadata() throws {
        let all = emissions(seed: 7, count: 5000)
        var lastTime = -Double.infinity
        var lastSequence: [String: String] = [:]
        let shards = (0..<4).map { "shardId-00000000000\($0)" }
        for emission in all {
            XCTAssertGreaterThanOrEqual(emission.time, lastTime)
            lastTime = emission.time
            XCTAssertGreaterThanOrEqual(emission.time, start)
            let record = emission.record
            XCTAssertEqual(record.arrival, emission.time)

            let shard = try XCTUnwrap(record.shard)
            XCTAssertTrue(shards.contains(shard), shard)
            let sequence = try XCTUnwrap(record.sequence)
            XCTAssertEqual(sequence.utf8.count, 56)
            XCTAssertTrue(sequence.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            XCTAssertTrue(sequence.hasPrefix("49"))
            if let previous = lastSequence[shard] {
                // Same length, so string order is numeric order.
                XCTAssertGreaterThan(sequence, previous)
            }
            lastSequence[shard] = sequence

            let event = try parse(emission)
            XCTAssertEqual(record.partitionKey, event.value(atPath: "client.client_id")?.string)
        }
        XCTAssertEqual(lastSequence.count, 4, "all four shards get traffic")
    }

    func testOneClientAlwaysMapsToOneShard() throws {
        var shardOfClient: [String: String] = [:]
        for emission in emissions(seed: 9, count: 3000) {
            let key = try XCTUnwrap(emission.record.partitionKey)
            let shard = try XCTUnwrap(emission.record.shard)
            XCTAssertEqual(shardOfClient[key, default: shard], shard)
            shardOfClient[key] = shard
        }
    }

    // MARK: - Event content

    func testEventsLookLikePinpointAndSessionsAreWellFormed() throws {
        let all = emissions(seed: 2024, count: 5000)
        var types: [String: Int] = [:]
        var startedSessions = Set<String>()
        var stoppedSessions = Set<String>()
        var pausedSessions = Set<String>()
        var platforms = Set<String>()
        var sawJapanese = false
        var sawEmoji = false

        for emission in all {
            let event = try parse(emission)
            // The demo's bytes are exactly what JSONWriter makes of the parsed value.
            XCTAssertEqual(Array(JSONWriter.compact(event).utf8), emission.record.data)

            let type = try XCTUnwrap(event["event_type"]?.string)
            types[type, default: 0] += 1
            XCTAssertEqual(event["event_version"]?.string, "3.1")
            XCTAssertEqual(event["awsAccountId"]?.string, "123456789012")
            XCTAssertEqual(event.value(atPath: "application.app_id")?.string, DemoCatalog.appId)
            XCTAssertNotNil(event.value(atPath: "client.client_id")?.string)

            let eventMs = try XCTUnwrap(event["event_timestamp"]?.double)
            let arrivalMs = try XCTUnwrap(event["arrival_timestamp"]?.double)
            XCTAssertGreaterThanOrEqual(arrivalMs, eventMs + 200, type)
            XCTAssertLessThanOrEqual(arrivalMs, eventMs + 120_000, type)
            XCTAssertGreaterThanOrEqual(emission.time * 1000, arrivalMs + 499, type)
            XCTAssertLessThanOrEqual(emission.time * 1000, arrivalMs + 40_001, type)
            XCTAssertGreaterThanOrEqual(eventMs, start * 1000)

            for member in event["attributes"]?.object?.members ?? [] {
                let text = try XCTUnwrap(member.value.string, "attribute values are strings")
                if text.unicodeScalars.contains(where: { (0x3040...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) }) {
                    sawJapanese = true
                }
                if text.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation }) {
                    sawEmoji = true
                }
            }
            for member in event["metrics"]?.object?.members ?? [] {
                XCTAssertNotNil(member.value.double, "metric \(member.key) is a number")
            }

            if type.hasPrefix("_email.") || type.hasPrefix("_SMS.") {
                XCTAssertNil(event.value(atPath: "session.session_id"), type)
                XCTAssertNil(event.value(atPath: "client.cognito_id"), type)
                if type.hasPrefix("_email.") {
                    XCTAssertNotNil(event.value(atPath: "attributes.feedback")?.string)
                    XCTAssertNotNil(event.value(atPath: "facets.email_channel.mail_event.mail.from_address")?.string)
                    XCTAssertNotNil(event.value(atPath: "facets.email_channel.mail_event.mail.destination")?[0]?.string)
                    XCTAssertNotNil(event.value(atPath: "facets.email_channel.mail_event.mail.common_headers.subject")?.string)
                    let hasSender = event.value(atPath: "attributes.campaign_id") != nil
                        || event.value(atPath: "attributes.journey_id") != nil
                    XCTAssertTrue(hasSender)
                } else {
                    XCTAssertNotNil(event.value(atPath: "attributes.destination_phone_number")?.string)
                    XCTAssertNotNil(event.value(atPath: "attributes.record_status")?.string)
                    XCTAssertNotNil(event.value(atPath: "attributes.message_type")?.string)
                    XCTAssertNotNil(event.value(atPath: "attributes.iso_country_code")?.string)
                    XCTAssertNotNil(event.value(atPath: "metrics.price_in_millicents_usd")?.double)
                }
                continue
            }

            let platform = try XCTUnwrap(event.value(atPath: "device.platform.name")?.string)
            platforms.insert(platform)
            XCTAssertNotNil(event.value(atPath: "device.make")?.string)
            XCTAssertNotNil(event.value(atPath: "device.model")?.string)
            XCTAssertNotNil(event.value(atPath: "client.cognito_id")?.string)
            if let endpoint = event["endpoint"] {
                XCTAssertEqual(endpoint["Id"], event.value(atPath: "client.client_id"))
                XCTAssertEqual(endpoint["ApplicationId"]?.string, DemoCatalog.appId)
            }

            let sessionId = try XCTUnwrap(event.value(atPath: "session.session_id")?.string, type)
            let startMs = try XCTUnwrap(event.value(atPath: "session.start_timestamp")?.double)
            XCTAssertLessThanOrEqual(startMs, eventMs)
            XCTAssertFalse(stoppedSessions.contains(sessionId), "\(type) after _session.stop")
            switch type {
            case "_session.start":
                XCTAssertFalse(startedSessions.contains(sessionId), "session started twice")
                XCTAssertEqual(startMs, eventMs)
                startedSessions.insert(sessionId)
            case "_session.stop":
                XCTAssertTrue(startedSessions.contains(sessionId))
                XCTAssertEqual(event.value(atPath: "session.stop_timestamp")?.double, eventMs)
                stoppedSessions.insert(sessionId)
            default:
                XCTAssertTrue(startedSessions.contains(sessionId), "\(type) before its _session.start")
                XCTAssertNil(event.value(atPath: "session.stop_timestamp"))
            }
            switch type {
            case "_session.pause":
                XCTAssertFalse(pausedSessions.contains(sessionId))
                pausedSessions.insert(sessionId)
            case "_session.resume":
                XCTAssertNotNil(pausedSessions.remove(sessionId), "resume without pause")
            case "MyEvent":
                let date = try XCTUnwrap(event.value(atPath: "attributes.date")?.string)
                XCTAssertEqual(date, Timestamp.iso8601(milliseconds: Int64(eventMs)))
            case "pageView":
                XCTAssertTrue(event.value(atPath: "attributes.url")?.string?.hasPrefix("https://") ?? false)
            case "search":
                XCTAssertNotNil(event.value(atPath: "attributes.query")?.string)
            case "_monetization.purchase":
                for key in ["_product_id", "_currency", "_store"] {
                    XCTAssertNotNil(event.value(atPath: "attributes." + key)?.string, key)
                }
                XCTAssertNotNil(event.value(atPath: "metrics._item_price")?.double)
                XCTAssertNotNil(event.value(atPath: "metrics._quantity")?.double)
            default:
                break
            }
        }

        for required in ["_session.start", "_session.stop", "MyEvent", "pageView", "search", "addToCart",
                         "_monetization.purchase", "_userauth.sign_in"] {
            XCTAssertGreaterThan(types[required, default: 0], 0, "no \(required)")
        }
        XCTAssertGreaterThan(types.filter { $0.key.hasPrefix("_email.") }.values.reduce(0, +), 0)
        XCTAssertGreaterThan(types.filter { $0.key.hasPrefix("_SMS.") }.values.reduce(0, +), 0)
        XCTAssertGreaterThan(types["_session.pause", default: 0], 0)
        XCTAssertTrue(sawJapanese)
        XCTAssertTrue(sawEmoji)
        XCTAssertGreaterThanOrEqual(platforms.count, 3, "\(platforms)")
        XCTAssertGreaterThanOrEqual(startedSessions.count, 20)
        XCTAssertGreaterThan(stoppedSessions.count, 0)
    }

    func testMessageSharesAreAboutFivePercentEach() throws {
        let all = emissions(seed: 5, count: 5000)
        var email = 0
        var sms = 0
        for emission in all {
            let type = try XCTUnwrap(parse(emission)["event_type"]?.string)
            if type.hasPrefix("_email.") { email += 1 }
            if type.hasPrefix("_SMS.") { sms += 1 }
        }
        XCTAssertTrue((100...500).contains(email), "\(email) email events")
        XCTAssertTrue((100...500).contains(sms), "\(sms) SMS events")
    }

    // MARK: - Rate

    func testMeanRateIsNearTheConfiguredRate() {
        for rate in [20.0, 200.0] {
            let all = emissions(seed: 11, count: 5000, rate: rate)
            let span = all[all.count - 1].time - all[0].time
            let observed = Double(all.count - 1) / span
            XCTAssertGreaterThan(observed, rate / 2, "rate \(rate)")
            XCTAssertLessThan(observed, rate * 2, "rate \(rate)")
        }
    }

    func testTrafficHasBurstsAndLulls() {
        let all = emissions(seed: 3, count: 20_000)
        var perSecond: [Int: Int] = [:]
        for emission in all { perSecond[Int(emission.time), default: 0] += 1 }
        let first = Int(all[0].time)
        let last = Int(all[all.count - 1].time)
        let counts = (first...last).map { perSecond[$0, default: 0] }
        XCTAssertGreaterThanOrEqual(counts.max() ?? 0, 45, "no burst")
        XCTAssertLessThanOrEqual(counts.min() ?? .max, 5, "no lull")
    }

    // MARK: - Helpers

    func testShardHashIsKinesisMD5() {
        func hex(_ bytes: [UInt8]) -> String {
            bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        }
        XCTAssertEqual(hex(MD5Digest.digest([])), "d41d8cd98f00b204e9800998ecf8427e")
        XCTAssertEqual(hex(MD5Digest.digest(Array("The quick brown fox jumps over the lazy dog".utf8))),
                       "9e107d9d372bb6826bd81d3542a419d6")
        XCTAssertEqual(hex(MD5Digest.digest(Array(String(repeating: "1234567890", count: 8).utf8))),
                       "57edf4a22be3c955ac49da2e2107b67a")
        var random = DemoRandom(seed: 0)
        let map = KinesisShardMap(shardCount: 4, random: &random)
        // MD5("a") = 0cc175b9…: hash key below 2^128/4, so the first shard.
        XCTAssertEqual(map.shardIndex(forPartitionKey: "a"), 0)
        // MD5("b") = 92eb5ffe…: between 2^127 and 3·2^126, so the third.
        XCTAssertEqual(map.shardIndex(forPartitionKey: "b"), 2)
    }

    func testISOTimestamps() {
        XCTAssertEqual(Timestamp.iso8601(milliseconds: 1_567_780_274_577), "2019-09-06T14:31:14.577Z")
        XCTAssertEqual(Timestamp.iso8601(milliseconds: 0), "1970-01-01T00:00:00.000Z")
        XCTAssertEqual(Timestamp.iso8601(milliseconds: 951_782_400_000), "2000-02-29T00:00:00.000Z")
        XCTAssertEqual(Timestamp.iso8601(milliseconds: -1), "1969-12-31T23:59:59.999Z")
    }
}
