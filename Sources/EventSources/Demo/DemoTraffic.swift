import EventDecoding

/// One record of demo traffic and the moment it lands on the stream.
public struct DemoEmission: Sendable {
    /// Kinesis `ApproximateArrivalTimestamp` on the simulated clock, seconds since the epoch.
    public var time: Double
    public var record: RawRecord

    public init(time: Double, record: RawRecord) {
        self.time = time
        self.record = record
    }
}

/// Deterministic synthetic Amplify/Pinpoint traffic, as it would arrive on a 4-shard Kinesis stream.
///
/// Behind it is a small simulation: clients on web browsers, iPhones and Android phones run app
/// sessions (`_session.start`, custom events such as `pageView`, `search` and `MyEvent`, sign-ins,
/// purchases, pauses, `_session.stop`), while Pinpoint sends them campaign and journey emails and
/// SMS messages. Each event reaches Pinpoint after a client-side delay (`arrival_timestamp`) and
/// Kinesis after another, so records come out in stream order, not in the order events happened.
/// The same seed always gives the same records, byte for byte.
///
/// ```swift
/// var demo = DemoTraffic(seed: 42, startTime: 1_717_200_000)
/// let first = demo.next()   // first.time, first.record.data (one compact JSON event)
/// ```
public struct DemoTraffic: Sendable {
    /// The smallest delay from an event to its Kinesis arrival (client flush plus Pinpoint
    /// forwarding). Everything generated later lands at least this long after the simulated
    /// "now", which is what allows records to be released in stream order.
    static let minimumLatencyMs: Int64 = 700
    static let shardCount = 4
    /// Rough events per session (start, custom events, auth, pause/resume, stop) used to decide
    /// how often to start sessions; the feedback keeps concurrency near the target regardless.
    static let eventsPerSession = 10.5
    static let eventsPerEmail = 2.6
    static let eventsPerSMS = 2.0
    static let emailShare = 0.05
    static let smsShare = 0.05

    var random: DemoRandom
    let eventsPerMs: Double
    var clockMs: Double
    var regime: RateRegime
    var streamLag: StreamLag
    var clients: [DemoClient]
    var sessions: [DemoSession] = []
    var emails: [EmailFlow] = []
    var texts: [SMSFlow] = []
    let sessionTarget: Int
    let messageTarget: Int
    var shardMap: KinesisShardMap
    var pending = PendingRecordQueue()
    var nextOrder: UInt64 = 0

    /// - Parameters:
    ///   - seed: selects one of many reproducible traffic histories.
    ///   - startTime: seconds since the epoch when devices start emitting; the first records reach
    ///     the stream a moment later, as a stream that was just attached would show.
    ///   - rate: mean events per second over the long run; bursts and lulls vary around it.
    public init(seed: UInt64, startTime: Double, rate: Double = 20) {
        precondition(rate > 0 && rate.isFinite, "DemoTraffic needs a positive rate")
        var random = DemoRandom(seed: seed)
        let startMs = startTime * 1000
        // Dozens of concurrent sessions at gentle rates, a few hundred under load.
        let target = min(400, max(24, Int((rate * 6).rounded())))
        sessionTarget = target
        messageTarget = max(4, target / 8)
        eventsPerMs = rate / 1000
        clockMs = startMs
        let shardMap = KinesisShardMap(shardCount: Self.shardCount, random: &random)
        // Three times as many people as concurrent sessions, so clients come back for new sessions.
        clients = (0..<(target * 3)).map { number in
            DemoClient(number: number + 1, startMs: Int64(startMs), random: &random, shardMap: shardMap)
        }
        self.shardMap = shardMap
        regime = RateRegime.first(startMs: startMs, random: &random)
        streamLag = StreamLag(startMs: startMs, random: &random)
        self.random = random
    }

    /// The next record in stream order. `time` never decreases from one call to the next.
    public mutating func next() -> DemoEmission {
        // A record may be released once nothing generated from now on can land before it.
        while true {
            if let earliest = pending.earliestStreamMs,
               earliest <= Int64(clockMs.rounded(.down)) + Self.minimumLatencyMs {
                break
            }
            generateEvent()
        }
        guard let item = pending.popEarliest() else { preconditionFailure("released from an empty queue") }
        let client = clients[item.client]
        let time = Double(item.streamMs) / 1000
        let record = RawRecord(
            data: item.data,
            shard: shardMap.shardIds[client.shard],
            sequence: shardMap.nextSequence(shard: client.shard, random: &random),
            partitionKey: client.clientId,
            arrival: time)
        return DemoEmission(time: time, record: record)
    }

    // MARK: - Simulation

    /// Advances the simulated clock by one inter-event gap of a Poisson process whose rate changes
    /// from regime to regime, then creates the event that happens at that moment.
    mutating func generateEvent() {
        var work = random.exponential(mean: 1)
        while true {
            let perMs = eventsPerMs * regime.multiplier
            let available = (regime.endMs - clockMs) * perMs
            if work <= available {
                clockMs += work / perMs
                break
            }
            work -= available
            clockMs = regime.endMs
            regime = RateRegime.next(startMs: clockMs, random: &random)
        }
        let eventMs = Int64(clockMs.rounded(.down))
        let pick = random.unit()
        if pick < Self.emailShare {
            emailEvent(at: eventMs)
        } else if pick < Self.emailShare + Self.smsShare {
            smsEvent(at: eventMs)
        } else {
            appEvent(at: eventMs)
        }
    }

    /// Whether to begin a new flow rather than continue one: starts balance ends when the pool is
    /// at its target size, and happen more often below it, so the pool fills up smoothly from empty
    /// and then holds steady.
    mutating func shouldStart(active: Int, target: Int, eventsPerFlow: Double) -> Bool {
        guard active > 0 else { return true }
        return random.chance(Double(target) / (eventsPerFlow * Double(active)))
    }

    mutating func enqueue(_ data: [UInt8], streamMs: Int64, client: Int) {
        pending.push(PendingRecord(streamMs: streamMs, order: nextOrder, client: client, data: data))
        nextOrder += 1
    }

    // MARK: - Delays

    /// Client to Pinpoint: Amplify flushes its buffer every few seconds; flaky networks and
    /// backgrounded apps make a long tail, capped at two minutes here.
    mutating func appArrivalDelayMs() -> Int64 {
        let r = random.unit()
        let seconds: Double
        if r < 0.93 {
            seconds = random.uniform(0.2, 5)
        } else if r < 0.99 {
            seconds = random.uniform(5, 20)
        } else {
            seconds = random.logUniform(20, 120)
        }
        return min(120_000, max(200, Int64(seconds * 1000)))
    }

    /// Pinpoint records message events itself, so they reach it almost at once.
    mutating func messageArrivalDelayMs() -> Int64 {
        Int64(random.uniform(200, 2000))
    }

    /// Pinpoint to Kinesis: usually a second or two, more while the pipeline lags.
    mutating func streamDelayMs() -> Int64 {
        streamLag.delayMs(at: clockMs, random: &random)
    }
}
