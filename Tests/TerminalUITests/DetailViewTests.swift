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
}
