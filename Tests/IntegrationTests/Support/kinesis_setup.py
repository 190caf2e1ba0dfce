#!/usr/bin/env python3
"""Sets up Kinesis state in moto for KinesisMotoTests and reports it as JSON on stdout.

Each subcommand prints one JSON object. Credentials and region come from the environment the
test gives (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION); the endpoint is --endpoint-url.

  create --stream S --shards N           create a stream (moto makes it ACTIVE at once)
  put --stream S --count N [--start K]   PutRecords; data is JSON {"id", "partition_key", "n"}
                                          -> {"records": [{"id", "partition_key", "shard", "sequence"}]}
  split --stream S [--shard ID]          SplitShard at the middle of the shard's hash range
  update-shard-count --stream S --target N
  list --stream S                        ListShards -> {"shards": [...]}
  dump --stream S                        every record stored in every shard, read from TRIM_HORIZON
                                          -> {"records": [{"shard", "sequence", "id", "partition_key"}]}
  delete --stream S                      DeleteStream (moto removes it at once)
  iam-user --user U                      IAM user + inline policy allowing kinesis:* + access key
                                          -> {"access_key_id", "secret_access_key"}
"""

import argparse
import json
import random
import sys

import boto3
from botocore.config import Config


def client(args, service):
    config = Config(retries={"max_attempts": 2, "mode": "standard"}, connect_timeout=5, read_timeout=30)
    return boto3.client(service, endpoint_url=args.endpoint_url, region_name=args.region, config=config)


def shard_json(shard):
    ranges = shard["SequenceNumberRange"]
    return {
        "shard": shard["ShardId"],
        "parent": shard.get("ParentShardId"),
        "adjacent_parent": shard.get("AdjacentParentShardId"),
        "starting_hash": shard["HashKeyRange"]["StartingHashKey"],
        "ending_hash": shard["HashKeyRange"]["EndingHashKey"],
        "starting_sequence": ranges["StartingSequenceNumber"],
        "ending_sequence": ranges.get("EndingSequenceNumber"),
    }


def list_shards(kinesis, stream):
    shards, token = [], None
    while True:
        page = kinesis.list_shards(NextToken=token) if token else kinesis.list_shards(StreamName=stream)
        shards += page["Shards"]
        token = page.get("NextToken")
        if not token:
            return shards


def partition_key(rng, n):
    """Varied keys: a small population of users (repeats), one-off device ids, and non-ASCII text."""
    choice = n % 4
    if choice == 0:
        return f"user-{rng.randrange(200)}"
    if choice == 1:
        return f"device-{rng.getrandbits(64):016x}"
    if choice == 2:
        return f"clé-ü-{rng.randrange(50)}"
    return str(rng.randrange(10**9))


def cmd_create(args):
    kinesis = client(args, "kinesis")
    kinesis.create_stream(StreamName=args.stream, ShardCount=args.shards)
    return {"stream": args.stream, "shards": [shard_json(s) for s in list_shards(kinesis, args.stream)]}


def cmd_put(args):
    kinesis = client(args, "kinesis")
    rng = random.Random(args.seed * 1_000_003 + args.start)
    out = []
    for begin in range(args.start, args.start + args.count, 500):
        entries = []
        for n in range(begin, min(begin + 500, args.start + args.count)):
            key = partition_key(rng, n)
            record_id = f"{args.prefix}{n:06d}"
            data = json.dumps({"id": record_id, "partition_key": key, "n": n}, ensure_ascii=False).encode()
            entries.append((record_id, key, data))
        answer = kinesis.put_records(StreamName=args.stream,
                                     Records=[{"Data": d, "PartitionKey": k} for _, k, d in entries])
        if answer.get("FailedRecordCount"):
            raise SystemExit(f"PutRecords failed for {answer['FailedRecordCount']} records")
        for (record_id, key, _), result in zip(entries, answer["Records"]):
            out.append({"id": record_id, "partition_key": key,
                        "shard": result["ShardId"], "sequence": result["SequenceNumber"]})
    return {"records": out}


def cmd_split(args):
    kinesis = client(args, "kinesis")
    shards = list_shards(kinesis, args.stream)
    open_shards = [s for s in shards if "EndingSequenceNumber" not in s["SequenceNumberRange"]]
    shard = next(s for s in open_shards if s["ShardId"] == args.shard) if args.shard else open_shards[0]
    low, high = int(shard["HashKeyRange"]["StartingHashKey"]), int(shard["HashKeyRange"]["EndingHashKey"])
    kinesis.split_shard(StreamName=args.stream, ShardToSplit=shard["ShardId"], NewStartingHashKey=str((low + high) // 2))
    return {"split": shard["ShardId"], "shards": [shard_json(s) for s in list_shards(kinesis, args.stream)]}


def cmd_update_shard_count(args):
    kinesis = client(args, "kinesis")
    kinesis.update_shard_count(StreamName=args.stream, TargetShardCount=args.target, ScalingType="UNIFORM_SCALING")
    return {"shards": [shard_json(s) for s in list_shards(kinesis, args.stream)]}


def cmd_delete(args):
    client(args, "kinesis").delete_stream(StreamName=args.stream)
    return {"deleted": args.stream}


def cmd_list(args):
    return {"shards": [shard_json(s) for s in list_shards(client(args, "kinesis"), args.stream)]}


def cmd_dump(args):
    kinesis = client(args, "kinesis")
    out = []
    for shard in list_shards(kinesis, args.stream):
        iterator = kinesis.get_shard_iterator(StreamName=args.stream, ShardId=shard["ShardId"],
                                              ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        while iterator:
            page = kinesis.get_records(ShardIterator=iterator, Limit=10000)
            for record in page["Records"]:
                try:
                    record_id = json.loads(record["Data"])["id"]
                except (ValueError, KeyError, TypeError):
                    record_id = None
                out.append({"shard": shard["ShardId"], "sequence": record["SequenceNumber"],
                            "id": record_id, "partition_key": record["PartitionKey"]})
            if not page["Records"]:
                break
            iterator = page.get("NextShardIterator")
    return {"records": out}


def cmd_iam_user(args):
    iam = client(args, "iam")
    iam.create_user(UserName=args.user)
    policy = {"Version": "2012-10-17",
              "Statement": [{"Effect": "Allow", "Action": "kinesis:*", "Resource": "*"}]}
    iam.put_user_policy(UserName=args.user, PolicyName="kinesis-all", PolicyDocument=json.dumps(policy))
    key = iam.create_access_key(UserName=args.user)["AccessKey"]
    return {"access_key_id": key["AccessKeyId"], "secret_access_key": key["SecretAccessKey"]}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--endpoint-url", required=True)
    parser.add_argument("--region", default="us-east-1")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("create")
    p.add_argument("--stream", required=True)
    p.add_argument("--shards", type=int, default=1)
    p.set_defaults(run=cmd_create)

    p = sub.add_parser("put")
    p.add_argument("--stream", required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--start", type=int, default=0)
    p.add_argument("--prefix", default="rec-")
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(run=cmd_put)

    p = sub.add_parser("split")
    p.add_argument("--stream", required=True)
    p.add_argument("--shard")
    p.set_defaults(run=cmd_split)

    p = sub.add_parser("update-shard-count")
    p.add_argument("--stream", required=True)
    p.add_argument("--target", type=int, required=True)
    p.set_defaults(run=cmd_update_shard_count)

    p = sub.add_parser("list")
    p.add_argument("--stream", required=True)
    p.set_defaults(run=cmd_list)

    p = sub.add_parser("delete")
    p.add_argument("--stream", required=True)
    p.set_defaults(run=cmd_delete)

    p = sub.add_parser("dump")
    p.add_argument("--stream", required=True)
    p.set_defaults(run=cmd_dump)

    p = sub.add_parser("iam-user")
    p.add_argument("--user", required=True)
    p.set_defaults(run=cmd_iam_user)

    args = parser.parse_args()
    json.dump(args.run(args), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
