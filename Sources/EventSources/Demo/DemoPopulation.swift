import EventDecoding

/// Builds a JSON object member by member in a fixed order, the order Pinpoint writes its fields in.
struct JSONObjectBuilder {
    var members: [JSONObject.Member] = []

    init(capacity: Int = 8) {
        members.reserveCapacity(capacity)
    }

    mutating func add(_ key: String, _ value: JSONValue) {
        members.append(JSONObject.Member(key: key, value: value))
    }

    mutating func add(_ key: String, string: String) {
        members.append(JSONObject.Member(key: key, value: .string(string)))
    }

    mutating func add(_ key: String, number: Int64) {
        members.append(JSONObject.Member(key: key, value: .number(String(number))))
    }

    var value: JSONValue { .object(JSONObject(members)) }

    static let empty = JSONValue.object(JSONObject())
}

/// Keeps one sender's records in order on their way to the stream.
///
/// Amplify buffers a client's events and flushes them together, and Kinesis keeps records with one
/// partition key in order within a shard; so a client's events never overtake each other, and a
/// late flush holds back the events queued behind it. The bounds still hold afterwards because
/// each earlier event's delay was within them and the events are scheduled in event-time order.
struct DeliveryClock: Sendable {
    var lastArrivalMs: Int64 = .min
    var lastStreamMs: Int64 = .min

    mutating func schedule(eventMs: Int64, arrivalDelayMs: Int64, streamDelayMs: Int64) -> (arrival: Int64, stream: Int64) {
        lastArrivalMs = max(eventMs + arrivalDelayMs, lastArrivalMs)
        lastStreamMs = max(lastArrivalMs + streamDelayMs, lastStreamMs)
        return (lastArrivalMs, lastStreamMs)
    }
}

/// A person with one device: an Amplify client id, its Cognito identity and Pinpoint endpoint.
///
/// The JSON that never changes for a client is serialized once, since nearly every event repeats it.
struct DemoClient: Sendable {
    var clientId: String
    var cognitoId: String
    var device: DemoCatalog.DeviceProfile
    var locale: DemoCatalog.UserLocale
    var email: String
    var phone: String
    var shard: Int
    /// `"application":{…},"client":{…},"device":{…}` as app events carry them.
    var appMembers: [UInt8]
    /// `{"client_id":…}`, all that message events say about the recipient.
    var messageClient: [UInt8]
    var endpointCreated: String
    var cohortId: String
    /// Not every app registers its endpoint with each event batch, so only some events carry it.
    var sendsEndpoint: Bool
    var inSession = false
    var appDelivery = DeliveryClock()
    var messageDelivery = DeliveryClock()

    init(number: Int, startMs: Int64, random: inout DemoRandom, shardMap: KinesisShardMap) {
        clientId = random.uuid()
        cognitoId = DemoCatalog.region + ":" + random.uuid()
        device = random.pick(DemoCatalog.devices.map { ($0, $0.weight) }, totalWeight: Self.deviceWeight)
        locale = random.pick(DemoCatalog.locales.map { ($0, $0.weight) }, totalWeight: Self.localeWeight)
        email = "user\(number)@example.com"
        phone = locale.dialPrefix + random.digits(locale.subscriberDigits)
        shard = shardMap.shardIndex(forPartitionKey: clientId)
        endpointCreated = Timestamp.iso8601(
            milliseconds: startMs - Int64(random.uniform(3_600_000, 400 * 86_400_000)))
        cohortId = String(random.below(100))
        sendsEndpoint = random.chance(0.7)

        var application = JSONObjectBuilder()
        application.add("app_id", string: DemoCatalog.appId)
        application.add("cognito_identity_pool_id", string: DemoCatalog.identityPoolId)
        switch device.platform {
        case .web:
            application.add("sdk", JSONObjectBuilder.empty)
            application.add("version_name", string: device.appVersion)
        case .iOS, .android:
            let sdk = device.platform == .iOS ? DemoCatalog.iOSSDK : DemoCatalog.androidSDK
            var sdkObject = JSONObjectBuilder(capacity: 2)
            sdkObject.add("name", string: sdk.name)
            sdkObject.add("version", string: sdk.version)
            application.add("package_name", string: DemoCatalog.mobilePackageName)
            application.add("sdk", sdkObject.value)
            application.add("title", string: DemoCatalog.mobileTitle)
            application.add("version_code", string: DemoCatalog.versionCode(device.appVersion))
            application.add("version_name", string: device.appVersion)
        }

        var client = JSONObjectBuilder(capacity: 2)
        client.add("client_id", string: clientId)
        client.add("cognito_id", string: cognitoId)
        var messageClientObject = JSONObjectBuilder(capacity: 1)
        messageClientObject.add("client_id", string: clientId)
        messageClient = EventBytes.serialized(messageClientObject.value)

        var localeObject = JSONObjectBuilder(capacity: 3)
        localeObject.add("code", string: locale.code)
        localeObject.add("country", string: locale.country)
        localeObject.add("language", string: locale.language)
        var platform = JSONObjectBuilder(capacity: 2)
        platform.add("name", string: device.platformName)
        if let version = device.platformVersion { platform.add("version", string: version) }
        var deviceObject = JSONObjectBuilder(capacity: 4)
        if device.platform == .web {
            // Like the seed event, older Amplify JS builds send no locale at all.
            deviceObject.add("make", string: device.make)
            deviceObject.add("model", string: device.model)
            deviceObject.add("platform", platform.value)
            if random.chance(0.5) { deviceObject.add("locale", localeObject.value) }
        } else {
            deviceObject.add("locale", localeObject.value)
            deviceObject.add("make", string: device.make)
            deviceObject.add("model", string: device.model)
            deviceObject.add("platform", platform.value)
        }
        appMembers = EventBytes.serializedMembers([
            JSONObject.Member(key: "application", value: application.value),
            JSONObject.Member(key: "client", value: client.value),
            JSONObject.Member(key: "device", value: deviceObject.value),
        ])
    }

    private static let deviceWeight = DemoCatalog.devices.reduce(0) { $0 + $1.weight }
    private static let localeWeight = DemoCatalog.locales.reduce(0) { $0 + $1.weight }

    /// The endpoint as Pinpoint attaches it to an event; refreshed once per session, as the SDKs
    /// call UpdateEndpoint when a session starts.
    func endpoint(requestId: String, effectiveMs: Int64) -> JSONValue {
        var demographic = JSONObjectBuilder(capacity: 8)
        var location = JSONObjectBuilder(capacity: 1)
        let isWeb = device.platform == .web
        if isWeb {
            demographic.add("Make", string: device.make)
            demographic.add("Model", string: device.model)
            demographic.add("ModelVersion", string: device.modelVersion)
            demographic.add("AppVersion", string: device.appVersion)
            demographic.add("Platform", string: device.platformName)
        } else {
            demographic.add("AppVersion", string: device.appVersion)
            demographic.add("Locale", string: locale.code)
            demographic.add("Make", string: device.make)
            demographic.add("Model", string: device.model)
            demographic.add("ModelVersion", string: device.modelVersion)
            demographic.add("Platform", string: device.platformName)
            if let version = device.platformVersion { demographic.add("PlatformVersion", string: version) }
            demographic.add("Timezone", string: locale.timezone)
            location.add("Country", string: locale.country)
        }
        var user = JSONObjectBuilder(capacity: 1)
        user.add("UserId", string: cognitoId)

        var endpoint = JSONObjectBuilder(capacity: 13)
        endpoint.add("EndpointStatus", string: "ACTIVE")
        endpoint.add("OptOut", string: isWeb ? "ALL" : "NONE")
        endpoint.add("RequestId", string: requestId)
        endpoint.add("Location", location.value)
        endpoint.add("Demographic", demographic.value)
        endpoint.add("EffectiveDate", string: Timestamp.iso8601(milliseconds: effectiveMs))
        endpoint.add("Attributes", JSONObjectBuilder.empty)
        endpoint.add("Metrics", JSONObjectBuilder.empty)
        endpoint.add("User", user.value)
        endpoint.add("ApplicationId", string: DemoCatalog.appId)
        endpoint.add("Id", string: clientId)
        endpoint.add("CohortId", string: cohortId)
        endpoint.add("CreationDate", string: endpointCreated)
        return endpoint.value
    }
}

/// An Amplify Auth event a session still has to record.
enum AuthStep: Sendable {
    case signIn, signUp, authFail

    var eventType: String {
        switch self {
        case .signIn: return "_userauth.sign_in"
        case .signUp: return "_userauth.sign_up"
        case .authFail: return "_userauth.auth_fail"
        }
    }
}

/// One app session in progress, from `_session.start` to `_session.stop`.
struct DemoSession: Sendable {
    var client: Int
    var sessionId: String
    /// `"session_id":…,"start_timestamp":…`, set when the session starts.
    var sessionMembers: [UInt8] = []
    var started = false
    var paused = false
    var pausesLeft: Int
    var remainingCustomEvents: Int
    var nextAuth: AuthStep?
    var laterAuth: AuthStep?
    /// Index into `DemoCatalog.products` of what sits in the cart, or -1.
    var cartProduct = -1
    /// The serialized endpoint, for clients that send one.
    var endpoint: [UInt8]?
}

/// One email message's life as Pinpoint reports it: send, then delivery or a hard bounce, and
/// maybe an open and a click.
struct EmailFlow: Sendable {
    enum Stage: Sendable { case send, delivery, open, click, done }
    var client: Int
    var sender: Int
    var stage: Stage = .send
    var bounces: Bool
    var opens: Bool
    var clicks: Bool
    /// The serialized `mail` object, the same in every event about this message.
    var mail: [UInt8]
}

/// One SMS message: buffered by the carrier, then delivered or failed.
struct SMSFlow: Sendable {
    enum Stage: Sendable { case buffered, final, done }
    var client: Int
    var sender: Int
    var stage: Stage = .buffered
    var fails: Bool
    var messageId: String
    var senderRequestId: String
    var parts: Int
}
