/// A column the events pane can show. Users choose which and in what order with the config
/// file's `columns` key; without it the pane picks by width.
public enum EventColumn: String, Sendable, CaseIterable {
    case time, type, platform, client, session
    /// The most telling attributes (the column titled "attributes"); `summary` is accepted too.
    case attributes

    /// A column by the name a user writes.
    public init?(name: String) {
        if name == "summary" { self = .attributes; return }
        self.init(rawValue: name)
    }
}
