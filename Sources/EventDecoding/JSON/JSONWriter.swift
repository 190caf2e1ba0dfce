/// Writes `JSONValue`s as JSON text: compact (one line, for NDJSON) or pretty (for the detail view).
///
/// Strings are escaped so that the output never holds a raw control byte: `tail` output is safe to
/// print to a terminal and to feed to `jq`.
public enum JSONWriter {
    public static func compact(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        writeCompact(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func writeCompact(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.utf8)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeCompact(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for (i, member) in object.members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                writeCompact(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Pretty-printed lines, two spaces per level, in the original key order.
    public static func prettyLines(_ value: JSONValue) -> [String] {
        var lines: [String] = []
        var current: [UInt8] = []
        writePretty(value, indent: 0, lines: &lines, current: &current)
        lines.append(String(decoding: current, as: UTF8.self))
        return lines
    }

    private static func newline(_ indent: Int, _ lines: inout [String], _ current: inout [UInt8]) {
        lines.append(String(decoding: current, as: UTF8.self))
        current = Array(repeating: UInt8(ascii: " "), count: indent * 2)
    }

    private static func writePretty(_ value: JSONValue, indent: Int, lines: inout [String], current: inout [UInt8]) {
        switch value {
        case .array(let items) where !items.isEmpty:
            current.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { current.append(UInt8(ascii: ",")) }
                newline(indent + 1, &lines, &current)
                writePretty(item, indent: indent + 1, lines: &lines, current: &current)
            }
            newline(indent, &lines, &current)
            current.append(UInt8(ascii: "]"))
        case .object(let object) where !object.isEmpty:
            current.append(UInt8(ascii: "{"))
            for (i, member) in object.members.enumerated() {
                if i > 0 { current.append(UInt8(ascii: ",")) }
                newline(indent + 1, &lines, &current)
                writeString(member.key, into: &current)
                current.append(contentsOf: ": ".utf8)
                writePretty(member.value, indent: indent + 1, lines: &lines, current: &current)
            }
            newline(indent, &lines, &current)
            current.append(UInt8(ascii: "}"))
        default:
            writeCompact(value, into: &current)
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Copies UTF-8 through and escapes only what must be: `"`, `\\`, C0, DEL, C1 and the line
    /// separators, working on bytes because this runs for every string of every `tail` line.
    public static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var copy = s
        copy.withUTF8 { bytes in
            var runStart = 0
            var i = 0
            let n = bytes.count
            func escape(_ scalar: UInt32, width: Int) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                switch scalar {
                case 0x22: out.append(contentsOf: "\\\"".utf8)
                case 0x5C: out.append(contentsOf: "\\\\".utf8)
                case 0x0A: out.append(contentsOf: "\\n".utf8)
                case 0x0D: out.append(contentsOf: "\\r".utf8)
                case 0x09: out.append(contentsOf: "\\t".utf8)
                default:
                    out.append(contentsOf: "\\u".utf8)
                    out.append(hex[Int((scalar >> 12) & 0xF)])
                    out.append(hex[Int((scalar >> 8) & 0xF)])
                    out.append(hex[Int((scalar >> 4) & 0xF)])
                    out.append(hex[Int(scalar & 0xF)])
                }
                i += width
                runStart = i
            }
            while i < n {
                let b = bytes[i]
                if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F {
                    escape(UInt32(b), width: 1)
                } else if b == 0xC2, i + 1 < n, bytes[i + 1] >= 0x80, bytes[i + 1] < 0xA0 {
                    // C1 controls are U+0080–U+009F: C2 80 … C2 9F in UTF-8.
                    escape(UInt32(bytes[i + 1]), width: 2)
                } else if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                    escape(bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029, width: 3)
                } else {
                    i += 1
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<n]))
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension JSONValue {
    /// One-line JSON text for this value.
    public func compactJSON() -> String { JSONWriter.compact(self) }
}
