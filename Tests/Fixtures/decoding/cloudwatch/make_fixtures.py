#!/usr/bin/env python3
"""Writes the CloudWatch Logs subscription fixtures: each batch as readable JSON and as the gzip
bytes a subscription filter puts on a Kinesis stream (mtime 0, so the bytes are reproducible).
CloudWatchLogsTests reads the .gz files; the tests never run this script.

    python3 Tests/Fixtures/decoding/cloudwatch/make_fixtures.py
"""
import base64
import gzip
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

pinpoint = {
    "event_type": "_session.start", "event_timestamp": 1714550401000, "arrival_timestamp": 1714550401650,
    "event_version": "3.1", "application": {"app_id": "3e9a51c07b2f4d6e8a1c5b7d9f0e2a4c", "sdk": {}},
    "client": {"client_id": "c-logged"}, "device": {"platform": {"name": "android"}},
    "session": {"session_id": "s-logged", "start_timestamp": 1714550401000}, "attributes": {},
    "awsAccountId": "123456789012",
}
inner = {"type": "signup", "user": "u-1"}
lambda_event = {"Records": [{
    "kinesis": {"kinesisSchemaVersion": "1.0", "partitionKey": "pk-logged",
                "sequenceNumber": "49650000000000000000000000000000000000000000000000000001",
                "data": base64.b64encode(json.dumps(inner).encode()).decode(),
                "approximateArrivalTimestamp": 1714550402.5},
    "eventSource": "aws:kinesis", "eventVersion": "1.0",
    "eventID": "shardId-000000000004:49650000000000000000000000000000000000000000000000000001",
    "eventName": "aws:kinesis:record", "awsRegion": "eu-central-1",
    "eventSourceARN": "arn:aws:kinesis:eu-central-1:123456789012:stream/events"}]}

data_message = {
    "messageType": "DATA_MESSAGE",
    "owner": "123456789012",
    "logGroup": "/aws/lambda/checkout",
    "logStream": "2024/05/01/[$LATEST]0f3c5e7a9b1d4e2f",
    "subscriptionFilters": ["checkout-to-kinesis"],
    "logEvents": [
        {"id": "38245196384657289465913847569283746519283746519283746500", "timestamp": 1714550400123,
         "message": "START RequestId: 6a1f0c2e-9b8d-4e7f-a6c5-3b2d1e0f9a8b Version: $LATEST\n"},
        {"id": "38245196384657289465913847569283746519283746519283746501", "timestamp": 1714550400456,
         "message": json.dumps({"level": "WARN", "msg": "slow payment provider", "ms": 2311,
                                "session_id": "s-77", "user_id": "u-77"})},
        {"id": "38245196384657289465913847569283746519283746519283746502", "timestamp": 1714550400789,
         "message": json.dumps(pinpoint)},
        {"id": "38245196384657289465913847569283746519283746519283746503", "timestamp": 1714550401012,
         "message": json.dumps(lambda_event)},
        {"id": "38245196384657289465913847569283746519283746519283746504", "timestamp": 1714550401345,
         "message": "{\"broken\": json"},
    ],
}
control_message = {
    "messageType": "CONTROL_MESSAGE",
    "owner": "CloudwatchLogs",
    "logGroup": "",
    "logStream": "",
    "subscriptionFilters": [],
    "logEvents": [{"id": "", "timestamp": 1714550400000,
                   "message": "CWL CONTROL MESSAGE: Checking health of destination Kinesis stream."}],
}

for name, batch in [("data-message", data_message), ("control-message", control_message)]:
    text = json.dumps(batch, indent=2) + "\n"
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        f.write(text)
    with open(os.path.join(HERE, name + ".json.gz"), "wb") as f:
        f.write(gzip.compress(json.dumps(batch).encode(), mtime=0))
