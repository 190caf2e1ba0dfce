import MonitorCore

/// A place to show buffers and read keys from. `NCursesBackend` is the terminal; `TestBackend`
/// keeps everything in memory for tests.
public protocol Backend: AnyObject {
    /// The current size in cells (width, height).
    var size: (width: Int, height: Int) { get }
    /// Shows `buffer`; implementations write only the cells that changed since the last draw.
    func draw(_ buffer: Buffer)
    /// Keys typed since the last call, without waiting; `.resize` reports a size change.
    func pendingInput() -> [BackendInput]
}

/// What a backend reads: a key, a mouse event (only while mouse reporting is on), or news that
/// the terminal changed size.
public enum BackendInput: Sendable, Equatable {
    case key(Key)
    case resize
    case mouse(MouseInput)
}

/// A mouse event as the terminal reported it: what happened, at which cell (0-based).
public struct MouseInput: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The primary button went down.
        case press
        case wheelUp, wheelDown
    }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// How many colours to use, after `--color`, `NO_COLOR` and the terminal's abilities.
public enum ColorMode: String, Sendable, CaseIterable {
    case none, ansi16, ansi256

    /// `flag` is `--color` (auto, always, never); `environment` is the process environment.
    public static func resolve(flag: String, environment: [String: String], terminalColors: Int) -> ColorMode {
        if flag == "never" { return .none }
        if flag == "auto", let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        if terminalColors >= 256 { return .ansi256 }
        if terminalColors >= 8 { return .ansi16 }
        return flag == "always" ? .ansi16 : .none
    }

    /// `style` as this mode can show it: colours reduced or dropped, attributes kept.
    public func apply(_ style: Style) -> Style {
        var out = style
        switch self {
        case .ansi256: break
        case .ansi16:
            out.fg = style.fg.ansi16
            out.bg = style.bg.ansi16
        case .none:
            // Without colour a background band (header, footer keys, selection) becomes reverse video.
            if style.bg != .default { out.reverse = true }
            out.fg = .default
            out.bg = .default
        }
        return out
    }
}

/// An in-memory backend: what was drawn, how many cells each draw changed, and keys queued by
/// the test.
public final class TestBackend: Backend {
    public var size: (width: Int, height: Int)
    public private(set) var buffer: Buffer
    public private(set) var drawCount = 0
    public private(set) var cellsWritten = 0
    public var queuedInput: [BackendInput] = []
    public let colorMode: ColorMode

    public init(width: Int, height: Int, colorMode: ColorMode = .ansi256) {
        size = (width, height)
        buffer = Buffer(width: width, height: height)
        self.colorMode = colorMode
    }

    public func draw(_ next: Buffer) {
        drawCount += 1
        if next.width != buffer.width || next.height != buffer.height {
            cellsWritten += next.cells.count
        } else {
            for i in next.cells.indices where next.cells[i] != buffer.cells[i] { cellsWritten += 1 }
        }
        buffer = next
    }

    public func pendingInput() -> [BackendInput] {
        defer { queuedInput = [] }
        return queuedInput
    }

    public func resize(width: Int, height: Int) {
        size = (width, height)
        queuedInput.append(.resize)
    }

    public var lines: [String] { buffer.lines }
}
