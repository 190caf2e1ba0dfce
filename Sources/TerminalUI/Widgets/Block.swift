/// A bordered box with a title, the frame of every pane.
public struct Block: Sendable {
    public var title: String
    public var focused: Bool
    public var rightTitle: String?

    public init(title: String, focused: Bool = false, rightTitle: String? = nil) {
        self.title = title
        self.focused = focused
        self.rightTitle = rightTitle
    }

    /// Draws the frame and returns the area inside it.
    @discardableResult
    public func draw(in rect: Rect, buffer: inout Buffer, theme: Theme) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let style = focused ? theme.borderFocused : theme.border
        let horizontal = String(repeating: "─", count: rect.width - 2)
        buffer.put("┌" + horizontal + "┐", x: rect.x, y: rect.y, style: style)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            buffer.put("│", x: rect.x, y: y, style: style)
            buffer.put("│", x: rect.maxX - 1, y: y, style: style)
        }
        buffer.put("└" + horizontal + "┘", x: rect.x, y: rect.maxY - 1, style: style)
        let titleClip = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1)
        var used = rect.x + 1
        if !title.isEmpty {
            used = buffer.put(DisplayWidth.truncate(title, to: rect.width - 2), x: rect.x + 1, y: rect.y,
                              style: focused ? theme.titleFocused : theme.title, clip: titleClip)
        }
        if let rightTitle, !rightTitle.isEmpty {
            let available = rect.maxX - 1 - used - 1
            if available >= 3 {
                let text = DisplayWidth.truncate(rightTitle, to: available)
                buffer.put(text, x: rect.maxX - 1 - DisplayWidth.of(text), y: rect.y, style: theme.dim, clip: titleClip)
            }
        }
        return rect.inner
    }
}
