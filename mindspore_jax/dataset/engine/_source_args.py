"""What the file-based loaders share: argument checks (MindSpore's messages, byte for byte), small
file-listing helpers, and the standard source arguments taken once from a loader's ``locals()``."""

import os

from .datasets import _check_type

IMAGE_EXTS = (".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff")

# MappableDataset.__init__'s arguments, in its order
_SOURCE_ARGS = (
    "num_parallel_workers",
    "sampler",
    "num_samples",
    "shuffle",
    "num_shards",
    "shard_id",
    "cache",
)


# GeneratorDataset's (it takes no cache)
_GENERATOR_ARGS = _SOURCE_ARGS[:-1]


def _source_args(args, names=_SOURCE_ARGS):
    """The standard source arguments (``num_parallel_workers``, ``sampler``, ``num_samples``, ``shuffle``,
    ``num_shards``, ``shard_id``, ``cache``) picked by name from ``args`` (a loader's ``locals()``), as
    keywords for ``MappableDataset.__init__``; one a loader does not take (e.g. ``sampler``) is None."""
    return {k: args.get(k) for k in names}


def _attach_labels(ds, labels):
    """Give a class-aware sampler (one with ``_labels``) the rows' labels."""
    if hasattr(ds.sampler, "_labels"):
        ds.sampler._labels = labels


def _check_dir(dataset_dir):
    if not isinstance(dataset_dir, str):
        raise TypeError(f"Argument dataset_dir with value {dataset_dir} is not of type [<class 'str'>].")
    if not os.path.isdir(dataset_dir):
        raise ValueError(
            f"The folder {dataset_dir} does not exist or is not a directory or permission denied!"
        )


def _check_file(path, what):
    if not isinstance(path, str):
        raise TypeError(f"Argument {what} with value {path} is not of type [<class 'str'>].")
    if not os.path.isfile(path):
        raise ValueError(f"The file {path} does not exist or permission denied!")


def _check_usage(usage, allowed):
    usage = "all" if usage is None else usage
    if usage not in allowed:
        raise ValueError(f"Input usage is not within the valid set of {list(allowed)}.")
    return usage


def _check_choice(name, value, allowed):
    _check_type(name, value, str)
    if value not in allowed:
        raise ValueError(f"Input {name} is not within the valid set of {list(allowed)}.")
    return value


def _check_bool(name, value):
    _check_type(name, value, bool)


def _read_lines(path, what):
    if not os.path.isfile(path):
        raise RuntimeError(
            f"Invalid file, failed to open {path}: {what} file is damaged or permission denied."
        )
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def _sorted_dirs(path):
    return sorted(d for d in os.listdir(path) if os.path.isdir(os.path.join(path, d)))


def _sorted_files(path, exts=IMAGE_EXTS):
    return sorted(
        f for f in os.listdir(path) if os.path.isfile(os.path.join(path, f)) and f.lower().endswith(exts)
    )
