import EventDecoding

/// The `stats` output (DESIGN.md §3): totals and breakdowns of everything a run read.
public struct StatsSummary: Sendable, Equatable {
    public var records: Int
    public var events: Int
    public var errors: Int
    public var sessions: Int
    public var clients: Int
    public var byType: [String: Int]
    public var byKind: [String: Int]
    public var byShard: [String: Int]
    /// CloudWatch Logs control messages: records without events. Printed only when there were any.
    public var controlMessages: Int
    /// The keys among `sessions` and `clients` whose counts are estimates (past the exact limit of
    /// `DistinctCounter`); empty for all but very long runs, and then left out of the output.
    public var approximate: [String]

    public init(_ state: MonitorState) {
        records = state.totalRecords
        events = state.totalEvents
        errors = state.totalErrors
        sessions = state.sessions.distinctSessions
        clients = state.sessions.distinctClients
        byType = state.counters.byType.mapValues(\.total)
        byKind = Dictionary(uniqueKeysWithValues: state.counters.byKind.map { ($0.key.rawValue, $0.value) })
        byShard = state.counters.byShard
        controlMessages = state.controlMessages
        approximate = (state.sessions.distinctSessionsApproximate ? ["sessions"] : [])
            + (state.sessions.distinctClientsApproximate ? ["clients"] : [])
    }

    /// The JSON object, keys in the contract's order and maps sorted by key for stable output.
    public func json() -> String {
        func map(_ m: [String: Int]) -> JSONValue {
            .object(JSONObject(m.sorted { $0.key < $1.key }.map { .init(key: $0.key, value: .number(String($0.value))) }))
        }
        let value = JSONValue.object(JSONObject([
            .init(key: "records", value: .number(String(records))),
            .init(key: "events", value: .number(String(events))),
            .init(key: "errors", value: .number(String(errors))),
            .init(key: "sessions", value: .number(String(sessions))),
            .init(key: "clients", value: .number(String(clients))),
            .init(key: "by_type", value: map(byType)),
            .init(key: "by_kind", value: map(byKind)),
            .init(key: "by_shard", value: map(byShard)),
        ] + (controlMessages > 0 ? [.init(key: "control_messages", value: .number(String(controlMessages)))] : [])
          + (approximate.isEmpty ? [] : [.init(key: "approximate", value: .array(approximate.map { .string($0) }))])))
        return value.compactJSON()
    }

    /// A human-readable report; names from events are sanitized before they are printed.
    public func text() -> String {
        // "≈" before an estimated count; exact counts print as they always did.
        func mark(_ key: String) -> String { approximate.contains(key) ? "≈" : "" }
        var lines = [
            "records  \(records)",
            "events   \(events)",
            "errors   \(errors)",
            "sessions \(mark("sessions"))\(sessions)",
            "clients  \(mark("clients"))\(clients)",
        ] + (controlMessages > 0 ? ["control messages \(controlMessages)"] : [])
        func section(_ title: String, _ m: [String: Int]) {
            guard !m.isEmpty else { return }
            lines.append("")
            lines.append(title)
            let rows = m.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            let width = String(rows.first?.value ?? 0).count
            for (key, count) in rows {
                let number = String(count)
                lines.append("  " + String(repeating: " ", count: width - number.count) + number + "  " + Sanitizer.visible(key))
            }
        }
        section("by type", byType)
        section("by kind", byKind)
        section("by shard", byShard)
        return lines.joined(separator: "\n")
    }
}
