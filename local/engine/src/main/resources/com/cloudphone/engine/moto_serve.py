"""Serves moto (DynamoDB, DynamoDB Streams, EventBridge, SQS, Secrets Manager) on loopback, one request at a time.

moto_server as shipped runs each request on a thread, and its TransactWriteItems is not atomic then; its WSGI app
served by one thread is. The changes to the stock server, all outside moto's code:
  * one request at a time (werkzeug with threaded=False, HTTP/1.0, so no idle connection holds the server);
  * a transaction that fails is undone item by item, instead of by a copy of every table it names taken before it
    starts (moto's way costs time in proportion to the table: 450 ms a transaction at 20,000 items);
  * a Query reads only what it can match: moto gathers and sorts every item of the table for each Query
    (all_items), so a one-partition Query cost time in proportion to the whole table, on the base table and on an
    index alike (an index's key values are mapped once after each write); on the base table only the items whose
    sort key meets the key condition go to moto, which would otherwise sort the whole partition first;
  * an answer's AttributeValues are written as they are (they are already in wire form), not member by member
    through the service model, which took half of the engine's time; and the list of moto's own modules is read
    once, not twice per request;
  * the JSONPath expressions EventBridge uses to deliver an event to a target are parsed once, not per event;
  * with --data DIR, every write that succeeded is appended to DIR/journal.jsonl and flushed to disk before its
    answer goes out, and replayed at the next start: a clean stop and a kill -9 both keep what was acknowledged.
It prints "ready PORT" once it listens, and stops when its standard input closes (the parent process ended).
"""
import argparse
import base64
import copy
import io
import json
import logging
import os
import signal
import sys
import threading

READ_ONLY = ("Get", "Describe", "List", "Query", "Scan", "BatchGet", "TransactGet", "Receive",
             "ChangeMessageVisibility")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--data", help="folder for the journal; in memory without it")
    args = parser.parse_args()
    try:
        from werkzeug.serving import WSGIRequestHandler, make_server
        from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
        from moto.dynamodb import models as dynamodb_models
        from moto.dynamodb.models.table import Table
    except ImportError as e:
        print("moto is missing (%s): install it with `pip install 'moto[server]==5.2.1'`" % e, file=sys.stderr)
        sys.exit(3)
    for name in ("werkzeug", "moto", "botocore"):
        logging.getLogger(name).setLevel(logging.ERROR)

    undo_transactions_by_item(dynamodb_models, Table)
    query_by_partition(Table)
    cache_jsonpath_parsers()
    serialize_attribute_values_directly()
    list_moto_modules_once()
    app = CountingWrites(DomainDispatcherApplication(create_backend_app))
    journal = None
    if args.data:
        # the journal holds every write, secrets included (the local signing key): owner only
        os.makedirs(args.data, mode=0o700, exist_ok=True)
        path = os.path.join(args.data, "journal.jsonl")
        replay(app, path)
        journal = os.fdopen(os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600), "ab")
        os.chmod(path, 0o600)
        app = Journaled(app, journal)

    class Quiet(WSGIRequestHandler):
        def log_request(self, *a, **k):
            pass

    # Ctrl-C in a terminal reaches the whole process group: the parent stops this process once it is done with it
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    server = make_server(args.host, args.port, app, threaded=False, request_handler=Quiet)
    threading.Thread(target=stop_when_parent_ends, args=(journal,), daemon=True).start()
    print("ready %d" % server.server_port, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


def stop_when_parent_ends(journal):
    sys.stdin.read()
    if journal:
        journal.close()
    os._exit(0)


def undo_transactions_by_item(models, table_class):
    """Keeps the items a transaction names (and each table's stream length); a cancelled one puts them back."""
    original = models.DynamoDBBackend.transact_write_items
    real_copy = models.copy
    no_table_copy = type("NoTableCopy", (), {
        "deepcopy": staticmethod(lambda x, memo=None: x if isinstance(x, table_class) else copy.deepcopy(x, memo)),
        "copy": staticmethod(copy.copy)})

    def transact_write_items(self, transact_items):
        saved, streams = [], {}
        for entry in transact_items:
            op = next(iter(entry.values()))
            table = self.tables.get(op.get("TableName"))
            if table is None:
                continue
            key = op.get("Key") or {a: op["Item"][a] for a in (table.hash_key_attr, table.range_key_attr)
                                    if a and a in op.get("Item", {})}
            try:
                hash_value, range_value = key_values(table, key)
                before = table.get_item(hash_value, range_value)
            except Exception:
                continue  # moto answers for a malformed key itself
            saved.append((table, hash_value, range_value, copy.deepcopy(before)))
            if table.stream_shard is not None:
                streams[id(table)] = (table.stream_shard, len(table.stream_shard.items))
        models.copy = no_table_copy
        try:
            return original(self, transact_items)
        except Exception:
            for table, hash_value, range_value, before in reversed(saved):
                put_back(table, hash_value, range_value, before)
            for shard, length in streams.values():
                del shard.items[length:]
            raise
        finally:
            models.copy = real_copy

    models.DynamoDBBackend.transact_write_items = transact_write_items


WRITES_SEEN = [0]


class CountingWrites:
    """Counts the requests that may change something (every one that is not a read), before each runs: an index
    kept for Queries is good until the next one."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        if not target or not target.rsplit(".", 1)[-1].startswith(READ_ONLY):
            WRITES_SEEN[0] += 1
        return self.app(environ, start_response)


def query_by_partition(table_class):
    """A Query sees, as all_items, only what it can match: the key's partition on the base table; on an index, the
    items whose index key has the value asked for (found through a map of the index's key values, built at the
    first Query after a write). moto checks and sorts what it gets itself in both cases."""
    from moto.dynamodb.comparisons import get_comparison_func
    original = table_class.query
    by_index = {}

    def index_items(table, index_name):
        index = next((i for i in table.all_indexes() if i.name == index_name), None)
        if index is None:
            return None, None
        hash_attrs = [k["AttributeName"] for k in index.schema if k["KeyType"] == "HASH"]
        cached = by_index.get((id(table), index_name))
        if cached is None or cached[0] != WRITES_SEEN[0]:
            values = {}
            for part in table.items.values():
                for item in (part.values() if table.range_key_attr else [part]):
                    if all(a in item.attrs for a in hash_attrs):
                        key = item.attrs[hash_attrs[0]] if len(hash_attrs) == 1 else None
                        values.setdefault(key, []).append(item)
            cached = (WRITES_SEEN[0], values, len(hash_attrs))
            by_index[(id(table), index_name)] = cached
        return cached[1], cached[2]

    def in_range(partition, comparison, objs):
        """The partition's items whose sort key meets the key condition, found before moto sorts: moto sorts the
        whole partition with Python comparisons, then tests each item (100 ms for 8,000 items)."""
        if not comparison:
            return list(partition.values())
        if comparison == "BEGINS_WITH" and objs[0].type == "S":
            prefix = objs[0].value
            return [item for key, item in partition.items() if key.type == "S" and key.value.startswith(prefix)]
        compare = get_comparison_func(comparison)
        values = [o.cast_value for o in objs]
        return [item for key, item in partition.items() if compare(key.cast_value, *values)]

    def query(self, hash_key, *args, **kwargs):
        index_name = kwargs.get("index_name", args[6] if len(args) > 6 else None)
        if index_name is None and hash_key is not None and self.range_key_attr:
            partition = self.items.get(hash_key, {})
            candidates = lambda: in_range(partition, args[0] if args else kwargs.get("range_comparison"),
                                          args[1] if len(args) > 1 else kwargs.get("range_objs"))
        else:
            values, attrs = index_items(self, index_name) if index_name is not None else (None, None)
            if values is not None and attrs == 1 and hash_key is not None:
                candidates = lambda: list(values.get(hash_key, []))
            elif values is not None:
                candidates = lambda: [item for found in values.values() for item in found]
            else:
                candidates = lambda: [item for part in self.items.values()
                                      for item in (part.values() if self.range_key_attr else [part])]
        self.all_items = candidates
        try:
            return original(self, hash_key, *args, **kwargs)
        finally:
            del self.all_items

    table_class.query = query


class NotPlain(Exception):
    pass


def attribute_value_json(value):
    """A DynamoDB AttributeValue (moto hands them over as {type: value} dicts, binary as bytes) as it goes on the
    wire; NotPlain for anything else, which then takes moto's own route."""
    if not isinstance(value, dict) or len(value) != 1:
        raise NotPlain()
    (kind, inner), = value.items()
    if kind in ("S", "N"):
        if isinstance(inner, str):
            return value
    elif kind in ("SS", "NS"):
        if isinstance(inner, list) and all(isinstance(x, str) for x in inner):
            return value
    elif kind in ("BOOL", "NULL"):
        if isinstance(inner, bool):
            return value
    elif kind == "B":
        if isinstance(inner, (bytes, bytearray)):
            return {"B": base64.b64encode(inner).decode("utf-8")}
    elif kind == "BS":
        if isinstance(inner, list) and all(isinstance(x, (bytes, bytearray)) for x in inner):
            return {"BS": [base64.b64encode(x).decode("utf-8") for x in inner]}
    elif kind == "L":
        if isinstance(inner, list):
            return {"L": [attribute_value_json(x) for x in inner]}
    elif kind == "M":
        if isinstance(inner, dict):
            return {"M": {k: attribute_value_json(x) for k, x in inner.items()}}
    raise NotPlain()


def serialize_attribute_values_directly():
    """moto 5.2 writes every answer by walking the service's shape model, and for each AttributeValue it asks for
    all ten members by name through its attribute picker: about half of all the engine's time, in proportion to
    the items an answer holds. An AttributeValue is already in its wire form but for binary (base64), so it is
    written as it is; anything unexpected goes the model's way."""
    from moto.core import serialize
    original = serialize.BaseJSONSerializer._serialize_type_structure

    def structure(self, serialized, value, shape, key):
        if shape.name == "AttributeValue" and value is not None:
            try:
                self._default_serialize(serialized, attribute_value_json(value), shape, key)
                return
            except NotPlain:
                pass
        original(self, serialized, value, shape, key)

    serialize.BaseJSONSerializer._serialize_type_structure = structure


def list_moto_modules_once():
    """moto's dispatcher lists and stats its own package folder twice for every request, to tell a service name
    from a host name; the folder does not change while it runs."""
    from moto import backends
    modules = tuple(backends.list_of_moto_modules())
    backends.list_of_moto_modules = lambda: modules


def cache_jsonpath_parsers():
    """moto's EventBridge builds a new JSONPath parser for each of the eight paths of each event it delivers to a
    target (about 75 ms apiece); the same eight strings parse to the same expressions, so keep them."""
    import functools
    import jsonpath_ng.ext
    jsonpath_ng.ext.parse = functools.lru_cache(maxsize=256)(jsonpath_ng.ext.parse)


def key_values(table, key):
    from moto.dynamodb.models.dynamo_type import DynamoType
    hash_value = DynamoType(key[table.hash_key_attr])
    range_value = DynamoType(key[table.range_key_attr]) if table.range_key_attr else None
    return hash_value, range_value


def put_back(table, hash_value, range_value, before):
    if table.range_key_attr:
        bucket = table.items[hash_value]
        if before is None:
            bucket.pop(range_value, None)
            if not bucket:
                table.items.pop(hash_value, None)
        else:
            bucket[range_value] = before
    elif before is None:
        table.items.pop(hash_value, None)
    else:
        table.items[hash_value] = before


def operation(environ, body):
    target = environ.get("HTTP_X_AMZ_TARGET")
    if target:
        return target.rsplit(".", 1)[-1]
    if body and b"Action=" in body:
        for part in body.split(b"&"):
            if part.startswith(b"Action="):
                return part[len(b"Action="):].decode()
    return environ.get("REQUEST_METHOD", "GET") + " " + environ.get("PATH_INFO", "")


def writes(op):
    return not op.startswith(READ_ONLY) and not op.startswith(("GET ", "HEAD "))


KEPT_HEADERS = ("CONTENT_TYPE", "CONTENT_LENGTH", "HTTP_HOST", "HTTP_X_AMZ_TARGET", "HTTP_AUTHORIZATION",
                "HTTP_CONTENT_TYPE", "HTTP_X_AMZ_DATE", "HTTP_USER_AGENT", "HTTP_X_AMZ_JSON_VERSION",
                "HTTP_X_AMZN_QUERY_MODE", "REQUEST_METHOD", "PATH_INFO", "QUERY_STRING", "SERVER_NAME",
                "SERVER_PORT")


class Journaled:
    def __init__(self, app, journal):
        self.app = app
        self.journal = journal

    def __call__(self, environ, start_response):
        body = read_body(environ)
        op = operation(environ, body)
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"] = status
            captured["headers"] = headers
            return lambda data: None

        answer = b"".join(self.app(environ, capture))
        if writes(op) and captured["status"].startswith("2"):
            record = {k: environ[k] for k in KEPT_HEADERS if k in environ}
            record["body"] = base64.b64encode(body).decode()
            self.journal.write(json.dumps(record).encode() + b"\n")
            self.journal.flush()
            os.fsync(self.journal.fileno())
        start_response(captured["status"], captured["headers"])
        return [answer]


def read_body(environ):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    environ["wsgi.input"] = io.BytesIO(body)
    return body


def replay(app, path):
    if not os.path.exists(path):
        return
    good = 0
    with open(path, "rb") as f:
        lines = f.readlines()
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            break  # a record cut short by a crash was never acknowledged
        body = base64.b64decode(record.pop("body"))
        environ = dict(record)
        environ.update({"wsgi.input": io.BytesIO(body), "wsgi.url_scheme": "http", "wsgi.errors": sys.stderr,
                        "wsgi.version": (1, 0), "wsgi.multithread": False, "wsgi.multiprocess": False,
                        "wsgi.run_once": False, "SERVER_PROTOCOL": "HTTP/1.0", "CONTENT_LENGTH": str(len(body))})
        b"".join(app(environ, lambda status, headers, exc_info=None: (lambda data: None)))
        good += len(line)
    if good < os.path.getsize(path):
        with open(path, "r+b") as f:
            f.truncate(good)


if __name__ == "__main__":
    main()
