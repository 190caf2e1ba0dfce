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
/// Every record waits in memory from the moment its event happens until it lands on the stream,
/// so what is held grows with the rate times the delays. At high rates the delays are scaled down
/// (`delayScale`) to keep the waiting records within `pendingBudgetBytes`: 20,000 events/s with
/// delays of up to two minutes would otherwise hold gigabytes.
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
    /// What the waiting records may hold; the delays shrink to keep them within it.
    let pendingBudgetBytes: Int
    /// Every delay (client to Pinpoint, Pinpoint to Kinesis, lag episodes) is multiplied by this.
    /// 1 at ordinary rates; below 1 when `rate` times the delays would pass the budget, and halved
    /// again whenever the waiting records pass it anyway (bursts), then let back up to `baseScale`.
    private(set) var delayScale: Double
    let baseScale: Double
    /// The stream time of the last record handed out: nothing may land before it, even when the
    /// scale has just shrunk the delays.
    var releasedMs: Int64 = .min
    var generatedSinceCheck = 0

    /// The budget for records waiting to land: 24 MiB, about 20,000 Pinpoint events.
    public static let defaultPendingBudgetBytes = 24 << 20
    /// About how long a record waits at scale 1 (arrival delay, stream delay, lag episodes, a
    /// client's late flush holding back what it sends after), and how large it is; together
    /// they size `baseScale` from the rate.
    static let typicalWaitMs = 8_000.0
    static let typicalRecordBytes = 1_300.0
    /// The heaviest burst regime's multiplier: the budget must hold through one.
    static let burstHeadroom = 3.0

    /// - Parameters:
    ///   - seed: selects one of many reproducible traffic histories.
    ///   - startTime: seconds since the epoch when devices start emitting; the first records reach
    ///     the stream a moment later, as a stream that was just attached would show.
    ///   - rate: mean events per second over the long run; bursts and lulls vary around it.
    public init(seed: UInt64, startTime: Double, rate: Double = 20, pendingBudgetBytes: Int = DemoTraffic.defaultPendingBudgetBytes) {
        precondition(rate > 0 && rate.isFinite, "DemoTraffic needs a positive rate")
        self.pendingBudgetBytes = max(1, pendingBudgetBytes)
        let typicalBytes = rate * Self.burstHeadroom * Self.typicalWaitMs / 1000 * Self.typicalRecordBytes
        baseScale = min(1, Double(self.pendingBudgetBytes) / typicalBytes)
        delayScale = baseScale
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
               earliest <= Int64(clockMs.rounded(.down)) + scaled(Self.minimumLatencyMs) {
                break
            }
            generateEvent()
        }
        guard let item = pending.popEarliest() else { preconditionFailure("released from an empty queue") }
        releasedMs = item.streamMs
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
        pending.push(PendingRecord(streamMs: max(streamMs, releasedMs), order: nextOrder, client: client, data: data))
        nextOrder += 1
        generatedSinceCheck += 1
        if generatedSinceCheck >= 256 {
            generatedSinceCheck = 0
            adjustDelayScale()
        }
    }

    /// Halves the delays while the waiting records are over budget; lets them grow back towards
    /// `baseScale` once the queue is well under it. Depends only on the simulation, so the same
    /// seed still gives the same records.
    mutating func adjustDelayScale() {
        if pending.bytes > pendingBudgetBytes {
            delayScale = max(Self.minimumScale, delayScale / 2)
        } else if pending.bytes < pendingBudgetBytes / 4, delayScale < baseScale {
            delayScale = min(baseScale, delayScale * 1.25)
        }
    }

    static let minimumScale = 1.0 / 512

    /// A delay at the current scale (at least a millisecond).
    func scaled(_ ms: Int64) -> Int64 {
        delayScale == 1 ? ms : max(1, Int64(Double(ms) * delayScale))
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
        return scaled(min(120_000, max(200, Int64(seconds * 1000))))
    }

    /// Pinpoint records message events itself, so they reach it almost at once.
    mutating func messageArrivalDelayMs() -> Int64 {
        scaled(Int64(random.uniform(200, 2000)))
    }

    /// Pinpoint to Kinesis: usually a second or two, more while the pipeline lags.
    mutating func streamDelayMs() -> Int64 {
        scaled(streamLag.delayMs(at: clockMs, random: &random))
    }
}
