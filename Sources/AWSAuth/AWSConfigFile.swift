#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A parsed AWS shared config (`~/.aws/config`) or credentials (`~/.aws/credentials`) file.
///
/// The INI dialect is botocore's: `[section]` headers, `key = value` or `key: value` (first `=` or
/// `:` splits), keys case-insensitive, values trimmed but otherwise verbatim (quotes kept; `#` or `;`
/// after a value is part of it, as in botocore), whole-line `#`/`;` comments, CRLF and a UTF-8 BOM
/// tolerated. An indented `sub = value` line under a key with an empty value is a nested setting,
/// stored as `key.sub` (as in `[services …]` sections); other indented lines continue the previous
/// value. Lines that are none of these are skipped rather than failing the whole file.
struct AWSConfigFile: Equatable, Sendable {
    let path: String
    /// Section name as written inside the brackets (runs of whitespace collapsed) → lowercased key → value.
    var sections: [String: [String: String]]

    init(path: String, sections: [String: [String: String]]) {
        self.path = path
        self.sections = sections
    }

    /// The file at `path`, or nil when there is none (a missing file is not an error, as in the CLI).
    static func load(path: String) throws(AWSConfigurationError) -> AWSConfigFile? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            throw AWSConfigurationError(.unreadableFile, "cannot read AWS file \(path): it is a directory")
        }
        // Read with POSIX calls: Foundation's readers give nothing for character devices, and
        // AWS_CONFIG_FILE=/dev/null is the usual way to switch a file off.
        guard let data = readAll(path) else {
            throw AWSConfigurationError(.unreadableFile, "cannot read AWS file \(path): permission denied or unreadable")
        }
        return parse(String(decoding: data, as: UTF8.self), path: path)
    }

    private static func readAll(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { return out }
            out.append(contentsOf: chunk[0..<n])
        }
    }

    static func parse(_ text: String, path: String) -> AWSConfigFile {
        var sections: [String: [String: String]] = [:]
        var current: String?
        var lastKey: String?
        var lastKeyOpensBlock = false

        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        for rawLine in body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let line = trim(rawLine)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            let indented = rawLine.first == " " || rawLine.first == "\t"

            if indented, let section = current, let key = lastKey {
                if lastKeyOpensBlock {
                    if let (subKey, value) = keyValue(line) {
                        sections[section, default: [:]]["\(key).\(subKey)"] = value
                    }
                } else {
                    sections[section, default: [:]][key, default: ""] += "\n" + line
                }
                continue
            }

            if line.hasPrefix("[") {
                guard let close = line.firstIndex(of: "]") else { continue }
                let name = collapseWhitespace(line[line.index(after: line.startIndex)..<close])
                current = name
                lastKey = nil
                if sections[name] == nil { sections[name] = [:] }
                continue
            }

            guard let section = current, let (key, value) = keyValue(line) else { continue }
            sections[section, default: [:]][key] = value
            lastKey = key
            lastKeyOpensBlock = value.isEmpty
        }
        return AWSConfigFile(path: path, sections: sections)
    }

    /// The settings of a profile in a credentials file: section `[name]`.
    func credentialsProfile(_ name: String) -> [String: String]? {
        sections[name]
    }

    /// The settings of a profile in a config file: `[profile name]`; for `default` also `[default]`
    /// (with `[profile default]` winning where both set a key).
    func configProfile(_ name: String) -> [String: String]? {
        var found: [String: String]?
        if name == "default", let plain = sections["default"] {
            found = plain
        }
        for (section, values) in sections {
            guard let profile = Self.profileName(ofConfigSection: section), profile == name else { continue }
            found = (found ?? [:]).merging(values) { _, new in new }
        }
        return found
    }

    /// The settings of `[services name]`, for service-specific endpoints.
    func servicesSection(_ name: String) -> [String: String]? {
        for (section, values) in sections {
            let parts = section.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0] == "services", Self.unquoted(parts[1]) == name { return values }
        }
        return nil
    }

    /// `dev` for `profile dev` or `profile "dev"`; nil for other sections.
    static func profileName(ofConfigSection section: String) -> String? {
        let parts = section.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0] == "profile" else { return nil }
        let name = unquoted(parts[1])
        return name.isEmpty ? nil : name
    }

    private static func unquoted(_ text: Substring) -> String {
        if text.count >= 2, text.first == "\"", text.last == "\"" {
            return String(text.dropFirst().dropLast())
        }
        return String(text)
    }

    private static func keyValue(_ line: Substring) -> (String, String)? {
        guard let split = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else { return nil }
        let key = SigV4Canonical.lowercased(String(trim(line[..<split])))
        guard !key.isEmpty else { return nil }
        return (key, String(trim(line[line.index(after: split)...])))
    }

    private static func trim(_ text: Substring) -> Substring {
        var text = text
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return text
    }

    private static func collapseWhitespace(_ text: Substring) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
