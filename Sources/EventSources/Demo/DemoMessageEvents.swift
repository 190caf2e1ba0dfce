import EventDecoding

/// Campaign and journey messages: the email and SMS events Pinpoint itself writes to the stream.
///
/// These carry no session, only the endpoint id as `client.client_id`, and their facets or
/// attributes describe the message rather than the device.
extension DemoTraffic {
    mutating func emailEvent(at eventMs: Int64) {
        let index: Int
        if shouldStart(active: emails.count, target: messageTarget, eventsPerFlow: Self.eventsPerEmail) {
            emails.append(newEmail(at: eventMs))
            index = emails.count - 1
        } else {
            index = random.below(emails.count)
        }
        let flow = emails[index]
        let recipient = JSONValue.string(clients[flow.client].email)
        var detail = JSONObjectBuilder(capacity: 5)
        let type: String
        let feedback: String
        let detailKey: String?
        switch flow.stage {
        case .send:
            type = "_email.send"
            feedback = "received"
            detailKey = nil
            emails[index].stage = .delivery
        case .delivery where flow.bounces:
            type = "_email.hardbounce"
            feedback = "bounced"
            detailKey = "bounce"
            var bounced = JSONObjectBuilder(capacity: 4)
            bounced.add("email_address", recipient)
            bounced.add("action", string: "failed")
            bounced.add("status", string: "5.1.1")
            bounced.add("diagnostic_code", string: "smtp; 550 5.1.1 user unknown")
            detail.add("bounce_type", string: "Permanent")
            detail.add("bounce_sub_type", string: "General")
            detail.add("bounced_recipients", .array([bounced.value]))
            detail.add("timestamp", string: Timestamp.iso8601(milliseconds: eventMs))
            detail.add("reporting_mta", string: "dns; a8-53.smtp-out.amazonses.com")
            emails[index].stage = .done
        case .delivery:
            type = "_email.delivered"
            feedback = "delivered"
            detailKey = "delivery"
            detail.add("smtp_response", string: "250 ok:  Message \(10_000_000 + random.below(89_999_999)) accepted")
            detail.add("reporting_mta", string: "a8-53.smtp-out.amazonses.com")
            detail.add("recipients", .array([recipient]))
            detail.add("processing_time_millis", number: Int64(300 + random.below(2500)))
            emails[index].stage = flow.opens ? .open : .done
        case .open:
            type = "_email.open"
            feedback = "opened"
            detailKey = "open"
            detail.add("timestamp", string: Timestamp.iso8601(milliseconds: eventMs))
            detail.add("user_agent", string: random.pick(DemoCatalog.mailUserAgents))
            detail.add("ip_address", string: ipAddress())
            emails[index].stage = flow.clicks ? .click : .done
        case .click, .done:
            type = "_email.click"
            feedback = "clicked"
            detailKey = "click"
            detail.add("ip_address", string: ipAddress())
            detail.add("timestamp", string: Timestamp.iso8601(milliseconds: eventMs))
            detail.add("user_agent", string: random.pick(DemoCatalog.mailUserAgents))
            detail.add("link", string: DemoCatalog.siteOrigin + random.pick(DemoCatalog.pages).path + "?utm_source=email")
            emails[index].stage = .done
        }

        var attributes = JSONObjectBuilder(capacity: 5)
        addSenderAttributes(DemoCatalog.senders[flow.sender], to: &attributes)
        attributes.add("feedback", string: feedback)
        var mailEvent = EventBytes(capacity: flow.mail.count + 400)
        mailEvent.add(Self.mailKey, serialized: flow.mail)
        if let detailKey { mailEvent.add(EventBytes.Key(detailKey), detail.value) }
        var channel = EventBytes(capacity: flow.mail.count + 420)
        channel.add(Self.mailEventKey, serialized: mailEvent.finish())
        var facets = EventBytes(capacity: flow.mail.count + 440)
        facets.add(Self.emailChannelKey, serialized: channel.finish())

        var (event, streamMs) = messageEnvelope(type: type, eventMs: eventMs, client: flow.client)
        event.add(EventKeys.attributes, attributes.value)
        event.add(EventKeys.awsAccountId, serialized: EventKeys.accountId)
        event.add(EventKeys.facets, serialized: facets.finish())
        enqueue(event.finish(), streamMs: streamMs, client: flow.client)

        if emails[index].stage == .done {
            emails.swapAt(index, emails.count - 1)
            emails.removeLast()
        }
    }

    mutating func smsEvent(at eventMs: Int64) {
        let index: Int
        if shouldStart(active: texts.count, target: messageTarget, eventsPerFlow: Self.eventsPerSMS) {
            texts.append(newText())
            index = texts.count - 1
        } else {
            index = random.below(texts.count)
        }
        let flow = texts[index]
        let locale = clients[flow.client].locale
        let type: String
        let status: String
        switch flow.stage {
        case .buffered:
            type = "_SMS.BUFFERED"
            status = "SUCCESSFUL"
            texts[index].stage = .final
        case .final, .done:
            type = flow.fails ? "_SMS.FAILURE" : "_SMS.SUCCESS"
            status = flow.fails ? random.pick(DemoCatalog.smsFailureStatuses) : "DELIVERED"
            texts[index].stage = .done
        }
        let sender = DemoCatalog.senders[flow.sender]

        var attributes = JSONObjectBuilder(capacity: 12)
        attributes.add("sender_request_id", string: flow.senderRequestId)
        addSenderAttributes(sender, to: &attributes)
        attributes.add("origination_phone_number", string: DemoCatalog.smsOrigination)
        attributes.add("destination_phone_number", string: clients[flow.client].phone)
        attributes.add("record_status", string: status)
        attributes.add("iso_country_code", string: locale.country)
        attributes.add("number_of_message_parts", string: String(flow.parts))
        attributes.add("message_id", string: flow.messageId)
        attributes.add("message_type", string: sender.smsType)
        var metrics = JSONObjectBuilder(capacity: 1)
        let price = (Double(DemoCatalog.smsPrice(country: locale.country)) ?? 0) * Double(flow.parts)
        metrics.add("price_in_millicents_usd", .number(String(price)))

        var (event, streamMs) = messageEnvelope(type: type, eventMs: eventMs, client: flow.client)
        event.add(EventKeys.attributes, attributes.value)
        event.add(EventKeys.metrics, metrics.value)
        event.add(EventKeys.awsAccountId, serialized: EventKeys.accountId)
        enqueue(event.finish(), streamMs: streamMs, client: flow.client)

        if texts[index].stage == .done {
            texts.swapAt(index, texts.count - 1)
            texts.removeLast()
        }
    }

    private mutating func newEmail(at eventMs: Int64) -> EmailFlow {
        let client = random.below(clients.count)
        let sender = random.below(DemoCatalog.senders.count)
        let address = JSONValue.string(clients[client].email)
        let subject = DemoCatalog.senders[sender].subject
        let from = JSONValue.string(DemoCatalog.fromAddress)

        func header(_ name: String, _ value: JSONValue) -> JSONValue {
            var h = JSONObjectBuilder(capacity: 2)
            h.add("name", string: name)
            h.add("value", value)
            return h.value
        }
        var common = JSONObjectBuilder(capacity: 3)
        common.add("from", from)
        common.add("to", .array([address]))
        common.add("subject", string: subject)

        var mail = JSONObjectBuilder(capacity: 7)
        mail.add("message_id", string: "010001" + random.hex(10) + "-" + random.uuid() + "-000000")
        mail.add("message_send_timestamp", number: eventMs)
        mail.add("from_address", from)
        mail.add("destination", .array([address]))
        mail.add("headers_truncated", .bool(false))
        mail.add("headers", .array([
            header("From", from),
            header("To", address),
            header("Subject", .string(subject)),
            header("MIME-Version", .string("1.0")),
            header("Content-Type", .string("multipart/alternative; boundary=\"----=_Part_\(random.below(1_000_000))\"")),
        ]))
        mail.add("common_headers", common.value)

        let bounces = random.chance(0.03)
        let opens = !bounces && random.chance(0.45)
        let clicks = opens && random.chance(0.35)
        return EmailFlow(client: client, sender: sender, bounces: bounces, opens: opens, clicks: clicks,
                         mail: EventBytes.serialized(mail.value))
    }

    private mutating func newText() -> SMSFlow {
        SMSFlow(client: random.below(clients.count),
                sender: random.below(DemoCatalog.senders.count),
                fails: random.chance(0.08),
                messageId: random.hex(32),
                senderRequestId: random.uuid(),
                parts: random.chance(0.85) ? 1 : 2)
    }

    private func addSenderAttributes(_ sender: DemoCatalog.Sender, to attributes: inout JSONObjectBuilder) {
        if let campaign = sender.campaignId {
            attributes.add("campaign_activity_id", string: sender.activityId)
            attributes.add("campaign_id", string: campaign)
            attributes.add("treatment_id", string: "0")
        }
        if let journey = sender.journeyId {
            attributes.add("journey_activity_id", string: sender.activityId)
            attributes.add("journey_id", string: journey)
        }
    }

    /// The fields every Pinpoint message event shares; they describe no device or session.
    /// Schedules the event's delivery first, since its arrival time is one of those fields.
    private mutating func messageEnvelope(type: String, eventMs: Int64, client: Int) -> (EventBytes, streamMs: Int64) {
        let arrivalDelay = messageArrivalDelayMs()
        let streamDelay = streamDelayMs()
        let (arrivalMs, streamMs) = clients[client].messageDelivery.schedule(
            eventMs: eventMs, arrivalDelayMs: arrivalDelay, streamDelayMs: streamDelay)
        var event = EventBytes()
        event.add(EventKeys.eventType, string: type)
        event.add(EventKeys.eventTimestamp, number: eventMs)
        event.add(EventKeys.arrivalTimestamp, number: arrivalMs)
        event.add(EventKeys.eventVersion, serialized: EventKeys.version)
        event.add(EventKeys.application, serialized: Self.messageApplication)
        event.add(EventKeys.client, serialized: clients[client].messageClient)
        event.add(EventKeys.device, serialized: Self.messageDevice)
        event.add(EventKeys.session, serialized: EventKeys.emptyObject)
        return (event, streamMs)
    }

    /// Documentation addresses (RFC 5737), so the demo never shows a real person's IP.
    private mutating func ipAddress() -> String {
        (random.chance(0.5) ? "203.0.113." : "198.51.100.") + String(1 + random.below(254))
    }

    private static let messageApplication: [UInt8] = {
        var application = JSONObjectBuilder(capacity: 2)
        application.add("app_id", string: DemoCatalog.appId)
        application.add("sdk", JSONObjectBuilder.empty)
        return EventBytes.serialized(application.value)
    }()

    private static let messageDevice: [UInt8] = {
        var device = JSONObjectBuilder(capacity: 1)
        device.add("platform", JSONObjectBuilder.empty)
        return EventBytes.serialized(device.value)
    }()

    private static let mailKey = EventBytes.Key("mail")
    private static let mailEventKey = EventBytes.Key("mail_event")
    private static let emailChannelKey = EventBytes.Key("email_channel")
}
