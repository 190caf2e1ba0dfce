/// What a source is doing: sources report it, the header and headless modes show it.
///
/// Lives here, beside `RawRecord`, because both `EventSources` and `MonitorCore` speak it.
public enum SourceStatus: Sendable, Equatable {
    case starting
    case running
    /// The source ended normally (a file was read to its end, `--max-events` reached).
    case ended
    /// Something is wrong, in one line; the source has given up (and throws, where it can).
    case failed(String)
    /// The source cannot reach what it reads but keeps trying, in one line ("connecting to … failed:
    /// connection refused, retry 3 in 4 s"); `.running` follows once it recovers.
    case retrying(String)
    /// Running, but slower than asked; the note says by how much, as the header and stderr show it
    /// ("demo: 5,100 ev/s of 20,000 asked").
    case slow(String)
}

