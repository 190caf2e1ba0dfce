/// Recognises Amazon Pinpoint event-stream events: app events (`_session.*`, `_userauth.*`,
/// `_monetization.purchase`, custom names), email (`_email.*`), SMS (`_SMS.*`), campaign and
/// journey events.
///
/// An object is Pinpoint when it has a string `event_type`, a numeric `event_timestamp` and at
/// least one of `application`, `client`, `arrival_timestamp`. Pinpoint timestamps are milliseconds.
public struct PinpointClassifier: EventClassifier {
    public init() {}

    public func classify(_ value: JSONValue, record: RecordMetadata) -> Event? {
        guard case .object(let object) = value, let type = object["event_type"]?.string,
              let eventMillis = object["event_timestamp"]?.double,
              object["application"] != nil || object["client"] != nil || object["arrival_timestamp"] != nil
        else { return nil }
        let kind = Self.kind(of: type)
        let attributes = object["attributes"]?.object
        var summary: [String]
        switch kind {
        case .pinpointEmail:
            let mail = value.value(atPath: "facets.email_channel.mail_event.mail")
            summary = []
            if let subject = mail?.value(atPath: "common_headers.subject")?.string { summary.append("subject=\(subject)") }
            if let destination = mail?["destination"]?[0]?.string { summary.append("to=\(destination)") }
            if let feedback = attributes?["feedback"]?.string { summary.append("feedback=\(feedback)") }
        case .pinpointSMS:
            summary = []
            if let destination = attributes?["destination_phone_number"]?.string { summary.append("to=\(destination)") }
            if let status = attributes?["record_status"]?.string { summary.append("status=\(status)") }
            if let price = object["metrics"]?["price_in_millicents_usd"]?.scalarText { summary.append("price=\(price)") }
        default:
            summary = SummaryText.pairs(attributes)
            if summary.count < 3 { summary += SummaryText.pairs(object["metrics"]?.object, limit: 3 - summary.count) }
        }
        return Event(kind: kind, eventType: type, eventTime: Timestamp.plausible(eventMillis / 1000),
                     ingestTime: Timestamp.plausible(object["arrival_timestamp"]?.double.map { $0 / 1000 }),
                     sessionId: object["session"]?["session_id"]?.string,
                     sessionStart: Timestamp.plausible(object["session"]?["start_timestamp"]?.double.map { $0 / 1000 }),
                     clientId: object["client"]?["client_id"]?.string,
                     platform: object["device"]?["platform"]?["name"]?.string,
                     summary: summary.joined(separator: " "), payload: value, record: record)
    }

    static func kind(of type: String) -> EventKind {
        if type.hasPrefix("_email.") { return .pinpointEmail }
        if type.hasPrefix("_SMS.") { return .pinpointSMS }
        if type.hasPrefix("_campaign.") { return .pinpointCampaign }
        if type.hasPrefix("_journey.") { return .pinpointJourney }
        return .pinpointApp
    }
}
