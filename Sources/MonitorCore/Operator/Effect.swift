import EventDecoding

/// Something `update` asks the outside world to do. `update` stays pure: it appends effects to
/// `MonitorState.effects`, and the runtime (`TerminalSession`) drains and performs them after
/// each update, then reports the outcome back as a `.notice` message.
public enum Effect: Sendable, Equatable {
    /// Puts `text` on the terminal's clipboard with OSC 52; `label` names it in the notice
    /// ("event #12").
    case copy(text: String, label: String)
    /// Writes `lines`, one JSON object each, to a new file at `path` (`~` not yet expanded); never
    /// overwrites an existing file.
    case write(path: String, lines: [String])
}

/// The limits and formats of `y` and `w`.
public enum OperatorOutput {
    /// The largest text `y` copies, in UTF-8 bytes: its base64 is then at most 100,000 bytes, about
    /// what terminals accept in one OSC 52 sequence (xterm, hterm and tmux all cap it).
    public static let copyLimit = 75_000

    /// The file name `w` suggests: `kinescope-20260101-143000.jsonl` at `time` (UTC), so that
    /// successive writes do not collide.
    public static func defaultFileName(at time: Double) -> String {
        let iso = Timestamp.iso8601(time)
        // "2026-01-01T14:30:00.000Z" → "20260101-143000"
        let stamp = String(iso.prefix(19).compactMap { $0 == "T" ? "-" : $0.isNumber ? $0 : nil })
        return "kinescope-\(stamp).jsonl"
    }
}
