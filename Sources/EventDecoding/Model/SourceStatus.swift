/// What a source is doing: sources report it, the header and headless modes show it.
///
/// Lives here, beside `RawRecord`, because both `EventSources` and `MonitorCore` speak it.
public enum SourceStatus: Sendable, Equatable {
    case starting
    case running
    /// The source ended normally (a file was read to its end, `--max-events` reached).
    case ended
    case failed(String)
}

