#!/usr/bin/env python3
"""Generate kinesis-vectors.json: Kinesis-shaped requests signed by botocore's SigV4Auth.

Not run by the tests. The tests only read the JSON this script wrote once; run it again by hand
(python3 make_kinesis_vectors.py > kinesis-vectors.json) only to add or change a case on purpose.

The clock is fixed by patching botocore.auth.get_current_datetime, so the output is stable.
"""
import datetime
import json
import sys
from unittest import mock

import botocore
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

FIXED_TIME = datetime.datetime(2015, 8, 30, 12, 36, 0)
ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
TOKEN = "FQoGZXIvYXdzEXAMPLESESSIONTOKEN//////////wEaDEXAMPLE+token/value=="

CASES = [
    {
        "name": "list-shards",
        "url": "https://kinesis.us-east-1.amazonaws.com/",
        "region": "us-east-1",
        "target": "Kinesis_20131202.ListShards",
        "body": '{"StreamName":"s"}',
        "token": None,
    },
    {
        "name": "list-shards-session-token",
        "url": "https://kinesis.us-east-1.amazonaws.com/",
        "region": "us-east-1",
        "target": "Kinesis_20131202.ListShards",
        "body": '{"StreamName":"s"}',
        "token": TOKEN,
    },
    {
        "name": "get-records-local-port",
        "url": "http://127.0.0.1:4567/",
        "region": "eu-west-1",
        "target": "Kinesis_20131202.GetRecords",
        "body": '{"ShardIterator":"AAAA/b+c=","Limit":100}',
        "token": None,
    },
]


class RecordingSigV4Auth(SigV4Auth):
    """SigV4Auth that remembers the canonical request and string to sign it computed."""

    def string_to_sign(self, request, canonical_request):
        self.recorded_canonical_request = canonical_request
        self.recorded_string_to_sign = super().string_to_sign(request, canonical_request)
        return self.recorded_string_to_sign


def sign(case):
    headers = {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": case["target"],
    }
    request = AWSRequest(method="POST", url=case["url"], data=case["body"].encode("utf-8"), headers=headers)
    credentials = Credentials(ACCESS_KEY, SECRET_KEY, case["token"])
    auth = RecordingSigV4Auth(credentials, "kinesis", case["region"])
    with mock.patch("botocore.auth.get_current_datetime", return_value=FIXED_TIME):
        auth.add_auth(request)
    canonical = auth.recorded_canonical_request
    string_to_sign = auth.recorded_string_to_sign
    return {
        "name": case["name"],
        "method": "POST",
        "url": case["url"],
        "region": case["region"],
        "service": "kinesis",
        "headers": [[k, v] for k, v in headers.items()],
        "body": case["body"],
        "session_token": case["token"],
        "date": "20150830T123600Z",
        "canonical_request": canonical,
        "string_to_sign": string_to_sign,
        "authorization": request.headers["Authorization"],
        "x_amz_date": request.headers["X-Amz-Date"],
    }


if __name__ == "__main__":
    out = {
        "generator": f"botocore {botocore.__version__} SigV4Auth (make_kinesis_vectors.py)",
        "access_key_id": ACCESS_KEY,
        "secret_access_key": SECRET_KEY,
        "cases": [sign(c) for c in CASES],
    }
    json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
