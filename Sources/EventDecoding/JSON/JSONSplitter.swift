#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CKinescope

/// Cuts a byte stream that holds many top-level JSON values into one piece per value.
///
/// Files and stdin may carry NDJSON, pretty-printed values one after another, or a single large
/// value, and bytes arrive in arbitrary chunks. The splitter finds value boundaries by tracking
/// strings, escapes and bracket depth only (no full parse), so the expensive parse happens once,
/// on a complete piece. Lines that do not start with `{` or `[` come out as `.text`, so a log line
/// mixed into the stream is shown rather than silently dropped. A value or line longer than
/// `maxValueBytes` comes out as one `.tooLong` piece: the splitter keeps its first bytes and skips
/// the rest as it streams by, so memory stays bounded by the limit whatever the input.
///
/// Scanning resumes where it stopped, so feeding one byte at a time is still linear.
///
/// ```swift
/// var splitter = JSONSplitter()
/// splitter.append(chunk)
/// while let piece = splitter.next() { handle(piece) }
/// // at end of input:
/// while let piece = splitter.finish() { handle(piece) }
/// ```
public struct JSONSplitter: Sendable {
    /// One unit of the stream.
    public enum Piece: Equatable, Sendable {
        /// The exact bytes of one complete top-level object or array (not yet validated).
        case json([UInt8])
        /// A line that does not start with `{` or `[` (without its line ending), or a value that
        /// never closed before the end of the input; the caller reports it with its raw bytes.
        case text([UInt8])
        /// A value or line of `length` bytes, more than the splitter's `limit`: only its first
        /// bytes (`prefix`, at most `tooLongPrefixBytes`) were kept, the rest was skipped. The
        /// caller reports it as one error (`reason`), never as data.
        case tooLong(prefix: [UInt8], length: Int, limit: Int)

        /// What to tell the user about a `.tooLong` piece: "line longer than 64 MiB (70,000,000
        /// bytes), cut"; nil for the other pieces.
        public var reason: String? {
            guard case .tooLong(_, let length, let limit) = self else { return nil }
            return "line longer than \(JSONSplitter.describe(bytes: limit)) (\(JSONSplitter.grouped(length)) bytes), cut"
        }
    }

    /// Values larger than this are cut (see `Piece.tooLong`), so that a stray `{`, a
    /// never-terminated string or a line of gigabytes cannot make the splitter buffer the rest of
    /// the stream. `KINESCOPE_MAX_RECORD_BYTES` in the environment sets it (for tests: a smaller
    /// limit than 64 MiB proves the cut without generating 64 MiB).
    public static let defaultMaxValueBytes: Int = {
        if let text = getenv("KINESCOPE_MAX_RECORD_BYTES").map({ String(cString: $0) }), let value = Int(text), value > 0 {
            return value
        }
        return 64 << 20
    }()

    /// How many first bytes of a value over the limit are kept for the error event.
    public static let tooLongPrefixBytes = 4096

    public let maxValueBytes: Int

    private enum Mode: Sendable {
        case idle
        case container
        case text
    }

    private var buffer: [UInt8] = []
    /// Start of the first byte not yet handed out.
    private var start = 0
    /// How far the current value or line has been scanned, so that new bytes are scanned once.
    private var scanned = 0
    private var mode = Mode.idle
    private var depth = 0
    private var inString = false
    private var escaped = false
    /// Whether the current value has had anything but whitespace after its opening bracket
    /// before its first newline: NDJSON values do, pretty-printed ones (`{` then a newline) do not.
    private var firstLineHasContent = false
    private var sawNewline = false
    /// Set while the current value or line is over the limit: its first bytes, and how many of its
    /// bytes were dropped from the buffer so far (everything before `start`).
    private var cut: (prefix: [UInt8], skipped: Int)?

    public init() {
        self.init(maxValueBytes: Self.defaultMaxValueBytes)
    }

    public init(maxValueBytes: Int) {
        self.maxValueBytes = max(1, maxValueBytes)
    }

    public mutating func append(_ chunk: [UInt8]) {
        compactIfWorthwhile()
        buffer.append(contentsOf: chunk)
    }

    public mutating func append(_ chunk: ArraySlice<UInt8>) {
        compactIfWorthwhile()
        buffer.append(contentsOf: chunk)
    }

    /// Prefer the concrete overloads on hot paths: this one is not specialized across modules.
    public mutating func append(_ chunk: some Sequence<UInt8>) {
        compactIfWorthwhile()
        buffer.append(contentsOf: chunk)
    }

    /// Bytes held, consumed ones included (they go at the next `append`); for tests of the bound.
    var bufferedBytes: Int { buffer.count }

    /// The next complete piece, or nil when more input is needed.
    public mutating func next() -> Piece? {
        while true {
            switch mode {
            case .idle:
                while start < buffer.count && Self.isWhitespace(buffer[start]) { start += 1 }
                guard start < buffer.count else { return nil }
                let first = buffer[start]
                if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
                    mode = .container
                    depth = 0
                    inString = false
                    escaped = false
                    firstLineHasContent = false
                    sawNewline = false
                } else {
                    mode = .text
                }
                scanned = start
            case .container:
                switch scanContainer() {
                case .closed(let close)?:
                    if let cut = endCut(at: close + 1, next: close + 1) { return cut }
                    let piece = Piece.json(Array(buffer[start...close]))
                    start = close + 1
                    mode = .idle
                    return piece
                case .broken(let newline)?:
                    if let cut = endCut(at: newline, next: newline + 1) { return cut }
                    var stop = newline
                    while stop > start && Self.isWhitespace(buffer[stop - 1]) { stop -= 1 }
                    let piece = Piece.text(Array(buffer[start..<stop]))
                    start = newline + 1
                    mode = .idle
                    return piece
                case nil:
                    cutIfTooLarge()
                    return nil
                }
            case .text:
                if let newline = scanLine() {
                    var stop = newline
                    if stop > start && buffer[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
                    if let cut = endCut(at: stop, next: newline + 1) { return cut }
                    let piece = Piece.text(Array(buffer[start..<stop]))
                    start = newline + 1
                    mode = .idle
                    return piece
                }
                cutIfTooLarge()
                return nil
            }
        }
    }

    /// Call at end of input, repeatedly until it returns nil: first the remaining complete
    /// pieces, then whatever is left over as `.text`. Afterwards the splitter is empty and can
    /// be reused.
    public mutating func finish() -> Piece? {
        if let piece = next() { return piece }
        var end = buffer.count
        if mode == .text, end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        if cut != nil, let piece = endCut(at: end, next: buffer.count) {
            reset()
            return piece
        }
        guard start < buffer.count else {
            reset()
            return nil
        }
        var stop = buffer.count
        if mode == .text {
            if buffer[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
        } else {
            while stop > start && Self.isWhitespace(buffer[stop - 1]) { stop -= 1 }
        }
        let piece = Piece.text(Array(buffer[start..<stop]))
        reset()
        return piece
    }

    // MARK: Implementation

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private mutating func reset() {
        buffer.removeAll(keepingCapacity: true)
        start = 0
        scanned = 0
        mode = .idle
        cut = nil
    }

    /// Drops consumed bytes only once they are at least half the buffer, so each byte is moved
    /// a bounded number of times overall, however small the pieces or chunks.
    private mutating func compactIfWorthwhile() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
        } else if start >= 64 * 1024 && start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
        } else {
            return
        }
        scanned -= min(scanned, start)
        start = 0
    }

    /// Once the current value or line has more than `maxValueBytes` scanned, keeps its first
    /// bytes and drops what was scanned; while cutting, drops each scanned stretch. Scanning goes
    /// on where it was (strings, brackets and newlines still count), so the value's true end is
    /// found and what follows it splits as usual.
    private mutating func cutIfTooLarge() {
        // A text line's last scanned byte may be the `\r` of its line ending, which is not counted.
        let held = mode == .text && scanned > start && buffer[scanned - 1] == UInt8(ascii: "\r") ? 1 : 0
        if cut == nil {
            guard scanned - start > maxValueBytes else { return }
            cut = (Array(buffer[start..<(start + prefixLength(scanned - start))]), scanned - held - start)
            // The buffer grew to the limit; keep only the unscanned rest, in a small new array.
            buffer = Array(buffer[(scanned - held)...])
            start = 0
            scanned = held
            return
        }
        cut!.skipped += scanned - held - start
        start = scanned - held
    }

    private func prefixLength(_ available: Int) -> Int {
        min(Self.tooLongPrefixBytes, maxValueBytes, available)
    }

    /// Ends a cut value whose last byte is before `end` (the next piece starts at `next`); nil when
    /// the current value was not cut.
    private mutating func endCut(at end: Int, next: Int) -> Piece? {
        if cut == nil {
            // A value that closes in the same stretch it outgrew the limit in.
            guard end - start > maxValueBytes else { return nil }
            cut = (Array(buffer[start..<(start + prefixLength(end - start))]), 0)
        }
        guard let (prefix, skipped) = cut else { return nil }
        let piece = Piece.tooLong(prefix: prefix, length: skipped + max(0, end - start), limit: maxValueBytes)
        cut = nil
        start = next
        mode = .idle
        return piece
    }

    /// "64 MiB", "1.5 KiB", "16 bytes": a size the way a user set it.
    static func describe(bytes: Int) -> String {
        let units = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")]
        for (size, unit) in units where bytes >= size {
            if bytes % size == 0 { return "\(bytes / size) \(unit)" }
            return "\((Double(bytes) / Double(size) * 10).rounded() / 10) \(unit)"
        }
        return "\(bytes) bytes"
    }

    /// 70000000 as "70,000,000".
    static func grouped(_ number: Int) -> String {
        var digits = Array(String(number))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return String(digits)
    }

    /// Where scanning a value stopped.
    private enum ScanEnd {
        /// The index of the value's closing bracket.
        case closed(Int)
        /// The value is cut short at this newline: a raw newline inside a string (never valid
        /// JSON), or, in a value that began with content on its first line (NDJSON), a new line
        /// that starts with anything but indentation or a closing bracket. That is a truncated
        /// line followed by the next record; cutting here keeps one broken line from swallowing
        /// the rest of the file. Pretty-printed values (`{` then a newline) are never cut this way.
        case broken(Int)
    }

    /// Continues scanning the current value.
    private mutating func scanContainer() -> ScanEnd? {
        var position = scanned
        var depth = self.depth
        var inString = self.inString
        var escaped = self.escaped
        var firstLineHasContent = self.firstLineHasContent
        var sawNewline = self.sawNewline
        let valueStart = start
        let end: ScanEnd? = buffer.withUnsafeBufferPointer { bytes in
            let count = bytes.count
            guard let base = bytes.baseAddress else { return nil }
            while position < count {
                if !escaped && (firstLineHasContent || sawNewline) && count &- position >= 64 {
                    // From here on only quotes, brackets, backslashes and newlines matter, and
                    // they are found 64 bytes at a time; the scalar code below takes the
                    // backslashes, the newlines and the last bytes of the buffer.
                    let scan = ks_scan_structure(base, position, count, depth, inString ? 1 : 0)
                    position = scan.position
                    depth = scan.depth
                    inString = scan.in_string != 0
                    if scan.closed != 0 { return .closed(position) }
                    guard position < count else { break }
                }
                if inString {
                    // String contents are most of the bytes; inside a string only a quote, a
                    // backslash or a newline matters (the opening quote already counted as content
                    // on the first line), so runs of other bytes are skipped a word at a time.
                    if escaped {
                        if base[position] == 0x0A { return .broken(position) }
                        escaped = false
                        position += 1
                        continue
                    }
                    _ = JSONBytes.skipPlainStringBytes(base, &position, count)
                    guard position < count else { break }
                    switch base[position] {
                    case JSONBytes.quote: inString = false
                    case JSONBytes.backslash: escaped = true
                    case 0x0A: return .broken(position)
                    default: break
                    }
                    position += 1
                    continue
                }
                if firstLineHasContent || sawNewline {
                    // Once the first line is settled, only quotes, brackets and newlines matter
                    // between strings; numbers, literals, colons and commas go by in a tight loop.
                    while position < count {
                        let byte = base[position]
                        if byte == JSONBytes.quote || byte == 0x0A || byte | 0x20 == UInt8(ascii: "{")
                            || byte | 0x20 == UInt8(ascii: "}") { break }
                        position += 1
                    }
                    guard position < count else { break }
                }
                let byte = base[position]
                if byte == 0x0A {
                    sawNewline = true
                    if firstLineHasContent {
                        // One-line values (NDJSON) continue on a new line only with indentation or
                        // their closing bracket; the byte after the newline decides, so wait for it.
                        guard position + 1 < count else { return nil }
                        let next = base[position + 1]
                        if !Self.isWhitespace(next) && next != UInt8(ascii: "}") && next != UInt8(ascii: "]") {
                            return .broken(position)
                        }
                    }
                } else if !sawNewline && position > valueStart && !Self.isWhitespace(byte) {
                    firstLineHasContent = true
                }
                switch byte {
                case UInt8(ascii: "\""):
                    inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return .closed(position) }
                default:
                    break
                }
                position += 1
            }
            return nil
        }
        scanned = position
        self.depth = depth
        self.inString = inString
        self.escaped = escaped
        self.firstLineHasContent = firstLineHasContent
        self.sawNewline = sawNewline
        return end
    }

    /// Continues looking for the end of the current text line; returns the newline's index.
    private mutating func scanLine() -> Int? {
        if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
            return newline
        }
        scanned = buffer.count
        return nil
    }
}
