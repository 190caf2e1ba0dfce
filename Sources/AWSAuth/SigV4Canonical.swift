/// The parts of an absolute URL that SigV4 signs, split by hand so that paths the spec's test suite
/// writes raw (spaces, UTF-8) survive; Foundation's `URL` refuses them.
struct SigV4URL: Equatable {
    var scheme: String
    /// Lowercased; IPv6 literals keep their brackets.
    var host: String
    var port: Int?
    /// As written, `/` when empty.
    var path: String
    /// As written, without the `?`; empty when absent.
    var query: String

    init(_ url: String) {
        var rest = Substring(url)
        if let separator = rest.firstRange(of: "://") {
            scheme = SigV4Canonical.lowercased(String(rest[..<separator.lowerBound]))
            rest = rest[separator.upperBound...]
        } else {
            scheme = "https"
        }
        if let hash = rest.firstIndex(of: "#") {
            rest = rest[..<hash]
        }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        rest = rest[authorityEnd...]
        if let at = authority.lastIndex(of: "@") {
            authority = authority[authority.index(after: at)...]
        }
        var hostPart = authority
        port = nil
        if let colon = authority.lastIndex(of: ":"),
           !authority[colon...].contains("]") {
            let digits = authority[authority.index(after: colon)...]
            if !digits.isEmpty, digits.allSatisfy(\.isASCII), let number = Int(digits) {
                port = number
            }
            hostPart = authority[..<colon]
        }
        host = SigV4Canonical.lowercased(String(hostPart))
        if let questionMark = rest.firstIndex(of: "?") {
            path = String(rest[..<questionMark])
            query = String(rest[rest.index(after: questionMark)...])
        } else {
            path = String(rest)
            query = ""
        }
        if path.isEmpty {
            path = "/"
        }
    }

    /// The `Host` header value: the host, and the port unless it is the scheme's default.
    var hostHeader: String {
        guard let port else { return host }
        let defaultPort = scheme == "http" ? 80 : scheme == "https" ? 443 : nil
        return port == defaultPort ? host : "\(host):\(port)"
    }
}

/// The canonicalisation rules of SigV4 (see `SigV4Signer` for the summary).
enum SigV4Canonical {
    /// Headers that proxies and HTTP clients may add, drop or rewrite; botocore leaves them unsigned.
    static let unsignedHeaders: Set<String> = [
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization",
        "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    // MARK: Path

    static func path(_ path: String) -> String {
        encode(normalizedPath(path), keepingSlash: true)
    }

    /// RFC 3986 dot-segment removal plus collapsing empty segments, as the suite's `normalize-path`
    /// cases require (`//example//` → `/example/`).
    static func normalizedPath(_ path: String) -> String {
        var segments: [Substring] = []
        let pieces = path.split(separator: "/", omittingEmptySubsequences: false)
        var endsWithDirectory = false
        for piece in pieces {
            switch piece {
            case "":
                continue
            case ".":
                endsWithDirectory = true
            case "..":
                if !segments.isEmpty { segments.removeLast() }
                endsWithDirectory = true
            default:
                segments.append(piece)
                endsWithDirectory = false
            }
        }
        if path.hasSuffix("/") { endsWithDirectory = true }
        if segments.isEmpty { return "/" }
        return "/" + segments.joined(separator: "/") + (endsWithDirectory ? "/" : "")
    }

    // MARK: Query

    static func query(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        var pairs: [(name: [UInt8], value: [UInt8])] = []
        for piece in query.split(separator: "&", omittingEmptySubsequences: true) {
            let name: Substring
            let value: Substring
            if let equals = piece.firstIndex(of: "=") {
                name = piece[..<equals]
                value = piece[piece.index(after: equals)...]
            } else {
                name = piece
                value = ""
            }
            pairs.append((Array(encode(bytes: percentDecoded(name), keepingSlash: false).utf8),
                          Array(encode(bytes: percentDecoded(value), keepingSlash: false).utf8)))
        }
        pairs.sort { lhs, rhs in
            if lhs.name != rhs.name { return lhs.name.lexicographicallyPrecedes(rhs.name) }
            return lhs.value.lexicographicallyPrecedes(rhs.value)
        }
        return pairs
            .map { String(decoding: $0.name, as: UTF8.self) + "=" + String(decoding: $0.value, as: UTF8.self) }
            .joined(separator: "&")
    }

    // MARK: Headers

    /// Lowercased names, sorted, same-name values joined with `,` in order; unsigned headers left out.
    static func headers(_ headers: [(String, String)]) -> [(name: String, value: String)] {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for (name, value) in headers {
            let lower = lowercased(trimmed(name))
            guard !unsignedHeaders.contains(lower) else { continue }
            if values[lower] == nil {
                order.append(lower)
                values[lower] = []
            }
            values[lower]?.append(collapsedWhitespace(value))
        }
        return order
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            .map { (name: $0, value: values[$0, default: []].joined(separator: ",")) }
    }

    /// Trimmed, with every inner run of spaces, tabs or line breaks turned into one space.
    static func collapsedWhitespace(_ value: String) -> String {
        var out: [UInt8] = []
        var pendingSpace = false
        for byte in value.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Encoding helpers

    /// Percent-encodes every byte except the RFC 3986 unreserved set (and `/` when asked), with
    /// uppercase hex as SigV4 requires.
    static func encode<S: StringProtocol>(_ text: S, keepingSlash: Bool) -> String {
        encode(bytes: Array(text.utf8), keepingSlash: keepingSlash)
    }

    static func encode(bytes: [UInt8], keepingSlash: Bool) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for byte in bytes {
            if isUnreserved(byte) || (keepingSlash && byte == UInt8(ascii: "/")) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes behind `%XX` escapes; a `%` not followed by two hex digits stays literal.
    static func percentDecoded<S: StringProtocol>(_ text: S) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// ASCII-only lowercasing: header names and hosts are ASCII, and `String.lowercased()` would
    /// apply locale-free Unicode rules to anything else.
    static func lowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    /// Without leading and trailing spaces, tabs and line breaks.
    static func trimmed(_ text: String) -> String {
        let bytes = Array(text.utf8)
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
              let last = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
