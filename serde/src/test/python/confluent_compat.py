#!/usr/bin/env python3
"""Confluent's own Python Avro client on the other side of our Java serde.

  produce <bootstrap> <registry-url> <topic> <value-schema-file> <records-file>
      Reads records as tagged JSON lines ({"key": ..., "value": ...}) and produces them
      with confluent_kafka.avro.AvroProducer (key schema "string").
  consume <bootstrap> <registry-url> <topic> <count> <out-file>
      Consumes <count> records with confluent_kafka.avro.AvroConsumer from the beginning
      and writes them as tagged JSON lines.

Tagged JSON carries what plain JSON cannot: {"$decimal": "12.50"}, {"$date": "2026-11-22"},
{"$ts": <epoch millis>}. Exit code 0 on success; errors go to stderr.
"""
import datetime
import decimal
import json
import sys

from confluent_kafka import avro
from confluent_kafka.avro import AvroConsumer, AvroProducer

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def from_tagged(value):
    if isinstance(value, dict):
        if "$decimal" in value:
            return decimal.Decimal(value["$decimal"])
        if "$date" in value:
            return datetime.date.fromisoformat(value["$date"])
        if "$ts" in value:
            return EPOCH + datetime.timedelta(milliseconds=value["$ts"])
        return {k: from_tagged(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_tagged(v) for v in value]
    return value


def to_tagged(value):
    if isinstance(value, decimal.Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, datetime.datetime):
        return {"$ts": (value - EPOCH) // datetime.timedelta(milliseconds=1)}
    if isinstance(value, datetime.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {k: to_tagged(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_tagged(v) for v in value]
    return value


def produce(bootstrap, registry, topic, schema_file, records_file):
    with open(schema_file, encoding="utf-8") as f:
        value_schema = avro.loads(f.read())
    key_schema = avro.loads('"string"')
    producer = AvroProducer(
        {"bootstrap.servers": bootstrap, "schema.registry.url": registry,
         "acks": "all", "enable.idempotence": True},
        default_key_schema=key_schema, default_value_schema=value_schema)
    failures = []

    def delivered(err, msg):
        if err is not None:
            failures.append(str(err))

    count = 0
    with open(records_file, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            producer.produce(topic=topic, key=record["key"], value=from_tagged(record["value"]),
                             on_delivery=delivered)
            producer.poll(0)
            count += 1
    remaining = producer.flush(30)
    if remaining or failures:
        sys.exit("produce failed: %d undelivered, errors %s" % (remaining, failures[:3]))
    print("produced %d" % count)


def consume(bootstrap, registry, topic, count, out_file):
    consumer = AvroConsumer({"bootstrap.servers": bootstrap, "schema.registry.url": registry,
                             "group.id": "confluent-compat-" + topic, "auto.offset.reset": "earliest",
                             "enable.auto.commit": False})
    consumer.subscribe([topic])
    records = []
    misses = 0
    while len(records) < count and misses < 60:
        msg = consumer.poll(1.0)
        if msg is None:
            misses += 1
            continue
        if msg.error():
            sys.exit("consume failed: %s" % msg.error())
        records.append({"key": msg.key(), "value": to_tagged(msg.value()),
                        "partition": msg.partition(), "offset": msg.offset()})
    consumer.close()
    with open(out_file, "w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    if len(records) < count:
        sys.exit("consumed only %d of %d records" % (len(records), count))
    print("consumed %d" % len(records))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "produce":
        produce(*args)
    elif command == "consume":
        consume(args[0], args[1], args[2], int(args[3]), args[4])
    else:
        sys.exit("unknown command " + command)
