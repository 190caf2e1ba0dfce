#!/usr/bin/env python3
"""Independent expectations for the foreign fixtures in this folder.

Standard library only (json, base64, gzip, zlib, hashlib, re). Nothing here calls or
imports Kinescope: every number is derived from the payload bytes themselves,
following the counting rules of DESIGN.md section 3 and issue 12 items 1, 2 and 4:

records   Each entry of a {"Records": [...]} container (Lambda Kinesis event,
          `aws kinesis get-records` output) is one Kinesis record; an empty list is
          0 records and 0 events. A CloudWatch Logs Lambda trigger event
          {"awslogs": {"data": "<base64 gzip>"}} is 1 record. Any other top-level
          document is 1 record.
events    One per innermost payload after unwrapping a record's data: base64, then
          a KPL aggregate (magic f3 89 9a c2, protobuf, MD5) gives one payload per
          user record, gzip is inflated, a CloudWatch Logs batch (DATA_MESSAGE)
          gives one per logEvent and a CONTROL_MESSAGE none.
by_shard  Records per shard, the shard being the part of `eventID` before the colon.
event_types  Counts of Pinpoint `event_type` over the innermost payloads, or null
          when no innermost payload is a Pinpoint event.

Inputs the rules do not cover (Firehose and Kinesis Data Analytics events, whose
entries live under lower-case "records") are recorded as the raw decoding gives
them: records = entries, events = entries, plus "unwrapped_events" with what full
unwrapping of each entry's data would give, and a note. Inputs that are not valid
JSON get records/events null and a note: they are ambiguous, not guessed.

Usage: python3 expected.py            (writes expected.json next to this file)
       python3 expected.py --check    (exit 1 if expected.json is out of date)
"""

import base64
import binascii
import gzip
import hashlib
import json
import os
import re
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
KPL_MAGIC = b"\xf3\x89\x9a\xc2"
UTF8_BOM = b"\xef\xbb\xbf"


# --------------------------------------------------------------------------- protobuf

def read_varint(buf, pos):
    result = 0
    shift = 0
    while True:
        if pos >= len(buf):
            raise ValueError("truncated varint")
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7
        if shift > 63:
            raise ValueError("varint too long")


def read_fields(buf):
    """Yield (field_number, wire_type, value) for one protobuf message."""
    pos = 0
    while pos < len(buf):
        key, pos = read_varint(buf, pos)
        field, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = read_varint(buf, pos)
        elif wire == 1:
            value, pos = buf[pos:pos + 8], pos + 8
        elif wire == 2:
            length, pos = read_varint(buf, pos)
            if pos + length > len(buf):
                raise ValueError("truncated length-delimited field")
            value, pos = buf[pos:pos + length], pos + length
        elif wire == 5:
            value, pos = buf[pos:pos + 4], pos + 4
        else:
            raise ValueError("unsupported wire type %d" % wire)
        yield field, wire, value


def kpl_deaggregate(blob):
    """Return the user records of a KPL aggregate, or None if blob is not one.

    Format: magic f3 89 9a c2, protobuf AggregatedRecord, 16-byte MD5 of the
    protobuf bytes. AggregatedRecord {1: repeated string partition_key_table,
    2: repeated string explicit_hash_key_table, 3: repeated Record}; Record
    {1: uint64 partition_key_index, 2: uint64 explicit_hash_key_index,
    3: bytes data, 4: repeated Tag}.
    """
    if not blob.startswith(KPL_MAGIC) or len(blob) < len(KPL_MAGIC) + 16:
        return None
    body, digest = blob[len(KPL_MAGIC):-16], blob[-16:]
    if hashlib.md5(body).digest() != digest:
        return None  # the KCL treats a bad checksum as a plain (non-aggregated) record
    pk_table, ehk_table, records = [], [], []
    for field, wire, value in read_fields(body):
        if field == 1 and wire == 2:
            pk_table.append(value.decode("utf-8"))
        elif field == 2 and wire == 2:
            ehk_table.append(value.decode("utf-8"))
        elif field == 3 and wire == 2:
            rec = {"pk_index": None, "ehk_index": None, "data": b""}
            for f, w, v in read_fields(value):
                if f == 1 and w == 0:
                    rec["pk_index"] = v
                elif f == 2 and w == 0:
                    rec["ehk_index"] = v
                elif f == 3 and w == 2:
                    rec["data"] = v
            rec["partition_key"] = (pk_table[rec["pk_index"]]
                                    if rec["pk_index"] is not None and rec["pk_index"] < len(pk_table) else None)
            records.append(rec)
    # partition keys are resolved after the loop too, in case the table came late
    for rec in records:
        if rec["partition_key"] is None and rec["pk_index"] is not None and rec["pk_index"] < len(pk_table):
            rec["partition_key"] = pk_table[rec["pk_index"]]
    return {"partition_keys": pk_table, "explicit_hash_keys": ehk_table, "records": records}


# --------------------------------------------------------------------------- unwrapping

class Tally:
    """What the innermost payloads of one fixture add up to."""

    def __init__(self):
        self.events = 0
        self.event_types = {}
        self.pinpoint = 0
        self.kinds = {}
        self.kpl_aggregates = 0
        self.kpl_user_records = 0
        self.gzip = 0
        self.zlib = 0
        self.cwl_batches = 0
        self.cwl_control = 0
        self.cwl_control_events = 0
        self.not_base64 = []
        self.samples = []

    def payload(self, kind, value=None):
        self.events += 1
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        if len(self.samples) < 3:
            s = value if isinstance(value, str) else json.dumps(value, sort_keys=True) if value is not None else ""
            self.samples.append("%s: %s" % (kind, s[:60]))
        if isinstance(value, dict) and is_pinpoint(value):
            self.pinpoint += 1
            t = value["event_type"]
            self.event_types[t] = self.event_types.get(t, 0) + 1


def is_pinpoint(doc):
    return (isinstance(doc, dict) and isinstance(doc.get("event_type"), str)
            and ("application" in doc or "client" in doc or "event_timestamp" in doc))


def b64(s):
    """Strict base64, or None."""
    if not isinstance(s, str):
        return None
    try:
        return base64.b64decode(s, validate=True)
    except (binascii.Error, ValueError):
        return None


def unwrap_bytes(blob, tally, depth=0):
    if depth > 8:
        tally.payload("binary")
        return
    agg = kpl_deaggregate(blob)
    if agg is not None:
        tally.kpl_aggregates += 1
        tally.kpl_user_records += len(agg["records"])
        for rec in agg["records"]:
            unwrap_bytes(rec["data"], tally, depth + 1)
        return
    if blob[:2] == b"\x1f\x8b":
        try:
            inner = gzip.decompress(blob)
        except (OSError, EOFError, zlib.error):
            tally.payload("binary")
            return
        tally.gzip += 1
        unwrap_bytes(inner, tally, depth + 1)
        return
    if len(blob) >= 2 and blob[0] == 0x78 and (blob[0] * 256 + blob[1]) % 31 == 0:
        try:
            inner = zlib.decompress(blob)
        except zlib.error:
            inner = None
        if inner is not None:
            tally.zlib += 1
            unwrap_bytes(inner, tally, depth + 1)
            return
    if blob.startswith(UTF8_BOM):
        blob = blob[3:]
    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError:
        tally.payload("binary")
        return
    try:
        doc = json.loads(text)
    except ValueError:
        tally.payload("text", text)
        return
    unwrap_document(doc, tally, depth + 1)


def unwrap_document(doc, tally, depth):
    """An innermost JSON document, or a batch that holds several."""
    if isinstance(doc, dict) and doc.get("messageType") in ("DATA_MESSAGE", "CONTROL_MESSAGE"):
        tally.cwl_batches += 1
        if doc["messageType"] == "CONTROL_MESSAGE":
            tally.cwl_control += 1
            tally.cwl_control_events += len(doc.get("logEvents") or [])
            return
        for entry in doc.get("logEvents") or []:
            message = entry.get("message") if isinstance(entry, dict) else None
            inner = None
            if isinstance(message, str):
                try:
                    inner = json.loads(message)
                except ValueError:
                    inner = None
            if is_pinpoint(inner):
                tally.payload("pinpoint", inner)
            else:
                tally.payload("cloudwatch.logs", message if inner is None else inner)
        return
    tally.payload("pinpoint" if is_pinpoint(doc) else "json", doc)


def unwrap_record_data(data, tally):
    blob = b64(data)
    if blob is None:
        tally.not_base64.append(data if isinstance(data, str) else repr(data))
        # Not base64: the string itself is the only payload there is.
        if isinstance(data, str):
            tally.payload("text", data)
        else:
            tally.payload("json", data)
        return
    unwrap_bytes(blob, tally)


# --------------------------------------------------------------------------- per fixture

def shard_of(entry):
    event_id = entry.get("eventID")
    if isinstance(event_id, str) and ":" in event_id:
        return event_id.split(":", 1)[0]
    return None


def arrival_notes(values):
    kinds = set()
    for v in values:
        if isinstance(v, bool) or v is None:
            continue
        if isinstance(v, str):
            kinds.add("string")
        elif isinstance(v, int):
            kinds.add("integer %s" % ("milliseconds" if v > 10 ** 11 else "seconds"))
        elif isinstance(v, float):
            kinds.add("fractional seconds")
    return sorted(kinds)


def expect(name, raw):
    out = {"records": None, "events": None, "by_shard": {}, "event_types": None,
           "bom": raw.startswith(UTF8_BOM), "sha256": hashlib.sha256(raw).hexdigest(),
           "container": None, "notes": ""}
    notes = []
    body = raw[3:] if out["bom"] else raw
    if body[:2] in (b"\xff\xfe", b"\xfe\xff") or body[:4] in (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00"):
        out["container"] = "utf16/32"
        notes.append("UTF-16/32 byte order mark: must be reported as one clear error (issue 12 item 3)")
        out["notes"] = "; ".join(notes)
        return out
    if out["bom"]:
        notes.append("starts with a UTF-8 BOM (EF BB BF) that must be skipped (RFC 8259 8.1, issue 12 item 3)")
    if body[:1].isspace():
        notes.append("document starts with whitespace (%r)" % body[:1].decode())
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        out["container"] = "invalid-json"
        lines = [l for l in body.decode("utf-8", "replace").split("\n") if l.strip()]
        notes.append("NOT valid JSON (%s); ambiguous, so records/events are left null. "
                     "A line-oriented reader would see %d non-empty text lines" % (error, len(lines)))
        odd = sorted({"U+%04X %s" % (ord(c), c) for c in body.decode("utf-8", "replace") if ord(c) > 0x7E})
        if odd:
            notes.append("non-ASCII characters in the text: %s" % ", ".join(odd))
        out["notes"] = "; ".join(notes)
        return out

    tally = Tally()
    if isinstance(doc, dict) and isinstance(doc.get("Records"), list):
        entries = doc["Records"]
        out["records"] = len(entries)
        lambda_shape = sum(1 for e in entries if isinstance(e, dict) and isinstance(e.get("kinesis"), dict))
        getrec_shape = sum(1 for e in entries if isinstance(e, dict) and "Data" in e)
        if not entries:
            out["container"] = "empty-page"
            extra = sorted(k for k in doc if k != "Records")
            notes.append("empty page: {\"Records\": []} with %s; 0 records and 0 events (issue 12 item 2)"
                         % (", ".join(extra) or "nothing else"))
        elif lambda_shape == len(entries):
            out["container"] = "lambda-kinesis-event"
        elif getrec_shape == len(entries):
            out["container"] = "get-records"
        else:
            out["container"] = "records-container"
            notes.append("mixed or unknown entry shapes in Records")
        arrivals = []
        for e in entries:
            if not isinstance(e, dict):
                tally.payload("json", e)
                continue
            if isinstance(e.get("kinesis"), dict):
                data = e["kinesis"].get("data")
                arrivals.append(e["kinesis"].get("approximateArrivalTimestamp"))
            else:
                data = e.get("Data")
                arrivals.append(e.get("ApproximateArrivalTimestamp"))
            shard = shard_of(e)
            if shard is not None:
                out["by_shard"][shard] = out["by_shard"].get(shard, 0) + 1
            unwrap_record_data(data, tally)
        missing = sum(1 for e in entries if not (isinstance(e, dict) and shard_of(e)))
        if missing and entries:
            notes.append("%d of %d records carry no eventID, so no shard; by_shard lists only known shards"
                         % (missing, len(entries)))
        kinds = arrival_notes(arrivals)
        if kinds:
            notes.append("arrival timestamps: %s" % ", ".join(kinds))
        extra = sorted(k for k in doc if k not in ("Records",))
        if extra and entries:
            notes.append("top-level keys besides Records: %s" % ", ".join(extra))
        out["events"] = tally.events
    elif isinstance(doc, dict) and isinstance(doc.get("awslogs"), dict) and "data" in doc["awslogs"]:
        out["container"] = "cloudwatch-logs-trigger"
        out["records"] = 1
        unwrap_record_data(doc["awslogs"]["data"], tally)
        out["events"] = tally.events
        notes.append("CloudWatch Logs Lambda trigger event: 1 record, unwrapped like a Kinesis-delivered batch (issue 12 item 4)")
    elif isinstance(doc, dict) and isinstance(doc.get("records"), list):
        entries = doc["records"]
        meta_key = ("kinesisRecordMetadata" if any(isinstance(e, dict) and "kinesisRecordMetadata" in e for e in entries)
                    else "kinesisStreamRecordMetadata")
        if "applicationArn" in doc:
            out["container"] = "kinesis-analytics-event"
        elif "deliveryStreamArn" in doc or "deliverySteamArn" in doc or "invocationId" in doc:
            out["container"] = "firehose-event"
        else:
            out["container"] = "records-lowercase"
        out["records"] = len(entries)
        out["events"] = len(entries)
        arrivals = []
        for e in entries:
            if not isinstance(e, dict):
                continue
            meta = e.get(meta_key) if isinstance(e.get(meta_key), dict) else {}
            if isinstance(meta.get("shardId"), str):
                out["by_shard"][meta["shardId"]] = out["by_shard"].get(meta["shardId"], 0) + 1
            arrivals.append(e.get("approximateArrivalTimestamp", meta.get("approximateArrivalTimestamp")))
            unwrap_record_data(e.get("data"), tally)
        out["unwrapped_events"] = tally.events
        notes.append("%s (lower-case \"records\"), not covered by the counting rules: records = entries = events "
                     "as the raw decoding gives them; full unwrapping of each entry's data would give %d events"
                     % (out["container"], tally.events))
        if out["by_shard"]:
            notes.append("by_shard from %s.shardId" % meta_key)
        else:
            notes.append("entries carry no shard metadata, so by_shard is empty")
        kinds = arrival_notes(arrivals)
        if kinds:
            notes.append("arrival timestamps: %s" % ", ".join(kinds))
    else:
        out["container"] = "document"
        out["records"] = 1
        unwrap_document(doc, tally, 0)
        out["events"] = tally.events
        notes.append("a plain top-level document: 1 record, 1 event")

    text = body.decode("utf-8", "replace")
    if re.search(r'"approximateArrivalTimestamp"\s*:\s*-?[0-9.]+[eE]', text, re.I):
        notes.append("an arrival timestamp is written in scientific notation (e.g. 1.4285376E9)")
    if isinstance(doc, dict) and isinstance(doc.get("state"), dict):
        types = sorted({type(v).__name__ for v in doc["state"].values()})
        notes.append("time-window event: \"state\" values are %s (%s)"
                     % ("/".join(types), ", ".join("%s=%r" % kv for kv in doc["state"].items())))
    if is_pinpoint(doc):
        et, at = doc.get("event_timestamp"), doc.get("arrival_timestamp")
        if isinstance(et, (int, float)) and isinstance(at, (int, float)) and at < et:
            notes.append("arrival_timestamp (%s) is EARLIER than event_timestamp (%s)" % (at, et))
    if tally.cwl_control_events:
        notes.append("the CONTROL_MESSAGE batch(es) hold %d logEvent(s) that are not counted as events"
                     % tally.cwl_control_events)
    if tally.pinpoint:
        out["event_types"] = dict(sorted(tally.event_types.items()))
    if tally.kpl_aggregates:
        notes.append("KPL: %d aggregate(s) holding %d user records (MD5 verified)"
                     % (tally.kpl_aggregates, tally.kpl_user_records))
    if tally.gzip:
        notes.append("gzip: %d payload(s) inflated" % tally.gzip)
    if tally.zlib:
        notes.append("zlib (RFC 1950, starts 78 xx), NOT gzip: %d payload(s); a gzip-only decoder would "
                     "see binary here (1 undecodable payload) instead of the counts given" % tally.zlib)
    if tally.cwl_batches:
        notes.append("CloudWatch Logs batches: %d (%d CONTROL_MESSAGE)" % (tally.cwl_batches, tally.cwl_control))
    if tally.not_base64:
        uniq = sorted(set(tally.not_base64))
        notes.append("record data is NOT base64 (%s); counted as 1 text payload each (a monitor may report it as "
                     "kind text or error, either way 1 event line)" % ", ".join(repr(u[:40]) for u in uniq))
    if tally.kinds:
        out["payload_kinds"] = dict(sorted(tally.kinds.items()))
    out["notes"] = "; ".join(notes)
    return out


def main():
    results = {}
    for name in sorted(os.listdir(HERE)):
        if not name.endswith(".json") or name == "expected.json":
            continue
        with open(os.path.join(HERE, name), "rb") as f:
            results[name] = expect(name, f.read())
    text = json.dumps(results, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    target = os.path.join(HERE, "expected.json")
    if "--check" in sys.argv[1:]:
        with open(target, encoding="utf-8") as f:
            if f.read() != text:
                print("expected.json is out of date; run python3 expected.py", file=sys.stderr)
                return 1
        return 0
    with open(target, "w", encoding="utf-8") as f:
        f.write(text)
    print("wrote %s (%d fixtures)" % (target, len(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
