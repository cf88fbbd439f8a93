"""TFRecord files of ``tf.train.Example`` protobufs, read and written by hand (no TensorFlow).

A record is ``uint64 length | uint32 masked_crc32c(length) | data | uint32 masked_crc32c(data)``;
an Example is ``Features{map<string, Feature>}`` with Feature one of bytes_list (1), float_list (2)
or int64_list (3). Pure Python + numpy, also importable on its own (tools/ writes golden files with it).
"""

import gzip
import zlib

import numpy as np

try:
    from ...common import _wire
except ImportError:  # loaded by path outside the package (tools/make_golden_dataset_loaders.py)
    import importlib.util as _ilu
    import os as _os

    _spec = _ilu.spec_from_file_location(
        "_wire", _os.path.join(_os.path.dirname(__file__), "..", "..", "common", "_wire.py"))
    _wire = _ilu.module_from_spec(_spec)
    _spec.loader.exec_module(_wire)

_varint, _read_varint = _wire.varint, _wire.read_varint


def _field(num, wire, payload):
    key = _varint((num << 3) | wire)
    if wire == 2:
        return key + _varint(len(payload)) + payload
    return key + payload


def _encode_feature(value):
    arr = value if isinstance(value, (list, tuple)) else [value]
    if isinstance(value, (bytes, str)) or (arr and isinstance(arr[0], (bytes, str))):
        vals = b"".join(_field(1, 2, v.encode() if isinstance(v, str) else v) for v in arr)
        return _field(1, 2, vals)
    a = np.asarray(value)
    if a.dtype.kind == "f":
        return _field(2, 2, _field(1, 2, a.astype("<f4").reshape(-1).tobytes()))
    if a.dtype.kind in "iub":
        packed = b"".join(_varint(int(v)) for v in a.reshape(-1))
        return _field(3, 2, _field(1, 2, packed))
    if a.dtype.kind in "SU":
        return _encode_feature([bytes(v) if a.dtype.kind == "S" else str(v) for v in a.reshape(-1)])
    raise TypeError(f"unsupported feature value {value!r}")


def encode_example(features):
    """``{name: value}`` -> serialized tf.train.Example (ints -> int64_list, floats -> float_list,
    bytes/str -> bytes_list)."""
    entries = b""
    for name, value in features.items():
        entry = _field(1, 2, name.encode()) + _field(2, 2, _encode_feature(value))
        entries += _field(1, 2, entry)
    return _field(1, 2, entries)


def _parse_fields(buf):
    """Yields (field number, wire type, value) of one protobuf message."""
    pos, n = 0, len(buf)
    while pos < n:
        key, pos = _read_varint(buf, pos)
        num, wire = key >> 3, key & 7
        if wire == 0:
            val, pos = _read_varint(buf, pos)
        elif wire == 2:
            ln, pos = _read_varint(buf, pos)
            val = buf[pos:pos + ln]
            pos += ln
        elif wire == 5:
            val = buf[pos:pos + 4]
            pos += 4
        elif wire == 1:
            val = buf[pos:pos + 8]
            pos += 8
        else:
            raise ValueError(f"unsupported protobuf wire type {wire}")
        yield num, wire, val


def _decode_feature(buf):
    for kind, _, body in _parse_fields(buf):
        if kind == 1:
            return "bytes", [bytes(v) for f, _, v in _parse_fields(body) if f == 1]
        if kind == 2:
            vals = []
            for f, wire, v in _parse_fields(body):
                if f == 1:
                    vals.append(np.frombuffer(bytes(v), "<f4"))
            return "float", np.concatenate(vals) if vals else np.zeros(0, np.float32)
        if kind == 3:
            vals = []
            for f, wire, v in _parse_fields(body):
                if f != 1:
                    continue
                if wire == 0:
                    vals.append(v)
                else:
                    p = 0
                    while p < len(v):
                        x, p = _read_varint(v, p)
                        vals.append(x)
            a = np.array([x - (1 << 64) if x >= 1 << 63 else x for x in vals], dtype=np.int64)
            return "int64", a
    return "int64", np.zeros(0, np.int64)


def decode_example(data):
    """serialized tf.train.Example -> ``{name: (kind, values)}`` in file order."""
    out = {}
    for f, _, features in _parse_fields(memoryview(data).tobytes()):
        if f != 1:
            continue
        for f2, _, entry in _parse_fields(features):
            if f2 != 1:
                continue
            name, feat = None, b""
            for f3, _, v in _parse_fields(entry):
                if f3 == 1:
                    name = bytes(v).decode()
                elif f3 == 2:
                    feat = v
            out[name] = _decode_feature(feat)
    return out


def _open(path, compression_type):
    with open(path, "rb") as f:
        raw = f.read()
    if compression_type == "GZIP":
        raw = gzip.decompress(raw)
    elif compression_type == "ZLIB":
        raw = zlib.decompress(raw)
    return raw


def read_records(path, compression_type=""):
    """Yields the raw records of a TFRecord file, checking both CRCs."""
    yield from _wire.iter_records(_open(path, compression_type), f"Invalid TFRecord file, {path}")


def write_records(path, records):
    """Writes serialized records (e.g. ``encode_example`` results) as a TFRecord file."""
    with open(path, "wb") as f:
        for data in records:
            f.write(_wire.frame_record(data))
