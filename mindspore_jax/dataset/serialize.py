"""``serialize`` / ``deserialize`` / ``show`` / ``compare``: a pipeline as MindSpore's JSON-like dict.

Each node is ``{"op_type": ..., <its arguments>, "children": [...]}`` with MindSpore's op_type names
(``Map``, ``Batch``, ``Repeat``, ``Shuffle``, ``Skip``, ``Take``, ``Project``, ``Rename``, ``Concat``,
``Zip``; sources by class name with ``dataset_dir``/``dataset_files``, ``usage`` and a ``sampler``
entry). Map operations are ``{"tensor_op_name": class name, "tensor_op_params": {constructor args}}``;
a module-level Python function is ``{"tensor_op_name": name, "python_module": module}``. Round trips
cover the nodes and transforms of this package whose arguments are JSON values; lambdas, closures and
user objects cannot be serialized (TypeError), unlike MindSpore, which pickles some of them.
"""

import importlib
import inspect
import json
import logging

import numpy as np

from .engine import datasets as _d
from .engine import samplers as _s

_log = logging.getLogger("mindspore_jax.dataset")

_OPS = {
    _d.MapDataset: "Map",
    _d.BatchDataset: "Batch",
    _d.RepeatDataset: "Repeat",
    _d.ShuffleDataset: "Shuffle",
    _d.SkipDataset: "Skip",
    _d.TakeDataset: "Take",
    _d.ProjectDataset: "Project",
    _d.RenameDataset: "Rename",
    _d.ConcatDataset: "Concat",
    _d.ZipDataset: "Zip",
}
_SOURCE_ARGS = (
    "dataset_dir",
    "dataset_files",
    "usage",
    "decode",
    "extensions",
    "class_indexing",
    "column_names",
    "field_delim",
    "column_defaults",
    "num_images",
    "image_size",
    "num_classes",
    "base_seed",
    "total_rows",
    "columns_list",
    "compression_type",
)


def _json_value(v, what):
    from ..common import dtype as mstype

    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if isinstance(v, (list, tuple)):
        return [_json_value(x, what) for x in v]
    if isinstance(v, dict):
        return {str(k): _json_value(x, what) for k, x in v.items()}
    if isinstance(v, np.generic):
        return v.item()
    if (
        isinstance(v, mstype.Type)
        or isinstance(v, np.dtype)
        or (isinstance(v, type) and issubclass(v, np.generic))
    ):
        return str(np.dtype(mstype.dtype_to_nptype(v) if isinstance(v, mstype.Type) else v))
    if hasattr(v, "name") and hasattr(v, "value") and type(v).__module__.startswith("mindspore_jax"):
        return {"enum": f"{type(v).__module__}.{type(v).__qualname__}", "name": v.name}
    raise TypeError(f"{what}: the value {v!r} of type {type(v).__name__} cannot be serialized.")


def _sampler_dict(sampler):
    out = {"sampler_name": type(sampler).__name__, "num_samples": sampler.num_samples or 0}
    for name in list(inspect.signature(type(sampler).__init__).parameters)[1:]:
        if name != "num_samples" and hasattr(sampler, name):
            out[name] = _json_value(getattr(sampler, name), "sampler")
    if isinstance(sampler, _s.SequentialSampler):
        out["start_index"] = out.get("start_index") or 0
    child = sampler.get_child()
    if child is not None:
        out["child_sampler"] = [_sampler_dict(child)]
    return out


def _op_dict(op):
    cls = type(op)
    if inspect.isfunction(op):
        if op.__name__ == "<lambda>" or "<locals>" in op.__qualname__:
            raise TypeError(f"Map operation {op} is a lambda or closure and cannot be serialized.")
        return {"tensor_op_name": op.__name__, "python_module": op.__module__}
    if not cls.__module__.startswith("mindspore_jax.dataset"):
        raise TypeError(
            f"Map operation {op!r} is not a mindspore.dataset transform and cannot be serialized."
        )
    params = {}
    for name, p in inspect.signature(cls.__init__).parameters.items():
        if name == "self" or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        if name in op.__dict__:
            v = op.__dict__[name]
            if (
                name == "transforms"
                or isinstance(v, (list, tuple))
                and v
                and callable(v[0])
                and not isinstance(v[0], type)
            ):
                params[name] = [_op_dict(t) for t in v]
            else:
                params[name] = _json_value(v, f"{cls.__name__}.{name}")
    return {"tensor_op_name": cls.__name__, "tensor_op_module": cls.__module__, "tensor_op_params": params}


def _node_dict(node):
    out = {}
    cls = type(node)
    if cls in _OPS:
        out["op_type"] = _OPS[cls]
        if cls is _d.MapDataset:
            out.update(
                operations=[_op_dict(op) for op in node.operations],
                input_columns=node.input_columns or [],
                output_columns=node.output_columns or node.input_columns or [],
                num_parallel_workers=node.num_parallel_workers,
                callback=[],
            )
        elif cls is _d.BatchDataset:
            if node.per_batch_map is not None or callable(node.batch_size):
                raise TypeError("Batch with a callable batch_size or per_batch_map cannot be serialized.")
            out.update(
                batch_size=node.batch_size,
                drop_remainder=node.drop_remainder,
                num_parallel_workers=node.num_parallel_workers,
                input_columns=[],
                output_columns=[],
            )
        elif cls in (_d.RepeatDataset, _d.SkipDataset, _d.TakeDataset):
            out["count"] = node.count
        elif cls is _d.ShuffleDataset:
            out.update(buffer_size=node.buffer_size, reset_each_epoch=node.reshuffle_each_epoch)
        elif cls is _d.ProjectDataset:
            out["columns"] = list(node.columns)
        elif cls is _d.RenameDataset:
            out.update(input_columns=list(node.input_columns), output_columns=list(node.output_columns))
    elif isinstance(node, _d.SourceDataset) and not node.children:
        out["op_type"] = cls.__name__
        out["op_module"] = cls.__module__
        for name in _SOURCE_ARGS:
            if name in node.__dict__ and name in inspect.signature(cls.__init__).parameters:
                out[name] = _json_value(node.__dict__[name], cls.__name__)
        if hasattr(node, "sampler") and isinstance(node.sampler, _s.Sampler):
            out["sampler"] = _sampler_dict(node.sampler)
        elif getattr(node, "num_samples", None):
            out["num_samples"] = node.num_samples
        out["num_parallel_workers"] = node.num_parallel_workers
    else:
        raise TypeError(f"{cls.__name__} cannot be serialized.")
    out["children"] = [_node_dict(c) for c in node.children]
    return out


def serialize(dataset, json_filepath=""):
    """The pipeline ending at ``dataset`` as a dict (also written to ``json_filepath`` if given)."""
    if not isinstance(dataset, _d.Dataset):
        raise TypeError(f"Argument dataset with value {dataset} is not of type [<class 'Dataset'>].")
    out = _node_dict(dataset)
    if json_filepath:
        with open(json_filepath, "w") as f:
            json.dump(out, f, indent=2)
    return out


# ------------------------------------------------------------------ back to a pipeline
def _from_value(v):
    if isinstance(v, dict) and set(v) == {"enum", "name"}:
        mod, _, qual = v["enum"].rpartition(".")
        return getattr(getattr(importlib.import_module(mod), qual), v["name"])
    if isinstance(v, list):
        return [_from_value(x) for x in v]
    return v


def _build_op(d):
    if "python_module" in d:
        return getattr(importlib.import_module(d["python_module"]), d["tensor_op_name"])
    cls = getattr(importlib.import_module(d["tensor_op_module"]), d["tensor_op_name"])
    params = {}
    for k, v in d.get("tensor_op_params", {}).items():
        if isinstance(v, list) and v and isinstance(v[0], dict) and "tensor_op_name" in v[0]:
            params[k] = [_build_op(x) for x in v]
        else:
            params[k] = _from_value(v)
    return cls(**params)


def _build_sampler(d):
    cls = getattr(_s, d["sampler_name"])
    kw = {k: _from_value(v) for k, v in d.items() if k in inspect.signature(cls.__init__).parameters}
    kw["num_samples"] = d.get("num_samples") or None
    s = cls(**kw)
    for c in d.get("child_sampler", []):
        s.add_child(_build_sampler(c))
    return s


def _build(d):
    kids = [_build(c) for c in d.get("children", [])]
    t = d["op_type"]
    if t == "Map":
        return kids[0].map(
            operations=[_build_op(o) for o in d["operations"]],
            input_columns=d.get("input_columns") or None,
            output_columns=d.get("output_columns") or None,
            num_parallel_workers=d.get("num_parallel_workers"),
        )
    if t == "Batch":
        return kids[0].batch(d["batch_size"], d.get("drop_remainder", False), d.get("num_parallel_workers"))
    if t in ("Repeat", "Skip", "Take"):
        return getattr(kids[0], t.lower())(d["count"])
    if t == "Shuffle":
        out = kids[0].shuffle(d["buffer_size"])
        out.reshuffle_each_epoch = d.get("reset_each_epoch", True)
        return out
    if t == "Project":
        return kids[0].project(d["columns"])
    if t == "Rename":
        return kids[0].rename(d["input_columns"], d["output_columns"])
    if t == "Concat":
        return kids[0].concat(kids[1:])
    if t == "Zip":
        return _d.ZipDataset(kids)
    mod = importlib.import_module(d.get("op_module", "mindspore_jax.dataset"))
    cls = getattr(mod, t)
    params = inspect.signature(cls.__init__).parameters
    kw = {k: _from_value(v) for k, v in d.items() if k in params and k not in ("sampler", "children")}
    if isinstance(kw.get("image_size"), list):
        kw["image_size"] = tuple(kw["image_size"])
    if "sampler" in d and "sampler" in params:
        kw["sampler"] = _build_sampler(d["sampler"])
    return cls(**kw)


def deserialize(input_dict=None, json_filepath=None):
    """The pipeline described by ``input_dict`` or the JSON file ``json_filepath``."""
    if input_dict is None and json_filepath is None:
        return None
    if json_filepath is not None and input_dict is None:
        with open(json_filepath) as f:
            input_dict = json.load(f)
    if not isinstance(input_dict, dict):
        raise TypeError(f"Argument input_dict with value {input_dict} is not of type [<class 'dict'>].")
    return _build(input_dict)


def show(dataset, indentation=2):
    """Logs (INFO) the serialized pipeline (``indentation`` spaces per level; None: one line)."""
    out = json.dumps(serialize(dataset), indent=indentation)
    _log.info("\n%s", out)


def compare(pipeline1, pipeline2):
    """True when the two pipelines serialize to the same description."""
    return serialize(pipeline1) == serialize(pipeline2)


__all__ = ["serialize", "deserialize", "show", "compare"]
