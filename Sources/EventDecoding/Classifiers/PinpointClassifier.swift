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
        classify(value, record: record, payload: .value(value))
    }

    /// The classification itself, over a parsed value or over validated bytes (the decoder's fast
    /// path); `payload` is what the event keeps.
    func classify<J: JSONAccess>(_ value: J, record: RecordMetadata, payload: EventPayload) -> Event? {
        guard value.isObject, let type = value[field: "event_type"]?.string,
              let eventMillis = value[field: "event_timestamp"]?.double,
              value[field: "application"] != nil || value[field: "client"] != nil || value[field: "arrival_timestamp"] != nil
        else { return nil }
        let kind = Self.kind(of: type)
        let attributes = value[field: "attributes"]?.asObject

        var clientId = value[field: "client"]?[field: "client_id"]?.string
        var platform = value[field: "device"]?[field: "platform"]?[field: "name"]?.string
        // The endpoint is looked at only when it adds something: campaign and journey events
        // (whose endpoint is a JSON string worth showing parsed) or a missing client or platform.
        // App events are the bulk of a stream and need neither lookup.
        var embedded: JSONObject?
        var endpoint: JSONValue?
        if kind == .pinpointCampaign || kind == .pinpointJourney || clientId == nil || platform == nil {
            if let text = value[field: "client_context"]?[field: "custom"]?[field: "endpoint"]?.string, let parsed = Self.parseEmbedded(text) {
                endpoint = parsed
                embedded = JSONObject([.init(key: "client_context.custom.endpoint", value: parsed)])
            } else if let topLevel = value[field: "endpoint"] {
                if let text = topLevel.string, let parsed = Self.parseEmbedded(text) {
                    endpoint = parsed
                    embedded = JSONObject([.init(key: "endpoint", value: parsed)])
                } else {
                    endpoint = topLevel.jsonValue
                }
            }
            clientId = clientId ?? endpoint?[field: "Id"]?.string
            platform = platform ?? endpoint?[field: "Demographic"]?[field: "Platform"]?.string
        }

        let summary: String
        switch kind {
        case .pinpointEmail: summary = Self.emailSummary(value, attributes: attributes).joined(separator: " ")
        case .pinpointSMS: summary = Self.smsSummary(value, attributes: attributes).joined(separator: " ")
        case .pinpointCampaign:
            summary = (Self.picked(attributes, [("campaign_send_status", "status"), ("delivery_type", "channel"),
                                                ("campaign_id", "campaign")])
                + Self.channelIfMissing(attributes, key: "delivery_type", endpoint: endpoint)).joined(separator: " ")
        case .pinpointJourney:
            summary = (Self.picked(attributes, [("journey_send_status", "status"), ("journey_activity_type", "channel"),
                                                ("journey_id", "journey")])
                + Self.channelIfMissing(attributes, key: "journey_activity_type", endpoint: endpoint)).joined(separator: " ")
        default:
            // App events are the bulk of a stream: their text is made in one buffer, not a
            // string per pair.
            summary = SummaryText.joined(attributes, value[field: "metrics"]?.asObject)
        }
        let session = value[field: "session"]
        var event = Event(kind: kind, eventType: type, eventTime: Timestamp.plausible(eventMillis / 1000),
                          ingestTime: Timestamp.plausible(value[field: "arrival_timestamp"]?.double.map { $0 / 1000 }),
                          sessionId: session?[field: "session_id"]?.string,
                          sessionStart: Timestamp.plausible(session?[field: "start_timestamp"]?.double.map { $0 / 1000 }),
                          clientId: clientId, platform: platform,
                          summary: summary,
                          record: record, embedded: embedded)
        event.payloadStorage = payload
        return event
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
    static func emailSummary<J: JSONAccess>(_ value: J, attributes: J?) -> [String] {
        let mailEvent = value.lookup(path: "facets.email_channel.mail_event")
        let mail = mailEvent?[field: "mail"]
        var summary: [String] = []
        var subject = mail?.lookup(path: "common_headers.subject")?.string
        if subject == nil, let headers = mail?[field: "headers"] {
            headers.forEachElement { header in
                guard header[field: "name"]?.string?.lowercased() == "subject" else { return true }
                subject = header[field: "value"]?.string
                return false
            }
        }
        if let subject { summary.append("subject=\(subject)") }
        if let destination = mail?[field: "destination"]?[0]?.string { summary.append("to=\(destination)") }
        let reason = mailEventReason(mailEvent)
        switch (attributes?[field: "feedback"]?.scalarText, reason) {
        case (let feedback?, let reason?) where feedback != reason: summary.append("feedback=\(feedback) (\(reason))")
        case (let feedback?, _): summary.append("feedback=\(feedback)")
        case (nil, let reason?): summary.append("feedback=\(reason)")
        case (nil, nil): break
        }
        return summary
    }

    private static func mailEventReason<J: JSONAccess>(_ mailEvent: J?) -> String? {
        guard let mailEvent else { return nil }
        if let bounce = mailEvent[field: "bounce"] {
            let parts = [bounce[field: "bounce_type"]?.string, bounce[field: "bounce_sub_type"]?.string].compactMap { $0 }
            return parts.isEmpty ? "bounce" : parts.joined(separator: "/")
        }
        if let complaint = mailEvent[field: "complaint"] {
            return complaint[field: "complaint_feedback_type"]?.string ?? "complaint"
        }
        if let reject = mailEvent[field: "reject"] { return reject[field: "reason"]?.string ?? "rejected" }
        if let failure = mailEvent[field: "rendering_failure"] ?? mailEvent[field: "failure"] {
            return failure[field: "error_message"]?.string ?? "rendering failure"
        }
        if let link = mailEvent[field: "click"]?[field: "link"]?.string { return link }
        return nil
    }

    static func smsSummary<J: JSONAccess>(_ object: J, attributes: J?) -> [String] {
        var summary: [String] = []
        if let destination = attributes?[field: "destination_phone_number"]?.string { summary.append("to=\(destination)") }
        if let status = attributes?[field: "record_status"]?.string { summary.append("status=\(status)") }
        if let price = object[field: "metrics"]?[field: "price_in_millicents_usd"]?.scalarText { summary.append("price=\(price)") }
        return summary
    }

    private static func picked<J: JSONAccess>(_ attributes: J?, _ keys: [(field: StaticString, label: String)]) -> [String] {
        guard let attributes else { return [] }
        return keys.compactMap { key in attributes[field: key.field]?.scalarText.map { "\(key.label)=\($0)" } }
    }

    private static func channelIfMissing<J: JSONAccess>(_ attributes: J?, key: StaticString, endpoint: JSONValue?) -> [String] {
        guard attributes?[field: key] == nil, let channel = endpoint?[field: "ChannelType"]?.string else { return [] }
        return ["channel=\(channel)"]
    }
}
