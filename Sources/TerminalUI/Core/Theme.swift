import EventDecoding
import MonitorCore

/// The styles the view uses, by role. Colours are 256-colour indices; backends map them to 16 or
/// none, so every role also reads without colour (selection is reverse video, titles bold).
public struct Theme: Sendable {
    public var header = Style(fg: .indexed(255), bg: .indexed(24))
    public var headerAccent = Style(fg: .indexed(229), bg: .indexed(24), bold: true)
    public var headerWarning = Style(fg: .indexed(16), bg: .indexed(214), bold: true)
    public var border = Style(fg: .indexed(240))
    public var borderFocused = Style(fg: .indexed(45))
    public var title = Style(fg: .indexed(250), bold: true)
    public var titleFocused = Style(fg: .indexed(45), bold: true)
    public var columnHeader = Style(fg: .indexed(244), underline: true)
    public var text = Style()
    public var dim = Style(fg: .indexed(244))
    /// The selected row: a background band (reverse video where there is no colour).
    public var selection = Style(bg: .indexed(24))
    public var footerKey = Style(fg: .indexed(16), bg: .indexed(45), bold: true)
    public var footerText = Style(fg: .indexed(250))
    /// A short-lived message in the footer (copied, written, search wrapped).
    public var footerNotice = Style(fg: .indexed(229), bold: true)
    /// Text matching the search inside a row: a yellow band. Without colour the band becomes
    /// reverse video, and the underline keeps it apart from the (also reversed) selection.
    public var searchMatch = Style(fg: .indexed(16), bg: .indexed(220), underline: true)
    /// The `▸` beside each row matching the search, on the pane's border.
    public var searchMarker = Style(fg: .indexed(220), bold: true)
    public var sparkline = Style(fg: .indexed(78))
    public var jsonKey = Style(fg: .indexed(117))
    public var jsonString = Style(fg: .indexed(114))
    public var jsonNumber = Style(fg: .indexed(213))
    public var jsonLiteral = Style(fg: .indexed(208))
    public var markStart = Style(fg: .indexed(46), bold: true)
    public var markStop = Style(fg: .indexed(203), bold: true)
    public var markPause = Style(fg: .indexed(220), bold: true)
    public var markEvent = Style(fg: .indexed(75))
    public var markError = Style(fg: .indexed(196), bold: true)
    public var span = Style(fg: .indexed(238))

    public init() {}

    public static let dark = Theme()

    /// For terminals with a light background: darker text colours, a pale selection band.
    public static let light: Theme = {
        var theme = Theme()
        theme.header = Style(fg: .indexed(255), bg: .indexed(25))
        theme.headerAccent = Style(fg: .indexed(226), bg: .indexed(25), bold: true)
        theme.border = Style(fg: .indexed(246))
        theme.borderFocused = Style(fg: .indexed(25))
        theme.title = Style(fg: .indexed(238), bold: true)
        theme.titleFocused = Style(fg: .indexed(25), bold: true)
        theme.columnHeader = Style(fg: .indexed(242), underline: true)
        theme.dim = Style(fg: .indexed(243))
        theme.selection = Style(bg: .indexed(153))
        theme.footerKey = Style(fg: .indexed(255), bg: .indexed(25), bold: true)
        theme.footerText = Style(fg: .indexed(238))
        theme.footerNotice = Style(fg: .indexed(25), bold: true)
        theme.searchMatch = Style(fg: .indexed(16), bg: .indexed(222), underline: true)
        theme.searchMarker = Style(fg: .indexed(166), bold: true)
        theme.sparkline = Style(fg: .indexed(28))
        theme.jsonKey = Style(fg: .indexed(25))
        theme.jsonString = Style(fg: .indexed(28))
        theme.jsonNumber = Style(fg: .indexed(127))
        theme.jsonLiteral = Style(fg: .indexed(166))
        theme.markStart = Style(fg: .indexed(28), bold: true)
        theme.markStop = Style(fg: .indexed(160), bold: true)
        theme.markPause = Style(fg: .indexed(136), bold: true)
        theme.markEvent = Style(fg: .indexed(25))
        theme.span = Style(fg: .indexed(250))
        theme.familyColors = [.session: 28, .auth: 91, .monetization: 130, .custom: 25, .email: 166,
                              .sms: 127, .campaign: 30, .error: 160, .other: 240]
        return theme
    }()

    /// A theme by its `--theme` name.
    public static func named(_ name: String) -> Theme? {
        switch name {
        case "dark": return .dark
        case "light": return .light
        default: return nil
        }
    }

    /// `style` on the selection band: its colour kept, dimming dropped so it stays readable.
    public func selected(_ style: Style) -> Style {
        var out = style
        out.bg = selection.bg
        out.dim = false
        out.reverse = selection.reverse
        return out
    }

    /// Per-family colours that replace the dark palette's (the light theme's).
    public var familyColors: [EventFamily: UInt8] = [:]

    public func family(_ family: EventFamily) -> Style {
        if let color = familyColors[family] {
            return Style(fg: .indexed(color), bold: family == .monetization || family == .error)
        }
        switch family {
        case .session: return Style(fg: .indexed(78))
        case .auth: return Style(fg: .indexed(141))
        case .monetization: return Style(fg: .indexed(220), bold: true)
        case .custom: return Style(fg: .indexed(75))
        case .email: return Style(fg: .indexed(209))
        case .sms: return Style(fg: .indexed(176))
        case .campaign: return Style(fg: .indexed(44))
        case .error: return Style(fg: .indexed(196), bold: true)
        case .other: return Style(fg: .indexed(250))
        }
    }

    public func state(_ state: SessionState) -> Style {
        switch state {
        case .active: return Style(fg: .indexed(78))
        case .paused: return Style(fg: .indexed(220))
        case .stopped: return Style(fg: .indexed(244))
        }
    }

    public func mark(_ kind: TimelineMark.Kind) -> Style {
        switch kind {
        case .start: return markStart
        case .stop: return markStop
        case .pause, .resume: return markPause
        case .event: return markEvent
        case .error: return markError
        }
    }
}
