#!/usr/bin/env python3
"""Writes the KPL aggregation fixtures with the official aggregator (pip install aws-kinesis-agg).

Each fixture is NAME.bin (the aggregated record's data, exactly what PutRecord would send) and
NAME.json (the user records that went in: partition key, explicit hash key or null, data as base64,
plus the aggregate's own partition key). KPLFixtureTests decodes every .bin and compares it with
its .json. The tests never run this script; run it again only to change the fixtures on purpose:

    python3 Tests/Fixtures/decoding/kpl/make_fixtures.py
"""
import base64
import gzip
import json
import os

from aws_kinesis_agg.aggregator import RecordAggregator

HERE = os.path.dirname(os.path.abspath(__file__))


def pinpoint_event(event_type, client, session, millis):
    return json.dumps({
        "event_type": event_type,
        "event_timestamp": millis,
        "arrival_timestamp": millis + 812,
        "event_version": "3.1",
        "application": {"app_id": "5e1f2a7c9b3d4e8fa0c6b2d4e6f8a0b1", "sdk": {}},
        "client": {"client_id": client},
        "device": {"platform": {"name": "android"}},
        "session": {"session_id": session, "start_timestamp": millis - 4000},
        "attributes": {"screen": "checkout"},
        "awsAccountId": "123456789012",
    }, separators=(",", ":")).encode()


def cloudwatch_batch():
    batch = {
        "messageType": "DATA_MESSAGE",
        "owner": "123456789012",
        "logGroup": "/aws/lambda/checkout",
        "logStream": "2024/05/01/[$LATEST]0f3c5e7a9b1d",
        "subscriptionFilters": ["to-kinesis"],
        "logEvents": [
            {"id": "38000000000000000000000000000000000000000000000000000001", "timestamp": 1714550400123,
             "message": "START RequestId: 7d2e Version: $LATEST\n"},
            {"id": "38000000000000000000000000000000000000000000000000000002", "timestamp": 1714550400456,
             "message": json.dumps({"level": "WARN", "msg": "slow payment provider", "ms": 2311})},
        ],
    }
    return gzip.compress(json.dumps(batch).encode(), mtime=0)


def aggregate(records):
    aggregator = RecordAggregator()
    for pk, ehk, data in records:
        assert aggregator.add_user_record(pk, data, ehk) is None, "fixture too big for one record"
    agg = aggregator.clear_and_get()
    pk, ehk, data = agg.get_contents()
    return pk, data


def write(name, records):
    pk, data = aggregate(records)
    with open(os.path.join(HERE, name + ".bin"), "wb") as f:
        f.write(data)
    expected = {
        "aggregate_partition_key": pk,
        "records": [
            {"partition_key": rpk, "explicit_hash_key": rehk, "data": base64.b64encode(rdata).decode()}
            for rpk, rehk, rdata in records
        ],
    }
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(expected, f, indent=2, ensure_ascii=False)
        f.write("\n")
    return data


def main():
    base = 1714550400000
    write("pinpoint-three", [
        ("c-1", None, pinpoint_event("_session.start", "c-1", "s-1", base)),
        ("c-2", None, pinpoint_event("addToCart", "c-2", "s-2", base + 1500)),
        ("c-1", None, pinpoint_event("_session.stop", "c-1", "s-1", base + 9000)),
    ])
    # Shared partition keys, explicit hash keys on some records only, and payloads of every kind.
    write("mixed-keys", [
        ("user-7", "170141183460469231731687303715884105728", b'{"type":"click","user":"7"}'),
        ("user-8", None, b"plain text line"),
        ("user-7", "170141183460469231731687303715884105728", bytes([0, 1, 2, 250, 251, 252])),
        ("user-9", "85070591730234615865843651857942052864", b'{"type":"view","user":"9"}'),
        ("user-8", "85070591730234615865843651857942052864", b'{"type":"view","user":"8"}'),
    ])
    write("single", [("only-key", None, b'{"name":"ping","attributes":{"n":"1"}}')])
    write("unicode-keys", [
        ("ключ", None, "событие".encode()),
        ("キー🚀", None, b'{"event":"launch"}'),
    ])
    write("gzip-cloudwatch", [
        ("/aws/lambda/checkout", None, cloudwatch_batch()),
        ("other", None, b'{"type":"after-the-batch"}'),
    ])
    write("many", [("pk-%d" % (i % 17), None, ('{"seq":%d}' % i).encode()) for i in range(200)])

    # The same bytes with the checksum's last byte flipped: deaggregators treat it as an ordinary record.
    with open(os.path.join(HERE, "pinpoint-three.bin"), "rb") as f:
        good = bytearray(f.read())
    good[-1] ^= 0xFF
    with open(os.path.join(HERE, "bad-checksum.bin"), "wb") as f:
        f.write(bytes(good))


if __name__ == "__main__":
    main()
