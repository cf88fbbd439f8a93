"""The MindSpore ``.ckpt`` wire format, written and read by hand (no protobuf, no pickle).

A ``.ckpt`` file is protobuf wire data for ``Checkpoint { repeated Value value = 1; }`` with
``Value { required string tag = 1; TensorProto tensor = 2; MapTensorProto maptensor = 3; }`` and
``TensorProto { repeated int64 dims = 1 (unpacked); required string tensor_type = 2;
required bytes tensor_content = 3; }``, one top-level ``value`` record per tensor (or chunk),
optionally followed by a 17-byte ``b"crc_num" + crc32.to_bytes(10, "big")`` trailer
(tests/fixtures/CKPT_FORMAT.md). The codec is small enough that a generated ``_pb2`` module
would only add a dependency; writing it here also makes the byte layout explicit.
"""

from __future__ import annotations

import binascii

import ml_dtypes
import numpy as np

from ..common import _wire

CRC_MARK = b"crc_num"
TRAILER_LEN = len(CRC_MARK) + 10

# tensor_type string <-> numpy dtype (the strings are ``str(mindspore_dtype)``).
TYPE_TO_NP = {
    "Bool": np.dtype(np.bool_),
    "Int8": np.dtype(np.int8), "Int16": np.dtype(np.int16),
    "Int32": np.dtype(np.int32), "Int64": np.dtype(np.int64),
    "UInt8": np.dtype(np.uint8), "UInt16": np.dtype(np.uint16),
    "UInt32": np.dtype(np.uint32), "UInt64": np.dtype(np.uint64),
    "Float16": np.dtype(np.float16), "BFloat16": np.dtype(ml_dtypes.bfloat16),
    "Float32": np.dtype(np.float32), "Float64": np.dtype(np.float64),
}
# Saved by MindSpore but refused by its loader (see CKPT_FORMAT.md section 3): we do the same.
SAVE_ONLY_TYPES = {"Complex64": np.dtype(np.complex64), "Complex128": np.dtype(np.complex128)}


class CkptFormatError(ValueError):
    """The bytes are not a well-formed checkpoint (truncated, corrupt, missing fields)."""


# ---------------------------------------------------------------------------------- writing
_varint = _wire.varint  # int64 two's complement for negatives, as protobuf writes it


def encode_record(tag: str, dims, tensor_type: str, content) -> list:
    """One ``Checkpoint`` message holding one ``Value``; returned as a list of byte pieces so the
    (possibly huge) content is never copied into a joined buffer."""
    tag_b = tag.encode("utf-8")
    type_b = tensor_type.encode("utf-8")
    content = memoryview(content).cast("B")
    head = bytearray()
    for d in dims:
        head += b"\x08" + _varint(int(d))
    head += b"\x12" + _varint(len(type_b)) + type_b
    head += b"\x1a" + _varint(len(content))
    tensor_len = len(head) + len(content)
    value_head = b"\x0a" + _varint(len(tag_b)) + tag_b + b"\x12" + _varint(tensor_len)
    value_len = len(value_head) + tensor_len
    return [b"\x0a" + _varint(value_len) + value_head + bytes(head), content]


def crc_trailer(crc: int) -> bytes:
    return CRC_MARK + int(crc).to_bytes(10, byteorder="big")


# ---------------------------------------------------------------------------------- reading
def _read_varint(buf, pos, end):
    result = 0
    shift = 0
    while True:
        if pos >= end:
            raise CkptFormatError("truncated varint")
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7
        if shift >= 70:
            raise CkptFormatError("varint too long")


def _fields(buf, pos, end):
    """Yields (field_number, wire_type, value) over one message; length-delimited values are
    (start, stop) offsets, varints are ints. Unknown fields are skipped like protobuf does."""
    while pos < end:
        key, pos = _read_varint(buf, pos, end)
        field, wire = key >> 3, key & 7
        if field == 0:
            raise CkptFormatError("field number 0")
        if wire == 0:
            val, pos = _read_varint(buf, pos, end)
            yield field, wire, val
        elif wire == 2:
            n, pos = _read_varint(buf, pos, end)
            if pos + n > end:
                raise CkptFormatError("truncated message")
            yield field, wire, (pos, pos + n)
            pos += n
        elif wire == 1:
            if pos + 8 > end:
                raise CkptFormatError("truncated fixed64")
            pos += 8
        elif wire == 5:
            if pos + 4 > end:
                raise CkptFormatError("truncated fixed32")
            pos += 4
        else:
            raise CkptFormatError(f"unsupported wire type {wire}")
    if pos != end:
        raise CkptFormatError("truncated message")


def _int64(v):
    v &= (1 << 64) - 1
    return v - (1 << 64) if v >= 1 << 63 else v


def _decode_tensor(buf, start, end):
    dims, ttype, content = [], None, None
    for field, wire, val in _fields(buf, start, end):
        if field == 1 and wire == 0:
            dims.append(_int64(val))
        elif field == 1 and wire == 2:  # packed form (proto3 writers): accept it too
            p, e = val
            while p < e:
                d, p = _read_varint(buf, p, e)
                dims.append(_int64(d))
        elif field == 2 and wire == 2:
            ttype = bytes(buf[val[0]:val[1]]).decode("utf-8", errors="replace")
        elif field == 3 and wire == 2:
            content = buf[val[0]:val[1]]
    if ttype is None or content is None:
        raise CkptFormatError("a tensor record lacks its required 'tensor_type' or 'tensor_content'")
    return dims, ttype, content


def parse_records(buf):
    """Splits checkpoint bytes (trailer already removed) into ``(tag, dims, type, content)``
    tuples in file order; ``content`` is a memoryview into ``buf``. MapTensor records (only
    MindSpore's MapParameter writes them) come back with ``type`` None."""
    buf = memoryview(buf)
    out = []
    for field, wire, val in _fields(buf, 0, len(buf)):
        if field != 1 or wire != 2:
            continue
        tag, tensor, has_map = None, None, False
        for f2, w2, v2 in _fields(buf, val[0], val[1]):
            if f2 == 1 and w2 == 2:
                tag = bytes(buf[v2[0]:v2[1]]).decode("utf-8")
            elif f2 == 2 and w2 == 2:
                tensor = _decode_tensor(buf, v2[0], v2[1])
            elif f2 == 3 and w2 == 2:
                has_map = True
        if tag is None:
            raise CkptFormatError("a record lacks its required 'tag'")
        if tensor is None:
            if not has_map:
                raise CkptFormatError(f"the record '{tag}' holds no tensor")
            out.append((tag, None, None, None))
        else:
            out.append((tag,) + tensor)
    return out


def split_trailer(data):
    """Returns (payload, stored_crc or None): the trailer is stripped whenever present."""
    data = memoryview(data)  # slicing a view does not copy a multi-GB payload
    if len(data) >= TRAILER_LEN and bytes(data[-TRAILER_LEN:-10]) == CRC_MARK:
        return data[:-TRAILER_LEN], int.from_bytes(bytes(data[-10:]), byteorder="big")
    return data, None


def crc32(data, crc=0):
    return binascii.crc32(data, crc)
