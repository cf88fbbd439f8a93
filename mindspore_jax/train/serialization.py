"""Checkpoints: ``save_checkpoint`` / ``load_checkpoint`` / ``load_param_into_net``.

Files are byte-compatible with MindSpore 2.10 (``.ckpt`` protobuf records, optional CRC trailer,
``format="safetensors"``); the wire codec lives in ``_ckpt_format.py``. Unlike MindSpore, which
deletes the old file before writing ``<name>.tmp``, every save here is atomic: a unique temporary
file in the target directory is written, fsynced, made read-only (0o400, as MindSpore does) and
``os.replace``d onto the final name, so a crash or an error never leaves a damaged or missing file.
"""

from __future__ import annotations

import atexit
import binascii
import io
import json
import logging
import os
import stat
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from ..common import dtype as mstype
from ..common.parameter import Parameter
from ..common.tensor import Tensor
from ..nn.cell import Cell
from . import _ckpt_format as fmt

__all__ = ["save_checkpoint", "load_checkpoint", "load_param_into_net", "load_checkpoint_async",
           "async_ckpt_thread_status", "ckpt_to_safetensors", "safetensors_to_ckpt", "export", "load",
           "export_split_mindir", "get_ckpt_path_with_strategy", "build_searched_strategy",
           "merge_sliced_parameter", "load_distributed_checkpoint", "restore_group_info_list"]

_log = logging.getLogger("mindspore_jax")

# Tensors larger than SLICE_SIZE KiB are written as several consecutive same-tag records
# (MindSpore's module constant; tests lower it to reproduce the chunked fixture).
SLICE_SIZE = 512 * 1024

_ckpt_mutex = threading.RLock()
_ASYNC = {"thread": None}


# ============================================================================== helpers
def _check_bool(name, value, func):
    if not isinstance(value, bool):
        raise TypeError(f"For '{func}', the '{name}' must be bool, but got {type(value).__name__}.")
    return value


def _host_array(t, copy=False):
    """The value of a Tensor/Parameter as a C-contiguous little-endian numpy array."""
    arr = t.asnumpy() if copy else np.asarray(t)
    arr = np.ascontiguousarray(arr)
    if arr.dtype.byteorder == ">":
        arr = arr.astype(arr.dtype.newbyteorder("<"))
    return arr


def _tensor_type(t):
    return str(t.dtype)


# ============================================================================== save
def _check_save_obj_and_name(save_obj, ckpt_file_name, format):
    if format not in ("safetensors", "ckpt"):
        raise ValueError(f"For 'save_checkpoint', the format must be 'safetensors' or 'ckpt', but got "
                         f"{format}.")
    if not isinstance(save_obj, (Cell, list, dict)):
        raise TypeError("For 'save_checkpoint', the parameter 'save_obj' must be nn.Cell, list or dict, "
                        f"but got {type(save_obj)}.")
    if not isinstance(ckpt_file_name, str):
        raise TypeError(f"For 'save_checkpoint', the parameter {ckpt_file_name} for checkpoint file name is "
                        f"invalid,'ckpt_file_name' must be string, but got {type(ckpt_file_name)}.")
    ckpt_file_name = os.path.realpath(ckpt_file_name)
    if os.path.isdir(ckpt_file_name):
        raise IsADirectoryError(f"For 'save_checkpoint', the parameter `ckpt_file_name`: "
                                f"{ckpt_file_name} is a "
                                "directory, it must be a file name.")
    if not ckpt_file_name.endswith(format):
        ckpt_file_name += f".{format}"
    return ckpt_file_name


def _check_append_dict(append_dict):
    if append_dict is None:
        return None
    if not isinstance(append_dict, dict):
        raise TypeError(f"For 'save_checkpoint', the argument 'append_dict' must be dict, but got "
                        f"{type(append_dict)}.")
    for key, value in append_dict.items():
        if not isinstance(key, str) or not isinstance(value, (int, float, bool, str, Tensor)):
            raise TypeError("For 'save_checkpoint', the type of dict 'append_info' must be key: string, "
                            "value: int, float, bool or Generator, but got key: "
                            f"{type(key)}, value: {type(value)}")
    return append_dict


def _list_to_items(save_obj, choice_func):
    items = []
    if not save_obj:
        return items
    if isinstance(save_obj[0], dict):
        for param in save_obj:
            if not (isinstance(param, dict) and "name" in param and "data" in param):
                raise TypeError("For save_checkpoint, save_obj should be a list of dict items, and the dict "
                                "should have key values 'name' and 'value', but got "
                                f"{type(param)} and {param}.")
            if not isinstance(param["name"], str):
                raise TypeError("For save_checkpoint, when save_obj is a list of dict items, the name in "
                                "dict "
                                f"should be string, but got {type(param['name'])}.")
            if not isinstance(param["data"], Tensor):
                raise TypeError("For save_checkpoint, when save_obj is a list of dict items, the data in "
                                "dict "
                                f"should be parameter, but got {type(param['data'])}.")
            if choice_func is not None and not choice_func(param["name"]):
                continue
            items.append((param["name"], param["data"]))
    else:
        for param in save_obj:
            if not isinstance(param, Parameter):
                raise TypeError("For save_checkpoint, when save_obj is made up by list of Parameter,"
                                f"the param should be parameter, but got {type(param)}")
            if choice_func is not None and not choice_func(param.name):
                continue
            items.append((param.name, param))
    return items


def _dict_to_items(save_obj, choice_func):
    items = []
    for key, value in save_obj.items():
        if not isinstance(key, str) or not isinstance(value, (Tensor, str, np.ndarray)):
            raise TypeError("For save_checkpoint, when save_obj is made up by dict, the key should be str and"
                            "value should be Parameter, but got the type of key is "
                            f"{type(key)} and the type of value is {type(value)}")
        if choice_func is not None and not choice_func(key):
            continue
        items.append((key, Tensor(value) if isinstance(value, np.ndarray) else value))
    return items


def _cell_to_items(cell, choice_func):
    items = []
    for _, param in cell.parameters_and_names():
        if choice_func is not None and not choice_func(param.name):
            continue
        items.append((param.name, param))
    return items


def _snapshot(items, copy):
    """name -> (dims, tensor_type, numpy array): the values are fixed here, before any writing, so an
    asynchronous save is unaffected by later training steps. Later duplicates replace earlier ones
    in place (MindSpore keys an OrderedDict by name)."""
    data = {}
    for name, value in items:
        if isinstance(value, str):
            data[name] = ([0], "str", np.array(value))  # UTF-32 code units, like MindSpore
        else:
            data[name] = (list(value.shape), _tensor_type(value), _host_array(value, copy))
    return data


def _write_ckpt(f, data, crc_check):
    chunk = 1024 * SLICE_SIZE
    crc = 0
    for name, (dims, ttype, arr) in data.items():
        raw = memoryview(arr.reshape(-1).view(np.uint8))
        if ttype == "str":
            pieces = [raw]
        else:
            pieces = [raw[i:i + chunk] for i in range(0, len(raw), chunk)]  # size 0: no record
        for piece in pieces:
            for part in fmt.encode_record(name, dims, ttype, piece):
                if crc_check:
                    crc = binascii.crc32(part, crc)
                f.write(part)
    if crc_check:
        f.write(fmt.crc_trailer(crc))


def _safetensors_payload(data, crc_check, remove_redundancy):
    save_dict = {}
    meta = {"format": "ms"}
    if isinstance(remove_redundancy, bool):
        meta["remove_redundancy"] = str(remove_redundancy)
    crc = 0
    for name in sorted(data):
        dims, ttype, arr = data[name]
        if ttype == "str":
            raise ValueError(f"For 'save_checkpoint', the value of '{name}' is a string, which the "
                             f"safetensors "
                             "format cannot store; save it with format='ckpt'.")
        if ttype not in fmt.TYPE_TO_NP and ttype != "Complex64":
            raise ValueError(f"For 'save_checkpoint', the dtype {ttype} of '{name}' cannot be saved in the "
                             "safetensors format.")
        arr = arr.reshape(dims)
        save_dict[name] = arr
        if crc_check:
            crc = binascii.crc32(name.encode("utf-8"), crc)
            crc = binascii.crc32(arr.tobytes(), crc)
    if crc_check:
        meta["crc_num"] = str(crc)
    return save_dict, (meta if save_dict else None)


def _sort_safetensors_metadata(path):
    """The safetensors library writes ``__metadata__`` keys in hash order, which changes from run to
    run (MindSpore's own files too). Rewrites that object, in place and at the same length, with
    sorted keys so that equal checkpoints give equal bytes."""
    with open(path, "rb+") as f:
        head = f.read(8)
        if len(head) < 8:
            return
        text = f.read(int.from_bytes(head, "little")).decode("utf-8")
        key = '{"__metadata__":'
        if not text.startswith(key):
            return
        meta, end = json.JSONDecoder().raw_decode(text, len(key))
        new = json.dumps(dict(sorted(meta.items())), separators=(",", ":"), ensure_ascii=False)
        if len(new.encode("utf-8")) == len(text[len(key):end].encode("utf-8")):
            f.seek(8 + len(key.encode("utf-8")))
            f.write(new.encode("utf-8"))


def _atomic_write(path, write):
    """Runs ``write(tmp_path)`` on a fresh temporary file next to ``path``, fsyncs it and renames it over
    ``path`` (replacing a read-only file too). On any failure the temporary file is removed and the
    previous ``path`` is left untouched."""
    directory = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=directory)
    try:
        os.close(fd)
        write(tmp)
        with open(tmp, "rb+") as f:
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, stat.S_IRUSR)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.remove(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable
        dfd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def _exec_save(ckpt_file_name, data, crc_check=False, format="ckpt", remove_redundancy=None):
    with _ckpt_mutex:
        if format == "ckpt":
            def write(tmp):
                with open(tmp, "wb") as f:
                    _write_ckpt(f, data, crc_check)
        else:
            from safetensors.numpy import save_file

            save_dict, meta = _safetensors_payload(data, crc_check, remove_redundancy)

            def write(tmp):
                save_file(save_dict, tmp, metadata=meta)
                _sort_safetensors_metadata(tmp)
        try:
            _atomic_write(ckpt_file_name, write)
        except BaseException:
            _log.critical("Failed to save the checkpoint file %s. Maybe don't have the permission to write "
                          "files, or the disk space is insufficient and so on.", ckpt_file_name)
            raise


def _async_body(*args):
    try:
        _exec_save(*args)
    except BaseException as e:  # a background thread has nobody to raise to: say it loudly
        _log.error("Asynchronous save of checkpoint %s failed: %s", args[0], e)


def _wait_async_save():
    t = _ASYNC["thread"]
    if t is not None and t.is_alive():
        t.join()


atexit.register(_wait_async_save)


def save_checkpoint(save_obj, ckpt_file_name, integrated_save=True, async_save=False, append_dict=None,
                    enc_key=None, enc_mode="AES-GCM", choice_func=None, crc_check=False, format="ckpt",
                    **kwargs):
    """Saves a Cell's parameters (keyed by ``param.name``), a list of Parameters or of
    ``{"name", "data"}`` dicts, or a name->Tensor/str dict, plus ``append_dict`` records.

    ``async_save`` (True, "thread" or "process") snapshots the values now and writes in a background
    thread ("process" also uses a thread: forking a process that runs JAX is unsafe).
    """
    ckpt_file_name = _check_save_obj_and_name(save_obj, ckpt_file_name, format)
    _check_bool("integrated_save", integrated_save, "save_checkpoint")
    if not isinstance(async_save, (bool, str)):
        raise TypeError("For 'save_checkpoint', the parameter 'async_save' must be bool or str, "
                        f"but got {type(async_save)}.")
    if isinstance(async_save, str) and async_save not in ("process", "thread"):
        raise ValueError("For 'save_checkpoint', the argument 'async_save' can only be 'process' or 'thread',"
                         f"but got {async_save}.")
    append_dict = _check_append_dict(append_dict)
    if enc_key is not None and not isinstance(enc_key, bytes):
        raise TypeError(f"For 'save_checkpoint', the 'enc_key' must be bytes or None, but got "
                        f"{type(enc_key)}.")
    if not isinstance(enc_mode, str):
        raise TypeError(f"For 'save_checkpoint', the 'enc_mode' must be str, but got {type(enc_mode)}.")
    _check_bool("crc_check", crc_check, "save_checkpoint")
    remove_redundancy = kwargs.get("remove_redundancy", None)
    if remove_redundancy is not None and not isinstance(remove_redundancy, bool):
        raise TypeError("For 'save_checkpoint', the 'remove_redundancy' must be bool or None, but got "
                        f"{type(remove_redundancy)}.")
    if format == "safetensors" and (enc_key is not None or enc_mode != "AES-GCM"):
        name, val = ("enc_key", enc_key) if enc_key is not None else ("enc_mode", enc_mode)
        default = None if name == "enc_key" else "AES-GCM"
        raise ValueError(f"For 'save_checkpoint', when format is 'safetensors', the parameter '{name}' must "
                         f"be set to default value '{default}', but got '{val}'.")
    if enc_key is not None:
        raise NotImplementedError("For 'save_checkpoint', encrypted checkpoints (enc_key) are not supported "
                                  "by mindspore_jax: MindSpore's cipher format is not reproduced.")

    if isinstance(save_obj, Cell):
        items = _cell_to_items(save_obj, choice_func)
    elif isinstance(save_obj, list):
        items = _list_to_items(save_obj, choice_func)
    else:
        items = _dict_to_items(save_obj, choice_func)
    if append_dict:
        for key, value in append_dict.items():
            items.append((key, value if isinstance(value, (str, Tensor)) else Tensor(value)))

    data = _snapshot(items, copy=bool(async_save))
    if async_save:
        _wait_async_save()
        thr = threading.Thread(target=_async_body, name="asyn_save_ckpt",
                               args=(ckpt_file_name, data, crc_check, format, remove_redundancy))
        _ASYNC["thread"] = thr
        thr.start()
    else:
        _exec_save(ckpt_file_name, data, crc_check, format, remove_redundancy)


def async_ckpt_thread_status():
    """True while an asynchronous checkpoint save is still writing."""
    t = _ASYNC["thread"]
    return bool(t is not None and t.is_alive())


# ============================================================================== load
def _check_prefix(prefix):
    if prefix is None:
        return None
    if not isinstance(prefix, (str, list, tuple)):
        raise TypeError("For 'load_checkpoint', the type of 'specify_prefix' or 'filter_prefix' must be "
                        "string, "
                        f"list[string] or tuple[string], but got {type(prefix)}.")
    if isinstance(prefix, str):
        prefix = (prefix,)
    if not prefix:
        raise ValueError("For 'load_checkpoint', the argument 'specify_prefix' or 'filter_prefix' can't "
                         "be empty "
                         "when 'specify_prefix' or 'filter_prefix' is list or tuple.")
    for index, pre in enumerate(prefix):
        if not isinstance(pre, str):
            raise TypeError("For 'load_checkpoint', when 'specify_prefix' or 'filter_prefix' is list or "
                            "tuple, "
                            f"the element in it must be string, but got {type(pre)} at index {index}.")
        if pre == "":
            raise ValueError("For 'load_checkpoint', the value of 'specify_prefix' or 'filter_prefix' "
                             "can't include ''.")
    return prefix


def _whether_load(specify_prefix, filter_prefix, name):
    ok = True
    if specify_prefix:
        ok = any(name.startswith(p) for p in specify_prefix)
    if filter_prefix and any(name.startswith(p) for p in filter_prefix):
        ok = False
    return ok


def _check_file(file, file_format):
    if file_format not in ("ckpt", "safetensors"):
        raise ValueError("For 'load_checkpoint', the checkpoint file should end with '.ckpt' or "
                         "'.safetensors', "
                         "please input the correct 'format'.")
    if isinstance(file, io.BytesIO):
        if file_format == "ckpt":
            raise TypeError("ckpt don't support BytesIO as input type, please change to safetensors.")
        return file
    if not isinstance(file, str):
        raise TypeError(f"For 'load_checkpoint', the argument 'ckpt_file_name' must be string, but got "
                        f"{type(file)}.")
    if not file.endswith(file_format):
        raise ValueError("For 'load_checkpoint', the checkpoint file format must same with 'format', but got "
                         f"file_name:'{file}', format:'{file_format}'")
    file = os.path.realpath(file)
    if not os.path.exists(file):
        raise ValueError(f"For 'load_checkpoint', the checkpoint file: {file} does not exist, please check "
                         "whether the 'ckpt_file_name' is correct.")
    return file


def _to_parameter(arr, name):
    return Parameter(Tensor(arr), name=name)


def _decode_group(tag, dims, ttype, contents):
    """One parameter from its (possibly chunked) records."""
    raw = contents[0] if len(contents) == 1 else b"".join(contents)
    if ttype == "str":
        if len(raw) % 4:
            raise ValueError(f"the string record '{tag}' has {len(raw)} bytes, not a multiple of 4")
        if not raw:
            return ""
        return str(np.frombuffer(raw, f"<U{len(raw) // 4}")[0])
    np_dt = fmt.TYPE_TO_NP.get(ttype)
    if np_dt is None:
        raise ValueError(f"'{ttype}': the tensor type of '{tag}' is not supported by load_checkpoint")
    if list(dims) == [0]:
        dims = []
    if any(d < 0 for d in dims):
        raise ValueError(f"the record '{tag}' has a negative dimension {list(dims)}")
    expected = int(np.prod(dims, dtype=np.int64)) * np_dt.itemsize
    if len(raw) != expected:
        raise ValueError(f"the record '{tag}' of shape {tuple(dims)} and type {ttype} needs {expected} bytes "
                         f"but holds {len(raw)}: the file is truncated or corrupted")
    return _to_parameter(np.frombuffer(raw, np_dt).reshape(dims), tag)


def _load_ckpt(path, parameter_dict, specify_prefix, filter_prefix, choice_func, crc_check):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise ValueError(f"Failed to read the checkpoint file {path}. May not have permission to read it, "
                         "please check the correct of the file.") from e
    payload, stored = fmt.split_trailer(data)
    if crc_check:
        if stored is None:
            _log.warning("For 'load_checkpoint', the ckpt file do not contain the crc code, please check "
                         "the file.")
        elif fmt.crc32(payload) != stored:
            raise ValueError("For 'load_checkpoint', the crc check is failed, please check whether the ckpt "
                             f"file {path} is damaged.")
    try:
        records = fmt.parse_records(payload)
    except (fmt.CkptFormatError, UnicodeDecodeError) as e:
        raise ValueError(f"Failed to read the checkpoint file {path}. The file may be corrupted, and the "
                         f"content cannot be parsed ({e}).") from None
    if specify_prefix:
        _log.warning("For load_checkpoint, this parameter `specity_prefix` will be deprecated, "
                     "please use `choice_func` instead.")
    if filter_prefix:
        _log.warning("For load_checkpoint, this parameter `filter_prefix` will be deprecated, "
                     "please use `choice_func` instead.")
    use_choice = specify_prefix is None and filter_prefix is None and choice_func is not None
    result = {}
    try:
        pending = []
        for i, (tag, dims, ttype, content) in enumerate(records):
            if not _whether_load(specify_prefix, filter_prefix, tag):
                continue
            if use_choice and not choice_func(tag):
                continue
            if ttype is None:
                raise ValueError(f"'{tag}' is a MapParameter record, which mindspore_jax cannot load")
            pending.append(content)
            if i == len(records) - 1 or records[i + 1][0] != tag:
                result[tag] = _decode_group(tag, dims, ttype, pending)
                pending = []
    except Exception as e:
        _log.critical("Failed to load the checkpoint file '%s'.", path)
        raise ValueError(f"{e}\nFor 'load_checkpoint', failed to load the checkpoint file {path}.") from None
    parameter_dict.update(result)  # all or nothing


_ST_TO_NP = {"F16": np.float16, "F32": np.float32, "F64": np.float64, "I8": np.int8, "I16": np.int16,
             "I32": np.int32, "I64": np.int64, "U8": np.uint8, "U16": np.uint16, "U32": np.uint32,
             "U64": np.uint64, "BOOL": np.bool_, "C64": np.complex64}


def _load_safetensors(file, parameter_dict, choice_func, crc_check):
    import safetensors

    if isinstance(file, io.BytesIO):
        data, where = file.getvalue(), "<BytesIO>"
    else:
        with open(file, "rb") as f:
            data = f.read()
        where = file
    try:
        tensors = dict(safetensors.deserialize(data))
        n = int.from_bytes(data[:8], "little")
        meta = json.loads(bytes(data[8:8 + n]).decode("utf-8")).get("__metadata__") or {}
    except Exception as e:
        raise ValueError(f"Failed to read the safetensors file {where}. The file may be corrupted, and the "
                         f"content cannot be parsed ({e}).") from None
    import ml_dtypes

    result = {}
    crc = 0
    for k in sorted(tensors):
        v = tensors[k]
        dt = ml_dtypes.bfloat16 if v["dtype"] == "BF16" else _ST_TO_NP.get(v["dtype"])
        if dt is None:
            raise ValueError(f"For 'load_checkpoint', the safetensors dtype {v['dtype']} of '{k}' is not "
                             "supported.")
        arr = np.frombuffer(bytes(v["data"]), dt).reshape(v["shape"])
        if crc_check:
            crc = binascii.crc32(k.encode("utf-8"), crc)
            crc = binascii.crc32(arr.tobytes(), crc)
        if choice_func is not None and not choice_func(k):
            continue
        result[k] = _to_parameter(arr, k)
    if crc_check:
        if meta.get("crc_num") is None:
            _log.warning("For 'load_checkpoint', the safetensors file do not contain the crc code, "
                         "please check the file.")
        elif int(meta["crc_num"]) != crc:
            raise ValueError("For 'load_checkpoint', the crc check has failed. Please check whether the ckpt "
                             "file is damaged.")
    parameter_dict.update(result)


def load_checkpoint(ckpt_file_name, net=None, strict_load=False, filter_prefix=None, dec_key=None,
                    dec_mode="AES-GCM", specify_prefix=None, choice_func=None, crc_check=False,
                    remove_redundancy=False, format="ckpt"):
    """Reads a checkpoint into ``{name: Parameter}`` (``str`` records come back as ``str``); with ``net``,
    also loads the values into it. Corrupt, truncated or CRC-failing files raise ValueError and load
    nothing."""
    specify_prefix = _check_prefix(specify_prefix)
    filter_prefix = _check_prefix(filter_prefix)
    if dec_key is not None and not isinstance(dec_key, bytes):
        raise TypeError(f"For 'load_checkpoint', the 'dec_key' must be bytes or None, but got "
                        f"{type(dec_key)}.")
    if not isinstance(dec_mode, str):
        raise TypeError(f"For 'load_checkpoint', the 'dec_mode' must be str, but got {type(dec_mode)}.")
    _check_bool("crc_check", crc_check, "load_checkpoint")
    _check_bool("remove_redundancy", remove_redundancy, "load_checkpoint")
    if format == "safetensors" and (dec_key is not None or dec_mode != "AES-GCM"):
        name, val = ("dec_key", dec_key) if dec_key is not None else ("dec_mode", dec_mode)
        default = None if name == "dec_key" else "AES-GCM"
        raise ValueError(f"For 'load_checkpoint', when format is 'safetensors', the parameter '{name}' must "
                         f"be set to default value '{default}', but got '{val}'.")
    if dec_key is not None:
        raise NotImplementedError("For 'load_checkpoint', encrypted checkpoints (dec_key) are not supported "
                                  "by mindspore_jax: MindSpore's cipher format is not reproduced.")
    file = _check_file(ckpt_file_name, format)
    parameter_dict = {}
    if format == "safetensors":
        _load_safetensors(file, parameter_dict, choice_func, crc_check)
    else:
        _load_ckpt(file, parameter_dict, specify_prefix, filter_prefix, choice_func, crc_check)
    if not parameter_dict:
        raise ValueError("The loaded parameter dict is empty after filter or specify, please check whether "
                         "'filter_prefix' or 'specify_prefix' are set correctly.")
    if net is not None:
        load_param_into_net(net, parameter_dict, strict_load, remove_redundancy)
    return parameter_dict


class ParamDictFuture:
    """What ``load_checkpoint_async`` returns: ``result()`` waits for and returns the dict."""

    def __init__(self, executor, future):
        self.executor = executor
        self.param_dict_future = future

    def result(self):
        try:
            return self.param_dict_future.result()
        finally:
            self.executor.shutdown()

    def done(self):
        return self.param_dict_future.done()


def load_checkpoint_async(ckpt_file_name, net=None, strict_load=False, filter_prefix=None, dec_key=None,
                          dec_mode="AES-GCM", specify_prefix=None, choice_func=None):
    """``load_checkpoint`` in a background thread (format from the file suffix)."""
    format = "safetensors" if str(ckpt_file_name).endswith(".safetensors") else "ckpt"
    executor = ThreadPoolExecutor(max_workers=2)
    future = executor.submit(load_checkpoint, ckpt_file_name, net, strict_load, filter_prefix, dec_key,
                             dec_mode, specify_prefix, choice_func, format=format)
    return ParamDictFuture(executor, future)


# ============================================================================== into the net
_FLOAT_TYPES = (mstype.float16, mstype.float32, mstype.float64, mstype.bfloat16)
_INT_TYPES = (mstype.int8, mstype.int16, mstype.int32, mstype.int64)


def _set_value(param, new_param, shape=None):
    """Copies the value in (cast to the net's dtype), so the net and the loaded dict never share a
    buffer: MindSpore copies too, and a shared buffer could not be donated to a compiled train step."""
    import jax.numpy as jnp

    arr = jnp.array(new_param._data, dtype=mstype.to_np(param.dtype), copy=True)
    if shape is not None:
        arr = arr.reshape(shape)
    param.set_data(Tensor._wrap(arr))


def _special_process_par(par, new_par):
    """(12, 2048, 1, 1) in the file vs (12, 2048) in the net: accepted when only trailing unit dims
    differ. Like MindSpore 2.10, the caller then still stores the file's value as is, so the net's
    Parameter takes the file's shape (checked against real MindSpore: tests/golden/ckpt)."""
    n_old, n_new = len(par.shape), len(new_par.shape)
    if n_new <= n_old or any(d != 1 for d in new_par.shape[n_old:]):
        return False
    _set_value(par, new_par, par.shape)
    return True


def _type_convert(param, new_param, strict_load):
    pair = {param.dtype, new_param.dtype}
    if not strict_load and (pair.issubset(_FLOAT_TYPES) or pair.issubset(_INT_TYPES)):
        _log.warning("The type of %s:%s in 'parameter_dict' is different from the type of it in "
                     "'net':%s, then "
                     "the type convert from %s to %s in the network. May consume additional memory and time",
                     new_param.name, new_param.dtype, param.dtype, new_param.dtype, param.dtype)
        return True
    return False


def _update_param(param, new_param, strict_load):
    if param.shape != new_param.shape:
        if not _special_process_par(param, new_param):
            _log.critical("Failed to combine the net and the parameters for param %s.", param.name)
            raise RuntimeError(
                f"For 'load_param_into_net', {param.name} in the argument 'net' should have the same shape "
                f"as {param.name} in the argument 'parameter_dict'. But got its shape {param.shape} in"
                f" the argument 'net' and shape {new_param.shape} in the argument 'parameter_dict'."
                f"May you need to check whether the checkpoint you loaded is correct or the batch size and "
                f"so on in the 'net' and 'parameter_dict' are same.")
    if param.dtype != new_param.dtype:
        if _type_convert(param, new_param, strict_load):
            _set_value(param, new_param)
            return
        _log.critical("Failed to combine the net and the parameters for param %s.", param.name)
        raise RuntimeError(
            f"For 'load_param_into_net', {param.name} in the argument 'net' should have the same type as "
            f"{param.name} in the argument 'parameter_dict'. but got its type {param.dtype} in the "
            f"argument 'net' and type {new_param.dtype} in the argument 'parameter_dict'."
            f"May you need to check whether the checkpoint you loaded is correct.")
    _set_value(param, new_param)


def _load_dismatch_prefix_params(net, parameter_dict, param_not_load, strict_load):
    """Net names missing from the dict may still match dict names with an extra prefix (a checkpoint
    saved from a wrapper cell): find such a prefix and load those (MindSpore's algorithm)."""
    prefix_name = ""
    longest_name = param_not_load[0]
    while prefix_name != longest_name and param_not_load:
        prefix_name = longest_name
        for net_param_name in param_not_load:
            for dict_name in parameter_dict:
                if dict_name.endswith(net_param_name):
                    prefix_name = dict_name[:-len(net_param_name)]
                    break
            if prefix_name != longest_name:
                break
        if prefix_name != longest_name:
            _log.warning("For 'load_param_into_net', remove parameter prefix name: %s, continue to load.",
                         prefix_name)
            for _, param in net.parameters_and_names():
                new_name = prefix_name + param.name
                if param.name in param_not_load and new_name in parameter_dict:
                    _update_param(param, parameter_dict[new_name], strict_load)
                    param_not_load.remove(param.name)


def load_param_into_net(net, parameter_dict, strict_load=False, remove_redundancy=False):
    """Loads ``parameter_dict`` values into ``net``'s Parameters by name. Returns
    ``(param_not_load, ckpt_not_load)``: net names left unloaded (net order) and dict names not used
    (dict order)."""
    if not isinstance(net, Cell):
        raise TypeError(f"For 'load_param_into_net', the argument 'net' should be a Cell, but got "
                        f"{type(net)}.")
    if not isinstance(parameter_dict, dict):
        raise TypeError("For 'load_param_into_net', the argument 'parameter_dict' should be a dict, "
                        f"but got {type(parameter_dict)}.")
    for key, value in parameter_dict.items():
        if not isinstance(key, str) or not isinstance(value, (Parameter, str, list)):
            raise TypeError("For 'parameter_dict', the element in the argument 'parameter_dict' should be a "
                            f"'str' and 'Parameter' , but got {type(key)} and {type(value)}.")
    _check_bool("strict_load", strict_load, "load_param_into_net")
    _check_bool("remove_redundancy", remove_redundancy, "load_param_into_net")
    param_not_load = []
    ckpt_not_load = list(parameter_dict.keys())
    for _, param in net.parameters_and_names():
        if param.name in parameter_dict:
            new_param = parameter_dict[param.name]
            if not isinstance(new_param, Tensor):  # a str record: MindSpore skips it silently
                continue
            _update_param(param, new_param, strict_load)
            ckpt_not_load.remove(param.name)
        else:
            if param.name.startswith("accu_grads"):
                continue
            param_not_load.append(param.name)
    if param_not_load and not strict_load:
        _load_dismatch_prefix_params(net, parameter_dict, param_not_load, strict_load)
    if remove_redundancy:
        raise TypeError("The deduplication feature for loading checkpoint can only be used "
                        "in parallel scenarios, but got stand_alone.")
    if param_not_load:
        _log.warning("For 'load_param_into_net', %d parameters in the 'net' are not loaded, because they "
                     "are not "
                     "in the 'parameter_dict', please check whether the network structure is consistent when "
                     "training and loading checkpoint.", len(param_not_load))
        _log.warning("%s are not loaded.", param_not_load)
    return param_not_load, ckpt_not_load


# ============================================================================== conversions
def _convert_file(file_path, save_path, name_map, file_name_regex, dst_format):
    import re

    src_format, src_suffix, dst_suffix, func = (
        ("ckpt", ".ckpt", ".safetensors", "ckpt_to_safetensors") if dst_format == "safetensors"
        else ("safetensors", ".safetensors", ".ckpt", "safetensors_to_ckpt"))
    is_dir, is_file = os.path.isdir(file_path), os.path.isfile(file_path)
    if not is_dir and not is_file:
        raise ValueError(f"For {func}, the input path must be a valid path or file, but got {file_path}")
    if save_path and os.path.splitext(save_path)[1]:
        raise ValueError(f"For {func}, the save_path must be a directory, but got '{save_path}'")
    if name_map is not None and not isinstance(name_map, dict):
        raise ValueError(f"For {func}, the type of 'name_map' must be a directory, but got "
                         f"'{type(name_map)}'")

    def one(src, dst_dir, fname):
        params = load_checkpoint(src, format=src_format)
        if name_map:
            params = {name_map.get(k, k): v for k, v in params.items()}
        dst = os.path.join(dst_dir, fname.replace(src_suffix, dst_suffix))
        save_checkpoint(params, dst, format=dst_format)

    if is_file:
        if not file_path.endswith(src_suffix):
            raise ValueError(f"For {func}, the input file must be a {src_suffix} file, but got {file_path}")
        if file_name_regex is not None and not re.findall(file_name_regex, file_path):
            raise ValueError(f"For {func}, the input file does not match the regular expression.")
        if save_path:
            os.makedirs(save_path, exist_ok=True)
        one(file_path, save_path or os.path.dirname(file_path), os.path.basename(file_path))
        return
    rank_dirs = [d for d in sorted(os.listdir(file_path))
                 if d.startswith("rank") and os.path.isdir(os.path.join(file_path, d))]
    if not rank_dirs:
        raise ValueError(f"For '{func}', no directories starting with 'rank' found in {file_path}.")
    for rank_dir in rank_dirs:
        src_dir = os.path.join(file_path, rank_dir)
        dst_dir = os.path.join(save_path, rank_dir) if save_path is not None else src_dir
        os.makedirs(dst_dir, exist_ok=True)
        for fname in sorted(os.listdir(src_dir)):
            if fname.endswith(src_suffix) and (file_name_regex is None or re.search(file_name_regex, fname)):
                one(os.path.join(src_dir, fname), dst_dir, fname)


def ckpt_to_safetensors(file_path, save_path=None, name_map=None, file_name_regex=None, processes_num=1):
    """Converts a ``.ckpt`` file (or ``rank*/`` folders of them) to ``.safetensors``."""
    _convert_file(file_path, save_path, name_map, file_name_regex, "safetensors")


def safetensors_to_ckpt(file_path, save_path=None, name_map=None, file_name_regex=None, processes_num=1):
    """Converts a ``.safetensors`` file (or ``rank*/`` folders of them) to ``.ckpt``."""
    _convert_file(file_path, save_path, name_map, file_name_regex, "ckpt")


# ============================================================================== not supported
def _unsupported(what, why):
    raise NotImplementedError(f"mindspore_jax does not support '{what}': {why}")


def export(net, *inputs, file_name, file_format, **kwargs):
    """MindIR/AIR/ONNX export needs MindSpore's graph compiler: not available on JAX."""
    _unsupported("export", "MindIR/AIR/ONNX files are produced by MindSpore's own graph compiler. Save the "
                 "weights with save_checkpoint instead (or use jax.export on the JAX side).")


def load(file_name, **kwargs):
    """Loading a MindIR graph is not available on JAX."""
    _unsupported("load", "MindIR graphs cannot be executed by mindspore_jax. Rebuild the network in Python "
                 "and use load_checkpoint for its weights.")


def export_split_mindir(file_name, device_num=8, rank_id=0, dynamic=True, sapp=True):
    _unsupported("export_split_mindir", "MindIR files are not supported.")


def get_ckpt_path_with_strategy(cur_ckpt_path, cur_strategy_path):
    _unsupported("get_ckpt_path_with_strategy", "distributed (sharded) checkpoints are not supported.")


def build_searched_strategy(strategy_filename):
    _unsupported("build_searched_strategy", "parallel strategy files are not supported.")


def merge_sliced_parameter(sliced_parameters, strategy=None):
    _unsupported("merge_sliced_parameter", "distributed (sharded) checkpoints are not supported.")


def load_distributed_checkpoint(network, checkpoint_filenames=None, predict_strategy=None,
                                train_strategy_filename=None, strict_load=False, dec_key=None,
                                dec_mode="AES-GCM", format="ckpt", **kwargs):
    _unsupported("load_distributed_checkpoint", "distributed (sharded) checkpoints are not supported.")


def restore_group_info_list(group_info_file_name):
    _unsupported("restore_group_info_list", "distributed checkpoints are not supported.")
