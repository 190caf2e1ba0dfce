import XCTest
@testable import EventDecoding

/// Pinpoint event-stream samples shaped like the developer guide's examples
/// (`Tests/Fixtures/decoding/pinpoint/`), decoded as a stream delivers them.
final class PinpointSamplesTests: XCTestCase {
    private let decoder = EventDecoder()

    private func sample(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> Event {
        let bytes = try DecodingFixtures.bytes("decoding/pinpoint/\(name).json")
        let events = decoder.decode(RawRecord(data: bytes, shard: "shardId-000000000000", sequence: "1", partitionKey: "pk"))
        XCTAssertEqual(events.count, 1, file: file, line: line)
        let event = try XCTUnwrap(events.first, file: file, line: line)
        XCTAssertNil(event.error, file: file, line: line)
        XCTAssertEqual(event.payload, try JSONParser.parse(bytes), "the payload is the event as written", file: file, line: line)
        return event
    }

    // MARK: - Email

    func testEmailSend() throws {
        let event = try sample("email-send")
        XCTAssertEqual(event.kind, .pinpointEmail)
        XCTAssertEqual(event.eventType, "_email.send")
        XCTAssertEqual(event.family, .email)
        XCTAssertEqual(event.summary, "subject=Your order #4411 has shipped to=alice@example.org feedback=received")
        XCTAssertEqual(event.clientId, "6f1c0d2e-8a4b-4c3d-9e5f-1a2b3c4d5e6f")
        XCTAssertNil(event.sessionId)
        XCTAssertEqual(event.eventTime, 1_714_551_000)
        XCTAssertEqual(event.ingestTime, 1_714_551_000.645)
    }

    func testEmailDeliveredOpenClick() throws {
        XCTAssertEqual(try sample("email-delivered").summary,
                       "subject=Your order #4411 has shipped to=alice@example.org feedback=delivered")
        XCTAssertEqual(try sample("email-open").summary,
                       "subject=Your order #4411 has shipped to=alice@example.org feedback=opened")
        // Pinpoint's feedback for a click is the link itself, which is also the mail event's.
        XCTAssertEqual(try sample("email-click").summary,
                       "subject=Your order #4411 has shipped to=alice@example.org feedback=https://shop.example.com/orders/4411")
    }

    func testEmailBounceComplaintAndRenderingFailureShowTheReason() throws {
        let bounce = try sample("email-hardbounce")
        XCTAssertEqual(bounce.eventType, "_email.hardbounce")
        XCTAssertEqual(bounce.summary, "subject=Your order #4411 has shipped to=alice@example.org feedback=Permanent/General")
        XCTAssertEqual(try sample("email-complaint").summary,
                       "subject=Your order #4411 has shipped to=alice@example.org feedback=complained (abuse)")
        XCTAssertEqual(try sample("email-rendering-failure").summary,
                       "subject=Your order #4411 has shipped to=alice@example.org "
                       + "feedback=Attribute 'order_id' is not present in the rendering data.")
    }

    func testEmailSubjectFallsBackToTheHeaderList() throws {
        let text = String(decoding: try DecodingFixtures.bytes("decoding/pinpoint/email-send.json"), as: UTF8.self)
            .replacingOccurrences(of: #""subject": "Your order #4411 has shipped""#, with: #""subjectless": true"#)
        let event = try XCTUnwrap(decoder.decode(RawRecord(data: Array(text.utf8))).first)
        XCTAssertEqual(event.summary, "subject=Your order #4411 has shipped to=alice@example.org feedback=received")
    }

    // MARK: - SMS

    func testSMSSuccessWithEventTimeAfterArrival() throws {
        let event = try sample("sms-success")
        XCTAssertEqual(event.kind, .pinpointSMS)
        XCTAssertEqual(event.family, .sms)
        XCTAssertEqual(event.summary, "to=+14255550142 status=DELIVERED price=581.0")
        // The carrier's receipt is stamped after Pinpoint's arrival time: both are kept as written.
        XCTAssertEqual(try XCTUnwrap(event.eventTime), 1_714_552_000.944, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(event.ingestTime), 1_714_552_000.611, accuracy: 1e-6)
        XCTAssertGreaterThan(try XCTUnwrap(event.eventTime), try XCTUnwrap(event.ingestTime))
    }

    func testSMSOtherOutcomes() throws {
        XCTAssertEqual(try sample("sms-failure").summary, "to=+14255550142 status=UNREACHABLE price=581.0")
        XCTAssertEqual(try sample("sms-buffered").summary, "to=+14255550142 status=SUCCESSFUL", "price is optional")
        let optOut = try sample("sms-optout")
        XCTAssertEqual(optOut.eventType, "_SMS.OPTOUT")
        XCTAssertEqual(optOut.summary, "to=+14255550142 status=OPTED_OUT")
    }

    // MARK: - Campaign and journey

    func testCampaignEndpointStringIsParsedASecondTime() throws {
        let event = try sample("campaign-send")
        XCTAssertEqual(event.kind, .pinpointCampaign)
        XCTAssertEqual(event.family, .campaign)
        XCTAssertEqual(event.summary, "status=SUCCESS channel=GCM campaign=9f8e7d6c5b4a43219f8e7d6c5b4a3210")
        XCTAssertEqual(event.clientId, "ep-7c1d9e2f")
        XCTAssertEqual(event.platform, "android", "from the endpoint's Demographic")
        let endpoint = try XCTUnwrap(event.embedded?["client_context.custom.endpoint"])
        XCTAssertEqual(endpoint["ChannelType"], .string("GCM"))
        XCTAssertEqual(endpoint["User"]?["UserId"], .string("user-2201"))
        // The payload and the tail line keep the endpoint as the string Pinpoint wrote.
        XCTAssertEqual(event.payload["client_context"]?["custom"]?["endpoint"]?.string?.hasPrefix(#"{"ChannelType":"GCM""#), true)
        XCTAssertFalse(TailLine.json(event).contains("embedded"))
    }

    func testCampaignWithoutClientTakesTheEndpointId() throws {
        let event = try sample("campaign-opened-no-client")
        XCTAssertEqual(event.kind, .pinpointCampaign)
        XCTAssertEqual(event.clientId, "ep-7c1d9e2f")
        XCTAssertEqual(event.platform, "android")
        XCTAssertEqual(event.summary, "campaign=9f8e7d6c5b4a43219f8e7d6c5b4a3210 channel=GCM")
    }

    func testJourneySend() throws {
        let event = try sample("journey-send")
        XCTAssertEqual(event.kind, .pinpointJourney)
        XCTAssertEqual(event.summary, "status=SUCCESS channel=EMAIL journey=0f1e2d3c4b5a46978869a7b6c5d4e3f2")
        XCTAssertEqual(event.clientId, "ep-2b4d6f8a")
        XCTAssertNil(event.platform, "the endpoint has no platform")
        XCTAssertEqual(event.embedded?["client_context.custom.endpoint"]?["Demographic"]?["Timezone"], .string("America/Los_Angeles"))
        XCTAssertEqual(event.eventTime, event.ingestTime)
    }

    func testEndpointStringThatIsNotJSONIsLeftAlone() throws {
        let text = #"{"event_type":"_campaign.send","event_timestamp":1,"client":{"client_id":"c"},"#
            + #""client_context":{"custom":{"endpoint":"not json"}},"attributes":{"campaign_send_status":"SUCCESS"}}"#
        let event = try XCTUnwrap(decoder.decode(RawRecord(data: Array(text.utf8))).first)
        XCTAssertEqual(event.kind, .pinpointCampaign)
        XCTAssertNil(event.embedded)
        XCTAssertEqual(event.summary, "status=SUCCESS")
    }

    // MARK: - App events

    func testMonetizationPurchase() throws {
        let event = try sample("app-purchase")
        XCTAssertEqual(event.kind, .pinpointApp)
        XCTAssertEqual(event.family, .monetization)
        XCTAssertEqual(event.summary, "_currency=EUR _product_id=sku-coffee-250g _store=Google Play")
        XCTAssertEqual(event.platform, "android")
        XCTAssertEqual(event.sessionId, "0a1b2c3d-20240501-083820-118")
        // Reported 1.7 s after it happened; its session began after it, and that is kept too.
        XCTAssertEqual(try XCTUnwrap(event.ingestTime) - (try XCTUnwrap(event.eventTime)), 1.68, accuracy: 1e-6)
        XCTAssertEqual(event.sessionStart, 1_714_552_700.118)
    }

    func testCustomEventWithEndpointObject() throws {
        let event = try sample("app-custom")
        XCTAssertEqual(event.family, .custom)
        XCTAssertEqual(event.eventType, "recipeSaved")
        XCTAssertEqual(event.summary, "recipe=shakshuka source=search servings=2")
        XCTAssertEqual(event.platform, "ios")
        XCTAssertNil(event.embedded, "an endpoint object needs no second parse")
    }

    /// The latency breakdown the store keeps is there on every sample: client → Pinpoint →
    /// Kinesis, with the arrival time from the record.
    func testLatencyBreakdownFields() throws {
        let bytes = try DecodingFixtures.bytes("decoding/pinpoint/app-purchase.json")
        let event = try XCTUnwrap(decoder.decode(RawRecord(data: bytes, arrival: 1_714_551_534.43)).first)
        let clientToPinpoint = try XCTUnwrap(event.ingestTime) - (try XCTUnwrap(event.eventTime))
        let pinpointToKinesis = try XCTUnwrap(event.record.arrival) - (try XCTUnwrap(event.ingestTime))
        XCTAssertEqual(clientToPinpoint, 1.68, accuracy: 1e-6)
        XCTAssertEqual(pinpointToKinesis, 32.5, accuracy: 1e-6)
    }
}
