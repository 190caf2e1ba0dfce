/// A terminal colour: the terminal's default, or an index into the 256-colour palette (0–15 are
/// the 16 ANSI colours). Backends map down to what the terminal has.
public enum Color: Sendable, Hashable {
    case `default`
    case indexed(UInt8)

    public static let black = Color.indexed(0), red = Color.indexed(1), green = Color.indexed(2)
    public static let yellow = Color.indexed(3), blue = Color.indexed(4), magenta = Color.indexed(5)
    public static let cyan = Color.indexed(6), white = Color.indexed(7), gray = Color.indexed(8)
    public static let brightRed = Color.indexed(9), brightGreen = Color.indexed(10), brightYellow = Color.indexed(11)
    public static let brightBlue = Color.indexed(12), brightMagenta = Color.indexed(13), brightCyan = Color.indexed(14)
    public static let brightWhite = Color.indexed(15)

    /// The nearest of the 16 ANSI colours, for terminals without 256 colours.
    public var ansi16: Color {
        guard case .indexed(let n) = self, n >= 16 else { return self }
        if n >= 232 { return n < 238 ? .black : n < 244 ? .gray : n < 250 ? .white : .brightWhite }
        let c = Int(n) - 16
        let r = c / 36, g = c / 6 % 6, b = c % 6
        let bright = max(r, g, b) >= 4
        let bits = (r >= 2 ? 1 : 0) | (g >= 2 ? 2 : 0) | (b >= 2 ? 4 : 0)
        if bits == 0 { return bright ? .gray : .black }
        return .indexed(UInt8(bits + (bright ? 8 : 0)))
    }
}

/// How a cell is drawn.
public struct Style: Sendable, Hashable {
    public var fg: Color
    public var bg: Color
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(fg: Color = .default, bg: Color = .default, bold: Bool = false, dim: Bool = false,
                reverse: Bool = false, underline: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    public static let plain = Style()

    public func with(fg: Color) -> Style { var s = self; s.fg = fg; return s }
    public func with(bg: Color) -> Style { var s = self; s.bg = bg; return s }
    public var bolded: Style { var s = self; s.bold = true; return s }
    public var reversed: Style { var s = self; s.reverse = true; return s }
}
