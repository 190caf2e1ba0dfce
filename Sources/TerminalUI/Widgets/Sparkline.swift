/// Values as a row of block characters, scaled to the largest; zero is blank so a quiet series
/// settles to nothing.
public enum Sparkline {
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// `values` squeezed into `width` columns (each column the maximum of the values it covers).
    public static func render(_ values: [UInt32], width: Int) -> String {
        guard width > 0, !values.isEmpty else { return "" }
        var columns: [UInt32] = []
        if values.count <= width {
            columns = values
        } else {
            columns = (0..<width).map { c in
                let from = c * values.count / width, to = max(from + 1, (c + 1) * values.count / width)
                return values[from..<to].max() ?? 0
            }
        }
        let top = max(1, columns.max() ?? 1)
        return String(columns.map { v -> Character in
            if v == 0 { return " " }
            let level = Int((Double(v) / Double(top) * Double(levels.count)).rounded(.up)) - 1
            return levels[min(levels.count - 1, max(0, level))]
        })
    }
}
