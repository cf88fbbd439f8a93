"""Golden MindRecord files written by real MindSpore (run with /work/msvenv/bin/python from /tmp).

Writes tests/golden/mindrecord/{a.mindrecord(.db), s.mindrecord{0,1}(.db)} (small header/page sizes so
the files stay small) and tests/golden/mindrecord.json with what MindSpore's FileReader and
MindDataset return for them.
"""

import json
import os
import sys

import numpy as np
import mindspore.dataset as ds
from mindspore.mindrecord import FileReader, FileWriter

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "golden")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
from _mindrecord_rows import SCHEMA_A, SCHEMA_S, rows_a, rows_s  # noqa: E402


def enc(v):
    if isinstance(v, np.ndarray):
        if v.dtype.kind == "S":
            return {"bytes_arr": [x.hex() for x in v.tolist()]}
        if v.dtype.kind == "U":
            return {"str": str(v)}
        return {"dtype": str(v.dtype), "shape": list(v.shape), "data": v.ravel().tolist()}
    if isinstance(v, bytes):
        return {"bytes": v.hex()}
    return v


def main():
    d = os.path.join(OUT, "mindrecord")
    os.makedirs(d, exist_ok=True)
    w = FileWriter(os.path.join(d, "a.mindrecord"), shard_num=1, overwrite=True)
    w.set_header_size(1 << 14)
    w.set_page_size(1 << 15)
    w.add_schema(SCHEMA_A, "golden_a")
    w.add_index(["label", "name"])
    ra = rows_a()
    w.write_raw_data(ra[:20])
    w.write_raw_data(ra[20:])
    w.commit()
    w = FileWriter(os.path.join(d, "s.mindrecord"), shard_num=2, overwrite=True)
    w.set_header_size(1 << 14)
    w.set_page_size(1 << 15)
    w.add_schema(SCHEMA_S, "golden_s")
    rs = rows_s()
    w.write_raw_data(rs[:3])
    w.write_raw_data(rs[3:])
    w.commit()
    res = {}
    for name in ("a.mindrecord", "s.mindrecord0"):
        p = os.path.join(d, name)
        res["reader_" + name] = [{k: enc(v) for k, v in r.items()} for r in FileReader(p).get_next()]
        res["reader_keys_" + name] = [list(r.keys()) for r in FileReader(p).get_next()][:1]
        rows = list(ds.MindDataset(p, shuffle=False).create_dict_iterator(output_numpy=True, num_epochs=1))
        res["minddataset_" + name] = [{k: enc(v) for k, v in r.items()} for r in rows]
        res["minddataset_cols_" + name] = list(rows[0].keys())
    with open(os.path.join(OUT, "mindrecord.json"), "w") as f:
        json.dump(res, f)


if __name__ == "__main__":
    main()
