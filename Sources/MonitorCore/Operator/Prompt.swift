/// The footer's one-line prompt: what it is for, what has been typed, and the error of the last
/// Enter if the text did not parse (whatever was in force before stays meanwhile).
///
/// ```swift
/// state.ui.prompt = Prompt(.search, text: "error")   // what `\` opens, pre-filled
/// ```
public struct Prompt: Sendable, Equatable {
    public var kind: PromptKind
    public var text: String
    public var error: FilterParseError?

    public init(_ kind: PromptKind, text: String, error: FilterParseError? = nil) {
        self.kind = kind
        self.text = text
        self.error = error
    }
}

/// What Enter does with a prompt's text.
public enum PromptKind: Sendable, Equatable {
    /// `/`: the filter every pane shows (empty clears it).
    case filter
    /// `\`: the search term `n`/`N` move to, in the filter language (empty clears it).
    case search
    /// `w`: a file name to write JSONL to; `serial` is the one event to write, or nil for every
    /// retained event matching the filter when Enter is pressed.
    case write(serial: Int?)
}

/// A short message in the footer, replacing the keys until the next key press: the outcome of a
/// copy or write, or a search that wrapped or found nothing.
public struct Notice: Sendable, Equatable {
    public var text: String
    /// Errors are drawn in the error colour.
    public var isError: Bool

    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}
