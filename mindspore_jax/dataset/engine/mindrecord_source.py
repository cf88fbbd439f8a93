"""``MindDataset``: reads MindRecord files (see ``mindspore_jax.mindrecord``)."""

import numpy as np

from .datasets import MappableDataset


class MindDataset(MappableDataset):
    """Rows of MindRecord files as numpy columns, in sorted column-name order (as MindSpore):
    scalars are 0-d arrays of the schema dtype, strings 0-d str arrays, bytes 1-element ``S`` arrays,
    shaped fields arrays. A single file name reads all shards of its data set; a list reads those files."""

    def __init__(self, dataset_files, columns_list=None, num_parallel_workers=None, shuffle=None,
                 num_shards=None, shard_id=None, sampler=None, padded_sample=None, num_padded=None,
                 num_samples=None, cache=None):
        from ...mindrecord._io import _ShardSet
        from ...mindrecord import _format as F

        if not isinstance(dataset_files, (str, list)):
            raise TypeError(f"Argument dataset_files with value {dataset_files} is not of type "
                            "[<class 'str'>, <class 'list'>].")
        sset = _ShardSet(dataset_files, all_shards=isinstance(dataset_files, str))
        self.dataset_files = dataset_files
        names = sorted(sset.schema)
        if columns_list is not None:
            if not isinstance(columns_list, list) or not columns_list:
                raise ValueError("columns_list should be a non-empty list.")
            bad = [c for c in columns_list if c not in sset.schema]
            if bad:
                raise RuntimeError(f"Invalid data, column(s) {bad} do not exist in the MindRecord schema "
                                   f"{names}.")
            names = list(columns_list)
        self.column_names = names
        self.columns_list = columns_list
        schema = sset.schema
        self._rows = []
        for row in sset.rows():
            out = []
            for c in names:
                v, t = row[c], schema[c]["type"]
                if t == "bytes":
                    out.append(np.array([v]))
                elif t == "string":
                    out.append(np.array(v))
                else:
                    out.append(np.asarray(v, dtype=F.NP_TYPES[t]))
            self._rows.append(out)
        if num_padded is not None or padded_sample is not None:
            if padded_sample is None or num_padded is None:
                raise RuntimeError("padded_sample and num_padded should be set together.")
            pad = []
            for c in names:
                v = padded_sample[c]
                t = schema[c]["type"]
                pad.append(np.array([v]) if t == "bytes" else np.asarray(v, dtype=F.NP_TYPES[t]))
            self._rows.extend([pad] * int(num_padded))
        self.padded_sample, self.num_padded = padded_sample, num_padded
        super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id, cache)

    def _length(self):
        return len(self._rows)

    def _read(self, index):
        return [a.copy() for a in self._rows[index]]
