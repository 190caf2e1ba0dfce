import EventDecoding

/// A set of event kinds as a bit mask, so that "is this kind in the set" costs one switch and one
/// AND in the per-event path instead of hashing.
struct FilterKindSet: Sendable, Equatable {
    var bits: UInt32 = 0

    static let all: FilterKindSet = {
        var set = FilterKindSet()
        for kind in EventKind.allCases { set.insert(kind) }
        return set
    }()

    init() {}

    init(where predicate: (EventKind) -> Bool) {
        for kind in EventKind.allCases where predicate(kind) { insert(kind) }
    }

    mutating func insert(_ kind: EventKind) { bits |= 1 << Self.ordinal(kind) }

    func contains(_ kind: EventKind) -> Bool { bits & (1 << Self.ordinal(kind)) != 0 }

    var isEmpty: Bool { bits == 0 }

    /// Exhaustive on purpose: a new kind fails to compile here instead of silently never matching.
    static func ordinal(_ kind: EventKind) -> UInt32 {
        switch kind {
        case .pinpointApp: 0
        case .pinpointEmail: 1
        case .pinpointSMS: 2
        case .pinpointCampaign: 3
        case .pinpointJourney: 4
        case .amplify: 5
        case .cloudwatchLogs: 6
        case .json: 7
        case .text: 8
        case .binary: 9
        case .error: 10
        }
    }

    /// The label an event without a type is counted and shown under, as `TypeCounters.label(for:)`
    /// writes it; kept here so filters can test it without building the string per event.
    static func label(of kind: EventKind) -> String { "(\(kind.rawValue))" }
}
