/// Paces the frames that new data asks for by how much the terminal has been sent lately, so a
/// flood of events does not flood a slow link: while the screen changes little it redraws at the
/// full frame rate; when every frame rewrites whole panes it redraws less often, down to a floor.
///
/// It is a budget of changed cells per second, kept as a debt: each draw adds the cells it wrote,
/// and the debt is paid off at `cellsPerSecond`. The next data frame waits until the debt is paid,
/// but never less than `minInterval` nor more than `maxInterval`. A frame of `c` cells drawn
/// every time therefore settles at `cellsPerSecond / c` frames a second. Keys and resizes are not
/// paced (`TerminalSession` draws them after `minInterval` only), and nothing is drawn when nothing
/// changed, so an idle screen still writes nothing.
///
/// ```swift
/// var pacer = FramePacer(minInterval: 0.1)
/// pacer.recordDraw(cells: backend.lastCellsWritten, at: now)
/// let next = pacer.nextFrame(after: now)   // now + 0.1 when calm, up to now + 0.5 under a flood
/// ```
public struct FramePacer: Sendable, Equatable {
    /// Issue 6: at most 20 KB/s to the terminal, which is often a slow SSH link on call. A changed
    /// cell costs about 2.4 bytes (text, colour changes, cursor moves: 4,070 bytes for ~1,700
    /// cells a frame at 1,000 events/s on 120×40), so 6,000 cells/s is about 14 KB/s, with room
    /// for frames whose colours change more often than their text.
    public static let defaultCellsPerSecond = 6_000.0
    /// The slowest data-driven redraw (2 fps): slower and the screen looks stuck under a flood.
    public static let defaultMaxInterval = 0.5

    public var cellsPerSecond: Double
    public var minInterval: Double
    public var maxInterval: Double
    /// Changed cells drawn and not yet paid for by the budget, as of `lastDraw`.
    public private(set) var debt = 0.0
    public private(set) var lastDraw = -Double.infinity

    public init(minInterval: Double, maxInterval: Double = Self.defaultMaxInterval,
                cellsPerSecond: Double = Self.defaultCellsPerSecond) {
        self.minInterval = max(0, minInterval)
        self.maxInterval = max(self.minInterval, maxInterval)
        self.cellsPerSecond = max(1, cellsPerSecond)
    }

    /// Notes a draw at `time` that changed `cells` cells.
    public mutating func recordDraw(cells: Int, at time: Double) {
        let elapsed = lastDraw.isFinite ? max(0, time - lastDraw) : .infinity
        // Debt beyond one slowest interval would only keep the screen slow after a flood ends.
        let cap = cellsPerSecond * maxInterval
        debt = min(cap, max(0, debt - elapsed * cellsPerSecond) + Double(max(0, cells)))
        lastDraw = time
    }

    /// The earliest time a frame asked for by new data may be drawn.
    public func nextFrame() -> Double {
        guard lastDraw.isFinite else { return -Double.infinity }
        return lastDraw + min(maxInterval, max(minInterval, debt / cellsPerSecond))
    }

    /// The earliest time a frame asked for by a key, a resize or the mouse may be drawn: the
    /// frame rate's cap only, so the budget never makes the keyboard feel slow.
    public func nextInputFrame() -> Double {
        guard lastDraw.isFinite else { return -Double.infinity }
        return lastDraw + minInterval
    }
}
