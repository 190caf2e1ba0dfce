import MonitorCore

/// Where a mouse event landed on the screen `view` draws for a state, as a `Message` for `update`:
/// which pane, and which row of it, using the same layout and scrolling the panes draw with.
///
/// ```swift
/// if let message = PointerHitTest.message(for: MouseInput(.press, x: 10, y: 5), state: state,
///                                         width: 120, height: 40) {
///     update(&state, message)
/// }
/// ```
public enum PointerHitTest {
    /// Rows one wheel notch moves, as in most terminals and pagers.
    public static let wheelLines = 3

    public static func message(for input: MouseInput, state: MonitorState, width: Int, height: Int) -> Message? {
        guard width >= MainLayout.minimumWidth, height >= MainLayout.minimumHeight,
              input.x >= 0, input.x < width, input.y >= 0, input.y < height else { return nil }
        let wheel: Int? = switch input.kind {
        case .press: nil
        case .wheelUp: -wheelLines
        case .wheelDown: wheelLines
        }
        if state.ui.overlay != nil {
            return wheel.map { .pointer(.scrollOverlay(lines: $0)) }
        }
        guard let (pane, rect) = panes(state, width: width, height: height).first(where: { contains($0.rect, input.x, input.y) }) else {
            return nil
        }
        if let wheel { return .pointer(.scroll(pane: pane, lines: wheel)) }
        // Below the border and the column titles, inside the side borders.
        let inner = rect.inner
        let line = input.y - inner.y - 1
        guard input.x >= inner.x, input.x < inner.maxX, line >= 0, input.y < inner.maxY else {
            return .pointer(.click(pane: pane, row: nil))
        }
        let top = firstShownRow(pane, state: state, bodyHeight: inner.height - 1)
        let row = top + line
        return .pointer(.click(pane: pane, row: row < rowCount(pane, state: state) ? row : nil,
                               top: pane == .events ? top : nil))
    }

    /// The panes on screen and their frames: one when zoomed, three otherwise.
    static func panes(_ state: MonitorState, width: Int, height: Int) -> [(pane: Pane, rect: Rect)] {
        let layout = MainLayout(Rect(x: 0, y: 0, width: width, height: height))
        if state.ui.zoomed {
            let whole = Rect(x: 0, y: layout.header.maxY, width: width, height: layout.footer.y - layout.header.maxY)
            return [(state.ui.focus, whole)]
        }
        return [(.events, layout.events), (.types, layout.types), (.sessions, layout.sessions)]
    }

    private static func contains(_ rect: Rect, _ x: Int, _ y: Int) -> Bool {
        x >= rect.x && x < rect.maxX && y >= rect.y && y < rect.maxY
    }

    private static func rowCount(_ pane: Pane, state: MonitorState) -> Int {
        switch pane {
        case .events: state.visibleCount
        case .types: state.counters.byType.count
        case .sessions: state.sessions.count
        }
    }

    /// The index of the row shown first in `pane`: the pane's own rule, which it draws with.
    static func firstShownRow(_ pane: Pane, state: MonitorState, bodyHeight: Int) -> Int {
        switch pane {
        case .events: EventsPane.firstShownRow(state, bodyHeight: bodyHeight)
        case .types: TypesPane.firstShownRow(state, bodyHeight: bodyHeight)
        case .sessions: SessionsPane.firstShownRow(state, bodyHeight: bodyHeight)
        }
    }
}
