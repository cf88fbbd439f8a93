"""The MindRecord on-disk format, as MindSpore 2.x writes it (checked against real files).

A shard file ``NAME`` is:

* a header region of ``header_size`` bytes (default 16 MiB): an 8-byte little-endian length,
  then that many bytes of JSON (keys sorted), zero padded;
* pages of ``page_size`` bytes (default 32 MiB), page ``i`` at ``header_size + i * page_size``;
  every page but the last is full size (zero padded), the last is cut at its used size.
  BLOB_DATA pages hold, per row, an 8-byte LE length then the blob fields (sorted by name; with
  several blob fields each is prefixed by an 8-byte BIG-endian length). int32/int64 blob arrays
  are compressed: 4-byte BE element count, a 2-bit-per-element width map (MSB first; 0=int8,
  1=int16, 2=int32, 3=int64) and the values little-endian at that width. RAW_DATA pages hold, per
  row, an 8-byte LE length then a MessagePack map of the scalar fields (keys sorted).

``NAME.db`` is an SQLite index (tables INDEXES and SHARD_NAME) that MindSpore's reader needs;
our reader walks the pages from the header and does not need it.
"""

import struct

import numpy as np

HEADER_SIZE = 1 << 24
PAGE_SIZE = 1 << 25
VERSION = "3.0"

# schema type -> numpy dtype of the values MindSpore hands back
NP_TYPES = {"int32": np.int32, "int64": np.int64, "float32": np.float32, "float64": np.float64,
            "string": None, "bytes": None}


# -------------------------------------------------------------------- MessagePack (the subset used)

def mp_pack(obj):
    out = bytearray()
    _pack(obj, out)
    return bytes(out)


def _pack(v, out):
    if v is None:
        out += b"\xc0"
    elif isinstance(v, (bool, np.bool_)):
        out += b"\xc3" if v else b"\xc2"
    elif isinstance(v, (int, np.integer)):
        v = int(v)
        if 0 <= v < 128:
            out.append(v)
        elif -32 <= v < 0:
            out += struct.pack("b", v)
        elif v >= 0:
            for code, fmt, lim in ((0xcc, ">B", 1 << 8), (0xcd, ">H", 1 << 16), (0xce, ">I", 1 << 32),
                                   (0xcf, ">Q", 1 << 64)):
                if v < lim:
                    out.append(code)
                    out += struct.pack(fmt, v)
                    return
            raise OverflowError(v)
        else:
            for code, fmt, lim in ((0xd0, ">b", 1 << 7), (0xd1, ">h", 1 << 15), (0xd2, ">i", 1 << 31),
                                   (0xd3, ">q", 1 << 63)):
                if v >= -lim:
                    out.append(code)
                    out += struct.pack(fmt, v)
                    return
            raise OverflowError(v)
    elif isinstance(v, (float, np.floating)):
        v = float(v)
        f32 = np.float32(v)
        if float(f32) == v or v != v:  # nlohmann's msgpack: float32 when lossless
            out.append(0xca)
            out += struct.pack(">f", f32)
        else:
            out.append(0xcb)
            out += struct.pack(">d", v)
    elif isinstance(v, str):
        b = v.encode("utf-8")
        n = len(b)
        if n < 32:
            out.append(0xa0 | n)
        elif n < 256:
            out += bytes([0xd9, n])
        elif n < 65536:
            out.append(0xda)
            out += struct.pack(">H", n)
        else:
            out.append(0xdb)
            out += struct.pack(">I", n)
        out += b
    elif isinstance(v, dict):
        n = len(v)
        if n < 16:
            out.append(0x80 | n)
        elif n < 65536:
            out.append(0xde)
            out += struct.pack(">H", n)
        else:
            out.append(0xdf)
            out += struct.pack(">I", n)
        for k in sorted(v):
            _pack(k, out)
            _pack(v[k], out)
    else:
        raise TypeError(f"cannot store {type(v).__name__} in a MindRecord raw field")


def mp_unpack(b):
    v, _ = _unpack(b, 0)
    return v


def _unpack(b, i):
    c = b[i]
    i += 1
    if c < 0x80:
        return c, i
    if c >= 0xe0:
        return c - 256, i
    if 0x80 <= c <= 0x8f:
        return _unpack_map(b, i, c & 0x0f)
    if 0xa0 <= c <= 0xbf:
        n = c & 0x1f
        return b[i:i + n].decode("utf-8"), i + n
    if c == 0xc0:
        return None, i
    if c in (0xc2, 0xc3):
        return c == 0xc3, i
    fixed = {0xca: ">f", 0xcb: ">d", 0xcc: ">B", 0xcd: ">H", 0xce: ">I", 0xcf: ">Q",
             0xd0: ">b", 0xd1: ">h", 0xd2: ">i", 0xd3: ">q"}
    if c in fixed:
        fmt = fixed[c]
        n = struct.calcsize(fmt)
        return struct.unpack(fmt, b[i:i + n])[0], i + n
    if c in (0xd9, 0xda, 0xdb, 0xc4, 0xc5, 0xc6):
        w = {0xd9: 1, 0xc4: 1, 0xda: 2, 0xc5: 2, 0xdb: 4, 0xc6: 4}[c]
        n = int.from_bytes(b[i:i + w], "big")
        i += w
        raw = bytes(b[i:i + n])
        return (raw.decode("utf-8") if c in (0xd9, 0xda, 0xdb) else raw), i + n
    if c in (0xde, 0xdf):
        w = 2 if c == 0xde else 4
        return _unpack_map(b, i + w, int.from_bytes(b[i:i + w], "big"))
    if 0x90 <= c <= 0x9f:
        out = []
        for _ in range(c & 0x0f):
            v, i = _unpack(b, i)
            out.append(v)
        return out, i
    raise ValueError(f"unsupported MessagePack code 0x{c:02x} in MindRecord raw data")


def _unpack_map(b, i, n):
    d = {}
    for _ in range(n):
        k, i = _unpack(b, i)
        v, i = _unpack(b, i)
        d[k] = v
    return d, i


# -------------------------------------------------------------------- integer blob compression

_WIDTH_CODE = ((np.int8, 0), (np.int16, 1), (np.int32, 2), (np.int64, 3))
_CODE_DTYPE = {0: "<i1", 1: "<i2", 2: "<i4", 3: "<i8"}


def compress_int(arr):
    flat = np.asarray(arr).astype(np.int64).ravel()
    out = bytearray(struct.pack(">I", flat.size))
    codes = np.full(flat.size, 3, np.uint8)
    for dt, code in reversed(_WIDTH_CODE):
        info = np.iinfo(dt)
        codes[(flat >= info.min) & (flat <= info.max)] = code
    nmap = (flat.size + 3) // 4
    padded = np.zeros(nmap * 4, np.uint8)
    padded[:flat.size] = codes
    p = padded.reshape(-1, 4)
    out += ((p[:, 0] << 6) | (p[:, 1] << 4) | (p[:, 2] << 2) | p[:, 3]).astype(np.uint8).tobytes()
    for v, code in zip(flat.tolist(), codes.tolist()):
        out += int(v).to_bytes(1 << code, "little", signed=True)
    return bytes(out)


def decompress_int(b, dtype):
    n = struct.unpack(">I", b[:4])[0]
    nmap = (n + 3) // 4
    m = np.frombuffer(b, np.uint8, nmap, 4)
    codes = np.stack([(m >> 6) & 3, (m >> 4) & 3, (m >> 2) & 3, m & 3], 1).ravel()[:n]
    out = np.empty(n, np.int64)
    pos = 4 + nmap
    for k, code in enumerate(codes.tolist()):
        w = 1 << code
        out[k] = int.from_bytes(b[pos:pos + w], "little", signed=True)
        pos += w
    return out.astype(dtype)
