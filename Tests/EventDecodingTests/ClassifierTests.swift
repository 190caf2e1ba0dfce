import Foundation
import XCTest
@testable import EventDecoding

final class ClassifierTests: XCTestCase {
    private func value(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    private func pinpoint(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> Event {
        try XCTUnwrap(PinpointClassifier().classify(try value(text), record: RecordMetadata()), file: file, line: line)
    }

    private func generic(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> Event {
        try XCTUnwrap(GenericJSONClassifier().classify(try value(text), record: RecordMetadata()), file: file, line: line)
    }

    // MARK: - Pinpoint kinds

    func testPinpointKindsByPrefix() throws {
        let cases: [(String, EventKind, EventFamily)] = [
            ("_session.start", .pinpointApp, .session),
            ("_session.stop", .pinpointApp, .session),
            ("_session.pause", .pinpointApp, .session),
            ("_userauth.sign_in", .pinpointApp, .auth),
            ("_userauth.auth_fail", .pinpointApp, .auth),
            ("_monetization.purchase", .pinpointApp, .monetization),
            ("pageView", .pinpointApp, .custom),
            ("_email.send", .pinpointEmail, .email),
            ("_email.hardbounce", .pinpointEmail, .email),
            ("_SMS.SUCCESS", .pinpointSMS, .sms),
            ("_SMS.BUFFERED", .pinpointSMS, .sms),
            ("_campaign.send", .pinpointCampaign, .campaign),
            ("_campaign.opened_notification", .pinpointCampaign, .campaign),
            ("_journey.send", .pinpointJourney, .campaign),
            // Prefixes are exact: these are custom app events.
            ("_sms.success", .pinpointApp, .custom),
            ("_emailsend", .pinpointApp, .custom),
        ]
        for (type, kind, family) in cases {
            let event = try pinpoint(DecodingFixtures.pinpointEvent(type: type))
            XCTAssertEqual(event.kind, kind, type)
            XCTAssertEqual(event.eventType, type)
            XCTAssertEqual(event.family, family, type)
        }
    }

    func testEmailSummaryFromMailFacet() throws {
        let facets = #","facets":{"email_channel":{"mail_event":{"mail":{"message_id":"m-1","#
            + #""destination":["someone@example.com","other@example.com"],"#
            + #""common_headers":{"from":"shop@example.com","subject":"Your order shipped"}},"#
            + #""delivery":{"smtp_response":"250 ok"}}}}"#
        let text = DecodingFixtures.pinpointEvent(type: "_email.delivered", session: nil, extra: facets)
            .replacingOccurrences(of: #""attributes":{}"#, with: #""attributes":{"feedback":"delivered","campaign_id":"c"}"#)
        let event = try pinpoint(text)
        XCTAssertEqual(event.kind, .pinpointEmail)
        XCTAssertEqual(event.summary, "subject=Your order shipped to=someone@example.com feedback=delivered")
        XCTAssertNil(event.sessionId)
        XCTAssertEqual(event.clientId, "c-1")
    }

    func testEmailWithoutMailFacetHasEmptySummary() throws {
        let event = try pinpoint(DecodingFixtures.pinpointEvent(type: "_email.open", session: nil))
        XCTAssertEqual(event.kind, .pinpointEmail)
        XCTAssertEqual(event.summary, "")
    }

    func testSMSSummary() throws {
        let extra = #","metrics":{"price_in_millicents_usd":645.0}"#
        let text = DecodingFixtures.pinpointEvent(type: "_SMS.SUCCESS", session: nil, extra: extra)
            .replacingOccurrences(of: #""attributes":{}"#,
                                  with: #""attributes":{"destination_phone_number":"+15555550100","record_status":"DELIVERED"}"#)
        let event = try pinpoint(text)
        XCTAssertEqual(event.kind, .pinpointSMS)
        XCTAssertEqual(event.summary, "to=+15555550100 status=DELIVERED price=645.0")
    }

    func testAppEventSummaryFromAttributesThenMetrics() throws {
        let text = DecodingFixtures.pinpointEvent(type: "_monetization.purchase", extra: #","metrics":{"_item_price":9.99,"_quantity":2}"#)
            .replacingOccurrences(of: #""attributes":{}"#, with: #""attributes":{"_product_id":"sku-1","_currency":"USD"}"#)
        let event = try pinpoint(text)
        XCTAssertEqual(event.summary, "_product_id=sku-1 _currency=USD _item_price=9.99")
    }

    func testPinpointTimestampsAreMillisecondsConvertedToSeconds() throws {
        let event = try pinpoint(DecodingFixtures.pinpointEvent(type: "pageView", eventMillis: 1_567_780_272_608))
        XCTAssertEqual(try XCTUnwrap(event.eventTime), 1_567_780_272.608, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(event.ingestTime), 1_567_780_274.582, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(event.sessionStart), 1_567_780_269.946, accuracy: 1e-6)

        // Pinpoint writes some timestamps as strings.
        let stringTimes = try pinpoint(#"{"event_type":"t","event_timestamp":"1567780272608","arrival_timestamp":"1567780274582","client":{"client_id":"c"}}"#)
        XCTAssertEqual(try XCTUnwrap(stringTimes.eventTime), 1_567_780_272.608, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(stringTimes.ingestTime), 1_567_780_274.582, accuracy: 1e-6)
    }

    func testPinpointNeedsTypeTimestampAndAContext() throws {
        let classifier = PinpointClassifier()
        let rejected = [
            #"{"event_type":"x","event_timestamp":1}"#,
            #"{"event_type":"x","application":{}}"#,
            #"{"event_timestamp":1,"application":{}}"#,
            #"{"event_type":1,"event_timestamp":1,"application":{}}"#,
            #"[{"event_type":"x","event_timestamp":1,"application":{}}]"#,
        ]
        for text in rejected {
            XCTAssertNil(classifier.classify(try value(text), record: RecordMetadata()), text)
        }
        for context in [#""application":{}"#, #""client":{}"#, #""arrival_timestamp":2"#] {
            let text = #"{"event_type":"x","event_timestamp":1000,\#(context)}"#
            XCTAssertNotNil(classifier.classify(try value(text), record: RecordMetadata()), text)
        }
    }

    func testClassifierKeepsRecordMetadata() throws {
        let metadata = RecordMetadata(shard: "shardId-000000000002", sequence: "7", partitionKey: "pk", arrival: 12)
        let event = try XCTUnwrap(PinpointClassifier().classify(try value(DecodingFixtures.pinpointEvent(type: "a")), record: metadata))
        XCTAssertEqual(event.record, metadata)
    }

    /// A timestamp no clock can show must not become an event time: `tail` formats every event
    /// time with `Timestamp.iso8601`, which cannot represent it.
    func testOutOfRangeTimestampsAreNotEventTimes() throws {
        let amplify = AmplifyClassifier()
        for lexeme in ["1e400", "-1e400", "1e300", "\"nan\"", "\"inf\""] {
            let event = try pinpoint(#"{"event_type":"x","event_timestamp":\#(lexeme),"arrival_timestamp":\#(lexeme),"client":{}}"#)
            for time in [event.eventTime, event.ingestTime] {
                if let time { XCTAssertTrue(time.isFinite && abs(time) < 1e15, "Pinpoint \(lexeme) → \(time)") }
            }
            if let time = try generic(#"{"type":"x","timestamp":\#(lexeme)}"#).eventTime {
                XCTAssertTrue(time.isFinite && abs(time) < 1e15, "generic \(lexeme) → \(time)")
            }
            let amplifyEvent = amplify.classify(try value(#"{"name":"x","attributes":{},"timestamp":\#(lexeme)}"#), record: RecordMetadata())
            if let time = amplifyEvent?.eventTime {
                XCTAssertTrue(time.isFinite && abs(time) < 1e15, "Amplify \(lexeme) → \(time)")
            }
        }
    }

    // MARK: - Families

    func testFamiliesOfOtherKinds() {
        XCTAssertEqual(EventFamily(kind: .amplify, eventType: "_session.start"), .session)
        XCTAssertEqual(EventFamily(kind: .amplify, eventType: "_userauth.sign_up"), .auth)
        XCTAssertEqual(EventFamily(kind: .amplify, eventType: nil), .custom)
        XCTAssertEqual(EventFamily(kind: .json, eventType: "_session.start"), .other)
        XCTAssertEqual(EventFamily(kind: .text, eventType: nil), .other)
        XCTAssertEqual(EventFamily(kind: .binary, eventType: nil), .other)
        XCTAssertEqual(EventFamily(kind: .cloudwatchLogs, eventType: "/aws/x"), .other)
        XCTAssertEqual(EventFamily(kind: .error, eventType: "_session.start"), .error)
    }

    // MARK: - Amplify

    func testAmplifyRecognition() throws {
        let classifier = AmplifyClassifier()
        XCTAssertNil(classifier.classify(try value(#"{"name":"x"}"#), record: RecordMetadata()))
        XCTAssertNil(classifier.classify(try value(#"{"name":3,"attributes":{}}"#), record: RecordMetadata()))
        XCTAssertNil(classifier.classify(try value(#"{"name":"x","attributes":[]}"#), record: RecordMetadata()))
        let metricsOnly = try XCTUnwrap(classifier.classify(try value(#"{"name":"m","metrics":{"a":1,"b":2},"timestamp":1567780272608,"sessionId":"s","endpointId":"e"}"#),
                                                            record: RecordMetadata()))
        XCTAssertEqual(metricsOnly.kind, .amplify)
        XCTAssertEqual(metricsOnly.summary, "a=1")
        XCTAssertEqual(metricsOnly.sessionId, "s")
        XCTAssertEqual(metricsOnly.clientId, "e")
        XCTAssertEqual(try XCTUnwrap(metricsOnly.eventTime), 1_567_780_272.608, accuracy: 1e-6)
    }

    // MARK: - Generic JSON

    func testGenericPicksTypeByFieldPriority() throws {
        XCTAssertEqual(try generic(#"{"name":"n","type":"t","eventType":"e"}"#).eventType, "e")
        XCTAssertEqual(try generic(#"{"name":"n","type":"t"}"#).eventType, "t")
        XCTAssertEqual(try generic(#"{"name":"n","event":"v"}"#).eventType, "v")
        XCTAssertEqual(try generic(#"{"event_type":null,"type":"t"}"#).eventType, "t")
        XCTAssertEqual(try generic(#"{"type":42}"#).eventType, "42")
        XCTAssertNil(try generic(#"{"type":{"a":1}}"#).eventType)
        XCTAssertNil(try generic(#"{"foo":1}"#).eventType)
        XCTAssertEqual(try generic(#"{"foo":1}"#).kind, .json)
    }

    func testGenericTimeInMillisecondsSecondsAndISO() throws {
        XCTAssertEqual(try XCTUnwrap(try generic(#"{"time":1567780272608}"#).eventTime), 1_567_780_272.608, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(try generic(#"{"ts":1567780272.5}"#).eventTime), 1_567_780_272.5, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(try generic(#"{"timestamp":"2019-09-06T14:31:12.608Z"}"#).eventTime), 1_567_780_272.608, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(try generic(#"{"eventTime":"2019-09-06T23:31:12+09:00"}"#).eventTime), 1_567_780_272, accuracy: 1e-6)
        XCTAssertNil(try generic(#"{"time":"yesterday"}"#).eventTime)
        XCTAssertNil(try generic(#"{"foo":1}"#).eventTime)
    }

    func testGenericSessionAndClientIncludingNestedPaths() throws {
        let flat = try generic(#"{"sessionId":"s1","user_id":"u1"}"#)
        XCTAssertEqual(flat.sessionId, "s1")
        XCTAssertEqual(flat.clientId, "u1")
        let nested = try generic(#"{"session":{"id":"s2"},"client":{"client_id":"c2"}}"#)
        XCTAssertEqual(nested.sessionId, "s2")
        XCTAssertEqual(nested.clientId, "c2")
        let pinpointLike = try generic(#"{"session":{"session_id":"s3"},"client_id":"c3","clientId":"ignored"}"#)
        XCTAssertEqual(pinpointLike.sessionId, "s3")
        XCTAssertEqual(pinpointLike.clientId, "c3")
    }

    func testGenericSummary() throws {
        XCTAssertEqual(try generic(#"{"a":1,"b":"two","c":{"x":1},"d":true,"e":null}"#).summary, "a=1 b=two d=true")
        XCTAssertEqual(try generic("[1,2,3]").summary, "[1,2,3]")
        XCTAssertEqual(try generic(#"{"long":"\#(String(repeating: "x", count: 500))"}"#).summary.count, 200)
    }
}
