#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNCurses
import MonitorCore

/// The real terminal, through ncursesw. The only file that imports `CNCurses`; every call into it
/// happens on the thread that created the backend.
///
/// `init` sets up the terminal (locale first, then `initscr`, raw mode, no echo, keypad, hidden
/// cursor) and `shutdown` restores it; `TerminalSession` makes sure `shutdown` runs on every exit.
public final class NCursesBackend: Backend {
    public private(set) var colorMode: ColorMode = .none
    /// How non-ASCII glyphs reach this terminal (see `GlyphSet`).
    public private(set) var glyphs: GlyphSet = .unicode
    /// Whether the terminal is reporting mouse events to us.
    public private(set) var mouseEnabled = false
    /// Cells the last `draw` handed to ncurses (all of them after a resize): what `FramePacer`
    /// charges against the terminal output budget.
    public private(set) var lastCellsWritten = 0
    private var previous: Buffer?
    private var pairs: [PairKey: Int16] = [:]
    private var nextPair: Int16 = 1
    private var maxPairs: Int = 0
    private var active = false

    private struct PairKey: Hashable {
        var fg: Int16
        var bg: Int16
    }

    /// `colorFlag` is `--color` (auto, always, never).
    public init(colorFlag: String, environment: [String: String]) {
        setlocale(LC_ALL, "")
        DisplayWidth.prepareLocale()
        initscr()
        active = true
        raw()
        noecho()
        nonl()
        keypad(kc_stdscr(), true)
        nodelay(kc_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        leaveok(kc_stdscr(), true)
        var colors = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(kc_colors())
        }
        colorMode = ColorMode.resolve(flag: colorFlag, environment: environment, terminalColors: colors)
        if colorMode != .none && colors == 0 { colorMode = .none }
        glyphs = GlyphSet.resolve(term: environment["TERM"], codeset: String(cString: kc_codeset()),
                                  hasAlternateCharset: kc_has_acs() != 0, override: environment["KINESCOPE_GLYPHS"])
        maxPairs = min(Int(kc_color_pairs()) - 1, Int(Int16.max))
    }

    deinit { shutdown() }

    /// Restores the terminal. Safe to call more than once.
    public func shutdown() {
        guard active else { return }
        active = false
        if mouseEnabled { _ = kc_set_mouse(0) }
        curs_set(1)
        endwin()
    }

    public var size: (width: Int, height: Int) {
        (Int(kc_cols()), Int(kc_lines()))
    }

    /// The file descriptor keys arrive on, for `poll`.
    public var inputFD: Int32 { STDIN_FILENO }

    public func draw(_ buffer: Buffer) {
        let fresh = previous == nil || previous!.width != buffer.width || previous!.height != buffer.height
        if fresh { erase() }
        var written = 0
        var changedRows: [Int] = []
        buffer.forEachChange(since: fresh ? nil : previous) { x, y, cell in
            // The bottom-right cell is skipped: writing it scrolls some terminals.
            if y == buffer.height - 1 && x + Int(cell.width) >= buffer.width { return }
            put(cell, x: x, y: y)
            written += 1
            if changedRows.last != y { changedRows.append(y) }
        }
        let changed = written > 0
        lastCellsWritten = written
        previous = buffer
        if changed || fresh {
            refresh()
            drawClusters(buffer, rows: changedRows)
        }
    }

    /// Whether ncurses cannot hold `symbol` in one cell as the terminal shows it: its `setcchar`
    /// keeps a spacing character and only the zero-width ones after it (so `🇯🇵` became `🇯`,
    /// `👍🏽` became `👍`, and `👨‍👩‍👧` `👨` and a joiner), at most `CCHARW_MAX` (5) in all, and it moves
    /// its idea of the cursor by the first one's `wcwidth` (1 for a flag's first half).
    static func needsDirectWrite(_ symbol: String, width: Int) -> Bool {
        guard symbol.utf8.count > 4 else { return false }
        var count = 0
        for scalar in symbol.unicodeScalars {
            count += 1
            if count == 1 {
                if DisplayWidth.baseWidth(scalar) != width { return true }
            } else if DisplayWidth.baseWidth(scalar) != 0 || count > 5 {
                return true
            }
        }
        return false
    }

    /// Clusters ncurses cannot hold are written straight to the terminal after `refresh`, each at
    /// its cell (ncurses keeps blanks there), between DECSC and DECRC so that the cursor and
    /// attributes are left as ncurses believes them. They are written again whenever their row was
    /// rewritten (ncurses may have cleared or scrolled it); rows ncurses left alone still show them.
    private func drawClusters(_ buffer: Buffer, rows: [Int]) {
        var out = ""
        for y in rows {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                guard cell.width > 0, Self.needsDirectWrite(cell.symbol, width: Int(cell.width)),
                      !(y == buffer.height - 1 && x + Int(cell.width) >= buffer.width),
                      case .text(let text) = glyphs.render(cell.symbol, width: Int(cell.width)), text == cell.symbol else { continue }
                out += "\u{1B}[\(y + 1);\(x + 1)H" + sgr(colorMode.apply(cell.style)) + cell.symbol
            }
        }
        guard !out.isEmpty else { return }
        var bytes = Array(("\u{1B}7" + out + "\u{1B}8").utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
        }
    }

    /// The SGR sequence for `style` as this backend draws it (colours already reduced to the mode).
    private func sgr(_ style: Style) -> String {
        var codes = ["0"]
        if style.bold { codes.append("1") }
        if style.dim { codes.append("2") }
        if style.underline { codes.append("4") }
        if style.reverse { codes.append("7") }
        if colorMode != .none {
            for (color, base) in [(style.fg, 30), (style.bg, 40)] {
                let n = Int(colorNumber(color))
                switch n {
                case ..<0: codes.append(String(base + 9))
                case 0..<8: codes.append(String(base + n))
                case 8..<16: codes.append(String(base + 60 + n - 8))
                default: codes.append("\(base + 8);5;\(n)")
                }
            }
        }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    private func put(_ cell: Cell, x: Int, y: Int) {
        let style = colorMode.apply(cell.style)
        var attrs = kc_a_normal()
        if style.bold { attrs |= kc_a_bold() }
        if style.dim { attrs |= kc_a_dim() }
        if style.reverse { attrs |= kc_a_reverse() }
        if style.underline { attrs |= kc_a_underline() }
        let pair = colorMode == .none ? 0 : pairNumber(fg: style.fg, bg: style.bg)
        switch glyphs.render(cell.symbol, width: Int(cell.width)) {
        case .alternateCharset(let key):
            _ = kc_mvadd_acs(Int32(y), Int32(x), wchar_t(bitPattern: key.unicodeScalars.first!.value), attrs, pair)
            return
        case .text(let text) where text != cell.symbol:
            // A stand-in has one character per column of the symbol it replaces.
            for (offset, scalar) in text.unicodeScalars.enumerated() {
                _ = kc_mvadd_cell(Int32(y), Int32(x + offset), [wchar_t(bitPattern: scalar.value), 0], attrs, pair)
            }
            return
        case .text:
            break
        }
        if Self.needsDirectWrite(cell.symbol, width: Int(cell.width)) {
            // Blanks for ncurses; `drawClusters` writes the cluster over them after the refresh.
            for offset in 0..<Int(cell.width) {
                _ = kc_mvadd_cell(Int32(y), Int32(x + offset), [wchar_t(32), 0], attrs, pair)
            }
            return
        }
        var wide = Array(cell.symbol.unicodeScalars.map { wchar_t(bitPattern: $0.value) })
        if wide.isEmpty { wide = [wchar_t(32)] }
        if wide.count > 4 { wide = Array(wide.prefix(4)) }
        wide.append(0)
        if kc_mvadd_cell(Int32(y), Int32(x), wide, attrs, pair) == kc_err(), cell.width == 1 {
            _ = kc_mvadd_cell(Int32(y), Int32(x), [wchar_t(63), 0], attrs, pair)
        }
    }

    private func colorNumber(_ color: Color) -> Int16 {
        switch color {
        case .default: return -1
        case .indexed(let n):
            if colorMode == .ansi16 && kc_colors() < 16 && n >= 8 { return Int16(n - 8) }
            return Int16(n)
        }
    }

    private func pairNumber(fg: Color, bg: Color) -> Int16 {
        let key = PairKey(fg: colorNumber(fg), bg: colorNumber(bg))
        if let pair = pairs[key] { return pair }
        guard Int(nextPair) <= maxPairs else { return 0 }
        // Default colours get a pair of their own rather than pair 0: ncurses switches from a
        // coloured cell to one with no attributes and pair 0 by sending `sgr0` after the colour
        // reset (`ESC[39m ESC(B ESC[m`), but to another pair with only the colour change
        // (`ESC[39m`); plain text follows coloured text in every table row.
        let pair = nextPair
        guard init_pair(pair, key.fg, key.bg) != kc_err() else {
            pairs[key] = 0
            return 0
        }
        nextPair += 1
        pairs[key] = pair
        return pair
    }

    public func pendingInput() -> [BackendInput] {
        var out: [BackendInput] = []
        var ch: wint_t = 0
        while true {
            let result = get_wch(&ch)
            if result == kc_err() { break }
            if result == KEY_CODE_YES {
                if Int32(ch) == kc_key_mouse() {
                    if let input = readMouse() { out.append(input) }
                    continue
                }
                if let input = Self.functionKey(Int32(ch)) { out.append(input) }
                continue
            }
            switch ch {
            case 3: out.append(.key(.interrupt))
            case 9: out.append(.key(.tab))
            case 10, 13: out.append(.key(.enter))
            case 27: out.append(.key(.escape))
            case 8, 127: out.append(.key(.backspace))
            default:
                if let scalar = Unicode.Scalar(UInt32(ch)) { out.append(.key(.character(Character(scalar)))) }
            }
        }
        return out
    }

    private static func functionKey(_ code: Int32) -> BackendInput? {
        switch code {
        case kc_key_resize(): return .resize
        case kc_key_up(): return .key(.up)
        case kc_key_down(): return .key(.down)
        case kc_key_left(): return .key(.left)
        case kc_key_right(): return .key(.right)
        case kc_key_ppage(): return .key(.pageUp)
        case kc_key_npage(): return .key(.pageDown)
        case kc_key_home(): return .key(.home)
        case kc_key_end(): return .key(.end)
        case kc_key_enter(): return .key(.enter)
        case kc_key_btab(): return .key(.backTab)
        case kc_key_backspace(): return .key(.backspace)
        default: return nil
        }
    }

    /// Turns mouse reporting on or off. While it is on the terminal's own text selection needs
    /// Shift (in most terminals), which is why it starts off. Returns whether reporting is on.
    @discardableResult
    public func setMouse(_ enabled: Bool) -> Bool {
        guard active, enabled != mouseEnabled else { return mouseEnabled }
        mouseEnabled = kc_set_mouse(enabled ? 1 : 0) != 0 && enabled
        return mouseEnabled
    }

    private func readMouse() -> BackendInput? {
        var x: Int32 = 0, y: Int32 = 0
        switch kc_get_mouse(&x, &y) {
        case 1: return .mouse(MouseInput(.press, x: Int(x), y: Int(y)))
        case 2: return .mouse(MouseInput(.wheelUp, x: Int(x), y: Int(y)))
        case 3: return .mouse(MouseInput(.wheelDown, x: Int(x), y: Int(y)))
        default: return nil
        }
    }

    /// Whether the terminal's input has ended, asked when `poll` woke for `inputFD` (with
    /// `revents`) and `pendingInput` found no key: end of file, a hangup (the terminal closed), an
    /// error or a closed descriptor. A key sequence ncurses swallowed whole (an unbound function
    /// key) also gives no key, so this looks again: only input that is still readable at once yet
    /// yields no byte has ended. A byte found by the look is handed back to ncurses.
    public func inputEnded(polled revents: Int16) -> Bool {
        if revents & Int16(POLLNVAL) != 0 { return true }
        var probe = pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0)
        guard poll(&probe, 1, 0) == 1 else { return false }
        if probe.revents & Int16(POLLNVAL) != 0 { return true }
        var available: Int32 = 0
        if ioctl(inputFD, UInt(FIONREAD), &available) == 0 && available > 0 { return false }
        var byte: UInt8 = 0
        let count = read(inputFD, &byte, 1)
        if count == 1 {
            _ = ungetch(Int32(byte))
            return false
        }
        if count == 0 { return true }
        return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR
    }

    /// After a resize ncurses needs the new size applied before the next draw.
    public func acknowledgeResize() {
        previous = nil
    }
}
