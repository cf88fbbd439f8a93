"""Checkpoints against files and behaviour of real MindSpore 2.10.

tests/fixtures/*.ckpt|*.safetensors come from tests/fixtures/gen_*.py; tests/golden/ckpt/ from
tools/make_golden_ckpt.py (both run under real MindSpore).
"""

import io
import json
import os
import stat
import threading

import ml_dtypes
import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Parameter, Tensor, nn
from mindspore_jax.train import _ckpt_format as fmt
from mindspore_jax.train import serialization as ser

from conftest import FIXTURES, GOLDEN

CKPT_GOLDEN = os.path.join(GOLDEN, "ckpt")
with open(os.path.join(CKPT_GOLDEN, "ckpt.json"), encoding="utf-8") as _f:
    G = json.load(_f)


def fx(name):
    return os.path.join(FIXTURES, name)


def gd(name):
    return os.path.join(CKPT_GOLDEN, name)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def to_np(v):
    return v.astype(ms.float32).asnumpy() if v.dtype == ms.bfloat16 else v.asnumpy()


def describe(d):
    """Same layout as tools/make_golden_ckpt.py's describe()."""
    out = {}
    for k, v in d.items():
        if isinstance(v, str):
            out[k] = {"python_type": "str", "value": v}
        else:
            out[k] = {"python_type": type(v).__name__, "dtype": str(v.dtype), "shape": list(v.shape),
                      "value": to_np(v).tolist(), "requires_grad": bool(v.requires_grad)}
    return out


# The network of tools/make_golden_ckpt.py, built the same way.
class Inner(nn.Cell):
    def __init__(self):
        super().__init__()
        self.w = Parameter(Tensor(np.arange(6, dtype=np.float32).reshape(2, 3) / 4), name="w")
        self.b = Parameter(Tensor(np.array([1, -2], np.int32)))


class Outer(nn.Cell):
    def __init__(self):
        super().__init__()
        self.inner = Inner()
        self.scale = Parameter(Tensor(np.array(0.5, np.float16)), name="scale", requires_grad=False)
        self.flag = Parameter(Tensor(np.array([True, False])), name="flag")
        self.bf = Parameter(Tensor(np.array([1.5, -2.25, 3e5], np.float32)).astype(ms.bfloat16), name="bf")
        self.big = Parameter(Tensor(np.array([[2 ** 40, -3]], np.int64)), name="big")


def golden_append():
    return {"epoch_num": 5, "lr": 0.125, "ok": True, "note": "héllo €𝄞",
            "vec": Tensor(np.array([7, 8], np.int16)),
            "step": Parameter(Tensor(np.array([3], np.int32)), name="whatever")}


class Affine(nn.Cell):
    def __init__(self, w=0.5, b=-1.0):
        super().__init__()
        self.w = Parameter(Tensor(np.full((3,), w, np.float32)), name="w")
        self.b = Parameter(Tensor(np.full((3,), b, np.float32)), name="b")

    def construct(self, x):
        return x * self.w + self.b


def no_tmp_files(d):
    return [f for f in os.listdir(d) if f.endswith(".tmp")]


# ================================================================= byte-exact re-save of fixtures
@pytest.mark.parametrize("name,kwargs", [
    ("lenet5_ms2.10.ckpt", {}),
    ("lenet5_ms2.10_crc.ckpt", {"crc_check": True}),
    ("dtypes_ms2.10.ckpt", {}),
    ("append_dict_ms2.10.ckpt", {}),
    ("append_dict_types_ms2.10.ckpt", {}),
])
def test_resave_fixture_is_byte_identical(tmp_path, name, kwargs):
    loaded = ms.load_checkpoint(fx(name), **kwargs)
    out = str(tmp_path / "re.ckpt")
    ms.save_checkpoint(loaded, out, **kwargs)
    assert read(out) == read(fx(name))


def test_resave_chunked_fixture(tmp_path, monkeypatch):
    loaded = ms.load_checkpoint(fx("chunked_ms2.10.ckpt"))
    monkeypatch.setattr(ser, "SLICE_SIZE", 1)  # what gen_ckpt_dtypes.py did to MindSpore
    out = str(tmp_path / "re.ckpt")
    ms.save_checkpoint(loaded, out)
    assert read(out) == read(fx("chunked_ms2.10.ckpt"))
    tags = [r[0] for r in fmt.parse_records(read(out))]
    assert tags == ["big", "big", "big", "small"]


@pytest.mark.parametrize("name", ["lenet5_ms2.10.safetensors", "dtypes_ms2.10.safetensors",
                                  "append_dict_ms2.10.safetensors"])
def test_resave_safetensors_fixture_is_byte_identical(tmp_path, name):
    loaded = ms.load_checkpoint(fx(name), format="safetensors")
    out = str(tmp_path / "re.safetensors")
    ms.save_checkpoint(loaded, out, format="safetensors")
    assert read(out) == read(fx(name))


# ================================================================= values of the fixtures
def test_dtypes_fixture_values():
    exp = np.load(fx("dtypes_expected.npz"))
    d = ms.load_checkpoint(fx("dtypes_ms2.10.ckpt"))
    assert list(d) == list(exp.files)
    want_dtype = {}
    with open(fx("dtypes_params.tsv")) as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            want_dtype[cols[0]] = cols[4]
    for k in exp.files:
        p = d[k]
        assert isinstance(p, Parameter) and p.name == k and p.requires_grad is True
        assert str(p.dtype) == want_dtype[k]
        assert p.shape == exp[k].shape
        np.testing.assert_array_equal(to_np(p), exp[k])
    assert d["t_bfloat16"].asnumpy().dtype == ml_dtypes.bfloat16


def test_chunked_fixture_values():
    exp = np.load(fx("chunked_expected.npz"))
    d = ms.load_checkpoint(fx("chunked_ms2.10.ckpt"))
    assert list(d) == ["big", "small"]
    np.testing.assert_array_equal(d["big"].asnumpy(), exp["big"])
    np.testing.assert_array_equal(d["small"].asnumpy(), exp["small"])


def test_append_dict_fixture_values():
    with open(fx("append_dict_expected.json")) as f:
        exp = json.load(f)
    for fname, info in exp.items():
        got = describe(ms.load_checkpoint(fx(fname)))
        assert list(got) == list(info["loaded"])
        for k, want in info["loaded"].items():
            g = got[k]
            assert g["python_type"] == want["python_type"]
            if want["python_type"] == "str":
                assert g["value"] == want["value"]
            else:
                assert (g["dtype"], g["shape"], g["value"]) == (want["dtype"], want["shape"], want["value"])


def test_lenet5_fixture_names_and_crc():
    plain = ms.load_checkpoint(fx("lenet5_ms2.10.ckpt"))
    crc = ms.load_checkpoint(fx("lenet5_ms2.10_crc.ckpt"), crc_check=True)
    with open(fx("lenet5_params.tsv")) as f:
        rows = [line.split("\t") for line in f.read().splitlines()[1:]]
    assert list(plain) == [r[0] for r in rows]
    for r in rows:
        assert "x".join(map(str, plain[r[0]].shape)) == r[1] and str(plain[r[0]].dtype) == r[2]
        np.testing.assert_array_equal(plain[r[0]].asnumpy(), crc[r[0]].asnumpy())


def test_safetensors_fixtures_read():
    exp = np.load(fx("dtypes_expected.npz"))
    d = ms.load_checkpoint(fx("dtypes_ms2.10.safetensors"), format="safetensors")
    assert list(d) == sorted(k for k in exp.files if k != "t_bfloat16")
    for k, p in d.items():
        assert isinstance(p, Parameter) and p.requires_grad
        assert p.asnumpy().dtype == exp[k].dtype
        np.testing.assert_array_equal(p.asnumpy(), exp[k])
    a = ms.load_checkpoint(fx("append_dict_ms2.10.safetensors"), format="safetensors")
    assert a["epoch_num"].dtype == ms.int64 and a["epoch_num"].shape == () and int(a["epoch_num"]) == 3
    lenet_st = ms.load_checkpoint(fx("lenet5_ms2.10.safetensors"), format="safetensors")
    lenet = ms.load_checkpoint(fx("lenet5_ms2.10.ckpt"))
    assert sorted(lenet_st) == sorted(lenet)
    for k in lenet:
        np.testing.assert_array_equal(lenet_st[k].asnumpy(), lenet[k].asnumpy())


# ================================================================= goldens made by tools/make_golden_ckpt.py
def test_cell_save_matches_mindspore_bytes(tmp_path):
    net = Outer()
    assert [p.name for p in net.get_parameters()] == G["cell_param_names"]
    ms.save_checkpoint(net, str(tmp_path / "a.ckpt"), append_dict=golden_append())
    assert read(tmp_path / "a.ckpt") == read(gd("cell_append.ckpt"))
    ms.save_checkpoint(net, str(tmp_path / "c.ckpt"), crc_check=True)
    assert read(tmp_path / "c.ckpt") == read(gd("cell_crc.ckpt"))
    ms.save_checkpoint(net.trainable_params(), str(tmp_path / "l.ckpt"),
                       choice_func=lambda n: not n.startswith("big"))
    assert read(tmp_path / "l.ckpt") == read(gd("list_choice.ckpt"))
    ms.save_checkpoint([{"name": "z_first", "data": Tensor(np.ones((2, 2), np.float64))},
                        {"name": "a_second", "data": Tensor(np.array(-1, np.int8))},
                        {"name": "z_first", "data": Tensor(np.array([9.0], np.float32))}],
                       str(tmp_path / "d.ckpt"))
    assert read(tmp_path / "d.ckpt") == read(gd("dict_list_dup.ckpt"))


def _sorted_meta(data):
    """safetensors files with the metadata keys sorted: the library (in MindSpore too) writes them
    in hash order, different from run to run; mindspore_jax always writes them sorted."""
    n = int.from_bytes(data[:8], "little")
    header = json.loads(data[8:8 + n])
    meta = json.dumps(dict(sorted(header["__metadata__"].items())), separators=(",", ":"))
    start = data.index(b'{"__metadata__":') + len(b'{"__metadata__":')
    out = data[:start] + meta.encode() + data[start + len(meta):]
    assert json.loads(out[8:8 + n]) == header
    return out


def test_safetensors_save_matches_mindspore_bytes(tmp_path):
    st = {k: v for k, v in ms.load_checkpoint(gd("cell_crc.ckpt")).items() if k != "bf"}
    for i in range(3):  # deterministic, whatever the hash seed of the safetensors library
        ms.save_checkpoint(st, str(tmp_path / "c.safetensors"), format="safetensors", crc_check=True)
        assert read(tmp_path / "c.safetensors") == _sorted_meta(read(gd("cell_crc.safetensors")))
    ms.save_checkpoint(st, str(tmp_path / "p.safetensors"), format="safetensors",
                       append_dict={"epoch_num": 2, "lr": 0.5})
    assert read(tmp_path / "p.safetensors") == read(gd("cell_plain.safetensors"))


@pytest.mark.parametrize("key,fname,kwargs", [
    ("load_cell_append", "cell_append.ckpt", {}),
    ("load_list_choice", "list_choice.ckpt", {}),
    ("load_dict_list_dup", "dict_list_dup.ckpt", {}),
    ("load_cell_crc_safetensors", "cell_crc.safetensors", {"format": "safetensors", "crc_check": True}),
])
def test_load_matches_mindspore(key, fname, kwargs):
    got = describe(ms.load_checkpoint(gd(fname), **kwargs))
    assert list(got) == list(G[key])
    assert got == G[key]


@pytest.mark.parametrize("key,kwargs", [
    ("keys_filter_prefix", {"filter_prefix": ("inner.", "e")}),
    ("keys_specify_prefix", {"specify_prefix": "inner"}),
    ("keys_specify_and_filter", {"specify_prefix": ["inner", "s"], "filter_prefix": "inner.b"}),
    ("keys_prefix_overrides_choice", {"filter_prefix": "inner", "choice_func": lambda n: n == "flag"}),
    ("keys_choice_func", {"choice_func": lambda n: "e" in n}),
])
def test_load_filters(key, kwargs):
    assert list(ms.load_checkpoint(gd("cell_append.ckpt"), **kwargs)) == G[key]


@pytest.mark.parametrize("key,kwargs,exc", [
    ("err_empty_filter", {"specify_prefix": "nothing"}, ValueError),
    ("err_prefix_type", {"filter_prefix": 3}, TypeError),
    ("err_prefix_empty_str", {"filter_prefix": ["a", ""]}, ValueError),
])
def test_load_argument_errors(key, kwargs, exc):
    with pytest.raises(exc) as e:
        ms.load_checkpoint(gd("cell_append.ckpt"), **kwargs)
    assert G[key] == [exc.__name__, str(e.value)]


def _P(a, name="x"):
    return Parameter(Tensor(a), name=name)


LPIN_CASES = {
    "partial_and_extra": ({"zz": _P(np.ones(1, np.float32)), "flag": _P(np.array([False, True])),
                           "inner.w": _P(np.full((2, 3), 3, np.float32)), "note": "text",
                           "scale": "str value"}, False),
    "prefix_mismatch": ({"backbone.inner.w": _P(np.full((2, 3), 2, np.float32)),
                         "backbone.flag": _P(np.array([True, True])),
                         "other": _P(np.ones(1, np.float32))}, False),
    "trailing_ones": ({"inner.b": _P(np.array([[4], [5]], np.int32)),
                       "scale": _P(np.array([[2.0]], np.float16))}, False),
    "convert_float": ({"inner.w": _P(np.full((2, 3), 1.5, np.float16)),
                       "bf": _P(np.array([1, 2, 3], np.float32))}, False),
    "convert_int": ({"inner.b": _P(np.array([6, 7], np.int64)),
                     "big": _P(np.array([[1, 2]], np.int8))}, False),
    "strict_float": ({"inner.w": _P(np.full((2, 3), 1.5, np.float16))}, True),
    "strict_prefix": ({"backbone.inner.w": _P(np.full((2, 3), 2, np.float32))}, True),
    "uint_to_int": ({"inner.b": _P(np.array([6, 7], np.uint8))}, False),
    "bool_to_int": ({"inner.b": _P(np.array([True, False]))}, False),
    "shape_mismatch": ({"inner.w": _P(np.ones((3, 2), np.float32))}, False),
    "scalar_into_vector": ({"inner.b": _P(np.array(4, np.int32))}, False),
}


@pytest.mark.parametrize("case", sorted(LPIN_CASES))
def test_load_param_into_net_matches_mindspore(case):
    pd, strict = LPIN_CASES[case]
    want = G["load_param_into_net"][case]
    net = Outer()
    if "error" in want:
        with pytest.raises(RuntimeError) as e:
            ms.load_param_into_net(net, pd, strict)
        assert ["RuntimeError", str(e.value)] == want["error"]
    else:
        res = ms.load_param_into_net(net, pd, strict)
        assert isinstance(res, tuple) and [list(r) for r in res] == want["result"]
    assert describe({p.name: p for p in net.get_parameters()}) == want["net"]


def test_load_param_into_net_copies_values():
    net = Affine()
    pd = {"w": _P(np.full((3,), 7, np.float32), "w")}
    w_obj = net.w
    ms.load_param_into_net(net, pd)
    assert net.w is w_obj
    pd["w"].set_data(Tensor(np.zeros(3, np.float32)))
    np.testing.assert_array_equal(net.w.asnumpy(), [7, 7, 7])


@pytest.mark.parametrize("key,call,exc", [
    ("err_net_type", lambda: ms.load_param_into_net([1], {}), TypeError),
    ("err_dict_type", lambda: ms.load_param_into_net(Outer(), [1]), TypeError),
    ("err_save_obj", lambda: ms.save_checkpoint(5, "x.ckpt"), TypeError),
    ("err_append_type", lambda: ms.save_checkpoint(Outer(), "x.ckpt", append_dict={"a": [1]}), TypeError),
    ("err_bad_format", lambda: ms.save_checkpoint(Outer(), "x.ckpt", format="npz"), ValueError),
    ("err_async_value", lambda: ms.save_checkpoint(Outer(), "x.ckpt", async_save="fork"), ValueError),
])
def test_api_errors_match_mindspore(key, call, exc):
    with pytest.raises(exc) as e:
        call()
    assert G[key] == [exc.__name__, str(e.value)]


def test_api_errors_naming_classes():
    with pytest.raises(TypeError, match="should be a 'str' and 'Parameter'"):
        ms.load_param_into_net(Outer(), {"a": Tensor(np.ones(1))})
    with pytest.raises(TypeError, match="list of Parameter,the param should be parameter"):
        ms.save_checkpoint([Tensor(np.ones(1))], "x.ckpt")


# ================================================================= round trips
def test_roundtrip_cell_into_fresh_cell(tmp_path, mode):
    x = Tensor(np.array([1.0, -2.0, 3.0], np.float32))
    src = Affine(w=1.25, b=0.5)
    ref = src(x).asnumpy()
    f = str(tmp_path / "net")
    ms.save_checkpoint(src, f)
    assert os.path.exists(f + ".ckpt")
    dst = Affine()
    assert not np.allclose(dst(x).asnumpy(), ref)
    d = ms.load_checkpoint(f + ".ckpt", net=dst)
    assert sorted(d) == ["b", "w"]
    np.testing.assert_array_equal(dst(x).asnumpy(), ref)


@pytest.mark.parametrize("dt", [np.float16, np.float32, np.float64, np.int8, np.int16, np.int32, np.int64,
                                np.uint8, np.uint16, np.uint32, np.uint64, np.bool_, ml_dtypes.bfloat16])
@pytest.mark.parametrize("fmt_", ["ckpt", "safetensors"])
def test_roundtrip_dtypes(tmp_path, dt, fmt_):
    a = (np.arange(12) % 5 - 2).reshape(3, 4).astype(dt)
    s = np.array(3, dtype=dt)
    f = str(tmp_path / f"d.{fmt_}")
    ms.save_checkpoint({"a": Tensor(a), "s": Tensor(s)}, f, format=fmt_)
    d = ms.load_checkpoint(f, format=fmt_)
    for k, ref in (("a", a), ("s", s)):
        got = d[k].asnumpy()
        assert got.dtype == ref.dtype and got.shape == ref.shape
        np.testing.assert_array_equal(got, ref)


def test_roundtrip_append_values(tmp_path):
    f = str(tmp_path / "a.ckpt")
    net = Affine()
    ms.save_checkpoint(net, f, append_dict={"i": 2 ** 40, "f": 0.1, "flag": False, "s": "", "u": "ü𝄞x",
                                            "t": Tensor(np.array([1, 2], np.uint16))})
    d = ms.load_checkpoint(f)
    assert list(d) == ["w", "b", "i", "f", "flag", "s", "u", "t"]
    assert d["flag"].dtype == ms.bool_ and d["flag"].shape == () and not bool(d["flag"])
    assert d["i"].dtype == ms.int64 and d["i"].shape == () and int(d["i"]) == 2 ** 40
    assert d["f"].dtype == ms.float32 and float(d["f"]) == np.float32(0.1)
    assert d["s"] == "" and d["u"] == "ü𝄞x"
    assert d["t"].dtype == ms.uint16


def test_append_dict_name_collides_with_param(tmp_path):
    # a later record with the same name replaces the earlier one in place (MindSpore's OrderedDict)
    f = str(tmp_path / "a.ckpt")
    ms.save_checkpoint(Affine(), f, append_dict={"b": 1})
    d = ms.load_checkpoint(f)
    assert list(d) == ["w", "b"] and d["b"].dtype == ms.int64


def test_zero_size_tensor_is_dropped(tmp_path):
    f = str(tmp_path / "z.ckpt")
    ms.save_checkpoint({"e": Tensor(np.zeros((0, 3), np.float32)), "k": Tensor(np.ones(2, np.float32))}, f)
    assert list(ms.load_checkpoint(f)) == ["k"]
    ms.save_checkpoint({"e": Tensor(np.zeros((0, 3), np.float32))}, f)
    assert os.path.getsize(f) == 0
    with pytest.raises(ValueError, match="empty"):
        ms.load_checkpoint(f)


def test_complex_saves_but_does_not_load(tmp_path):
    f = str(tmp_path / "c.ckpt")
    ms.save_checkpoint({"c": Tensor(np.array([1 + 2j], np.complex64))}, f)
    assert fmt.parse_records(read(f))[0][2] == "Complex64"
    with pytest.raises(ValueError, match="Complex64"):
        ms.load_checkpoint(f)


def test_save_list_of_parameters_and_dict_of_arrays(tmp_path):
    net = Affine(w=2.0)
    f = str(tmp_path / "l.ckpt")
    ms.save_checkpoint(net.trainable_params(), f, choice_func=lambda n: n == "w")
    assert list(ms.load_checkpoint(f)) == ["w"]
    ms.save_checkpoint({"n": np.arange(3), "p": net.w}, f)
    d = ms.load_checkpoint(f)
    assert d["n"].dtype == ms.int64 and d["p"].dtype == ms.float32


def test_suffix_and_file_mode(tmp_path):
    ms.save_checkpoint(Affine(), str(tmp_path / "noext"))
    ms.save_checkpoint(Affine(), str(tmp_path / "x.CKPT"))
    ms.save_checkpoint(Affine(), str(tmp_path / "xckpt"))
    ms.save_checkpoint(Affine(), str(tmp_path / "s"), format="safetensors")
    assert sorted(os.listdir(tmp_path)) == ["noext.ckpt", "s.safetensors", "x.CKPT.ckpt", "xckpt"]
    for f in os.listdir(tmp_path):
        assert stat.S_IMODE(os.stat(tmp_path / f).st_mode) == 0o400


def test_overwrite_read_only_file(tmp_path):
    f = str(tmp_path / "o.ckpt")
    ms.save_checkpoint(Affine(w=1.0), f)
    ms.save_checkpoint(Affine(w=2.0), f)
    assert stat.S_IMODE(os.stat(f).st_mode) == 0o400
    np.testing.assert_array_equal(ms.load_checkpoint(f)["w"].asnumpy(), [2, 2, 2])
    assert os.listdir(tmp_path) == ["o.ckpt"]


# ================================================================= atomicity and async
@pytest.mark.parametrize("format", ["ckpt", "safetensors"])
def test_failed_save_keeps_previous_file(tmp_path, monkeypatch, format):
    f = str(tmp_path / f"a.{format}")
    ms.save_checkpoint(Affine(w=1.0), f, format=format)
    before = read(f)

    calls = []
    if format == "ckpt":
        real = fmt.encode_record

        def boom(*a):
            calls.append(1)
            if len(calls) == 2:  # the first record is already on disk (in the temp file)
                raise OSError("disk full")
            return real(*a)

        monkeypatch.setattr(fmt, "encode_record", boom)
    else:
        import safetensors.numpy as sn

        def boom(tensors, filename, metadata=None):
            with open(filename, "wb") as fh:
                fh.write(b"partial")
            raise OSError("disk full")

        monkeypatch.setattr(sn, "save_file", boom)
    with pytest.raises(OSError, match="disk full"):
        ms.save_checkpoint(Affine(w=5.0), f, format=format)
    assert read(f) == before
    assert os.listdir(tmp_path) == [os.path.basename(f)]
    np.testing.assert_array_equal(ms.load_checkpoint(f, format=format)["w"].asnumpy(), [1, 1, 1])


def test_failed_save_of_new_file_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(fmt, "encode_record", lambda *a: (_ for _ in ()).throw(OSError("io")))
    with pytest.raises(OSError):
        ms.save_checkpoint(Affine(), str(tmp_path / "n.ckpt"))
    assert os.listdir(tmp_path) == []


def test_async_save_snapshots_values(tmp_path, monkeypatch):
    gate = threading.Event()
    real = ser._exec_save

    def slow(*a, **k):
        assert gate.wait(10)
        return real(*a, **k)

    monkeypatch.setattr(ser, "_exec_save", slow)
    net = Affine(w=1.0)
    f = str(tmp_path / "a.ckpt")
    ms.save_checkpoint(net, f, async_save=True)
    assert ser.async_ckpt_thread_status()
    net.w.set_data(Tensor(np.full((3,), 9.0, np.float32)))  # a training step after the save call
    gate.set()
    ser._wait_async_save()
    assert not ser.async_ckpt_thread_status()
    np.testing.assert_array_equal(ms.load_checkpoint(f)["w"].asnumpy(), [1, 1, 1])
    assert no_tmp_files(tmp_path) == [] and stat.S_IMODE(os.stat(f).st_mode) == 0o400


def test_async_save_thread_mode_byte_identical(tmp_path):
    net = Outer()
    ms.save_checkpoint(net, str(tmp_path / "a.ckpt"), append_dict=golden_append(), async_save="thread")
    ser._wait_async_save()
    assert read(tmp_path / "a.ckpt") == read(gd("cell_append.ckpt"))


# ================================================================= damaged files
def _write(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


@pytest.mark.parametrize("cut", [1, 3, 10, 600, 5000, -1, -5, -300])
def test_truncated_file_raises(tmp_path, cut):
    data = read(fx("lenet5_ms2.10.ckpt"))
    f = _write(tmp_path, "t.ckpt", data[:cut])
    net = Affine()
    with pytest.raises(ValueError, match="corrupted"):
        ms.load_checkpoint(f, net=net)
    np.testing.assert_array_equal(net.w.asnumpy(), [0.5] * 3)


def test_garbage_and_missing_fields_raise(tmp_path):
    with pytest.raises(ValueError, match="corrupted"):
        ms.load_checkpoint(_write(tmp_path, "g.ckpt", b"\xff\xfe\x00abc"))
    # a record without tensor_content
    value = b"\x0a\x01a" + b"\x12\x09" + b"\x08\x01" + b"\x12\x05Int32"
    rec = b"\x0a" + bytes([len(value)]) + value
    with pytest.raises(ValueError, match="corrupted"):
        ms.load_checkpoint(_write(tmp_path, "m.ckpt", rec))


def test_content_size_mismatch_raises(tmp_path):
    rec = b"".join(bytes(p) for p in fmt.encode_record("a", [2, 3], "Float32", b"\0" * 20))
    good = b"".join(bytes(p) for p in fmt.encode_record("b", [1], "Float32", b"\0" * 4))
    with pytest.raises(ValueError, match="needs 24 bytes but holds 20") as e:
        ms.load_checkpoint(_write(tmp_path, "s.ckpt", good + rec))
    assert "failed to load the checkpoint file" in str(e.value)


def test_crc_mismatch(tmp_path):
    data = bytearray(read(fx("lenet5_ms2.10_crc.ckpt")))
    data[100] ^= 1
    f = _write(tmp_path, "b.ckpt", bytes(data))
    with pytest.raises(ValueError, match="crc check is failed"):
        ms.load_checkpoint(f, crc_check=True)
    # without crc_check the trailer is stripped and not verified (MindSpore does the same)
    assert len(ms.load_checkpoint(f)) == 8
    # a file without trailer loads with crc_check=True (only a warning)
    assert len(ms.load_checkpoint(fx("lenet5_ms2.10.ckpt"), crc_check=True)) == 8


def test_safetensors_damaged_and_crc(tmp_path):
    data = read(gd("cell_crc.safetensors"))
    with pytest.raises(ValueError, match="corrupted"):
        ms.load_checkpoint(_write(tmp_path, "t.safetensors", data[:-3]), format="safetensors")
    bad = bytearray(data)
    bad[-1] ^= 0x10
    f = _write(tmp_path, "c.safetensors", bytes(bad))
    with pytest.raises(ValueError, match="crc check has failed"):
        ms.load_checkpoint(f, format="safetensors", crc_check=True)
    assert len(ms.load_checkpoint(f, format="safetensors")) == 5


def test_load_file_errors(tmp_path):
    with pytest.raises(ValueError, match="does not exist"):
        ms.load_checkpoint(str(tmp_path / "nope.ckpt"))
    with pytest.raises(ValueError, match="must same with 'format'"):
        ms.load_checkpoint(fx("lenet5_ms2.10.safetensors"))
    with pytest.raises(TypeError, match="BytesIO"):
        ms.load_checkpoint(io.BytesIO(b""))
    with pytest.raises(NotImplementedError, match="encrypted"):
        ms.load_checkpoint(fx("lenet5_ms2.10.ckpt"), dec_key=b"0" * 16)


def test_remove_redundancy_standalone_raises():
    with pytest.raises(TypeError, match="stand_alone"):
        ms.load_param_into_net(Affine(), {"w": _P(np.ones(3, np.float32))}, remove_redundancy=True)


# ================================================================= other entry points
def test_safetensors_extras(tmp_path):
    d = ms.load_checkpoint(io.BytesIO(read(gd("cell_plain.safetensors"))), format="safetensors")
    assert int(d["epoch_num"]) == 2
    with pytest.raises(ValueError, match="string"):
        ms.save_checkpoint(Affine(), str(tmp_path / "s.safetensors"), format="safetensors",
                           append_dict={"note": "x"})
    assert os.listdir(tmp_path) == []
    with pytest.raises(ValueError, match="enc_key"):
        ms.save_checkpoint(Affine(), str(tmp_path / "s"), format="safetensors", enc_key=b"k")


def test_load_checkpoint_async(tmp_path):
    fut = ms.load_checkpoint_async(fx("lenet5_ms2.10.ckpt"))
    d = fut.result()
    assert len(d) == 8 and d["fc3.bias"].shape == (10,)
    assert len(ser.load_checkpoint_async(fx("lenet5_ms2.10.safetensors")).result()) == 8


def test_convert_between_formats(tmp_path):
    src = tmp_path / "m.ckpt"
    src.write_bytes(read(fx("lenet5_ms2.10.ckpt")))
    ser.ckpt_to_safetensors(str(src), str(tmp_path / "out"))
    assert read(tmp_path / "out" / "m.safetensors") == read(fx("lenet5_ms2.10.safetensors"))
    ser.safetensors_to_ckpt(str(tmp_path / "out" / "m.safetensors"), str(tmp_path / "back"))
    back = ms.load_checkpoint(str(tmp_path / "back" / "m.ckpt"))
    orig = ms.load_checkpoint(fx("lenet5_ms2.10.ckpt"))
    assert sorted(back) == sorted(orig)
    for k in orig:
        np.testing.assert_array_equal(back[k].asnumpy(), orig[k].asnumpy())


def test_unsupported_entry_points():
    with pytest.raises(NotImplementedError, match="MindIR"):
        ser.export(Affine(), Tensor(np.ones(3, np.float32)), file_name="n", file_format="MINDIR")
    with pytest.raises(NotImplementedError, match="MindIR"):
        ser.load("n.mindir")
    with pytest.raises(NotImplementedError, match="encrypted"):
        ms.save_checkpoint(Affine(), "never.ckpt", enc_key=b"0" * 16)


def test_public_names():
    import mindspore_jax.train as train

    for name in ("save_checkpoint", "load_checkpoint", "load_param_into_net", "load_checkpoint_async"):
        assert getattr(ms, name) is getattr(ser, name) is getattr(train, name)
    assert ms.train.serialization is ser


def test_codec_varints_and_packed_dims():
    assert fmt._varint(300) == b"\xac\x02" and fmt._varint(-1) == b"\xff" * 9 + b"\x01"
    # packed dims (a proto3 writer) parse the same as MindSpore's unpacked ones
    tensor = b"\x0a\x02\x02\x03" + b"\x12\x05Int16" + b"\x1a\x0c" + bytes(12)
    value = b"\x0a\x01q" + b"\x12" + bytes([len(tensor)]) + tensor
    (tag, dims, ttype, content), = fmt.parse_records(b"\x0a" + bytes([len(value)]) + value)
    assert (tag, dims, ttype, len(content)) == ("q", [2, 3], "Int16", 12)
