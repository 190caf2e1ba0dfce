import XCTest
@testable import EventDecoding

/// The decoder's fast path (validate the bytes, read the classifier's fields in place, parse the
/// payload only on demand) must give exactly the event the full parse gives. These tests hold
/// the validator to the parser's grammar, the in-place reader to `JSONValue`'s answers, and the
/// whole fast path to the full path's events.
final class FastPathTests: XCTestCase {
    /// Pinpoint behind a wrapper, so that `EventDecoder` takes its full path for every record.
    private struct FullPathPinpoint: EventClassifier {
        func classify(_ value: JSONValue, record: RecordMetadata) -> Event? {
            PinpointClassifier().classify(value, record: record)
        }
    }

    private let fast = EventDecoder()
    private let full = EventDecoder(classifiers: [FullPathPinpoint(), AmplifyClassifier(), GenericJSONClassifier()])

    // MARK: - Helpers

    private func validates(_ bytes: [UInt8], maxDepth: Int = 512) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            // An empty buffer has no base address; the parser rejects it too.
            guard let base = buffer.baseAddress else { return false }
            return withUnsafeTemporaryAllocation(of: JSONRootMember.self, capacity: 4) { slots in
                var validator = JSONValidator(base: base, count: buffer.count, members: slots.baseAddress!, capacity: 4)
                return validator.validate(maxDepth: maxDepth)
            }
        }
    }

    /// Runs `body` on the validated document read in place, with its top-level members indexed
    /// (up to `capacity` of them: more leaves the object to be scanned instead).
    private func withSpan<T>(_ bytes: [UInt8], capacity: Int = 64, _ body: (JSONSpan) throws -> T) throws -> T {
        try bytes.withUnsafeBufferPointer { buffer in
            try withUnsafeTemporaryAllocation(of: JSONRootMember.self, capacity: capacity) { slots in
                var validator = JSONValidator(base: buffer.baseAddress!, count: buffer.count, members: slots.baseAddress!,
                                              capacity: capacity)
                guard validator.validate(maxDepth: 512) else {
                    XCTFail("not validated: \(String(decoding: bytes, as: UTF8.self))")
                    throw JSONParseError(offset: 0, reason: "test")
                }
                let indexed = validator.memberCount <= capacity
                return try body(JSONSpan(base: buffer.baseAddress!, start: validator.rootStart, end: validator.rootEnd,
                                         members: indexed ? UnsafePointer(slots.baseAddress!) : nil,
                                         memberCount: indexed ? validator.memberCount : 0))
            }
        }
    }

    private func sameDouble(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let x?, let y?): return x == y ? x.sign == y.sign : (x.isNaN && y.isNaN)
        default: return false
        }
    }

    /// Every answer the reader gives about `span` equals `JSONValue`'s about `value`, recursively.
    private func assertSame(_ span: JSONSpan, _ value: JSONValue, keys: [String], _ context: String,
                            file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(span.jsonValue, value, context, file: file, line: line)
        XCTAssertEqual(span.string, value.string, context, file: file, line: line)
        XCTAssertTrue(sameDouble(span.double, value.double), "\(context): \(String(describing: span.double)) vs "
                      + "\(String(describing: value.double))", file: file, line: line)
        XCTAssertEqual(span.scalarText, value.scalarText, context, file: file, line: line)
        XCTAssertEqual(span.isObject, value.isObject, context, file: file, line: line)
        for key in keys {
            XCTAssertEqual(span[key]?.jsonValue, value[key], "\(context) [\(key)]", file: file, line: line)
        }
        var spanMembers: [(String, JSONValue)] = []
        span.forEachMember { spanMembers.append(($0, $1.jsonValue)); return true }
        var valueMembers: [(String, JSONValue)] = []
        value.forEachMember { valueMembers.append(($0, $1)); return true }
        XCTAssertEqual(spanMembers.map(\.0), valueMembers.map(\.0), context, file: file, line: line)
        XCTAssertEqual(spanMembers.map(\.1), valueMembers.map(\.1), context, file: file, line: line)
        var spanElements: [JSONValue] = []
        span.forEachElement { spanElements.append($0.jsonValue); return true }
        var valueElements: [JSONValue] = []
        value.forEachElement { valueElements.append($0); return true }
        XCTAssertEqual(spanElements, valueElements, context, file: file, line: line)
        for index in [-1, 0, 1, 5] {
            XCTAssertEqual(span[index]?.jsonValue, value[index], "\(context) [\(index)]", file: file, line: line)
        }
        // The summary text read in place is the text of the pairs made one string at a time.
        for limit in 0...4 {
            for separated in [false, true] {
                var spanText: [UInt8] = Array("x".utf8)
                var valueText: [UInt8] = Array("x".utf8)
                let spanCount = span.appendScalarPairs(to: &spanText, limit: limit, separated: separated)
                let valueCount = value.appendScalarPairs(to: &valueText, limit: limit, separated: separated)
                let pairs = SummaryText.pairs(value, limit: limit)
                let expected = limit == 0 || pairs.isEmpty ? "x" : "x" + (separated ? " " : "") + pairs.joined(separator: " ")
                XCTAssertEqual(String(decoding: spanText, as: UTF8.self), expected, "\(context) pairs \(limit)", file: file, line: line)
                XCTAssertEqual(String(decoding: valueText, as: UTF8.self), expected, "\(context) pairs \(limit)", file: file, line: line)
                XCTAssertEqual(spanCount, limit == 0 ? 0 : pairs.count, context, file: file, line: line)
                XCTAssertEqual(valueCount, spanCount, context, file: file, line: line)
            }
        }
        // And all the way down, member by member (duplicates included) and element by element, so
        // that nested objects (indexed when reached through members, scanned inside arrays) are
        // covered too.
        var spanChildren: [JSONSpan] = []
        span.forEachMember { _, child in spanChildren.append(child); return true }
        for (child, (key, childValue)) in zip(spanChildren, valueMembers) where child.isObject || childValue.array != nil {
            assertSame(child, childValue, keys: keys, "\(context) .\(key)", file: file, line: line)
            if let found = span[key] {
                // The lookup's span (the last duplicate) must answer like the value it names.
                assertSame(found, value[key]!, keys: keys, "\(context) [\(key)]", file: file, line: line)
            }
        }
        var spanItems: [JSONSpan] = []
        span.forEachElement { spanItems.append($0); return true }
        for (item, itemValue) in zip(spanItems, valueElements) where item.isObject || itemValue.array != nil {
            assertSame(item, itemValue, keys: keys, "\(context) [item]", file: file, line: line)
        }
    }

    /// The fast path took `bytes` (its payload is still bytes) and gave the full path's event.
    private func assertFastEqualsFull(_ bytes: [UInt8], expectFast: Bool = true, _ context: String,
                                      file: StaticString = #filePath, line: UInt = #line) {
        let record = RawRecord(data: bytes, shard: "shardId-000000000001", sequence: "42", partitionKey: "pk", arrival: 1.5e9)
        let fastEvents = fast.decode(record)
        let fullEvents = full.decode(record)
        XCTAssertEqual(fastEvents, fullEvents, context, file: file, line: line)
        XCTAssertEqual(fastEvents.map(TailLine.json), fullEvents.map(TailLine.json), context, file: file, line: line)
        for (a, b) in zip(fastEvents, fullEvents) {
            // Field by field too, so a failure says which one.
            XCTAssertEqual(a.summary, b.summary, context, file: file, line: line)
            XCTAssertEqual(a.payload, b.payload, context, file: file, line: line)
            XCTAssertEqual(a.embedded, b.embedded, context, file: file, line: line)
        }
        let tookFastPath = fastEvents.count == 1 && { if case .document = fastEvents[0].payloadStorage { true } else { false } }()
        XCTAssertEqual(tookFastPath, expectFast, "fast path taken? \(context)", file: file, line: line)
    }

    // MARK: - The validator accepts exactly what the parser accepts

    private static let validDocuments: [String] = [
        "{}", "[]", " {} ", "\n\t{\r\n}\n", "[1,2,3]", #"{"a":1}"#, #"{"a":{"a":{"a":[]}}}"#,
        #"{"a":"\u00e9\u6771\ud83d\ude80"}"#, #"{"\u0061":1,"a\"b":"c\\d\/e\b\f\n\r\t"}"#,
        #"{"lone":"\ud800","low":"\udc00x","pair then lone":"\ud83d\ude80\ud800\u0041"}"#,
        #"{"n":[0,-0,1.5,-1.5e10,2E-3,1e+2,12345678901234567890,0.0]}"#, #"[true,false,null]"#,
        "{\"k\":\"caf\u{e9} \u{6771}\u{4eac} \u{1F680}\"}", #"{"dup":1,"dup":2}"#, #""just a string""#, "123", "null",
        "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]", #"{ "a" : [ 1 , { "b" : null } ] , "c" : "" }"#,
    ]

    private static let invalidDocuments: [String] = [
        "", " ", "{", "}", "[", "[1,]", "{,}", #"{"a":1,}"#, #"{"a"}"#, #"{"a":}"#, #"{a:1}"#, #"{"a" 1}"#,
        "[01]", "[1.]", "[.5]", "[1e]", "[1e+]", "[-]", "[+1]", "[NaN]", "[Infinity]", "[tru]", "[nul]", "[True]",
        #"["a"#, #"["\x"]"#, #"["\u12"]"#, #"["\u12G4"]"#, "[\"a\u{1}b\"]", "[\"tab\there\"]", #"{"a":1}x"#,
        #"{"a":1}{"b":2}"#, "[1] [2]", #"["\"]"#, #"{"a":1 "b":2}"#, "[1 2]", #"{"a":[}"#, #"{"a":{]}"#,
    ]

    func testValidatorAgreesWithTheParser() {
        for text in Self.validDocuments {
            let bytes = Array(text.utf8)
            XCTAssertNoThrow(try JSONParser.parse(bytes), text)
            XCTAssertTrue(validates(bytes), text)
        }
        for text in Self.invalidDocuments {
            let bytes = Array(text.utf8)
            XCTAssertThrowsError(try JSONParser.parse(bytes), text)
            XCTAssertFalse(validates(bytes), text)
        }
    }

    /// String bytes are skipped 16 at a time, then a word at a time: put each byte that matters
    /// (quote, backslash, control bytes, non-ASCII, invalid UTF-8) at every offset of two blocks,
    /// with strings ending on both sides of a block boundary.
    func testStringBytesThatMatterAtEveryOffsetOfABlock() throws {
        // Each insert with what it means inside the string; nil where the document is invalid.
        let inserts: [([UInt8], String?)] = [
            (Array(#"\""#.utf8), "\""), (Array(#"\\"#.utf8), "\\"), (Array(#"\u00e9"#.utf8), "é"),
            ([0x22], nil), ([0x5C], nil), ([0x01], nil), ([0x1F], nil), ([0x09], nil), ([0x0A], nil),
            ([0x7F], "\u{7F}"), (Array("é".utf8), "é"), (Array("😀".utf8), "😀"), ([0xC3], nil), ([0xFF], nil),
            ([0xED, 0xA0, 0x80], nil), ([0x20], " "), ([], ""),
        ]
        for pad in 0..<40 {
            for tail in [0, 1, 15, 16, 17] {
                for (insert, meaning) in inserts {
                    let bytes = Array(#"{"k":""#.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: pad) + insert
                        + [UInt8](repeating: UInt8(ascii: "y"), count: tail) + Array(#"","z":1}"#.utf8)
                    let context = "pad \(pad), tail \(tail), insert \(insert)"
                    let expected = meaning.map { String(repeating: "x", count: pad) + $0 + String(repeating: "y", count: tail) }
                    let parsed = try? JSONParser.parse(bytes)
                    XCTAssertEqual(parsed?["k"]?.string, expected, context)
                    XCTAssertEqual(validates(bytes), expected != nil, context)
                    if let parsed {
                        try withSpan(bytes) { span in
                            XCTAssertEqual(span["k"]?.string, parsed["k"]?.string, context)
                            XCTAssertEqual(span["z"]?.double, 1, context)
                        }
                    }
                }
            }
        }
    }

    func testValidatorRejectsInvalidUTF8LikeTheParser() {
        let cases: [[UInt8]] = [
            [0xFF], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC3], [0xE6, 0x9D],
            [0x80], [0xF0, 0x9F, 0x9A],
        ]
        for bad in cases {
            let bytes = Array(#"{"a":""#.utf8) + bad + Array(#""}"#.utf8)
            XCTAssertThrowsError(try JSONParser.parse(bytes), "\(bad)")
            XCTAssertFalse(validates(bytes), "\(bad)")
            let inKey = Array(#"{""#.utf8) + bad + Array(#"":1}"#.utf8)
            XCTAssertFalse(validates(inKey), "\(bad)")
        }
    }

    func testValidatorRespectsTheDepthLimit() {
        let nested = { (depth: Int) in Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8) }
        XCTAssertTrue(validates(nested(10), maxDepth: 10))
        XCTAssertFalse(validates(nested(11), maxDepth: 10), "the parser rejects it: deeper than maxDepth")
        XCTAssertTrue(validates(nested(JSONValidator.maxTrackedDepth)))
        // Deeper than the validator tracks: refused, so the full parser decides (it accepts this).
        XCTAssertFalse(validates(nested(JSONValidator.maxTrackedDepth + 1)))
        XCTAssertNoThrow(try JSONParser.parse(nested(JSONValidator.maxTrackedDepth + 1)))
    }

    /// Every prefix of a valid document is either valid and parsed, or rejected by both: the
    /// validator never reads past the end or accepts a cut document.
    func testValidatorOnEveryPrefix() throws {
        let document = try DecodingFixtures.bytes("decoding/pinpoint/email-click.json")
        for length in 0...document.count {
            let prefix = Array(document[0..<length])
            let parses = (try? JSONParser.parse(prefix)) != nil
            XCTAssertEqual(validates(prefix), parses, "prefix of \(length) bytes")
        }
    }

    // MARK: - The in-place reader answers as JSONValue does

    private static let readerKeys = ["a", "b", "dup", "k", "", "é", "e\u{301}", "K", "\u{212A}", "a\"b", "caf\u{e9}",
                                     "event_type", "x", "nested"]

    func testReaderOnTrickyDocuments() throws {
        let documents: [String] = Self.validDocuments + [
            // Duplicate keys: the last wins, at the top level and nested.
            #"{"a":1,"b":2,"a":3,"nested":{"a":"x","a":"y"}}"#,
            // The same key names nested inside other members must not be found at the top level.
            #"{"nested":{"event_type":"inner","a":1},"x":[{"a":2}],"event_type":"outer"}"#,
            // Keys spelled with escapes, and keys that are canonically equivalent but not equal bytes.
            #"{"\u0061":"escaped a","\u00e9":"precomposed","e\u0301":"decomposed","\u212a":"kelvin"}"#,
            #"{"K":1,"é":2,"a\"b":3,"":4}"#,
            // Strings: escapes, surrogates (paired and lone), and numbers written as strings.
            #"{"a":"line\nbreak \"quoted\" \\ \/ \u0041\ud83d\ude80\ud800","b":"1.5e3","k":" 12","x":"nan","dup":"0x10"}"#,
            // Numbers the fast integer conversion must get right, or leave to Double(String).
            #"{"a":-0,"b":123456789012345,"k":1234567890123456,"x":9007199254740993,"dup":1.0,"nested":-12.5e-3}"#,
            #"{"a":1e400,"b":-1e400,"k":0.1,"x":100000000000000000000000,"dup":5e-324}"#,
            // Whitespace everywhere it may be.
            " \n{ \"a\" :\t[ 1 ,\r\n 2 ] , \"b\" : { \"k\" : \"v\" } , \"x\" : true , \"dup\" : null } \n",
            #"{"a":[],"b":{},"k":[[]],"x":[{}],"nested":{"a":[1,{"a":2}],"b":"}"}}"#,
            #"["a",{"a":1},[2],"\"]",3]"#,
        ]
        for text in documents {
            let bytes = Array(text.utf8)
            let value = try JSONParser.parse(bytes)
            for capacity in [64, 1] {
                try withSpan(bytes, capacity: capacity) { span in
                    assertSame(span, value, keys: Self.readerKeys, "\(text) (index capacity \(capacity))")
                }
            }
        }
    }

    func testReaderOnRandomDocuments() throws {
        var random = DecoderPropertyTests.SeededRandom(state: 0xFA57_0001)
        for iteration in 0..<500 {
            let value = Self.randomValue(&random, depth: 0)
            let text = Bool.random(using: &random) ? value.compactJSON() : Self.spaced(value, &random)
            let bytes = Array(text.utf8)
            XCTAssertEqual(try JSONParser.parse(bytes), value)
            // Small indexes overflow (the whole document is scanned); a large one indexes every object.
            let capacity = Bool.random(using: &random) ? 256 : Int.random(in: 1...8, using: &random)
            try withSpan(bytes, capacity: capacity) { span in
                assertSame(span, value, keys: Self.randomKeys, "iteration \(iteration): \(text)")
            }
        }
    }

    // MARK: - The fast path gives the full path's events

    func testFixturesGiveTheSameEventsEitherWay() throws {
        let pinpoint = ["app-custom", "app-purchase", "campaign-opened-no-client", "campaign-send", "email-click",
                        "email-complaint", "email-delivered", "email-hardbounce", "email-open", "email-rendering-failure",
                        "email-send", "journey-send", "sms-buffered", "sms-failure", "sms-optout", "sms-success"]
        for name in pinpoint {
            assertFastEqualsFull(try DecodingFixtures.bytes("decoding/pinpoint/\(name).json"), name)
        }
        assertFastEqualsFull(try DecodingFixtures.bytes("seed-pinpoint-event.json"), "seed-pinpoint-event")
        // A Lambda event is a container (the full path's), but the Pinpoint event in its record
        // takes the fast path.
        assertFastEqualsFull(try DecodingFixtures.bytes("seed-lambda-event.json"), "seed-lambda-event")
        // Other containers and formats decode the same either way.
        for name in ["cloudwatch/data-message.json", "cloudwatch/control-message.json", "kpl/pinpoint-three.bin",
                     "kpl/many.bin", "kpl/gzip-cloudwatch.bin", "cloudwatch/data-message.json.gz"] {
            let bytes = try DecodingFixtures.bytes("decoding/\(name)")
            XCTAssertEqual(fast.decode(RawRecord(data: bytes)), full.decode(RawRecord(data: bytes)), name)
        }
    }

    func testTrickyPinpointEventsGiveTheSameEventsEitherWay() {
        let base = #""event_timestamp":1567780272608,"arrival_timestamp":1567780274582,"application":{"app_id":"a"}"#
        let cases: [(String, Bool)] = [
            (#"{"event_type":"_session.start",\#(base),"client":{"client_id":"c"},"device":{"platform":{"name":"iOS"}},"session":{"session_id":"s","start_timestamp":1567780269946}}"#, true),
            // Duplicate keys: the last one counts, at every level.
            (#"{"event_type":"first",\#(base),"event_type":"_session.stop","client":{"client_id":"c1","client_id":"c2"},"session":{"session_id":"s1"},"session":{"session_id":"s2"}}"#, true),
            // Same key names nested elsewhere must not be taken for the real ones.
            (#"{"attributes":{"event_type":"x","client_id":"no"},"event_type":"pageView",\#(base),"client":{"nested":{"client_id":"no"},"client_id":"yes"},"device":{"platform":{"platform":{"name":"no"},"name":"Android"}}}"#, true),
            // Escapes in keys and values.
            (#"{"event_\u0074ype":"caf\u00e9 \ud83d\ude80 \"q\"",\#(base),"client":{"client\u005fid":"c\n1"},"attributes":{"k\"ey":"v\\al","\u00e9":"x","n":1.50}}"#, true),
            // Summaries: attributes first, then metrics, three at most, scalars only, numbers as written.
            (#"{"event_type":"buy",\#(base),"attributes":{"a":"1","obj":{"x":1},"b":true,"c":null,"d":"4"},"metrics":{"m":1e3}}"#, true),
            (#"{"event_type":"buy",\#(base),"attributes":{"a":"1"},"metrics":{"m":1e3,"arr":[1],"n":-0.5,"o":2}}"#, true),
            (#"{"event_type":"buy",\#(base),"attributes":[],"metrics":"no"}"#, true),
            // Times: strings holding numbers, huge and negative numbers, fractions.
            (#"{"event_type":"t","event_timestamp":"1567780272608","arrival_timestamp":"soon","application":{}}"#, true),
            (#"{"event_type":"t","event_timestamp":1e400,"arrival_timestamp":-1567780274582.5,"application":{},"session":{"start_timestamp":"nan"}}"#, true),
            (#"{"event_type":"t","event_timestamp":1567780272608.123456789,"client":{}}"#, true),
            // Missing client or platform: the endpoint fills them in (object or JSON string).
            (#"{"event_type":"_session.start",\#(base),"endpoint":{"Id":"ep","Demographic":{"Platform":"web"}}}"#, true),
            (#"{"event_type":"_session.start",\#(base),"endpoint":"{\"Id\":\"ep\",\"Demographic\":{\"Platform\":\"web\"}}"}"#, true),
            (#"{"event_type":"_campaign.send",\#(base),"client_context":{"custom":{"endpoint":"{\"ChannelType\":\"GCM\",\"Id\":\"x\"}"}},"attributes":{"campaign_id":"c1"}}"#, true),
            (#"{"event_type":"_journey.send",\#(base),"attributes":{"journey_id":"j"},"endpoint":"not json"}"#, true),
            (#"{"event_type":"_SMS.SUCCESS",\#(base),"attributes":{"record_status":"OK","destination_phone_number":"+1"},"metrics":{"price_in_millicents_usd":645.0}}"#, true),
            (#"{"event_type":"_email.open",\#(base),"facets":{"email_channel":{"mail_event":{"mail":{"headers":[{"name":"From","value":"a"},{"name":"SUBJECT","value":"Hi"}],"destination":["b@x"]},"bounce":{"bounce_type":"Permanent"}}}},"attributes":{"feedback":"opened"}}"#, true),
            // Whitespace between every token.
            (" { \"event_type\" : \"_session.pause\" ,\n \"event_timestamp\" : 1567780272608 , \"client\" : { \"client_id\" : \"c\" } } \n", true),
            // Not Pinpoint, or maybe a container: the full path decides.
            (#"{"event_type":"t","event_timestamp":1}"#, false),
            (#"{"event_type":5,\#(base)}"#, false),
            (#"{"event_type":"t",\#(base),"data":"x"}"#, false),
            (#"{"event_type":"t",\#(base),"Records":[]}"#, false),
            (#"{"event_type":"t",\#(base),"messageType":"DATA_MESSAGE"}"#, false),
            (#"{"name":"amplify","attributes":{"a":1},"timestamp":1567780272608}"#, false),
            (#"[{"event_type":"t",\#(base)}]"#, false),
            // Invalid JSON: the same error event, with the parser's message and the raw bytes.
            (#"{"event_type":"t",\#(base),}"#, false),
            (#"{"event_type":"t",\#(base)} trailing"#, false),
            (#"{"event_type":"t\u12",\#(base)}"#, false),
            ("{\"event_type\":\"t\u{1}\",\(base)}", false),
        ]
        for (text, expectFast) in cases {
            assertFastEqualsFull(Array(text.utf8), expectFast: expectFast, text)
        }
        // Invalid UTF-8 in a value.
        let broken = Array(#"{"event_type":""#.utf8) + [0xC3, 0x28] + Array(#"",\#(base)}"#.utf8)
        assertFastEqualsFull(broken, expectFast: false, "invalid UTF-8")
        let error = fast.decode(RawRecord(data: broken)).first
        XCTAssertEqual(error?.kind, .error)
        XCTAssertEqual(error?.raw, broken)
    }

    /// Many members (more than the validator indexes) and deep nesting (more than it tracks).
    func testLargeAndDeepEventsGiveTheSameEventsEitherWay() {
        let base = #""event_type":"wide","event_timestamp":1567780272608,"application":{}"#
        let many = (0..<200).map { #""k\#($0)":\#($0)"# }.joined(separator: ",")
        assertFastEqualsFull(Array(#"{\#(many),\#(base),"attributes":{"z":"last"}}"#.utf8), "200 members")
        assertFastEqualsFull(Array(#"{\#(base),\#(many),"event_type":"later"}"#.utf8), "200 members, type repeated")
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        assertFastEqualsFull(Array(#"{\#(base),"deep":\#(deep)}"#.utf8), expectFast: false, "100 deep")
    }

    func testRandomPinpointEventsGiveTheSameEventsEitherWay() {
        var random = DecoderPropertyTests.SeededRandom(state: 0xFA57_0002)
        let types = ["_session.start", "_session.stop", "pageView", "_email.send", "_email.open", "_SMS.SUCCESS",
                     "_campaign.send", "_journey.send", "_monetization.purchase", "caf\u{e9}"]
        var taken = 0
        let iterations = 2000
        for iteration in 0..<iterations {
            var members: [JSONObject.Member] = [
                .init(key: "event_type", value: .string(types.randomElement(using: &random)!)),
                .init(key: "event_timestamp", value: .number(String(Int64.random(in: 1_500_000_000_000...1_800_000_000_000,
                                                                                     using: &random)))),
                .init(key: "arrival_timestamp", value: .number(String(Int64.random(in: 1_500_000_000_000...1_800_000_000_000,
                                                                                       using: &random)))),
            ]
            let optional: [JSONObject.Member] = [
                .init(key: "application", value: .object(JSONObject([.init(key: "app_id", value: .string("app"))]))),
                .init(key: "client", value: .object(JSONObject([.init(key: "client_id", value: Self.randomScalar(&random))]))),
                .init(key: "device", value: .object(JSONObject([.init(key: "platform", value: .object(JSONObject([
                    .init(key: "name", value: Self.randomScalar(&random))])))]))),
                .init(key: "session", value: .object(JSONObject([
                    .init(key: "session_id", value: Self.randomScalar(&random)),
                    .init(key: "start_timestamp", value: Self.randomScalar(&random))]))),
                .init(key: "attributes", value: Self.randomValue(&random, depth: 2)),
                .init(key: "metrics", value: Self.randomValue(&random, depth: 2)),
                .init(key: "endpoint", value: Self.randomValue(&random, depth: 2)),
                .init(key: Self.randomKeys.randomElement(using: &random)!, value: Self.randomValue(&random, depth: 1)),
                .init(key: "event_type", value: Self.randomScalar(&random)),
            ]
            for member in optional where Bool.random(using: &random) { members.append(member) }
            members.shuffle(using: &random)
            let value = JSONValue.object(JSONObject(members))
            let text = Bool.random(using: &random) ? value.compactJSON() : Self.spaced(value, &random)
            let bytes = Array(text.utf8)
            let tookFastPath = fast.decode(RawRecord(data: bytes)).first
                .map { if case .document = $0.payloadStorage { true } else { false } } ?? false
            if tookFastPath { taken += 1 }
            assertFastEqualsFull(bytes, expectFast: tookFastPath, "iteration \(iteration): \(text)")
        }
        // Most are Pinpoint (the rest lack a numeric time or an application, client or arrival).
        XCTAssertGreaterThan(taken, iterations / 2)
    }

    /// Counts how often the random events took the fast path, so the test above is not vacuous.
    func testRandomPinpointEventsMostlyTakeTheFastPath() {
        var taken = 0
        for index in 0..<100 {
            let text = DecodingFixtures.pinpointEvent(type: index % 2 == 0 ? "pageView" : "_email.open", client: "c-\(index)",
                                                      extra: #","device":{"platform":{"name":"iOS"}}"#)
            if case .document = fast.decode(RawRecord(data: Array(text.utf8)))[0].payloadStorage { taken += 1 }
        }
        XCTAssertEqual(taken, 100)
    }

    func testLazyPayloadBehavesLikeAValue() throws {
        let bytes = try DecodingFixtures.bytes("decoding/pinpoint/app-purchase.json")
        var event = try XCTUnwrap(fast.decode(RawRecord(data: bytes)).first)
        guard case .document = event.payloadStorage else { return XCTFail("expected the fast path") }
        XCTAssertEqual(event.payload, try JSONParser.parse(bytes))
        XCTAssertEqual(event, try XCTUnwrap(full.decode(RawRecord(data: bytes)).first))
        // Setting it stores the value, as before.
        event.payload = .string("replaced")
        XCTAssertEqual(event.payload, .string("replaced"))
        XCTAssertNotEqual(event, try XCTUnwrap(full.decode(RawRecord(data: bytes)).first))
    }

    // MARK: - Generators

    private static let randomKeys = ["a", "b", "dup", "k", "", "é", "e\u{301}", "K", "\u{212A}", "a\"b", "\u{1}", "x y", "🚀"]

    private static func randomString(_ random: inout DecoderPropertyTests.SeededRandom) -> String {
        let pieces = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\u{1}", "é", "e\u{301}", "東", "🚀", "\u{2028}", "1", ".", "e"]
        return (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    private static func randomScalar(_ random: inout DecoderPropertyTests.SeededRandom) -> JSONValue {
        switch Int.random(in: 0..<8, using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .number(String(Int.random(in: -1_000_000_000_000_000...1_000_000_000_000_000, using: &random)))
        case 3: return .number(["0", "-0", "1.5", "-2.5e-3", "1E400", "123456789012345678901234567890", "0.1"]
            .randomElement(using: &random)!)
        case 4: return .string(String(Int.random(in: 0...1_900_000_000_000, using: &random)))
        default: return .string(randomString(&random))
        }
    }

    private static func randomValue(_ random: inout DecoderPropertyTests.SeededRandom, depth: Int) -> JSONValue {
        switch Int.random(in: 0..<(depth > 3 ? 1 : 4), using: &random) {
        case 0: return randomScalar(&random)
        case 1: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in randomValue(&random, depth: depth + 1) })
        default:
            return .object(JSONObject((0..<Int.random(in: 0...5, using: &random)).map { _ in
                .init(key: randomKeys.randomElement(using: &random)!, value: randomValue(&random, depth: depth + 1))
            }))
        }
    }

    /// `value` as JSON with random whitespace between tokens.
    private static func spaced(_ value: JSONValue, _ random: inout DecoderPropertyTests.SeededRandom) -> String {
        func space() -> String { ["", " ", "\n", "\t", "\r\n  "].randomElement(using: &random)! }
        switch value {
        case .array(let items):
            return "[" + space() + items.map { spaced($0, &random) }.joined(separator: space() + "," + space()) + space() + "]"
        case .object(let object):
            let members = object.members.map { member in
                JSONValue.string(member.key).compactJSON() + space() + ":" + space() + spaced(member.value, &random)
            }
            return "{" + space() + members.joined(separator: space() + "," + space()) + space() + "}"
        default:
            return space() + value.compactJSON() + space()
        }
    }
}
