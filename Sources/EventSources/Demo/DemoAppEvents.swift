import EventDecoding

/// App sessions: what Amplify (JS, iOS, Android) records while people use the shop app.
extension DemoTraffic {
    private enum CustomEvent: CaseIterable {
        case pageView, myEvent, buttonClick, search, addToCart, purchase
    }

    mutating func appEvent(at eventMs: Int64) {
        if shouldStart(active: sessions.count, target: sessionTarget, eventsPerFlow: Self.eventsPerSession),
           let client = freeClient() {
            sessions.append(newSession(client: client))
            advanceSession(sessions.count - 1, at: eventMs)
            return
        }
        guard !sessions.isEmpty else { return }
        advanceSession(random.below(sessions.count), at: eventMs)
    }

    /// A client not already in a session; a person runs one session of the app at a time.
    private mutating func freeClient() -> Int? {
        for _ in 0..<16 {
            let candidate = random.below(clients.count)
            if !clients[candidate].inSession { return candidate }
        }
        return nil
    }

    private mutating func newSession(client: Int) -> DemoSession {
        clients[client].inSession = true
        // Phones are backgrounded far more often than browser tabs lose focus.
        let pauses = clients[client].device.platform == .web
            ? (random.chance(0.15) ? 1 : 0)
            : (random.chance(0.45) ? 1 + random.below(2) : 0)
        let customEvents = 1 + min(60, Int(random.exponential(mean: 7)))
        var first: AuthStep?
        var second: AuthStep?
        let r = random.unit()
        if r < 0.16 {
            first = .signIn
        } else if r < 0.20 {
            first = .authFail
            second = .signIn
        } else if r < 0.24 {
            first = .signUp
            second = .signIn
        }
        return DemoSession(client: client, sessionId: random.uuid(), pausesLeft: pauses,
                           remainingCustomEvents: customEvents, nextAuth: first, laterAuth: second)
    }

    /// Emits the next event of session `index` and moves it along its life cycle.
    private mutating func advanceSession(_ index: Int, at eventMs: Int64) {
        let client = sessions[index].client
        if !sessions[index].started {
            sessions[index].started = true
            // Kept as bare members so `_session.stop` can add its stop_timestamp alongside.
            sessions[index].sessionMembers = EventBytes.serializedMembers([
                JSONObject.Member(key: "session_id", value: .string(sessions[index].sessionId)),
                JSONObject.Member(key: "start_timestamp", value: .number(String(eventMs))),
            ])
            if clients[client].sendsEndpoint {
                let requestId = random.uuid()
                let endpoint = clients[client].endpoint(requestId: requestId, effectiveMs: eventMs)
                sessions[index].endpoint = EventBytes.serialized(endpoint)
            }
            emit(session: index, type: "_session.start", at: eventMs)
            return
        }
        if sessions[index].paused {
            sessions[index].paused = false
            emit(session: index, type: "_session.resume", at: eventMs)
            return
        }
        if let step = sessions[index].nextAuth,
           sessions[index].remainingCustomEvents == 0 || random.chance(0.5) {
            sessions[index].nextAuth = sessions[index].laterAuth
            sessions[index].laterAuth = nil
            emit(session: index, type: step.eventType, at: eventMs)
            return
        }
        if sessions[index].remainingCustomEvents == 0 {
            emit(session: index, type: "_session.stop", at: eventMs, stops: true)
            clients[client].inSession = false
            sessions.swapAt(index, sessions.count - 1)
            sessions.removeLast()
            return
        }
        if sessions[index].pausesLeft > 0, random.chance(0.12) {
            sessions[index].pausesLeft -= 1
            sessions[index].paused = true
            emit(session: index, type: "_session.pause", at: eventMs)
            return
        }
        sessions[index].remainingCustomEvents -= 1
        customEvent(session: index, at: eventMs)
    }

    private mutating func chooseCustomEvent(web: Bool, hasCart: Bool) -> CustomEvent {
        // Browsers record a pageView per navigation; apps log more taps and searches.
        let weights: [Double] = web
            ? [30, 12, 14, 12, 9, hasCart ? 10 : 0]
            : [8, 14, 18, 14, 10, hasCart ? 12 : 0]
        var r = random.unit() * weights.reduce(0, +)
        for (kind, weight) in zip(CustomEvent.allCases, weights) {
            r -= weight
            if r < 0 { return kind }
        }
        return .myEvent
    }

    private mutating func customEvent(session index: Int, at eventMs: Int64) {
        let client = sessions[index].client
        let platform = clients[client].device.platform
        var attributes = JSONObjectBuilder(capacity: 4)
        var metrics = JSONObjectBuilder(capacity: 2)
        let type: String
        switch chooseCustomEvent(web: platform == .web, hasCart: sessions[index].cartProduct >= 0) {
        case .pageView:
            type = "pageView"
            let page = random.pick(DemoCatalog.pages)
            attributes.add("url", string: DemoCatalog.siteOrigin + page.path)
            attributes.add("title", string: page.title)
        case .myEvent:
            // The Amplify getting-started example: Analytics.record({ name: 'MyEvent', attributes: { date } }).
            type = "MyEvent"
            attributes.add("date", string: Timestamp.iso8601(milliseconds: eventMs))
        case .buttonClick:
            type = "buttonClick"
            let button = random.pick(DemoCatalog.buttons)
            attributes.add("buttonId", string: button.id)
            attributes.add("label", string: button.label)
        case .search:
            type = "search"
            attributes.add("query", string: random.pick(DemoCatalog.searchQueries))
            metrics.add("results", number: Int64(random.below(240)))
        case .addToCart:
            type = "addToCart"
            let productIndex = random.below(DemoCatalog.products.count)
            let product = DemoCatalog.products[productIndex]
            sessions[index].cartProduct = productIndex
            attributes.add("productId", string: product.id)
            attributes.add("productName", string: product.name)
            attributes.add("category", string: product.category)
            metrics.add("price", .number(price(of: product, currency: currency(of: client))))
            metrics.add("quantity", number: Int64(1 + random.below(3)))
        case .purchase:
            type = "_monetization.purchase"
            let product = DemoCatalog.products[max(0, sessions[index].cartProduct)]
            sessions[index].cartProduct = -1
            let currency = currency(of: client)
            attributes.add("_currency", string: currency)
            attributes.add("_product_id", string: product.id)
            switch platform {
            case .iOS:
                attributes.add("_store", string: "Apple")
                attributes.add("_transaction_id", string: "2000000" + random.digits(9))
            case .android:
                attributes.add("_store", string: "Google Play")
                attributes.add("_transaction_id", string: "GPA.33" + random.digits(2) + "-" + random.digits(4)
                    + "-" + random.digits(4) + "-" + random.digits(5))
            case .web:
                attributes.add("_store", string: "Web")
                attributes.add("_transaction_id", string: "ord_" + random.hex(16))
            }
            metrics.add("_item_price", .number(price(of: product, currency: currency)))
            metrics.add("_quantity", number: Int64(1 + (random.chance(0.2) ? random.below(3) : 0)))
        }
        emit(session: index, type: type, at: eventMs, attributes: attributes.value,
             metrics: metrics.members.isEmpty ? nil : metrics.value)
    }

    /// Prices exist in three currencies; other locales shop in US dollars.
    private func currency(of client: Int) -> String {
        switch clients[client].locale.currency {
        case "JPY": return "JPY"
        case "EUR": return "EUR"
        default: return "USD"
        }
    }

    private func price(of product: DemoCatalog.Product, currency: String) -> String {
        switch currency {
        case "JPY": return product.jpy
        case "EUR": return product.eur
        default: return product.usd
        }
    }

    /// Builds the event in the field order of a real Pinpoint app event and queues it for the stream.
    private mutating func emit(session index: Int, type: String, at eventMs: Int64,
                               attributes: JSONValue = JSONObjectBuilder.empty, metrics: JSONValue? = nil,
                               stops: Bool = false) {
        let client = sessions[index].client
        let arrivalDelay = appArrivalDelayMs()
        let streamDelay = streamDelayMs()
        let (arrivalMs, streamMs) = clients[client].appDelivery.schedule(
            eventMs: eventMs, arrivalDelayMs: arrivalDelay, streamDelayMs: streamDelay)

        var session = EventBytes(capacity: 120)
        session.add(serializedMembers: sessions[index].sessionMembers)
        if stops { session.add(EventKeys.stopTimestamp, number: eventMs) }

        var event = EventBytes()
        event.add(EventKeys.eventType, string: type)
        event.add(EventKeys.eventTimestamp, number: eventMs)
        event.add(EventKeys.arrivalTimestamp, number: arrivalMs)
        event.add(EventKeys.eventVersion, serialized: EventKeys.version)
        event.add(serializedMembers: clients[client].appMembers)
        event.add(EventKeys.session, serialized: session.finish())
        event.add(EventKeys.attributes, attributes)
        if let metrics { event.add(EventKeys.metrics, metrics) }
        if let endpoint = sessions[index].endpoint { event.add(EventKeys.endpoint, serialized: endpoint) }
        event.add(EventKeys.awsAccountId, serialized: EventKeys.accountId)
        enqueue(event.finish(), streamMs: streamMs, client: client)
    }
}
