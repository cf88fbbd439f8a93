"""FileWriter / FileReader / MindPage over the MindRecord format in ``_format.py``."""

import json
import os
import sqlite3
import struct
from enum import Enum

import numpy as np

from . import _format as F


class MSRStatus(Enum):
    SUCCESS = 0
    FAILED = 1


SUCCESS = MSRStatus.SUCCESS
FAILED = MSRStatus.FAILED


class MindRecordException(Exception):
    pass


class ParamValueError(MindRecordException, ValueError):
    pass


class ParamTypeError(MindRecordException, TypeError):
    def __init__(self, name, typ):
        super().__init__(f"Invalid parameter type. '{name}' expect {typ} type.")


class MRMOpenError(MindRecordException):
    pass


class MRMInvalidSchemaError(MindRecordException):
    pass


class MRMDefineIndexError(MindRecordException):
    pass


class MRMValidateDataError(MindRecordException):
    pass


class MRMCommitError(MindRecordException):
    pass


_BLOB_TYPES = ("int32", "int64", "float32", "float64")
_INDEX_SQL = {"int32": "INTEGER", "int64": "INTEGER", "float32": "REAL", "float64": "REAL", "string": "TEXT"}


def _is_blob(spec):
    return spec["type"] == "bytes" or "shape" in spec


def _shard_paths(file_name, shard_num):
    if shard_num == 1:
        return [file_name]
    return [f"{file_name}{i}" for i in range(shard_num)]


def _check_schema(content):
    if not isinstance(content, dict) or not content:
        raise MRMInvalidSchemaError("Invalid schema: schema should be a non-empty dict.")
    for name, spec in content.items():
        if not isinstance(spec, dict) or "type" not in spec:
            raise MRMInvalidSchemaError(f"Invalid schema: field '{name}' must be a dict with a 'type'.")
        t = spec["type"]
        if t not in F.NP_TYPES:
            raise MRMInvalidSchemaError(f"Invalid schema: field '{name}' type is '{t}', "
                                        f"not in {list(F.NP_TYPES)}.")
        if "shape" in spec:
            shape = spec["shape"]
            if t not in _BLOB_TYPES:
                raise MRMInvalidSchemaError(f"Invalid schema: field '{name}' of type '{t}' "
                                            "cannot have a shape.")
            if not isinstance(shape, list) or not shape or sum(1 for s in shape if s == -1) > 1 or \
                    any((not isinstance(s, int)) or (s <= 0 and s != -1) for s in shape):
                raise MRMInvalidSchemaError(f"Invalid schema: field '{name}' shape {shape} is invalid.")
        if set(spec) - {"type", "shape"}:
            raise MRMInvalidSchemaError(f"Invalid schema: field '{name}' has unknown keys "
                                        f"{sorted(set(spec) - {'type', 'shape'})}.")


class FileWriter:
    """``mindspore.mindrecord.FileWriter``: writes ``file_name`` (+ ``.db`` index), split into
    ``shard_num`` files ``file_name0``... when ``shard_num > 1``."""

    def __init__(self, file_name, shard_num=1, overwrite=False):
        if not isinstance(file_name, str):
            raise ParamTypeError("file_name", "str")
        if not isinstance(shard_num, int) or isinstance(shard_num, bool):
            raise ParamTypeError("shard_num", "int")
        if not 1 <= shard_num <= 1000:
            raise ParamValueError(f"Parameter shard_num's value: {shard_num} should between 1 and 1000.")
        if not isinstance(overwrite, bool):
            raise ParamTypeError("overwrite", "bool")
        self._file_name = os.path.abspath(file_name)
        self._paths = _shard_paths(self._file_name, shard_num)
        d = os.path.dirname(self._file_name)
        if not os.path.isdir(d):
            raise MRMOpenError(f"Invalid file, the directory of {file_name} does not exist.")
        if not overwrite:
            for p in self._paths:
                if os.path.exists(p) or os.path.exists(p + ".db"):
                    raise MRMOpenError(f"Invalid file, mindrecord files already exist. Please check file "
                                       f"path: {p}.\nIf you do not want to keep the files, set the "
                                       f"'overwrite' parameter to True and try again.")
        self._shard_num = shard_num
        self._overwrite = overwrite
        self._schema = None
        self._desc = ""
        self._index = None
        self._rows = [[] for _ in range(shard_num)]
        self._header_size = F.HEADER_SIZE
        self._page_size = F.PAGE_SIZE
        self._committed = False
        self._append = False

    # ---- definition
    def add_schema(self, content, desc=None):
        _check_schema(content)
        if self._schema is not None:
            raise MRMInvalidSchemaError("Only one schema can be added to a MindRecord file.")
        self._schema = {k: dict(v) for k, v in content.items()}
        self._desc = "" if desc is None else str(desc)
        return 0

    def add_index(self, index_fields):
        if not isinstance(index_fields, list) or not index_fields:
            raise ParamTypeError("index_fields", "list")
        if self._schema is None:
            raise MRMDefineIndexError("Failed to add index fields: add a schema first.")
        for f in index_fields:
            spec = self._schema.get(f)
            if spec is None or _is_blob(spec):
                raise MRMDefineIndexError(f"Failed to set index field '{f}': it is not a scalar field "
                                          "of the schema (bytes and arrays cannot be indexed).")
        self._index = list(index_fields)
        return SUCCESS

    def set_header_size(self, header_size):
        if not (1 << 14) <= header_size <= (1 << 30):
            raise ParamValueError("Header size should be in [16KB, 1GB].")
        self._header_size = int(header_size)
        return SUCCESS

    def set_page_size(self, page_size):
        if not (1 << 15) <= page_size <= (1 << 37):
            raise ParamValueError("Page size should be in [32KB, 128GB].")
        self._page_size = int(page_size)
        return SUCCESS

    # ---- data
    def _validate(self, row):
        if not isinstance(row, dict):
            raise ParamTypeError("raw_data item", "dict")
        out = {}
        for name, spec in self._schema.items():
            if name not in row:
                raise MRMValidateDataError(f"Invalid data, field '{name}' of the schema is missing in "
                                           f"{list(row)}.")
            v = row[name]
            t = spec["type"]
            if t == "bytes":
                if not isinstance(v, (bytes, bytearray)):
                    raise MRMValidateDataError(f"Invalid data, field '{name}' should be bytes, "
                                               f"got {type(v).__name__}.")
                out[name] = bytes(v)
            elif t == "string":
                if not isinstance(v, str):
                    raise MRMValidateDataError(f"Invalid data, field '{name}' should be str, "
                                               f"got {type(v).__name__}.")
                out[name] = v
            elif "shape" in spec:
                arr = np.asarray(v, dtype=F.NP_TYPES[t])
                shape = spec["shape"]
                if -1 not in shape and list(arr.shape) != list(shape) and arr.size != int(np.prod(shape)):
                    raise MRMValidateDataError(f"Invalid data, field '{name}' shape {list(arr.shape)} "
                                               f"does not match the schema shape {shape}.")
                out[name] = arr
            else:
                if isinstance(v, np.ndarray) and v.size == 1:
                    v = v.item()
                if isinstance(v, (np.integer, np.floating)):
                    v = v.item()
                if t.startswith("int"):
                    if not isinstance(v, int) or isinstance(v, bool):
                        raise MRMValidateDataError(f"Invalid data, field '{name}' should be {t}, "
                                                   f"got {type(v).__name__}.")
                elif not isinstance(v, (int, float)) or isinstance(v, bool):
                    raise MRMValidateDataError(f"Invalid data, field '{name}' should be {t}, "
                                               f"got {type(v).__name__}.")
                out[name] = v
        return out

    def write_raw_data(self, raw_data, parallel_writer=False):
        if not isinstance(parallel_writer, bool):
            raise TypeError("The parameter `parallel_writer` must be bool.")
        if self._committed and not self._append:
            raise RuntimeError("Not allowed to call `write_raw_data` on flushed MindRecord files."
                               "When creating new MindRecord files, please remove `commit` before "
                               "`write_raw_data`. In other cases, when appending to existing MindRecord "
                               "files, please call "
                               "`open_for_append` first and then `write_raw_data`.")
        if self._schema is None:
            raise MRMValidateDataError("Failed to write raw data: add a schema first.")
        if not isinstance(raw_data, list):
            raise ParamTypeError("raw_data", "list")
        rows = [self._validate(r) for r in raw_data]
        n, s = len(rows), self._shard_num
        sizes = [n // s] * s
        for i in range(n % s):  # MindSpore's split varies from run to run; this is one it produces
            sizes[i] += 1
        pos = 0
        for i, k in enumerate(sizes):
            self._rows[i].extend(rows[pos:pos + k])
            pos += k
        return SUCCESS

    def commit(self):
        if self._schema is None:
            raise MRMCommitError("Failed to commit: no schema was added.")
        for sid, path in enumerate(self._paths):
            self._write_shard(sid, path)
        self._committed = True
        return SUCCESS

    def _index_fields(self):
        if self._index is not None:
            return self._index
        return sorted(k for k, v in self._schema.items() if not _is_blob(v))

    def _write_shard(self, sid, path):
        schema = self._schema
        blob_fields = sorted(k for k, v in schema.items() if _is_blob(v))
        raw_fields = sorted(k for k, v in schema.items() if not _is_blob(v))
        saved = 0
        blobs, raws = [], []
        for row in self._rows[sid]:
            parts = []
            for f in blob_fields:
                v = row[f]
                if isinstance(v, bytes):
                    b = v
                elif schema[f]["type"] in ("int32", "int64"):
                    b = F.compress_int(v)
                    saved += v.nbytes - len(b)
                else:
                    b = v.tobytes()
                parts.append(b if len(blob_fields) == 1 else struct.pack(">Q", len(b)) + b)
            body = b"".join(parts)
            blobs.append(struct.pack("<Q", len(body)) + body)
            r = F.mp_pack({f: row[f] for f in raw_fields})
            raws.append(struct.pack("<Q", len(r)) + r)

        # Pages in MindSpore's creation order: each full blob page (one row group) is followed by
        # the raw rows of the same rows, appended to the open raw page (a new one when it is full).
        ps = self._page_size
        for it in blobs + raws:
            if len(it) > ps:
                raise MRMCommitError(f"Invalid data, a row of {len(it)} bytes exceeds the page size {ps}; "
                                     "call set_page_size.")
        groups = []  # (start, end) row ranges, one per blob page
        if blob_fields:
            start, size = 0, 0
            for i, it in enumerate(blobs):
                if size + len(it) > ps:
                    groups.append((start, i))
                    start, size = i, 0
                size += len(it)
            groups.append((start, len(blobs)))
        else:
            groups.append((0, len(raws)))
        pages = []  # dicts: meta + data bytearray
        blob_pos, raw_pos, row_group = [(0, 0, 0)] * len(raws), [None] * len(raws), [0] * len(raws)
        raw_page = None
        n_blob = n_raw = 0
        for g, (a, b) in enumerate(groups):
            if blob_fields:
                bp = {"type": "BLOB_DATA", "tid": n_blob, "data": bytearray(), "start": a, "end": b,
                      "groups": [{"id": 0, "offset": 0}]}
                n_blob += 1
                pages.append(bp)
                for i in range(a, b):
                    blob_pos[i] = (len(pages) - 1, len(bp["data"]), len(bp["data"]) + len(blobs[i]))
                    bp["data"] += blobs[i]
            for i in range(a, b):
                if raw_page is None or len(raw_page["data"]) + len(raws[i]) > ps:
                    raw_page = {"type": "RAW_DATA", "tid": n_raw, "data": bytearray(), "start": 0, "end": 0,
                                "groups": []}
                    n_raw += 1
                    pages.append(raw_page)
                if not raw_page["groups"] or raw_page["groups"][-1]["id"] != g:
                    raw_page["groups"].append({"id": g, "offset": len(raw_page["data"])})
                pid = pages.index(raw_page)
                raw_pos[i] = (pid, len(raw_page["data"]), len(raw_page["data"]) + len(raws[i]))
                row_group[i] = g
                raw_page["data"] += raws[i]
        if raw_page is None:
            pages.append({"type": "RAW_DATA", "tid": 0, "data": b"", "start": 0, "end": 0,
                          "groups": [{"id": 0, "offset": 0}]})
        page_meta = [{"end_row_id": pg["end"], "page_id": pid, "page_size": len(pg["data"]),
                      "page_type": pg["type"], "page_type_id": pg["tid"], "row_group_ids": pg["groups"],
                      "shard_id": sid, "start_row_id": pg["start"]} for pid, pg in enumerate(pages)]
        index_fields = self._index_fields()
        header = {"header_size": self._header_size,
                  "index_fields": [{"index_field": f, "schema_id": 0} for f in index_fields],
                  "page": page_meta, "page_size": self._page_size, "compression_size": saved,
                  "schema": [{"blob_fields": blob_fields, "desc": self._desc, "schema": schema}],
                  "shard_addresses": [os.path.basename(p) for p in self._paths], "shard_id": sid,
                  "statistics": None, "version": F.VERSION}
        # MindSpore's key order: sorted, except compression_size right after page_size
        order = ["header_size", "index_fields", "page", "page_size", "compression_size", "schema",
                 "shard_addresses", "shard_id", "statistics", "version"]
        hj = ("{" + ",".join(json.dumps(k) + ":" + json.dumps(header[k], sort_keys=True,
                                                               separators=(",", ":"))
                             for k in order) + "}").encode()
        if len(hj) + 8 > self._header_size:
            raise MRMCommitError("Invalid header: it is larger than the header size; call set_header_size.")
        for p in (path, path + ".db"):
            if os.path.exists(p):
                os.remove(p)
        with open(path, "wb") as fh:
            fh.write(struct.pack("<Q", len(hj)) + hj)
            for pid, pg in enumerate(pages):
                fh.seek(self._header_size + pid * self._page_size)
                fh.write(bytes(pg["data"]))
        os.chmod(path, 0o600)
        # the SQLite index MindSpore's reader uses
        con = sqlite3.connect(path + ".db")
        cols = "".join(f",INC_{i} INT, {f}_0 {_INDEX_SQL[schema[f]['type']]}"
                       for i, f in enumerate(index_fields))
        pk = "".join(f",INC_{i}" for i in range(len(index_fields)))
        con.execute("CREATE TABLE INDEXES(  ROW_ID               INT  NOT NULL, "
                    "PAGE_ID_RAW          INT  NOT NULL, PAGE_OFFSET_RAW      INT  NOT NULL, "
                    "PAGE_OFFSET_RAW_END  INT  NOT NULL, ROW_GROUP_ID         INT  NOT NULL, "
                    "PAGE_ID_BLOB         INT  NOT NULL, PAGE_OFFSET_BLOB     INT  NOT NULL, "
                    f"PAGE_OFFSET_BLOB_END INT  NOT NULL{cols}, PRIMARY KEY(ROW_ID{pk}));")
        con.execute("CREATE TABLE SHARD_NAME(NAME TEXT NOT NULL);")
        con.execute("INSERT INTO SHARD_NAME (NAME) VALUES (?);", (os.path.basename(path),))
        q = ",".join(["?"] * (8 + 2 * len(index_fields)))
        for rid, row in enumerate(self._rows[sid]):
            rp, bp = raw_pos[rid], blob_pos[rid]
            vals = [rid, rp[0], rp[1], rp[2], row_group[rid], bp[0], bp[1], bp[2]]
            for f in index_fields:
                vals += [0, row[f]]
            con.execute(f"INSERT INTO INDEXES VALUES ({q});", vals)
        con.commit()
        con.close()
        os.chmod(path + ".db", 0o600)

    @classmethod
    def open_for_append(cls, file_name):
        """Reopen committed MindRecord files to add rows (rewritten on ``commit``)."""
        reader = _ShardSet(file_name)
        w = cls.__new__(cls)
        w._file_name = reader.paths[0] if len(reader.paths) == 1 else reader.paths[0][:-1]
        w._paths = reader.paths
        w._shard_num = len(reader.paths)
        w._overwrite = True
        w._schema = reader.schema
        w._desc = reader.desc
        w._index = reader.index_fields
        w._rows = [list(reader.iter_shard(i)) for i in range(len(reader.paths))]
        w._header_size = reader.header_size
        w._page_size = reader.page_size
        w._committed = False
        w._append = True
        return w


def _read_header(path):
    with open(path, "rb") as fh:
        n = struct.unpack("<Q", fh.read(8))[0]
        if n <= 0 or n > (1 << 30):
            raise MRMOpenError(f"Invalid file, {path} is not a MindRecord file.")
        try:
            return json.loads(fh.read(n).decode())
        except ValueError as e:
            raise MRMOpenError(f"Invalid file, {path} is not a MindRecord file.") from e


class _ShardSet:
    """The shards of one MindRecord data set and row decoding."""

    def __init__(self, file_name, all_shards=True):
        if isinstance(file_name, (list, tuple)):
            paths = [os.path.abspath(p) for p in file_name]
        else:
            if not isinstance(file_name, str):
                raise ParamTypeError("file_name", "str or list[str]")
            first = os.path.abspath(file_name)
            if not os.path.isfile(first):
                raise MRMOpenError(f"Invalid file, failed to open file: {file_name}, it does not exist.")
            h = _read_header(first)
            d = os.path.dirname(first)
            paths = [os.path.join(d, a) for a in h["shard_addresses"]] if all_shards else [first]
        for p in paths:
            if not os.path.isfile(p):
                raise MRMOpenError(f"Invalid file, failed to open file: {p}, it does not exist.")
        self.paths = paths
        self.headers = [_read_header(p) for p in paths]
        h0 = self.headers[0]
        sch = h0["schema"][0]
        self.schema = sch["schema"]
        self.desc = sch.get("desc", "")
        self.blob_fields = list(sch.get("blob_fields", []))
        self.raw_fields = sorted(k for k in self.schema if k not in self.blob_fields)
        self.index_fields = [x["index_field"] for x in h0.get("index_fields", [])] or None
        self.header_size = h0["header_size"]
        self.page_size = h0["page_size"]

    def _pages(self, path, header, ptype):
        ps = sorted((p for p in header["page"] if p["page_type"] == ptype), key=lambda p: p["page_id"])
        with open(path, "rb") as fh:
            for p in ps:
                fh.seek(header["header_size"] + p["page_id"] * header["page_size"])
                yield fh.read(p["page_size"])

    @staticmethod
    def _split(pages):
        for data in pages:
            pos = 0
            while pos + 8 <= len(data):
                n = struct.unpack("<Q", data[pos:pos + 8])[0]
                yield data[pos + 8:pos + 8 + n]
                pos += 8 + n

    def _decode_blob(self, body):
        out = {}
        if len(self.blob_fields) == 1:
            chunks = [body]
        else:
            chunks, pos = [], 0
            for _ in self.blob_fields:
                n = struct.unpack(">Q", body[pos:pos + 8])[0]
                chunks.append(body[pos + 8:pos + 8 + n])
                pos += 8 + n
        for f, b in zip(self.blob_fields, chunks):
            spec = self.schema[f]
            t = spec["type"]
            if t == "bytes":
                out[f] = bytes(b)
                continue
            if t in ("int32", "int64"):
                arr = F.decompress_int(bytes(b), F.NP_TYPES[t])
            else:
                arr = np.frombuffer(bytes(b), F.NP_TYPES[t]).copy()
            shape = spec.get("shape", [-1])
            try:
                arr = arr.reshape(shape)
            except ValueError:
                pass
            out[f] = arr
        return out

    def iter_shard(self, i):
        path, header = self.paths[i], self.headers[i]
        raws = self._split(self._pages(path, header, "RAW_DATA"))
        if self.blob_fields:
            blobs = self._split(self._pages(path, header, "BLOB_DATA"))
            for r, b in zip(raws, blobs):
                row = F.mp_unpack(r)
                row.update(self._decode_blob(b))
                yield row
        else:
            for r in raws:
                yield F.mp_unpack(r)

    def rows(self):
        for i in range(len(self.paths)):
            yield from self.iter_shard(i)


class FileReader:
    """``mindspore.mindrecord.FileReader``: iterates the rows of MindRecord files as dicts."""

    def __init__(self, file_name, num_consumer=4, columns=None, operator=None):
        if not isinstance(num_consumer, int) or not 1 <= num_consumer <= (os.cpu_count() or 1) * 8 + 64:
            raise ParamValueError(f"Parameter num_consumer: {num_consumer} should be positive int.")
        self._set = _ShardSet(file_name, all_shards=not isinstance(file_name, (list, tuple)))
        if columns is not None:
            if not isinstance(columns, list) or not columns:
                raise ParamTypeError("columns", "list")
            bad = [c for c in columns if c not in self._set.schema]
            if bad:
                raise MRMValidateDataError(f"Invalid data, columns {bad} are not in the schema.")
        self._columns = columns
        self._closed = False

    def get_next(self):
        order = self._set.raw_fields + self._set.blob_fields
        for row in self._set.rows():
            if self._closed:
                return
            keys = self._columns if self._columns is not None else order
            yield {k: row[k] for k in keys}

    def len(self):
        return sum(1 for _ in self._set.rows())

    def schema(self):
        return dict(self._set.schema)

    def close(self):
        self._closed = True


class MindPage:
    """``mindspore.mindrecord.MindPage``: rows grouped by the values of one index (category) field."""

    def __init__(self, file_name, num_consumer=4):
        self._set = _ShardSet(file_name, all_shards=not isinstance(file_name, (list, tuple)))
        self._rows = list(self._set.rows())
        self._field = None

    @property
    def candidate_fields(self):
        return list(self._set.index_fields or [])

    def get_category_fields(self):
        return self.candidate_fields

    def set_category_field(self, category_field):
        if category_field not in self.candidate_fields:
            raise ParamValueError(f"Candidate category field: {category_field} is not in "
                                  f"{self.candidate_fields}.")
        self._field = category_field
        return SUCCESS

    @property
    def category_field(self):
        return self._field

    @category_field.setter
    def category_field(self, value):
        self.set_category_field(value)

    def _groups(self):
        if self._field is None:
            raise MRMValidateDataError("Set a category field first (set_category_field).")
        groups = {}
        for r in self._rows:
            groups.setdefault(r[self._field], []).append(r)
        return groups

    def read_category_info(self):
        g = self._groups()
        items = sorted(g.items(), key=lambda x: x[0])
        cats = [{"id": i, "name": str(k), "count": len(v)} for i, (k, v) in enumerate(items)]
        return json.dumps({"categories": cats, "categories_number": len(cats)})

    def _page(self, rows, page, num_row):
        if page < 0 or num_row <= 0:
            raise ParamValueError("page should be >= 0 and num_row > 0.")
        return rows[page * num_row:(page + 1) * num_row]

    def read_at_page_by_id(self, category_id, page, num_row):
        g = sorted(self._groups().items(), key=lambda x: x[0])
        if not 0 <= category_id < len(g):
            raise ParamValueError(f"Category id {category_id} is out of range.")
        return self._page(g[category_id][1], page, num_row)

    def read_at_page_by_name(self, category_name, page, num_row):
        for k, v in self._groups().items():
            if str(k) == str(category_name):
                return self._page(v, page, num_row)
        return []
