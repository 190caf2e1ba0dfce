/// Recognises Amazon Pinpoint event-stream events: app events (`_session.*`, `_userauth.*`,
/// `_monetization.purchase`, custom names), email (`_email.*`), SMS (`_SMS.*`), campaign and
/// journey events.
///
/// An object is Pinpoint when it has a string `event_type`, a numeric `event_timestamp` and at
/// least one of `application`, `client`, `arrival_timestamp`. Pinpoint timestamps are milliseconds;
/// `event_timestamp` may be later than `arrival_timestamp` (SMS delivery receipts are), so both are
/// kept as written.
///
/// Campaign and journey events carry the endpoint as a JSON *string* in
/// `client_context.custom.endpoint`; it is parsed a second time, put in `Event.embedded`, and used
/// for the client id and platform when the event itself has none (app events' `endpoint` object
/// serves the same way).
public struct PinpointClassifier: EventClassifier {
    public init() {}

    public func classify(_ value: JSONValue, record: RecordMetadata) -> Event? {
        guard case .object(let object) = value, let type = object["event_type"]?.string,
              let eventMillis = object["event_timestamp"]?.double,
              object["application"] != nil || object["client"] != nil || object["arrival_timestamp"] != nil
        else { return nil }
        let kind = Self.kind(of: type)
        let attributes = object["attributes"]?.object

        var clientId = object["client"]?["client_id"]?.string
        var platform = object["device"]?["platform"]?["name"]?.string
        // The endpoint is looked at only when it adds something: campaign and journey events
        // (whose endpoint is a JSON string worth showing parsed) or a missing client or platform.
        // App events are the bulk of a stream and need neither lookup.
        var embedded: JSONObject?
        var endpoint: JSONValue?
        if kind == .pinpointCampaign || kind == .pinpointJourney || clientId == nil || platform == nil {
            if let text = object["client_context"]?["custom"]?["endpoint"]?.string, let parsed = Self.parseEmbedded(text) {
                endpoint = parsed
                embedded = JSONObject([.init(key: "client_context.custom.endpoint", value: parsed)])
            } else if let topLevel = object["endpoint"] {
                if let text = topLevel.string, let parsed = Self.parseEmbedded(text) {
                    endpoint = parsed
                    embedded = JSONObject([.init(key: "endpoint", value: parsed)])
                } else {
                    endpoint = topLevel
                }
            }
            clientId = clientId ?? endpoint?["Id"]?.string
            platform = platform ?? endpoint?["Demographic"]?["Platform"]?.string
        }

        let summary: [String]
        switch kind {
        case .pinpointEmail: summary = Self.emailSummary(value, attributes: attributes)
        case .pinpointSMS: summary = Self.smsSummary(object, attributes: attributes)
        case .pinpointCampaign:
            summary = Self.picked(attributes, [("campaign_send_status", "status"), ("delivery_type", "channel"),
                                               ("campaign_id", "campaign")])
                + Self.channelIfMissing(attributes, key: "delivery_type", endpoint: endpoint)
        case .pinpointJourney:
            summary = Self.picked(attributes, [("journey_send_status", "status"), ("journey_activity_type", "channel"),
                                               ("journey_id", "journey")])
                + Self.channelIfMissing(attributes, key: "journey_activity_type", endpoint: endpoint)
        default:
            var pairs = SummaryText.pairs(attributes)
            if pairs.count < 3 { pairs += SummaryText.pairs(object["metrics"]?.object, limit: 3 - pairs.count) }
            summary = pairs
        }
        return Event(kind: kind, eventType: type, eventTime: Timestamp.plausible(eventMillis / 1000),
                     ingestTime: Timestamp.plausible(object["arrival_timestamp"]?.double.map { $0 / 1000 }),
                     sessionId: object["session"]?["session_id"]?.string,
                     sessionStart: Timestamp.plausible(object["session"]?["start_timestamp"]?.double.map { $0 / 1000 }),
                     clientId: clientId, platform: platform,
                     summary: summary.joined(separator: " "), payload: value, record: record, embedded: embedded)
    }

    static func kind(of type: String) -> EventKind {
        if type.hasPrefix("_email.") { return .pinpointEmail }
        if type.hasPrefix("_SMS.") { return .pinpointSMS }
        if type.hasPrefix("_campaign.") { return .pinpointCampaign }
        if type.hasPrefix("_journey.") { return .pinpointJourney }
        return .pinpointApp
    }

    /// A JSON object or array held in a string field; nil for anything else, including text that is
    /// not JSON, which stays a plain string in the payload.
    static func parseEmbedded(_ text: String) -> JSONValue? {
        guard let first = text.utf8.first(where: { !EventDecoder.isWhitespace($0) }),
              first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return nil }
        return try? JSONParser.parse(Array(text.utf8))
    }

    /// Subject, first recipient and feedback. `attributes.feedback` is Pinpoint's own word for what
    /// happened ("delivered", the clicked link); for bounces, complaints, rejections and rendering
    /// failures the mail event's reason is added, since that is what someone watching needs.
    static func emailSummary(_ value: JSONValue, attributes: JSONObject?) -> [String] {
        let mailEvent = value.value(atPath: "facets.email_channel.mail_event")
        let mail = mailEvent?["mail"]
        var summary: [String] = []
        var subject = mail?.value(atPath: "common_headers.subject")?.string
        if subject == nil, let headers = mail?["headers"]?.array {
            subject = headers.first(where: { $0["name"]?.string?.lowercased() == "subject" })?["value"]?.string
        }
        if let subject { summary.append("subject=\(subject)") }
        if let destination = mail?["destination"]?[0]?.string { summary.append("to=\(destination)") }
        let reason = mailEventReason(mailEvent)
        switch (attributes?["feedback"]?.scalarText, reason) {
        case (let feedback?, let reason?) where feedback != reason: summary.append("feedback=\(feedback) (\(reason))")
        case (let feedback?, _): summary.append("feedback=\(feedback)")
        case (nil, let reason?): summary.append("feedback=\(reason)")
        case (nil, nil): break
        }
        return summary
    }

    private static func mailEventReason(_ mailEvent: JSONValue?) -> String? {
        guard let mailEvent else { return nil }
        if let bounce = mailEvent["bounce"] {
            let parts = [bounce["bounce_type"]?.string, bounce["bounce_sub_type"]?.string].compactMap { $0 }
            return parts.isEmpty ? "bounce" : parts.joined(separator: "/")
        }
        if let complaint = mailEvent["complaint"] {
            return complaint["complaint_feedback_type"]?.string ?? "complaint"
        }
        if let reject = mailEvent["reject"] { return reject["reason"]?.string ?? "rejected" }
        if let failure = mailEvent["rendering_failure"] ?? mailEvent["failure"] {
            return failure["error_message"]?.string ?? "rendering failure"
        }
        if let link = mailEvent["click"]?["link"]?.string { return link }
        return nil
    }

    static func smsSummary(_ object: JSONObject, attributes: JSONObject?) -> [String] {
        var summary: [String] = []
        if let destination = attributes?["destination_phone_number"]?.string { summary.append("to=\(destination)") }
        if let status = attributes?["record_status"]?.string { summary.append("status=\(status)") }
        if let price = object["metrics"]?["price_in_millicents_usd"]?.scalarText { summary.append("price=\(price)") }
        return summary
    }

    private static func picked(_ attributes: JSONObject?, _ keys: [(field: String, label: String)]) -> [String] {
        guard let attributes else { return [] }
        return keys.compactMap { key in attributes[key.field]?.scalarText.map { "\(key.label)=\($0)" } }
    }

    private static func channelIfMissing(_ attributes: JSONObject?, key: String, endpoint: JSONValue?) -> [String] {
        guard attributes?[key] == nil, let channel = endpoint?["ChannelType"]?.string else { return [] }
        return ["channel=\(channel)"]
    }
}
