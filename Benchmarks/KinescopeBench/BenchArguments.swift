/// The bench's command line: a command, positional arguments and `--name value` options.
struct BenchArguments {
    struct Failure: Error {
        var message: String
    }

    var command: String
    var positional: [String] = []
    var options: [String: String] = [:]

    init(_ raw: [String]) {
        command = raw.first ?? "help"
        var rest = raw.dropFirst()
        while let word = rest.popFirst() {
            if word.hasPrefix("--") {
                options[String(word.dropFirst(2))] = rest.popFirst() ?? ""
            } else {
                positional.append(word)
            }
        }
    }

    func int(_ name: String, default value: Int) throws -> Int {
        guard let text = options[name] else { return value }
        guard let number = Int(text), number > 0 else { throw Failure(message: "--\(name) needs a positive integer (got '\(text)')") }
        return number
    }
}
