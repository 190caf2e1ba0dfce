/// A rectangle of cells. Layout functions split one into others; nothing here knows the terminal.
public struct Rect: Sendable, Equatable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var isEmpty: Bool { width == 0 || height == 0 }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    /// The inside of a one-cell border.
    public var inner: Rect { Rect(x: x + 1, y: y + 1, width: width - 2, height: height - 2) }

    /// Splits off `rows` rows from the top: (top, rest).
    public func splitTop(_ rows: Int) -> (Rect, Rect) {
        let r = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: r), Rect(x: x, y: y + r, width: width, height: height - r))
    }

    /// Splits off `rows` rows from the bottom: (rest, bottom).
    public func splitBottom(_ rows: Int) -> (Rect, Rect) {
        let r = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: height - r), Rect(x: x, y: y + height - r, width: width, height: r))
    }

    /// Splits into columns of the given weights (the last one takes the rounding).
    public func columns(_ weights: [Int]) -> [Rect] {
        split(weights, total: width) { Rect(x: x + $0, y: y, width: $1, height: height) }
    }

    /// Splits into rows of the given weights (the last one takes the rounding).
    public func rows(_ weights: [Int]) -> [Rect] {
        split(weights, total: height) { Rect(x: x, y: y + $0, width: width, height: $1) }
    }

    private func split(_ weights: [Int], total: Int, make: (Int, Int) -> Rect) -> [Rect] {
        let sum = max(1, weights.reduce(0, +))
        var offset = 0
        var out: [Rect] = []
        for (i, w) in weights.enumerated() {
            let size = i == weights.count - 1 ? total - offset : total * w / sum
            out.append(make(offset, size))
            offset += size
        }
        return out
    }
}
