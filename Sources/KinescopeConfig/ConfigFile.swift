/// A value in the config file.
public enum ConfigValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case array([ConfigValue])

    /// The value's kind as a message names it.
    public var kindName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a number"
        case .boolean: "a boolean"
        case .array: "a list"
        }
    }
}

/// `key = value` and the line it is on (1-based).
public struct ConfigEntry: Sendable, Equatable {
    public var key: String
    public var value: ConfigValue
    public var line: Int
}

/// Something wrong in the config file, on `line` (1-based; 0 is the file as a whole).
public struct ConfigProblem: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "line \(line): \(message)" : message }
}

/// The subset of TOML that Kinescope's config file uses: top-level `key = value` lines with
/// strings (basic and literal), integers, floats, booleans and arrays of them (an array may span
/// lines), and `#` comments.
///
/// Written by hand rather than with a TOML library so that each line stands alone: a mistake on
/// one line is reported with its line number and the rest of the file still applies, where a
/// full parser rejects the whole file at its first error and keeps no line numbers for values.
///
/// ```swift
/// let file = ConfigFile.parse("theme = \"light\"\nretain = 'many'")
/// file.entries    // [ConfigEntry(key: "theme", value: .string("light"), line: 1), …]
/// ```
public struct ConfigFile: Sendable, Equatable {
    public var entries: [ConfigEntry] = []
    public var problems: [ConfigProblem] = []

    public static func parse(_ text: String) -> ConfigFile {
        var file = ConfigFile()
        // "\r\n" is one Character in Swift, so it is a separator of its own.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        var seen: [String: Int] = [:]
        var table: String?
        var index = 0
        while index < lines.count {
            let number = index + 1
            let trimmed = lines[index].drop(while: \.isWhitespace)
            index += 1
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix("[") {
                // Keys under a table are not top-level settings; say so once, at the header.
                let name = trimmed.dropFirst().prefix(while: { $0 != "]" })
                table = String(name)
                file.problems.append(ConfigProblem(line: number, "Kinescope reads only top-level keys; [\(ConfigText.excerpt(name))] and the keys under it are ignored"))
                continue
            }
            guard table == nil else { continue }
            guard let equals = trimmed.firstIndex(of: "=") else {
                file.problems.append(ConfigProblem(line: number, "expected key = value (line ignored)"))
                continue
            }
            let key = trimmed[..<equals].trimmingSpaces
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }), key.allSatisfy(\.isASCII) else {
                file.problems.append(ConfigProblem(line: number, "expected a plain key before '=', got \(ConfigText.quoted(key)) (line ignored)"))
                continue
            }
            var scanner = ValueScanner(lines: lines, line: index - 1, text: trimmed[trimmed.index(after: equals)...])
            do {
                let value = try scanner.value()
                try scanner.endOfLine()
                if let first = seen[String(key)] {
                    file.problems.append(ConfigProblem(line: number, "\(key) is already set on line \(first) (this one is ignored)"))
                } else {
                    seen[String(key)] = number
                    file.entries.append(ConfigEntry(key: String(key), value: value, line: number))
                }
                index = max(index, scanner.line + 1)
            } catch {
                let message = (error as? ScanError)?.message ?? String(describing: error)
                if scanner.line + 1 == number {
                    file.problems.append(ConfigProblem(line: number, "\(key): \(message) (line ignored)"))
                } else {
                    // A list left open ran into later lines: the setting is dropped, and reading
                    // resumes at the line that broke it, which is likely a setting of its own.
                    file.problems.append(ConfigProblem(line: number, "\(key): \(message), at line \(scanner.line + 1) (ignored)"))
                    index = scanner.line
                }
            }
        }
        return file
    }
}

private struct ScanError: Error {
    var message: String
}

/// Reads one value from the text after `=`, moving on to the following lines only inside an array.
private struct ValueScanner {
    let lines: [Substring]
    /// Index (0-based) of the line being read.
    var line: Int
    var text: Substring

    init(lines: [Substring], line: Int, text: Substring) {
        self.lines = lines
        self.line = line
        self.text = text
    }

    mutating func skipSpaces() {
        text = text.drop(while: { $0 == " " || $0 == "\t" })
    }

    /// Inside an array, blank lines, comments and line ends separate nothing and are skipped.
    mutating func skipSpacesAndLines() {
        while true {
            skipSpaces()
            if text.isEmpty || text.hasPrefix("#") {
                guard line + 1 < lines.count else { return }
                line += 1
                text = lines[line]
                continue
            }
            return
        }
    }

    mutating func endOfLine() throws {
        skipSpaces()
        if !text.isEmpty && !text.hasPrefix("#") {
            throw ScanError(message: "unexpected \(ConfigText.quoted(text.trimmingSpaces)) after the value")
        }
    }

    mutating func value() throws -> ConfigValue {
        skipSpaces()
        guard let first = text.first else { throw ScanError(message: "a value is missing after '='") }
        switch first {
        case "\"":
            if text.hasPrefix("\"\"\"") { throw ScanError(message: "multi-line strings are not supported") }
            return .string(try basicString())
        case "'":
            if text.hasPrefix("'''") { throw ScanError(message: "multi-line strings are not supported") }
            text = text.dropFirst()
            guard let end = text.firstIndex(of: "'") else { throw ScanError(message: "the string is not closed with '") }
            let value = String(text[..<end])
            text = text[text.index(after: end)...]
            return .string(value)
        case "[":
            text = text.dropFirst()
            var items: [ConfigValue] = []
            while true {
                skipSpacesAndLines()
                if text.hasPrefix("]") { text = text.dropFirst(); return .array(items) }
                if text.isEmpty { throw ScanError(message: "the list is not closed with ]") }
                items.append(try value())
                skipSpacesAndLines()
                if text.hasPrefix(",") { text = text.dropFirst(); continue }
                if text.hasPrefix("]") { text = text.dropFirst(); return .array(items) }
                throw ScanError(message: text.isEmpty ? "the list is not closed with ]" : "expected ',' or ']' in the list")
            }
        default:
            let word = text.prefix(while: { !($0 == " " || $0 == "\t" || $0 == "," || $0 == "]" || $0 == "#") })
            text = text.dropFirst(word.count)
            if word == "true" { return .boolean(true) }
            if word == "false" { return .boolean(false) }
            let digits = String(word.filter { $0 != "_" })
            if let integer = Int(digits.hasPrefix("+") ? String(digits.dropFirst()) : digits) { return .integer(integer) }
            if word.first.map({ $0.isNumber || $0 == "-" || $0 == "+" }) == true,
               let float = Double(digits), float.isFinite {
                return .float(float)
            }
            throw ScanError(message: "\(ConfigText.quoted(word)) is not a value (strings need quotes)")
        }
    }

    /// A "basic" string, with TOML's escapes.
    mutating func basicString() throws -> String {
        text = text.dropFirst()
        var out = ""
        while let c = text.first {
            text = text.dropFirst()
            switch c {
            case "\"": return out
            case "\\":
                guard let e = text.first else { break }
                text = text.dropFirst()
                switch e {
                case "\"": out.append("\"")
                case "\\": out.append("\\")
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "b": out.append("\u{8}")
                case "f": out.append("\u{c}")
                case "u", "U":
                    let count = e == "u" ? 4 : 8
                    let hex = text.prefix(count)
                    guard hex.count == count, let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                        throw ScanError(message: "a \\\(e) escape needs \(count) hex digits of a Unicode scalar")
                    }
                    out.unicodeScalars.append(scalar)
                    text = text.dropFirst(count)
                default: throw ScanError(message: "unknown escape \\\(e) in the string")
                }
            default: out.append(c)
            }
        }
        throw ScanError(message: "the string is not closed with \"")
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var text = drop(while: \.isWhitespace)
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return text
    }
}
