/// The regular expression of an `attr.NAME~…` term.
///
/// `Regex<AnyRegexOutput>` is not `Sendable` only because its output type holds captures of any
/// type; the regex itself is an immutable value whose one piece of mutable state, the lazily
/// compiled program, is published with an atomic compare-and-swap inside the library. We only ask
/// whether it occurs and never touch captures, so sharing it between tasks is safe.
struct FilterRegex: @unchecked Sendable {
    let regex: Regex<AnyRegexOutput>

    init(_ pattern: String) throws {
        regex = try Regex(pattern)
        // Compile the matching program now rather than on the first event.
        _ = "".contains(regex)
    }

    func occurs(in text: String) -> Bool { text.contains(regex) }
}
