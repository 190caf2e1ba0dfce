import EventDecoding
@testable import MonitorCore

/// Builds events and drives a `MonitorState` the way the runtime does, with time passed in.
enum MonitorFixture {
    static let start = 1_767_225_600.0

    static func event(_ type: String?, kind: EventKind = .pinpointApp, session: String? = nil, client: String? = nil,
                      time: Double? = nil, sessionStart: Double? = nil, shard: String? = nil, platform: String? = nil) -> Event {
        Event(kind: kind, eventType: type, eventTime: time, sessionId: session, sessionStart: sessionStart,
              clientId: client, platform: platform, summary: type ?? "", record: RecordMetadata(shard: shard))
    }

    static func error(shard: String? = nil) -> Event {
        EventDecoder.failure("bad", bytes: [0xFF], metadata: RecordMetadata(shard: shard), envelopes: [])
    }

    static func state(retain: Int = 10_000, sessionCapacity: Int = 5_000) -> MonitorState {
        MonitorState(config: MonitorConfig(sourceName: "test", retain: retain, sessionCapacity: sessionCapacity), now: start)
    }

    /// `count` custom events, one record each, delivered in one batch.
    static func feed(_ state: inout MonitorState, count: Int, type: String = "pageView", at time: Double = start) {
        let events = (0..<count).map { _ in event(type) }
        update(&state, .records(events, recordCount: count, receivedAt: time))
    }

    static func press(_ state: inout MonitorState, _ keys: Key...) {
        for key in keys { update(&state, .key(key)) }
    }
}
