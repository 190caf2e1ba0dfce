#!/usr/bin/env python3
"""Writes a file of generated Kinesis record containers and what a correct reader must count in it.

    python3 make_containers.py SEED OUT.json EXPECTED.json

The file holds one to four documents, each a Lambda Kinesis event (records with eventID shards),
`aws kinesis get-records` output (no shard), or an empty page, compact or pretty-printed, with 1 to
500 records in all. Each record's data is drawn from real payloads: Pinpoint events (plain or
gzipped), KPL aggregates made by the official aggregator (Tests/Fixtures/decoding/kpl/*.bin), a
gzipped CloudWatch Logs batch, a text line, or data that is not base64 (an error).

The expected counts are worked out here from the payloads themselves (base64, gzip, the KPL
protobuf parsed by hand, CloudWatch Logs logEvents), never from Kinescope's output:
records (one per entry), events, errors and records by shard.
"""
import base64
import glob
import gzip
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "..", "Fixtures", "decoding")
sys.path.insert(0, os.path.join(HERE, "..", "..", "Fixtures", "foreign"))
import expected  # noqa: E402  (the foreign fixtures' independent KPL parser)


def kpl_user_records(data):
    """The user records' data of a KPL aggregate, or None when `data` is not one (the hand-written
    parser of Tests/Fixtures/foreign/expected.py, which checks the MD5 as the deaggregators do)."""
    aggregate = expected.kpl_deaggregate(data)
    return None if aggregate is None else [record["data"] for record in aggregate["records"]]


def events_in(data):
    """How many events one payload holds, unwrapped as DESIGN.md describes."""
    users = kpl_user_records(data)
    if users is not None:
        return sum(events_in(user) for user in users)
    if data[:2] == b"\x1f\x8b":
        return events_in(gzip.decompress(data))
    try:
        value = json.loads(data)
    except ValueError:
        return 1
    if isinstance(value, dict) and value.get("messageType") == "DATA_MESSAGE":
        return len(value["logEvents"])
    if isinstance(value, dict) and value.get("messageType") == "CONTROL_MESSAGE":
        return 0
    return 1


def payload_pool():
    pinpoint = [open(p, "rb").read().strip() for p in sorted(glob.glob(os.path.join(FIXTURES, "pinpoint", "*.json")))]
    kpl = [open(p, "rb").read() for p in sorted(glob.glob(os.path.join(FIXTURES, "kpl", "*.bin")))
           if not p.endswith("bad-checksum.bin")]
    logs = open(os.path.join(FIXTURES, "cloudwatch", "data-message.json.gz"), "rb").read()
    return pinpoint, kpl, logs


def main():
    seed, out_path, expected_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    rng = random.Random(seed)
    pinpoint, kpl, logs = payload_pool()
    total_records = rng.randint(1, 500)
    documents = rng.randint(1, 4)
    cuts = sorted(rng.sample(range(1, total_records), min(documents - 1, total_records - 1))) if total_records > 1 else []
    sizes = [b - a for a, b in zip([0] + cuts, cuts + [total_records])]
    expected = {"records": 0, "events": 0, "errors": 0, "by_shard": {}}
    sequence = 49590338271490256608559692538361571095921575989136588898
    out = []
    for size in sizes:
        lambda_event = rng.random() < 0.6
        entries = []
        for _ in range(size):
            sequence += rng.randint(1, 1000)
            kind = rng.random()
            if kind < 0.45:
                data = rng.choice(pinpoint)
            elif kind < 0.6:
                data = gzip.compress(rng.choice(pinpoint), mtime=0)
            elif kind < 0.75:
                data = rng.choice(kpl)
            elif kind < 0.85:
                data = logs
            elif kind < 0.95:
                data = b"a plain log line %d" % rng.randint(0, 10 ** 6)
            else:
                data = None
            encoded = "not base64 at all!" if data is None else base64.b64encode(data).decode()
            expected["records"] += 1
            if data is None:
                expected["errors"] += 1
                expected["events"] += 1
            else:
                expected["events"] += events_in(data)
            arrival = 1767225600 + rng.randint(0, 86400) + rng.randint(0, 999) / 1000
            key = "pk-%d" % rng.randint(0, 50)
            if lambda_event:
                shard = "shardId-%012d" % rng.randint(0, 3)
                expected["by_shard"][shard] = expected["by_shard"].get(shard, 0) + 1
                entries.append({
                    "kinesis": {"kinesisSchemaVersion": "1.0", "partitionKey": key, "sequenceNumber": str(sequence),
                                "data": encoded, "approximateArrivalTimestamp": arrival},
                    "eventSource": "aws:kinesis", "eventVersion": "1.0",
                    "eventID": "%s:%d" % (shard, sequence), "eventName": "aws:kinesis:record",
                    "invokeIdentityArn": "arn:aws:iam::123456789012:role/lambda-role", "awsRegion": "us-east-1",
                    "eventSourceARN": "arn:aws:kinesis:us-east-1:123456789012:stream/analytics",
                })
            else:
                entries.append({"SequenceNumber": str(sequence), "ApproximateArrivalTimestamp": arrival,
                                "Data": encoded, "PartitionKey": key})
        if lambda_event:
            document = {"Records": entries}
        else:
            document = {"Records": entries, "NextShardIterator": "AAAAAAAAAAF" + "x" * 40, "MillisBehindLatest": 0}
        out.append(json.dumps(document, indent=rng.choice([None, 2, 4])))
        if rng.random() < 0.3:
            # The empty last page of a polling loop: no record, no event.
            out.append(json.dumps({"Records": [], "NextShardIterator": "AAAAAAAAAAG" + "y" * 40,
                                   "MillisBehindLatest": rng.randint(0, 80742000)}))
    with open(out_path, "w") as f:
        f.write("\n".join(out) + "\n")
    with open(expected_path, "w") as f:
        json.dump(expected, f)


if __name__ == "__main__":
    main()
