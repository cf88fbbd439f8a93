"""``ms.SummaryRecord``: writes MindSpore summary files (the format MindInsight reads).

The file is MindSpore's own: ``<prefix>.out.events.summary.<time>.<device_id>.<host><suffix>``, a
sequence of records framed like TFRecord (uint64 length, masked CRC-32C of it, the bytes, masked
CRC-32C of them), each a serialized ``mindspore.irpb.Event`` (summary.proto): the first carries
``version = "MindSpore.Event:1"``, then one Event per ``record(step)`` with a ``Summary`` holding
scalar / tensor (TensorProto with float_data) / image (PNG) / histogram values, filled exactly as
MindSpore's ``_summary_adapter`` does. The protobuf messages are encoded here by hand (a few
fields), so no generated proto module is needed; ``read_events`` decodes them back.

Values come from ``add_value`` and from the summary operators (``ops/_impl/summary_ops.py``)
run since the last ``record``; names get MindSpore's ``tag[:Scalar]``-style plugin suffix
internally. Writing is synchronous (MindSpore uses a writer pool); graph, lineage and landscape
plugins are accepted and not written.
"""

from __future__ import annotations

import atexit
import io
import logging
import os
import platform
import re
import stat
import struct
import threading
import time
from collections import defaultdict

import numpy as np

from ..common import _wire
from ..common.tensor import Tensor
from ..ops._impl import summary_ops

_log = logging.getLogger("mindspore_jax")
_instance_lock = threading.Lock()

EVENT_FILE_NAME_MARK = ".out.events.summary."
EVENT_FILE_INIT_VERSION = "MindSpore.Event:1"
_PLUGIN_OF_OP = {"TensorSummary": "Tensor", "ScalarSummary": "Scalar", "ImageSummary": "Image",
                 "HistogramSummary": "Histogram"}
_DT = {np.bool_: 1, np.int8: 2, np.int16: 3, np.int32: 4, np.int64: 5, np.uint8: 6, np.uint16: 7,
       np.uint32: 8, np.uint64: 9, np.float16: 10, np.float32: 11, np.float64: 12}
F32_MIN, F32_MAX = np.finfo(np.float32).min, np.finfo(np.float32).max


# --- record framing and varints: common/_wire.py ----------------------------------------------------

crc32c, frame_record = _wire.crc32c, _wire.frame_record
_varint, _read_varint = _wire.varint, _wire.read_varint


def read_records(path):
    """The record payloads of a summary file (CRCs checked)."""
    with open(path, "rb") as f:
        return list(_wire.iter_records(f.read(), f"Invalid summary file, {path}"))


def _key(field, wire):
    return _varint((field << 3) | wire)


def _f_varint(field, v):
    return _key(field, 0) + _varint(int(v)) if v else b""


def _f_double(field, v):
    return _key(field, 1) + struct.pack("<d", float(v)) if v else b""


def _f_float(field, v):
    return _key(field, 5) + struct.pack("<f", float(v)) if v else b""


def _f_bytes(field, b):
    return _key(field, 2) + _varint(len(b)) + b


def _f_packed_float(field, vals):
    return _f_bytes(field, np.asarray(vals, "<f4").tobytes()) if len(vals) else b""


def _f_packed_varint(field, vals):
    return _f_bytes(field, b"".join(_varint(int(v)) for v in vals)) if len(vals) else b""


def _tensor_proto(np_value):
    dt = _DT.get(np_value.dtype.type)
    if dt is None:
        raise TypeError("Transform numpy type failed in Summary, expect numpy type is one of "
                        "['np.bool_', 'np.int8', 'np.int16', 'np.int32', 'np.int64', 'np.uint8', "
                        "'np.uint16', 'np.uint32', 'np.uint64', 'np.float16', 'np.float32', "
                        "'np.float64'].")
    return (_f_packed_varint(1, np_value.shape) + _f_varint(2, dt)
            + _f_packed_float(3, np_value.reshape(-1).astype(np.float32)))


def _calc_histogram_bins(count):
    if not count:
        return 1
    if count <= 5:
        return 2
    if count <= 10:
        return 3
    if count <= 880:
        return count // 10 + 1
    return 90


def _histogram_proto(np_value):
    ma = np.ma.masked_invalid(np_value)
    total, valid = np_value.size, ma.count()
    invalids = []
    for isfn in np.isnan, np.isposinf, np.isneginf:
        invalids.append(np.count_nonzero(isfn(np_value)) if total - valid > sum(invalids) else 0)
    hmin = hmax = hsum = 0.0
    buckets = b""
    if valid:
        if issubclass(np_value.dtype.type, np.floating):
            hmin, hmax = float(ma.min(fill_value=np.inf)), float(ma.max(fill_value=-np.inf))
        else:
            hmin, hmax = float(ma.min()), float(ma.max())
        hsum = float(ma.sum(dtype=np.float64))
        first, last = hmin, hmax
        if not first < last:
            first -= 0.5
            last += 0.5
        bins = np.linspace(first, last, _calc_histogram_bins(valid) + 1, dtype=np_value.dtype)
        hists, edges = np.histogram(np_value, bins=bins)
        for h, e1, e2 in zip(hists, edges, edges[1:]):
            b = _f_double(1, e1) + _f_double(2, e2 - e1) + _f_varint(3, h)
            buckets += _f_bytes(1, b)
    return (buckets + _f_varint(2, invalids[0]) + _f_varint(3, invalids[1])
            + _f_varint(4, invalids[2]) + _f_double(5, hmax) + _f_double(6, hmin)
            + _f_double(7, hsum) + _f_varint(8, total))


def _canvas(t, col_imgs=8):
    if t.shape[1] == 1:
        t = np.concatenate([t, t, t], 1)
    n, h, w = t.shape[0], t.shape[2], t.shape[3]
    cols = min(n, col_imgs)
    rows = int(np.ceil(float(n) / cols))
    out = np.zeros((3, h * rows, w * cols))
    i = 0
    for y in range(rows):
        for x in range(cols):
            if i >= n:
                break
            out[:, y * h:(y + 1) * h, x * w:(x + 1) * w] = t[i]
            i += 1
    return out


def _image_proto(tag, np_value):
    if np_value.ndim != 4 or np_value.shape[1] not in (1, 3) or 0 in np_value.shape:
        _log.error("The dimension of Summary tensor should be 4 or second dimension should be 1 "
                   "or 3, but got tag = %s, ndim = %d, shape=%s, which means Summary tensor is "
                   "not Image.", tag, np_value.ndim, np_value.shape)
        return None
    from PIL import Image

    t = _canvas(np_value).transpose(1, 2, 0)
    scale, shift = 1, 0
    mx, mn = np.max(t), np.min(t)
    if t.dtype == np.uint8:
        scale = 1
    elif mx <= 1 and mn >= 0:
        scale = 255
    else:
        if mx != mn:
            scale = 255 / (mx - mn + 1)
        shift = mn
    t = ((t.astype(np.float32) - shift) * scale).astype(np.uint8)
    h, w, c = t.shape
    img = Image.fromarray(t).resize((w, h), Image.LANCZOS)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return _f_varint(1, h) + _f_varint(2, w) + _f_varint(3, c) + _f_bytes(4, buf.getvalue())


def _summary_value(plugin, tag, np_value):
    body = _f_bytes(1, tag.encode())
    if plugin == "scalar":
        if np_value.size == 0:
            return None
        body += _key(3, 5) + struct.pack("<f", float(next(np_value.flat)))
    elif plugin == "tensor":
        body += _f_bytes(8, _tensor_proto(np_value))
    elif plugin == "image":
        img = _image_proto(tag, np_value)
        if img is None:
            return None
        body += _f_bytes(4, img)
    elif plugin == "histogram":
        body += _f_bytes(9, _histogram_proto(np_value))
    return _f_bytes(1, body)


def _event(wall_time, step=None, version=None, summary=None):
    out = _key(1, 1) + struct.pack("<d", wall_time)
    if step is not None:
        out += _f_varint(2, step)
    if version is not None:
        out += _f_bytes(3, version.encode())
    if summary is not None:
        out += _f_bytes(5, summary)
    return out


# --- protobuf wire format (decode, for reading files back) ------------------------------------------

def _fields(b):
    pos, out = 0, []
    while pos < len(b):
        key, pos = _read_varint(b, pos)
        field, wire = key >> 3, key & 7
        if wire == 0:
            v, pos = _read_varint(b, pos)
        elif wire == 1:
            v = b[pos:pos + 8]
            pos += 8
        elif wire == 5:
            v = b[pos:pos + 4]
            pos += 4
        elif wire == 2:
            n, pos = _read_varint(b, pos)
            v = b[pos:pos + n]
            pos += n
        else:
            raise ValueError(f"unsupported wire type {wire}")
        out.append((field, wire, v))
    return out


def _dec_double(v):
    return struct.unpack("<d", v)[0]


def _dec_packed_varints(v):
    out, pos = [], 0
    while pos < len(v):
        n, pos = _read_varint(v, pos)
        out.append(n)
    return out


def _decode_value(b):
    d = {}
    for f, _w, v in _fields(b):
        if f == 1:
            d["tag"] = v.decode()
        elif f == 3:
            d["scalar_value"] = struct.unpack("<f", v)[0]
        elif f == 4:
            img = {}
            for g, _, u in _fields(v):
                img[{1: "height", 2: "width", 3: "colorspace", 4: "encoded_image"}[g]] = u
            d["image"] = img
        elif f == 8:
            t = {"dims": [], "data_type": 0, "float_data": []}
            for g, w, u in _fields(v):
                if g == 1:
                    t["dims"] += _dec_packed_varints(u) if w == 2 else [u]
                elif g == 2:
                    t["data_type"] = u
                elif g == 3:
                    t["float_data"] += (np.frombuffer(u, "<f4").tolist() if w == 2
                                        else [struct.unpack("<f", u)[0]])
            d["tensor"] = t
        elif f == 9:
            h = {"buckets": [], "nan_count": 0, "pos_inf_count": 0, "neg_inf_count": 0,
                 "max": 0.0, "min": 0.0, "sum": 0.0, "count": 0}
            for g, _, u in _fields(v):
                if g == 1:
                    bk = {"left": 0.0, "width": 0.0, "count": 0}
                    for k, _, z in _fields(u):
                        if k == 3:
                            bk["count"] = z
                        else:
                            bk[{1: "left", 2: "width"}[k]] = _dec_double(z)
                    h["buckets"].append(bk)
                else:
                    name = {2: "nan_count", 3: "pos_inf_count", 4: "neg_inf_count", 5: "max",
                            6: "min", 7: "sum", 8: "count"}[g]
                    h[name] = _dec_double(u) if g in (5, 6, 7) else u
            d["histogram"] = h
    return d


def read_events(path):
    """Decodes a summary file into a list of dicts (wall_time, step, version, values)."""
    events = []
    for rec in read_records(path):
        e = {"wall_time": 0.0, "step": 0}
        for f, _w, v in _fields(rec):
            if f == 1:
                e["wall_time"] = _dec_double(v)
            elif f == 2:
                e["step"] = v
            elif f == 3:
                e["version"] = v.decode()
            elif f == 5:
                e["values"] = [_decode_value(u) for g, _, u in _fields(v) if g == 1]
        events.append(e)
    return events


# --- SummaryRecord ----------------------------------------------------------------------------------

def _check_str_by_regular(name, target):
    if not re.match(r"^[\w\-.:/]*$", target):
        raise ValueError(f"'{name}' {target!r} is illegal, it must match regular expression "
                         "'^[\\w\\-.:/]*$'.")


def _to_numpy(owner, plugin, value):
    np_value = np.array(value.asnumpy() if isinstance(value, Tensor) else value, copy=True)
    if plugin == "scalar" and np_value.size != 1:
        raise ValueError(f'For "{owner}", the v rank must be less than or equal to 1, but got '
                         f'{len(np_value)}.')
    if plugin == "image" and np_value.ndim != 4:
        raise ValueError(f'For "{owner}", the tensor seems not to hold a valid image.')
    if plugin in ("tensor", "histogram") and np_value.ndim == 0:
        raise ValueError(f'For "{owner}", the value should not be empty.')
    return np_value


class SummaryRecord:
    """``ms.SummaryRecord(log_dir, ...)``: records summary data (see the module docstring)."""

    count = 0

    def __init__(self, log_dir, file_prefix="events", file_suffix="_MS", num_process=32,
                 network=None, max_file_size=None, raise_exception=False, export_options=None):
        self._check_count()
        with _instance_lock:
            self._check_count()
            SummaryRecord.count += 1
        try:
            if not isinstance(log_dir, str) or not log_dir:
                raise TypeError(f"For 'SummaryRecord', the 'log_dir' should be a non-empty str, "
                                f"but got {log_dir!r}.")
            if not isinstance(max_file_size, (int, type(None))) or isinstance(max_file_size, bool):
                raise TypeError("For 'SummaryRecord', the 'max_file_size' should be int type, but "
                                f"got type {type(max_file_size)}")
            if not isinstance(file_prefix, str) or not isinstance(file_suffix, str):
                raise TypeError("For 'SummaryRecord', `file_prefix` and `file_suffix`  should be "
                                f"str, but got type {type(file_prefix)}")
            _check_str_by_regular("file_prefix", file_prefix)
            _check_str_by_regular("file_suffix", file_suffix)
            if not isinstance(raise_exception, bool):
                raise TypeError("For 'SummaryRecord', the 'raise_exception' should be bool, but "
                                f"got {type(raise_exception).__name__}.")
            if export_options is not None:
                if not isinstance(export_options, dict):
                    raise TypeError("For 'SummaryRecord', the 'export_options' should be dict or "
                                    f"None, but got {type(export_options).__name__}.")
                bad = set(export_options) - {"tensor_format"}
                if bad:
                    raise ValueError(f'For "SummaryRecord", the keys {bad} of "export_options" are '
                                     "unsupported, expect the follow keys: ['tensor_format']")
                if export_options.get("tensor_format") not in ("npy", None):
                    raise ValueError(f'For "SummaryRecord", the export_format '
                                     f'{ {export_options.get("tensor_format")} } of '
                                     '"export_options" are unsupported for tensor_format, expect '
                                     "the follow values: ['npy', None]")
        except (TypeError, ValueError):
            SummaryRecord.count -= 1
            raise
        if max_file_size is not None and max_file_size < 0:
            _log.warning("For 'SummaryRecord', the 'max_file_size' should be greater than 0. but got "
                         "value %s.", max_file_size)
            max_file_size = None
        self.base_log_dir = log_dir
        self.file_prefix, self.file_suffix = file_prefix, file_suffix
        self.network = network
        self.max_file_size = max_file_size
        self.raise_exception = raise_exception
        self._num_process = num_process
        self._export_options = export_options
        self._mode = "train"
        self._data_pool = defaultdict(list)
        self._closed = False
        self._file = None
        os.makedirs(log_dir, exist_ok=True)
        t = str(int(time.time()))
        self._time = t
        from ..context import get_context

        try:
            device_id = int(get_context("device_id") or 0)
        except Exception:  # noqa: BLE001
            device_id = 0
        name = f"{file_prefix}{EVENT_FILE_NAME_MARK}{t}.{device_id}.{platform.node()}{file_suffix}"
        self.file_info = {"file_name": name,
                          "file_path": os.path.join(os.path.realpath(log_dir), name)}
        del summary_ops.SUMMARY_TENSOR_CACHE[:]
        atexit.register(self.close)

    @classmethod
    def _check_count(cls):
        if cls.count > 0:
            raise RuntimeError(
                f"For '{cls.__name__}', only one instance is supported in a training process, "
                "you are trying to create a new one when the existing instance number is "
                f"{cls.count}. Please check your scripts.")

    def __enter__(self):
        if self._closed:
            raise ValueError(f'For "{type(self).__name__}", SummaryRecord has been closed, please '
                             "check if close() method is called")
        return self

    def __exit__(self, *err):
        self.close()

    @property
    def log_dir(self):
        return self.file_info["file_path"]

    def set_mode(self, mode):
        if mode not in ("train", "eval"):
            raise ValueError(f'For "{type(self).__name__}.set_mode", {mode!r} is not a recognized '
                             'mode, expect the parameter "mode" is "train" or "eval"')
        self._mode = mode

    def add_value(self, plugin, name, value):
        """Adds a value to write at the next ``record`` (plugins scalar/tensor/image/histogram;
        graph and lineage plugins are accepted and not written)."""
        if plugin in ("tensor", "scalar", "image", "histogram"):
            if not name or not isinstance(name, str):
                raise ValueError(f'For "{type(self).__name__}", the parameter "name" type should be '
                                 f"str, but got {type(name)}.")
            if not isinstance(value, Tensor):
                raise TypeError(f'For "{type(self).__name__}", the parameter "value" expect to be '
                                f"Tensor, but got {type(value).__name__}")
            np_value = _to_numpy(type(self).__name__, plugin, value)
            if name in {item["tag"] for item in self._data_pool[plugin]}:
                _log.warning("For \"%s.add_value\", %r has duplicate values. Only the newest one "
                             "will be recorded.", type(self).__name__, f"{name}/{plugin}")
            self._data_pool[plugin].append({"tag": name, "value": np_value})
        elif plugin in ("train_lineage", "eval_lineage", "dataset_graph", "custom_lineage_data",
                        "graph", "LANDSCAPE"):
            self._data_pool[plugin].append({"tag": name, "value": value})
        else:
            raise ValueError(f'For "{type(self).__name__}.add_value", no such "plugin" of '
                             f"{plugin!r} , expect value is one of [tensor, scalar, image, "
                             "histogram, train_lineage, eval_lineage, dataset_graph, "
                             "custom_lineage_data, graph, landscape]")

    def _add_summary_tensor_data(self):
        cache = list(summary_ops.SUMMARY_TENSOR_CACHE)
        del summary_ops.SUMMARY_TENSOR_CACHE[:]
        latest = {}
        for op_name, tag, value in cache:  # the newest value of each name (MindSpore's dict)
            latest[(tag, _PLUGIN_OF_OP[op_name].lower())] = value
        # MindSpore's order: sorted by the internal name 'tag[:Type]'
        for (tag, plugin), value in sorted(latest.items(),
                                           key=lambda kv: f"{kv[0][0]}[:{kv[0][1].title()}]"):
            self.add_value(plugin, tag, Tensor(value))

    def record(self, step, train_network=None, plugin_filter=None):
        """Writes the values added since the last call (and those of the summary operators) as
        one Event of ``step``. Returns True, or False when closed."""
        if not isinstance(step, int) or isinstance(step, bool):
            raise TypeError(f"For 'record', the type of 'step' should be one of '['int']', but got "
                            f"type '{type(step).__name__}'.")
        if self._closed:
            _log.error("For '%s', The record writer is closed, please check if close() method is "
                       "called", type(self).__name__)
            return False
        if self._mode == "train":
            self._add_summary_tensor_data()
        else:
            del summary_ops.SUMMARY_TENSOR_CACHE[:]
        pool, self._data_pool = self._data_pool, defaultdict(list)
        try:
            self._write(step, pool, plugin_filter)
        except (RuntimeError, OSError) as e:
            if self.raise_exception:
                raise
            _log.error("SummaryRecord failed to write: %s", e)
        return True

    def _write(self, step, pool, plugin_filter):
        values = []
        for plugin in list(pool):  # MindSpore's order: plugins in the order they were first added
            if plugin not in ("scalar", "tensor", "image", "histogram"):
                continue
            if plugin_filter is not None and not plugin_filter(plugin):
                continue
            for item in pool.get(plugin, ()):
                v = _summary_value(plugin, item["tag"], item["value"])
                if v is not None:
                    values.append(v)
                if plugin == "tensor" and (self._export_options or {}).get("tensor_format") == "npy":
                    self._export_npy(item["tag"], step, item["value"])
        if not values:
            return
        self._emit(_event(time.time(), step=step, summary=b"".join(values)))

    def _emit(self, event):
        data = frame_record(event)
        if self._file is None:
            self._file = open(self.file_info["file_path"], "wb")  # noqa: SIM115 - kept open
            os.chmod(self.file_info["file_path"], stat.S_IWUSR | stat.S_IRUSR)
            self._written = 0
            init = frame_record(_event(time.time(), version=EVENT_FILE_INIT_VERSION))
            self._file.write(init)
            self._written += len(init)
        if self.max_file_size is not None and self._written + len(data) > self.max_file_size:
            raise RuntimeError(f"'max_file_size' reached: the '{self.file_info['file_path']}' "
                               f"requires to write {len(data)} bytes.")
        self._file.write(data)
        self._written += len(data)

    def _export_npy(self, tag, step, value):
        from urllib.parse import quote

        d = os.path.join(self.base_log_dir, f"export_{self._time}", "tensor")
        os.makedirs(d, exist_ok=True)
        np.save(os.path.join(d, f"{quote(tag, safe='')}_{step}.npy"), value)

    def flush(self):
        if self._closed:
            _log.error("For '%s', the record writer is closed and can not flush, please check if "
                       "close() method is called", type(self).__name__)
        elif self._file is not None:
            self._file.flush()

    def close(self):
        if not self._closed:
            atexit.unregister(self.close)
            if self._file is not None:
                self._file.close()
                try:
                    os.chmod(self.file_info["file_path"], 0o400)
                except OSError:
                    pass
            self._closed = True
            with _instance_lock:
                SummaryRecord.count -= 1
