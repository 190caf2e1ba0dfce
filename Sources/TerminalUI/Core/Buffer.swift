import EventDecoding

/// One terminal cell: a grapheme, the columns it takes, and its style. The cell to the right of a
/// wide (2-column) grapheme is a continuation with an empty symbol and width 0.
public struct Cell: Sendable, Equatable {
    public var symbol: String
    public var width: UInt8
    public var style: Style

    public init(symbol: String = " ", width: UInt8 = 1, style: Style = .plain) {
        self.symbol = symbol
        self.width = width
        self.style = style
    }

    public static let blank = Cell()
    static let continuation = Cell(symbol: "", width: 0)

    public var isContinuation: Bool { width == 0 }
}

/// A grid of styled cells that widgets draw into; backends put it on a terminal (or keep it, in
/// tests).
///
/// ```swift
/// var buffer = Buffer(width: 10, height: 1)
/// buffer.put("東京", x: 0, y: 0, style: .plain)
/// buffer.lines   // ["東京      "]
/// ```
/// Text is sanitized on the way in, so nothing drawn here can act on the terminal.
public struct Buffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// The text of each row, continuation cells left out.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation { line += self[x, y].symbol }
            return line
        }
    }

    /// Writes `text` from (x, y), clipped to `clip` (default: the whole buffer). A wide grapheme
    /// that would cross the right edge is replaced by a space, never split. Returns the column
    /// after the last one written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style, clip: Rect? = nil) -> Int {
        let bounds = clip ?? area
        guard y >= bounds.y, y < bounds.maxY, y >= 0, y < height else { return x }
        let right = min(bounds.maxX, width)
        if let end = putPrintableASCII(text, x: x, y: y, style: style, left: bounds.x, right: right) { return end }
        var column = x
        let safe = Sanitizer.visible(text)
        for character in safe {
            if column >= right { break }
            let w = DisplayWidth.of(character)
            if w == 0 { continue }
            if column < bounds.x || column < 0 {
                // The visible half of a wide grapheme cut by the left edge becomes a space.
                if w == 2 && column + 1 == max(bounds.x, 0) {
                    setCell(x: column + 1, y: y, Cell(symbol: " ", width: 1, style: style))
                }
                column += w
                continue
            }
            if character.unicodeScalars.count > DisplayWidth.maxClusterScalars {
                // Too long to draw in a cell: its first scalar, then "…" in the next column.
                let first = character.unicodeScalars.first!
                let base = DisplayWidth.baseWidth(first)
                if column + base >= right {
                    setCell(x: column, y: y, Cell(symbol: "…", width: 1, style: style))
                    column += 1
                    break
                }
                if base > 0 { setCell(x: column, y: y, Cell(symbol: String(first), width: UInt8(base), style: style)) }
                if base == 2 { setCell(x: column + 1, y: y, Cell(symbol: "", width: 0, style: style)) }
                setCell(x: column + base, y: y, Cell(symbol: "…", width: 1, style: style))
                column += base + 1
                continue
            }
            if w == 2 && column + 1 >= right {
                setCell(x: column, y: y, Cell(symbol: " ", width: 1, style: style))
                column += 1
                break
            }
            var symbol = String(character)
            if w == 1, character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) {
                symbol = String(String.UnicodeScalarView(character.unicodeScalars.filter { $0.value != 0xFE0F }))
            }
            setCell(x: column, y: y, Cell(symbol: symbol, width: UInt8(w), style: style))
            if w == 2 { setCell(x: column + 1, y: y, Cell(symbol: "", width: 0, style: style)) }
            column += w
        }
        return column
    }

    /// The common case, text that is all printable ASCII, without the general path's work: each
    /// byte is one grapheme one column wide, with nothing to sanitize or measure. Nil (nothing
    /// written) when `text` holds any other byte.
    private mutating func putPrintableASCII(_ text: String, x: Int, y: Int, style: Style, left: Int, right: Int) -> Int? {
        var text = text
        let end: Int?? = text.withUTF8 { bytes -> Int? in
            for byte in bytes where byte < 0x20 || byte >= 0x7F { return nil }
            var column = x
            for byte in bytes {
                if column >= right { break }
                if column >= left && column >= 0 {
                    setCell(x: column, y: y, Cell(symbol: Self.asciiSymbols[Int(byte &- 0x20)], width: 1, style: style))
                }
                column += 1
            }
            return column
        }
        return end ?? nil
    }

    /// One-character strings for the printable ASCII range (0x20...0x7E), so the fast path makes
    /// no strings of its own.
    private static let asciiSymbols: [String] = (0x20..<0x7F).map { String(Character(Unicode.Scalar(UInt8($0)))) }

    /// Fills `rect` with `symbol` (one column wide) in `style`.
    public mutating func fill(_ rect: Rect, symbol: String = " ", style: Style = .plain) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) {
                setCell(x: x, y: y, Cell(symbol: symbol, width: 1, style: style))
            }
        }
    }

    /// Changes the style of the cells in `rect`, keeping their symbols.
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) {
                cells[y * width + x].style = transform(cells[y * width + x].style)
            }
        }
    }

    /// Calls `body` for each cell a terminal that shows `previous` must rewrite to show this
    /// buffer, row by row: every cell when there is no previous buffer or its size differs.
    /// Continuation cells are skipped (their wide cell covers them); a wide cell counts as changed
    /// when either half did. Returns whether anything was reported.
    @discardableResult
    public func forEachChange(since previous: Buffer?, _ body: (_ x: Int, _ y: Int, _ cell: Cell) -> Void) -> Bool {
        let fresh = previous.map { $0.width != width || $0.height != height } ?? true
        var changed = false
        cells.withUnsafeBufferPointer { now in
            let empty: [Cell] = []
            (fresh ? empty : previous!.cells).withUnsafeBufferPointer { before in
                for y in 0..<height {
                    let row = y * width
                    for x in 0..<width {
                        let i = row + x
                        let cell = now[i]
                        if cell.width == 0 { continue }
                        if !fresh, before[i] == cell, cell.width != 2 || i + 1 == now.count || before[i + 1] == now[i + 1] { continue }
                        body(x, y, cell)
                        changed = true
                    }
                }
            }
        }
        return changed
    }

    /// Keeps wide graphemes whole: overwriting half of one blanks the other half.
    private mutating func setCell(x: Int, y: Int, _ cell: Cell) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let index = y * width + x
        let old = cells[index]
        if old.isContinuation, x > 0, cell.width != 0 {
            cells[index - 1] = Cell(symbol: " ", width: 1, style: cells[index - 1].style)
        }
        if old.width == 2, cell.width != 2, x + 1 < width {
            cells[index + 1] = Cell(symbol: " ", width: 1, style: old.style)
        }
        cells[index] = cell
    }
}
