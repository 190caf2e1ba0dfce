import XCTest
import EventDecoding
import EventSources
@testable import MonitorCore

/// What each filter term matches, how `!`, AND, OR and parentheses combine them, and counts over
/// demo traffic checked against the same questions asked of the events directly.
final class FilterEvaluationTests: XCTestCase {
    // MARK: - Fixtures

    private static func event(_ type: String? = "pageView", kind: EventKind = .pinpointApp, platform: String? = nil,
                              session: String? = nil, client: String? = nil, shard: String? = nil,
                              summary: String = "", attributes: [(String, JSONValue)] = [],
                              metrics: [(String, JSONValue)] = []) -> Event {
        var members: [JSONObject.Member] = []
        if let type { members.append(.init(key: "event_type", value: .string(type))) }
        if !attributes.isEmpty {
            members.append(.init(key: "attributes", value: .object(JSONObject(attributes.map { .init(key: $0.0, value: $0.1) }))))
        }
        if !metrics.isEmpty {
            members.append(.init(key: "metrics", value: .object(JSONObject(metrics.map { .init(key: $0.0, value: $0.1) }))))
        }
        return Event(kind: kind, eventType: type, sessionId: session, clientId: client, platform: platform,
                     summary: summary, payload: .object(JSONObject(members)), record: RecordMetadata(shard: shard))
    }

    private static let failure = EventDecoder.failure("no classifier accepted this JSON", bytes: [0x7B],
                                                      metadata: RecordMetadata(shard: "shardId-000000000001"), envelopes: [])

    private func filter(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> EventFilter {
        do {
            return try EventFilter.parse(text)
        } catch {
            XCTFail("'\(text)' did not parse: \(error)", file: file, line: line)
            return EventFilter()
        }
    }

    private func assertMatches(_ text: String, _ event: Event, _ expected: Bool = true,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(filter(text, file: file, line: line).matches(event), expected,
                       "'\(text)' on \(event.eventType ?? "(\(event.kind.rawValue))")", file: file, line: line)
    }

    private func assertRejects(_ text: String, _ event: Event, file: StaticString = #filePath, line: UInt = #line) {
        assertMatches(text, event, false, file: file, line: line)
    }

    // MARK: - type

    func testTypeGlob() {
        let start = Self.event("_session.start")
        assertMatches("type:_session.*", start)
        assertMatches("type:_session.start", start)
        assertMatches("type:*.start", start)
        assertMatches("type:_s*s*.st?rt", start)
        assertMatches("type:*", start)
        assertMatches("type:**start", start)
        assertRejects("type:_session.", start)
        assertRejects("type:_session.st?", start)
        assertRejects("type:_SESSION.*", start)
        assertRejects("type:_session.*", Self.event("_sessions"))
        assertRejects("type:pageview", Self.event("pageView"))
    }

    func testTypeGlobQuestionMarkTakesOneCharacterNotOneByte() {
        assertMatches("type:日?語", Self.event("日本語"))
        assertMatches("type:?本*", Self.event("日本語"))
        assertRejects("type:日??語", Self.event("日本語"))
        assertMatches("type:*?🍜", Self.event("ラーメン🍜"))
    }

    func testTypeMatchesTheKindLabelOfUntypedEventsAndErrors() {
        assertMatches("type:(error)", Self.failure)
        assertMatches("type:(json)", Self.event(nil, kind: .json))
        assertMatches("type:(*)", Self.event(nil, kind: .text))
        assertRejects("type:(*)", Self.event("pageView"))
        assertMatches("type:*", Self.event(nil, kind: .binary))
        assertRejects("type:(json)", Self.event(nil, kind: .text))
    }

    // MARK: - kind, error

    func testKindByFullNameOrDottedPart() {
        let email = Self.event("_email.send", kind: .pinpointEmail)
        assertMatches("kind:email", email)
        assertMatches("kind:pinpoint.email", email)
        assertMatches("kind:EMAIL", email)
        assertMatches("kind:pinpoint", email)
        assertRejects("kind:app", email)
        assertRejects("kind:sms", email)
        assertMatches("kind:logs", Self.event(nil, kind: .cloudwatchLogs))
        assertMatches("kind:json", Self.event(nil, kind: .json))
        assertMatches("kind:error", Self.failure)
        assertRejects("kind:error", Self.event(nil, kind: .json))
    }

    func testErrorMatchesOnlyErrors() {
        assertMatches("error", Self.failure)
        assertRejects("error", Self.event("error", summary: "error"))
        assertRejects("error", Self.event(nil, kind: .text))
    }

    // MARK: - platform, session, client, shard

    func testPlatformSessionAndClientAreCaseInsensitivePrefixes() {
        let event = Self.event(platform: "Android", session: "f843d1c0-aa", client: "7CA9f731-xx")
        assertMatches("platform:android", event)
        assertMatches("platform:AND", event)
        assertRejects("platform:droid", event)
        assertRejects("platform:ios", event)
        assertMatches("session:f843", event)
        assertMatches("session:F843D1", event)
        assertRejects("session:843", event)
        assertMatches("client:7ca9F7", event)
        assertRejects("client:f843", event)
        assertRejects("platform:a", Self.event())
        assertRejects("session:f", Self.event())
        assertRejects("client:7", Self.event())
    }

    func testPrefixesFoldNonASCIICase() {
        let event = Self.event(platform: "ÉCRAN Tátil", session: "Ünïcode")
        assertMatches("platform:écran", event)
        assertMatches("platform:ÉCRAN", event)
        assertMatches(#"platform:"écran tá""#, event)
        assertMatches("session:üNÏ", event)
        assertRejects("session:un", event)
    }

    func testShardByPrefixOrByNumber() {
        let three = Self.event(shard: "shardId-000000000003")
        assertMatches("shard:3", three)
        assertMatches("shard:003", three)
        assertMatches("shard:shardId-00000000000", three)
        assertMatches("shard:SHARDID-000000000003", three)
        assertRejects("shard:13", three)
        assertRejects("shard:0", three)
        assertMatches("shard:13", Self.event(shard: "shardId-000000000013"))
        assertRejects("shard:3", Self.event(shard: "shardId-000000000013"))
        assertRejects("shard:3", Self.event())
        assertMatches("shard:1", Self.failure)
    }

    // MARK: - attr

    func testAttributeEquals() {
        let event = Self.event(attributes: [
            ("feedback", .string("received")), ("title", .string("Kinescope Shop")), ("count", .number("3")),
            ("flag", .bool(true)), ("nested", .object(JSONObject([.init(key: "inner", value: .string("x"))]))),
            ("dotted.key", .string("flat")), ("label", .string("今すぐ購入")),
        ])
        assertMatches("attr.feedback=received", event)
        assertRejects("attr.feedback=Received", event)
        assertRejects("attr.feedback=rec", event)
        assertMatches(#"attr.title="Kinescope Shop""#, event)
        assertRejects("attr.title=Kinescope", event)
        assertMatches("attr.count=3", event)
        assertMatches("attr.flag=true", event)
        assertMatches("attr.nested.inner=x", event)
        assertRejects("attr.nested={}", event)
        assertMatches("attr.dotted.key=flat", event)
        assertMatches("attr.label=今すぐ購入", event)
        assertRejects("attr.missing=x", event)
        assertMatches("!attr.missing=x", event)
        assertRejects("attr.feedback=received", Self.event())
        assertRejects("attr.feedback=received", Self.failure)
    }

    func testAttributeRegexIsSearchedNotAnchored() {
        let event = Self.event(attributes: [("label", .string("Sign up")), ("url", .string("https://shop.example/cart")),
                                            ("n", .number("42"))])
        assertMatches("attr.label~^Sign", event)
        assertMatches("attr.label~up$", event)
        assertMatches("attr.label~(Share|Sign)", event)
        assertMatches(#"attr.label~"n u""#, event)
        assertMatches("attr.url~example", event)
        assertMatches(#"attr.url~\.example/"#, event)
        assertMatches(#"attr.n~^\d+$"#, event)
        assertRejects("attr.label~^up", event)
        assertRejects("attr.label~sign", event)
        assertMatches("attr.label~(?i)sign", event)
        assertRejects("attr.other~.*", event)
    }

    // MARK: - metric

    func testMetricComparisons() {
        let event = Self.event(metrics: [("price", .number("19.99")), ("quantity", .string("2")), ("flag", .bool(true))])
        assertMatches("metric.price>19", event)
        assertRejects("metric.price>19.99", event)
        assertMatches("metric.price>=19.99", event)
        assertMatches("metric.price<20", event)
        assertMatches("metric.price<=19.99", event)
        assertRejects("metric.price<19.99", event)
        assertMatches("metric.price=19.99", event)
        assertMatches("metric.price!=20", event)
        assertMatches("metric.quantity=2", event)
        assertMatches("metric.quantity=2.0", event)
        assertMatches("metric.quantity>-1e3", event)
        assertRejects("metric.flag=1", event)
        assertRejects("metric.missing<1", event)
        assertRejects("metric.missing!=1", event)
        assertRejects("metric.price>1", Self.event())
    }

    // MARK: - words

    func testBareWordsSearchTheDisplayTextIgnoringCase() {
        let event = Self.event("_session.start", platform: "iOS", session: "f843d1c0", client: "7ca9f731",
                               summary: "url=https://shop.example")
        assertMatches("session.st", event)
        assertMatches("SESSION", event)
        assertMatches("ios", event)
        assertMatches("F843", event)
        assertMatches("d1c0", event)
        assertMatches("9F73", event)
        assertMatches("shop.EXAMPLE", event)
        assertRejects("android", event)
        assertRejects("pageView", event)
        assertMatches("json", Self.event(nil, kind: .json))
        assertMatches("(json)", Self.event(nil, kind: .json))
        assertMatches("ERROR", Self.failure)
        assertMatches("classifier", Self.failure)
        assertRejects("json", Self.event("pageView"))
    }

    func testQuotedPhrases() {
        let event = Self.event(summary: "subject=🎉 Spring Sale starts now")
        assertMatches(#""spring sale""#, event)
        assertMatches(#""🎉 SPRING""#, event)
        assertRejects(#""sale spring""#, event)
        assertRejects("spring sale now later", event)
        assertMatches("spring sale now", event)
    }

    func testUnicodeWords() {
        let event = Self.event("search", summary: "query=ワイヤレス イヤホン title=Café au lait, ÉTÉ")
        assertMatches("ワイヤレス", event)
        assertMatches("イヤホン", event)
        assertMatches(#""ワイヤレス イヤホン""#, event)
        assertRejects("抹茶", event)
        assertMatches("café", event)
        assertMatches("CAFÉ", event)
        assertMatches("été", event)
        assertRejects("cafe", event)
        assertRejects("ワイヤレス", Self.event("search", summary: "query=wireless"))
    }

    // MARK: - Combinations

    func testNegation() {
        assertRejects("!error", Self.failure)
        assertMatches("!error", Self.event())
        assertMatches("!!error", Self.failure)
        assertMatches("!(error or kind:json)", Self.event())
        assertRejects("!(error or kind:json)", Self.event(nil, kind: .json))
        assertMatches("!kind:app attr.feedback=received",
                      Self.event("_email.delivered", kind: .pinpointEmail, attributes: [("feedback", .string("received"))]))
        assertRejects("!kind:app attr.feedback=received",
                      Self.event("x", kind: .pinpointApp, attributes: [("feedback", .string("received"))]))
    }

    /// Events carrying every combination of the words a, b and c, compared with the boolean formula
    /// each expression should mean.
    func testPrecedenceAndGroupingAgainstTruthTables() {
        let cases: [(String, (Bool, Bool, Bool) -> Bool)] = [
            ("a b or c", { a, b, c in (a && b) || c }),
            ("(a b) or c", { a, b, c in (a && b) || c }),
            ("a (b or c)", { a, b, c in a && (b || c) }),
            ("a or b c", { a, b, c in a || (b && c) }),
            ("a and b or c", { a, b, c in (a && b) || c }),
            ("!a b or !c", { a, b, c in (!a && b) || !c }),
            ("!(a b) or c", { a, b, c in !(a && b) || c }),
            ("!(a (b or !(c)))", { a, b, c in !(a && (b || !c)) }),
            ("((a) or ((b))) (c or a)", { a, b, c in (a || b) && (c || a) }),
        ]
        for (text, formula) in cases {
            let compiled = filter(text)
            for bits in 0..<8 {
                let a = bits & 1 != 0, b = bits & 2 != 0, c = bits & 4 != 0
                let words = [a ? "a" : "", b ? "b" : "", c ? "c" : ""].joined(separator: " ")
                let event = Self.event("t", summary: words)
                XCTAssertEqual(compiled.matches(event), formula(a, b, c), "'\(text)' with a=\(a) b=\(b) c=\(c)")
            }
        }
    }

    // MARK: - Demo traffic

    /// Counts over 2,000 decoded demo events, each compared with the same question asked of the
    /// events' fields (or their raw JSON) directly in the test.
    func testCountsOverDemoTrafficMatchIndependentCounts() throws {
        var demo = DemoTraffic(seed: 3, startTime: 1_767_225_600, rate: 40)
        let decoder = EventDecoder()
        var events: [Event] = []
        while events.count < 2_000 { events += decoder.decode(demo.next().record) }

        func attribute(_ event: Event, _ name: String) -> String? {
            event.payload["attributes"]?[name]?.scalarText
        }
        func display(_ event: Event) -> String {
            [event.eventType ?? "(\(event.kind.rawValue))", event.summary, event.platform ?? "",
             event.sessionId ?? "", event.clientId ?? ""].joined(separator: "\u{1}").lowercased()
        }
        let checks: [(String, (Event) -> Bool)] = [
            ("type:_session.*", { $0.eventType?.hasPrefix("_session.") == true }),
            ("type:*.st??t", { $0.eventType == "_session.start" }),
            ("platform:ios or platform:android", {
                let platform = $0.platform?.lowercased() ?? ""
                return platform.hasPrefix("ios") || platform.hasPrefix("android")
            }),
            ("!kind:app attr.feedback=received", { $0.kind != .pinpointApp && attribute($0, "feedback") == "received" }),
            ("kind:email or kind:sms", { $0.kind == .pinpointEmail || $0.kind == .pinpointSMS }),
            ("metric.quantity>=2", { ($0.payload["metrics"]?["quantity"]?.double ?? -1) >= 2 }),
            ("attr.label~^Sign", { attribute($0, "label")?.hasPrefix("Sign") == true }),
            ("shard:2", { $0.record.shard == "shardId-000000000002" }),
            ("ワイヤレス", { display($0).contains("ワイヤレス") }),
            (#""spring sale""#, { display($0).contains("spring sale") }),
            ("(type:pageView or type:search) !platform:macintel", {
                ($0.eventType == "pageView" || $0.eventType == "search") && $0.platform?.lowercased() != "macintel"
            }),
            ("client:1 or session:2 error", {
                $0.clientId?.hasPrefix("1") == true || ($0.sessionId?.hasPrefix("2") == true && $0.kind == .error)
            }),
        ]
        for (text, predicate) in checks {
            let expected = events.count(where: predicate)
            XCTAssertGreaterThan(expected, 0, "'\(text)' should hit some demo events")
            XCTAssertLessThan(expected, events.count, "'\(text)' should miss some demo events")
            XCTAssertEqual(events.count(where: filter(text).matches), expected, "'\(text)'")
        }
        XCTAssertEqual(events.count(where: filter("").matches), events.count)
    }
}
