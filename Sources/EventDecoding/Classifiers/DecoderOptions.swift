/// What a user can tell the decoder about their own event schema: dotted paths (`meta.kind`,
/// `user.id`) to the type, session, client and time of generic JSON events. The CLI's
/// `--type-field`, `--session-field`, `--client-field` and `--time-field` fill it.
///
/// A path given here is tried before the conventional names `GenericJSONClassifier` looks for, and
/// the type path is also tried first for CloudWatch Logs messages. Pinpoint and Amplify events keep
/// their own fixed fields.
///
/// ```swift
/// let decoder = EventDecoder(options: DecoderOptions(typeField: "meta.kind", clientField: "user.id"))
/// ```
public struct DecoderOptions: Sendable, Equatable {
    public var typeField: String?
    public var sessionField: String?
    public var clientField: String?
    public var timeField: String?

    public init(typeField: String? = nil, sessionField: String? = nil, clientField: String? = nil,
                timeField: String? = nil) {
        self.typeField = typeField
        self.sessionField = sessionField
        self.clientField = clientField
        self.timeField = timeField
    }

    /// The generic classifier with the user's paths put first.
    public var genericClassifier: GenericJSONClassifier {
        let defaults = GenericJSONClassifier()
        func first(_ path: String?, _ rest: [String]) -> [String] {
            guard let path, !path.isEmpty else { return rest }
            return [path] + rest.filter { $0 != path }
        }
        return GenericJSONClassifier(typeFields: first(typeField, defaults.typeFields),
                                     timeFields: first(timeField, defaults.timeFields),
                                     sessionFields: first(sessionField, defaults.sessionFields),
                                     clientFields: first(clientField, defaults.clientFields))
    }
}
