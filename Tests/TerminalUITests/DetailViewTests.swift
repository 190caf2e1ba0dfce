import EventDecoding
import MonitorCore
import XCTest
@testable import TerminalUI

final class DetailViewTests: XCTestCase {
    func testKPLMetadataAndParsedEndpointAreShown() throws {
        let endpoint = JSONObject([.init(key: "client_context.custom.endpoint",
                                         value: .object(JSONObject([.init(key: "ChannelType", value: .string("GCM"))])))])
        let event = Event(kind: .pinpointCampaign, eventType: "_campaign.send",
                          payload: .object(JSONObject([.init(key: "event_type", value: .string("_campaign.send"))])),
                          record: RecordMetadata(shard: "shardId-000000000001", sequence: "495", subSequence: 2,
                                                 partitionKey: "pk", explicitHashKey: "1234", arrival: 1_767_225_600),
                          envelopes: ["KPL record 3 of 4"], embedded: endpoint)
        var state = MonitorState(config: MonitorConfig(sourceName: "file x"), now: 1_767_225_601)
        update(&state, .records([event], recordCount: 1, receivedAt: 1_767_225_601))
        update(&state, .key(.enter))
        let text = view(state, width: 100, height: 40).lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("sub-sequence  2 (KPL user record)"), text)
        XCTAssertTrue(text.contains("hash key      1234"), text)
        XCTAssertTrue(text.contains("envelopes     KPL record 3 of 4"), text)
        XCTAssertTrue(text.contains("1.0s Kinesis → Kinescope"), text)
        XCTAssertTrue(text.contains("parsed from JSON strings in the event:"), text)
        XCTAssertTrue(text.contains("\"ChannelType\": \"GCM\""), text)
    }

    /// Every token of a pretty-printed JSON line gets its role's colour, literals included.
    func testJSONLinesAreColouredByToken() {
        let theme = Theme.dark
        let line = DetailView.colour(#"  "flag": true, "none": null, "n": -1.5e3, "s": "a \"q\" b","#, theme: theme)
        let tokens = line.segments.filter { !$0.0.trimmingCharacters(in: .whitespaces).isEmpty }
        let expected: [(String, Style)] = [
            (#""flag""#, theme.jsonKey), (": ", theme.text), ("true", theme.jsonLiteral), (", ", theme.text),
            (#""none""#, theme.jsonKey), (": ", theme.text), ("null", theme.jsonLiteral), (", ", theme.text),
            (#""n""#, theme.jsonKey), (": ", theme.text), ("-1.5e3", theme.jsonNumber), (", ", theme.text),
            (#""s""#, theme.jsonKey), (": ", theme.text), (#""a \"q\" b""#, theme.jsonString), (",", theme.text),
        ]
        XCTAssertEqual(tokens.map(\.0), expected.map(\.0))
        XCTAssertEqual(tokens.map(\.1), expected.map(\.1))
        XCTAssertEqual(line.segments.map(\.0).joined(), #"  "flag": true, "none": null, "n": -1.5e3, "s": "a \"q\" b","#,
                       "colouring never changes the text")
    }

    /// The windowed layout gives exactly the lines `JSONWriter.prettyLines` gives, for every window
    /// of a value with nesting, empty containers, escapes and scalars of every kind.
    func testWindowedLayoutMatchesThePrettyPrinterForEveryWindow() {
        let inner = JSONValue.object(JSONObject([
            .init(key: "a\"b", value: .array([.number("1"), .string("x\ny"), .null, .bool(true)])),
            .init(key: "empty", value: .object(JSONObject())),
            .init(key: "none", value: .array([])),
        ]))
        let values: [JSONValue] = [
            .string("plain"), .array([]), .object(JSONObject()),
            .object(JSONObject([.init(key: "k", value: inner), .init(key: "n", value: .number("-2.5")),
                                .init(key: "list", value: .array([inner, .array([.array([.bool(false)])])]))])),
            .array([inner, inner]),
        ]
        for value in values {
            let full = JSONWriter.prettyLines(value)
            XCTAssertEqual(DetailView.lineCount(value), full.count, "\(full)")
            for lower in 0...full.count {
                for upper in lower...full.count {
                    var window: [String] = []
                    DetailView.prettyLines(value, indent: 0, prefix: "", suffix: "", range: lower..<upper, into: &window)
                    XCTAssertEqual(window, Array(full[lower..<upper]), "lines \(lower)..<\(upper) of \(full)")
                }
            }
        }
    }

    /// Containers big enough to be indexed (child start lines kept) lay out the same lines.
    func testIndexedContainersMatchThePrettyPrinter() {
        let nested = JSONValue.object(JSONObject([.init(key: "a", value: .array([.number("1"), .array([])])),
                                                  .init(key: "b", value: .null)]))
        let items: [JSONValue] = (0..<3_000).map { $0 % 7 == 0 ? nested : .string("item \($0)") }
        let value = JSONValue.object(JSONObject([.init(key: "big", value: .array(items)), .init(key: "after", value: .bool(true))]))
        let full = JSONWriter.prettyLines(value)
        XCTAssertEqual(DetailView.lineCount(value), full.count)
        for lower in [0, 1, 2, 3, 4, 7, 500, 1_234, 2_999, full.count - 40, full.count - 3] {
            for length in [1, 2, 5, 40] {
                let upper = min(full.count, lower + length)
                var window: [String] = []
                DetailView.prettyLines(value, indent: 0, prefix: "", suffix: "", range: lower..<upper, into: &window)
                XCTAssertEqual(window, Array(full[lower..<upper]), "lines \(lower)..<\(upper)")
            }
        }
    }

    /// A 1,000,000-key event: each key in its detail view lays out only the lines on screen (it
    /// used to pretty-print all million of them, twice, on every key).
    func testAKeyInTheDetailOfAMillionKeyEventLaysOutOnlyTheScreen() {
        let members = (0..<1_000_000).map { JSONObject.Member(key: "k\($0)", value: .number(String($0))) }
        let event = Event(kind: .json, payload: .object(JSONObject(members)), record: RecordMetadata())
        var state = MonitorState(config: MonitorConfig(sourceName: "file huge.json"), now: 1_767_225_601)
        update(&state, .records([event], recordCount: 1, receivedAt: 1_767_225_601))
        let (width, height) = (100, 30)
        update(&state, .resize(width: width, height: height))
        // As TerminalSession does for each key: update, clamp the detail's scroll, draw.
        func press(_ key: Key) -> (laidOut: Int, screen: Buffer) {
            let before = DetailView.jsonLinesLaidOut
            update(&state, .key(key))
            DetailView.clampScroll(&state, height: height)
            let screen = view(state, width: width, height: height)
            return (DetailView.jsonLinesLaidOut - before, screen)
        }
        let indexesBefore = DetailView.LineIndex.built
        let opened = press(.enter)
        XCTAssertLessThanOrEqual(opened.laidOut, height)
        XCTAssertTrue(opened.screen.lines.joined().contains(#""k0": 0,"#), opened.screen.lines.joined(separator: "\n"))
        for key in [Key.character("j"), .pageDown, .character("G"), .character("k"), .pageUp, .character("g")] {
            let result = press(key)
            XCTAssertLessThanOrEqual(result.laidOut, height, "\(key) laid out \(result.laidOut) lines")
            XCTAssertGreaterThan(result.laidOut, 0, "\(key) drew the JSON")
        }
        XCTAssertEqual(DetailView.LineIndex.built - indexesBefore, 1, "the million lines are counted once, when the detail opens")
        _ = press(.character("G"))
        let end = view(state, width: width, height: height).lines.joined(separator: "\n")
        XCTAssertTrue(end.contains(#""k999999": 999999"#), end)
        XCTAssertTrue(end.contains("of 100000"), "the title counts every line: \(end)")
    }
}
