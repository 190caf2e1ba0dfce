import EventDecoding
/// Maps partition keys to shards the way Kinesis does, and hands out per-shard sequence numbers.
///
/// Kinesis hashes a partition key with MD5 into a 128-bit hash key and routes it to the shard whose
/// hash-key range holds it; a freshly created stream splits the range evenly. Doing the same here
/// means demo traffic lands on the same shard whether the monitor generates it in-process or
/// `kinescope produce` puts it into a real stream.
struct KinesisShardMap: Sendable {
    let shardCount: Int
    let shardIds: [String]
    private var sequences: [SequenceNumber]

    init(shardCount: Int, random: inout DemoRandom) {
        self.shardCount = shardCount
        shardIds = (0..<shardCount).map { i in
            let digits = String(i)
            return "shardId-" + String(repeating: "0", count: 12 - digits.count) + digits
        }
        sequences = (0..<shardCount).map { _ in SequenceNumber(random: &random) }
    }

    func shardIndex(forPartitionKey key: String) -> Int {
        let digest = MD5Digest.digest(Array(key.utf8))
        // The top 64 bits of the hash key decide the shard for any evenly split range.
        var top: UInt64 = 0
        for i in 0..<8 { top = top << 8 | UInt64(digest[i]) }
        return Int(top.multipliedFullWidth(by: UInt64(shardCount)).high)
    }

    /// The next sequence number on a shard: 56 decimal digits, strictly increasing within the shard.
    mutating func nextSequence(shard: Int, random: inout DemoRandom) -> String {
        sequences[shard].advance(random: &random)
        return sequences[shard].text
    }
}

/// A Kinesis sequence number held as three base-10¹⁸ limbs after a fixed "49" prefix, so it can
/// grow by realistic, irregular steps without a big-integer type.
private struct SequenceNumber: Sendable {
    private static let limb: UInt64 = 1_000_000_000_000_000_000
    private var high: UInt64
    private var middle: UInt64
    private var low: UInt64

    init(random: inout DemoRandom) {
        // Real sequence numbers on a stream share their leading digits, so start near each other.
        high = 590_000_000_000_000_000 + random.next() % 10_000_000_000_000_000
        middle = random.next() % Self.limb
        low = random.next() % Self.limb
    }

    mutating func advance(random: inout DemoRandom) {
        // Consecutive real records differ by a large, jittery amount in the low digits.
        low += 1 + random.next() % 400_000_000_000_000_000
        if low >= Self.limb {
            low -= Self.limb
            middle += 1
            if middle == Self.limb {
                middle = 0
                high += 1
            }
        }
    }

    var text: String {
        var out = [UInt8](repeating: UInt8(ascii: "0"), count: 56)
        out[0] = UInt8(ascii: "4")
        out[1] = UInt8(ascii: "9")
        Self.put(high, at: 2, &out)
        Self.put(middle, at: 20, &out)
        Self.put(low, at: 38, &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func put(_ value: UInt64, at start: Int, _ out: inout [UInt8]) {
        var v = value
        for i in stride(from: start + 17, through: start, by: -1) {
            out[i] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: v % 10)
            v /= 10
        }
    }
}
