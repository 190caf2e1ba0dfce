import EventDecoding
import EventSources
import MonitorCore
@testable import TerminalUI

/// A `MonitorState` fed from seeded demo traffic on a fixed clock, so whole screens are repeatable.
///
/// ```swift
/// var demo = DemoScreenState(events: 600)
/// demo.key(.tab)
/// let screen = view(demo.state, width: 120, height: 40)
/// ```
struct DemoScreenState {
    static let startTime = 1_767_225_600.0

    var traffic: DemoTraffic
    var state: MonitorState
    let decoder = EventDecoder()
    /// The stream time of the last record fed.
    private(set) var lastTime: Double

    init(seed: UInt64 = 1, rate: Double = 40, events: Int, width: Int = 120, height: Int = 40, retain: Int = 10_000) {
        traffic = DemoTraffic(seed: seed, startTime: Self.startTime, rate: rate)
        state = MonitorState(config: MonitorConfig(sourceName: "demo (seed \(seed))", retain: retain), now: Self.startTime)
        lastTime = Self.startTime
        update(&state, .sourceStatus(.running))
        resize(width: width, height: height)
        feed(events)
    }

    /// Feeds `count` demo records, one message each, then ticks the clock to the last one.
    mutating func feed(_ count: Int) {
        for _ in 0..<count {
            let emission = traffic.next()
            update(&state, .records(decoder.decode(emission.record), recordCount: 1, receivedAt: emission.time))
            lastTime = emission.time
        }
        update(&state, .tick(lastTime))
    }

    /// Feeds one record with these bytes, received just after the last one.
    mutating func feedRecord(_ data: String, shard: String = "shardId-000000000002") {
        lastTime += 0.25
        let record = RawRecord(data: Array(data.utf8), shard: shard, sequence: "49650000000000000000000000000000000000000000000000000001",
                               partitionKey: "broken-client", arrival: lastTime)
        update(&state, .records(decoder.decode(record), recordCount: 1, receivedAt: lastTime))
        update(&state, .tick(lastTime))
    }

    mutating func key(_ key: Key) {
        update(&state, .key(key))
    }

    /// What `TerminalSession` does on a resize: tell the state its size and page.
    mutating func resize(width: Int, height: Int) {
        update(&state, .resize(width: width, height: height))
        state.ui.pageSize = MainLayout.pageSize(width: width, height: height)
    }

    func screen(width: Int, height: Int) -> Buffer {
        view(state, width: width, height: height)
    }
}
