"""Protobuf wire-format varints, CRC-32C and TFRecord-style record framing: the one home of the
byte-level pieces that checkpoints (train/_ckpt_format.py), TFRecord files
(dataset/engine/_tfrecord.py) and summary files (train/summary_record.py) share.

Standard library only, so tools can load it by path outside the package.
"""

import struct


def varint(n):
    """Protobuf varint; negative ints as 64-bit two's complement (10 bytes), as protobuf does."""
    n &= (1 << 64) - 1
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def read_varint(buf, pos):
    """(value, next position) of the varint at ``buf[pos]`` (no bounds checks: callers that
    parse untrusted bytes check them)."""
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7


def key(field, wire):
    return varint((field << 3) | wire)


def _crc_table():
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_TABLE = _crc_table()


def crc32c(data):
    """CRC-32C (Castagnoli) of ``data``."""
    c = 0xFFFFFFFF
    t = _TABLE
    for b in data:
        c = t[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def masked_crc32c(data):
    """The masked CRC that TFRecord and MindSpore summary records store."""
    c = crc32c(data)
    return ((((c >> 15) | (c << 17)) & 0xFFFFFFFF) + 0xA282EAD8) & 0xFFFFFFFF


def frame_record(data):
    """``uint64 length | uint32 masked_crc(length) | data | uint32 masked_crc(data)``."""
    head = struct.pack("<Q", len(data))
    return head + struct.pack("<I", masked_crc32c(head)) + data + struct.pack("<I", masked_crc32c(data))


def iter_records(raw, describe):
    """Yields the payloads of framed records in ``raw``, checking lengths and both CRCs; errors
    raise RuntimeError with ``describe`` (e.g. "Invalid TFRecord file, a.tfrecord")."""
    pos = 0
    while pos < len(raw):
        if pos + 12 > len(raw):
            raise RuntimeError(f"{describe} is truncated at byte {pos}.")
        head = raw[pos:pos + 8]
        (length,) = struct.unpack("<Q", head)
        if struct.unpack("<I", raw[pos + 8:pos + 12])[0] != masked_crc32c(head):
            raise RuntimeError(f"{describe}: corrupted record length at byte {pos}.")
        if pos + 16 + length > len(raw):
            raise RuntimeError(f"{describe} is truncated at byte {pos}.")
        data = raw[pos + 12:pos + 12 + length]
        if struct.unpack("<I", raw[pos + 12 + length:pos + 16 + length])[0] != masked_crc32c(data):
            raise RuntimeError(f"{describe}: corrupted record data at byte {pos}.")
        yield data
        pos += 16 + length
