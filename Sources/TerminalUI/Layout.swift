/// Where each part of the main screen goes, as a pure function of the screen size.
public struct MainLayout: Sendable, Equatable {
    public static let minimumWidth = 40
    public static let minimumHeight = 10

    public var header: Rect
    public var events: Rect
    public var types: Rect
    public var sessions: Rect
    public var footer: Rect

    public init(_ area: Rect) {
        let (header, rest) = area.splitTop(1)
        let (middle, footer) = rest.splitBottom(1)
        // Events get a bit more than half; on short screens each part keeps at least a header row.
        let eventsHeight = max(4, middle.height * 11 / 20)
        let (events, bottom) = middle.splitTop(eventsHeight)
        let halves: [Rect]
        if area.width >= 100 {
            halves = bottom.columns([45, 55])
        } else {
            halves = bottom.columns([42, 58])
        }
        self.header = header
        self.events = events
        self.types = halves[0]
        self.sessions = halves[1]
        self.footer = footer
    }

    /// Rows the events pane scrolls by on PgUp/PgDn.
    public static func pageSize(width: Int, height: Int, zoomed: Bool = false) -> Int {
        if zoomed { return max(1, height - 5) }
        return max(1, MainLayout(Rect(x: 0, y: 0, width: width, height: height)).events.height - 3)
    }
}
