"""Golden outputs of real MindSpore 2.10's TFRecord / CSV / TextFile loaders for
tests/test_dataset_loaders.py.

Run with the MindSpore venv from /tmp:
    /work/msvenv/bin/python /work/main/tools/make_golden_dataset_loaders.py
``write_files(d)`` (pure numpy, also used by the test) writes the tiny input files; the TFRecord
encoder is mindspore_jax/dataset/engine/_tfrecord.py, loaded by path (real TensorFlow-format bytes).
"""

import gzip
import importlib.util
import json
import os
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "golden", "dataset_loaders.json")


def _tfr():
    spec = importlib.util.spec_from_file_location(
        "_tfrecord", os.path.join(HERE, "..", "mindspore_jax", "dataset", "engine", "_tfrecord.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def write_files(d):
    tfr = _tfr()
    os.makedirs(d, exist_ok=True)
    recs = [tfr.encode_example({"label": [i], "feat": np.arange(3, dtype=np.float32) * i + 0.5,
                                "name": [b"abc%d" % i], "ids": [1, -2, 3 + i]}) for i in range(5)]
    tfr.write_records(os.path.join(d, "b.tfrecord"), recs[2:])
    tfr.write_records(os.path.join(d, "a.tfrecord"), recs[:2])
    with open(os.path.join(d, "a.tfrecord"), "rb") as f:
        raw = f.read()
    with open(os.path.join(d, "z.tfrecord.gz"), "wb") as f:
        f.write(gzip.compress(raw))
    with open(os.path.join(d, "a.csv"), "w") as f:
        f.write("1,2.5,hello,x\n3,4.0,world,\n5,6,\"quo,ted\",z\n")
    with open(os.path.join(d, "h.csv"), "w") as f:
        f.write("a,b\n1,x\n2,y\n")
    with open(os.path.join(d, "t1.txt"), "w") as f:
        f.write("line one\n\nline three\n")
    with open(os.path.join(d, "t2.txt"), "w") as f:
        f.write("second file")
    return d


def cases(ds, mstype, d):
    """name -> zero-argument dataset factory (shared with the test)."""
    p = lambda n: os.path.join(d, n)  # noqa: E731

    def schema():
        s = ds.Schema()
        s.add_column("label", mstype.int32, [1])
        s.add_column("feat", mstype.float32, [3])
        return s

    def schema2():
        s = ds.Schema()
        s.add_column("ids", mstype.int64, [3, 1])
        return s

    def saved():
        src = ds.NumpySlicesDataset({"img": np.arange(12, dtype=np.uint8).reshape(3, 4),
                                     "lab": np.array([1, 2, 3], np.int32),
                                     "f": np.arange(6, dtype=np.float32).reshape(3, 2),
                                     "s": np.array(["a", "bb", "c"]), "d": np.array([0.5, 1.5, 2.5])},
                                    shuffle=False)
        src.save(p("saved.mindrecord"))
        return ds.MindDataset(p("saved.mindrecord"), shuffle=False)

    return {
        "save_mindrecord": saved,
        "tf_all": lambda: ds.TFRecordDataset([p("b.tfrecord"), p("a.tfrecord")], shuffle=False),
        "tf_schema": lambda: ds.TFRecordDataset(p("a.tfrecord"), schema=schema(), shuffle=False),
        "tf_cols": lambda: ds.TFRecordDataset(p("b.tfrecord"), columns_list=["name", "label"], shuffle=False),
        "tf_reshape": lambda: ds.TFRecordDataset(p("b.tfrecord"), schema=schema2(), shuffle=False,
                                                 num_samples=2),
        "tf_gzip": lambda: ds.TFRecordDataset(p("z.tfrecord.gz"), shuffle=False, compression_type="GZIP"),
        "csv_typed": lambda: ds.CSVDataset(p("a.csv"), column_defaults=[0, 0.0, "", "d"],
                                           column_names=["a", "b", "c", "d"], shuffle=False),
        "csv_header": lambda: ds.CSVDataset(p("h.csv"), shuffle=False),
        "text": lambda: ds.TextFileDataset([p("t2.txt"), p("t1.txt")], shuffle=False),
        "text_batch": lambda: ds.TextFileDataset([p("t2.txt"), p("t1.txt")], shuffle=False).take(2),
    }


def enc(v):
    v = np.asarray(v)
    dtype = str(v.dtype) if v.dtype.kind != "U" else "str"
    return {"dtype": dtype, "shape": list(v.shape), "data": v.tolist()}


def describe(d):
    rows = [[enc(v) for v in r] for r in d.create_tuple_iterator(output_numpy=True, num_epochs=1)]
    return {"cols": d.get_col_names(), "size": d.get_dataset_size(), "rows": rows}


def main():
    import mindspore.dataset as ds
    from mindspore import dtype as mstype

    d = write_files(tempfile.mkdtemp())
    out = {name: describe(make()) for name, make in cases(ds, mstype, d).items()}
    with open(OUT, "w") as f:
        json.dump(out, f)
    print("wrote", OUT, list(out))


if __name__ == "__main__":
    main()
