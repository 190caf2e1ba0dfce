extension MonitorState {
    /// The visible index of the first of `rows` events the events pane shows. The pane draws with
    /// it, the mouse hit test reads rows with it and `update` keeps the click anchor with it, so
    /// the three cannot disagree.
    ///
    /// The selection is always on screen. Following (or paused with `space`) it sits on the
    /// bottom row (the newest at the bottom, as in a log); paused by a movement key or a click, the
    /// window starts at `ui.eventsTop` and moves only as far as needed to keep the selection in it.
    public func eventsFirstShown(rows: Int) -> Int {
        let count = visibleCount
        guard count > 0 else { return 0 }
        let visible = max(1, rows)
        let selectedIndex = min(visibleIndex(ofSerial: selectedEventSerial), count - 1)
        if !ui.following, let top = ui.eventsTop {
            var start = min(visibleIndex(ofSerial: top), max(0, count - visible))
            if selectedIndex < start { start = selectedIndex }
            if selectedIndex >= start + visible { start = selectedIndex - visible + 1 }
            return start
        }
        let lastShown = min(count - 1, max(selectedIndex, visible - 1))
        return max(0, lastShown - visible + 1)
    }
}
