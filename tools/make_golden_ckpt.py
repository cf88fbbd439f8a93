"""Checkpoint goldens from real MindSpore 2.10: files saved from a Cell and from lists, and what
``load_checkpoint`` / ``load_param_into_net`` return in the edge cases tests/test_checkpoint.py checks.

    /work/msvenv/bin/python tools/make_golden_ckpt.py
Writes tests/golden/ckpt/*.ckpt|*.safetensors and tests/golden/ckpt/ckpt.json.
Only numpy and the public MindSpore API; every value is set from numpy (no random initialisers).
"""

import json
import os

import numpy as np
import mindspore as ms
from mindspore import Parameter, Tensor, nn

ms.set_context(mode=ms.PYNATIVE_MODE)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "golden", "ckpt")
os.makedirs(OUT, exist_ok=True)


def path(name):
    p = os.path.join(OUT, name)
    if os.path.exists(p):
        os.chmod(p, 0o644)
        os.remove(p)
    return p


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


def describe(d):
    out = {}
    for k, v in d.items():
        if isinstance(v, str):
            out[k] = {"python_type": "str", "value": v}
        else:
            a = v.astype(ms.float32).asnumpy() if v.dtype == ms.bfloat16 else v.asnumpy()
            out[k] = {"python_type": type(v).__name__, "dtype": str(v.dtype), "shape": list(v.shape),
                      "value": a.tolist(), "requires_grad": bool(v.requires_grad)}
    return out


def err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return [type(e).__name__, str(e)]
    return None


report = {}
net = Outer()
report["cell_param_names"] = [p.name for p in net.get_parameters()]
append = {"epoch_num": 5, "lr": 0.125, "ok": True, "note": "héllo €𝄞",
          "vec": Tensor(np.array([7, 8], np.int16)),
          "step": Parameter(Tensor(np.array([3], np.int32)), name="whatever")}
ms.save_checkpoint(net, path("cell_append.ckpt"), append_dict=dict(append))
ms.save_checkpoint(net, path("cell_crc.ckpt"), crc_check=True)
ms.save_checkpoint(net.trainable_params(), path("list_choice.ckpt"),
                   choice_func=lambda n: not n.startswith("big"))
ms.save_checkpoint([{"name": "z_first", "data": Tensor(np.ones((2, 2), np.float64))},
                    {"name": "a_second", "data": Tensor(np.array(-1, np.int8))},
                    {"name": "z_first", "data": Tensor(np.array([9.0], np.float32))}],
                   path("dict_list_dup.ckpt"))
st_net = {k: v for k, v in ms.load_checkpoint(os.path.join(OUT, "cell_crc.ckpt")).items() if k != "bf"}
ms.save_checkpoint(st_net, path("cell_crc.safetensors"), format="safetensors", crc_check=True)
ms.save_checkpoint(st_net, path("cell_plain.safetensors"), format="safetensors",
                   append_dict={"epoch_num": 2, "lr": 0.5})

report["load_cell_append"] = describe(ms.load_checkpoint(os.path.join(OUT, "cell_append.ckpt")))
report["load_list_choice"] = describe(ms.load_checkpoint(os.path.join(OUT, "list_choice.ckpt")))
report["load_dict_list_dup"] = describe(ms.load_checkpoint(os.path.join(OUT, "dict_list_dup.ckpt")))
report["load_cell_crc_safetensors"] = describe(ms.load_checkpoint(os.path.join(OUT, "cell_crc.safetensors"),
                                                                  format="safetensors", crc_check=True))
f = os.path.join(OUT, "cell_append.ckpt")
report["keys_filter_prefix"] = list(ms.load_checkpoint(f, filter_prefix=("inner.", "e")))
report["keys_specify_prefix"] = list(ms.load_checkpoint(f, specify_prefix="inner"))
report["keys_specify_and_filter"] = list(ms.load_checkpoint(f, specify_prefix=["inner", "s"],
                                                            filter_prefix="inner.b"))
report["keys_prefix_overrides_choice"] = list(ms.load_checkpoint(f, filter_prefix="inner",
                                                                 choice_func=lambda n: n == "flag"))
report["keys_choice_func"] = list(ms.load_checkpoint(f, choice_func=lambda n: "e" in n))
report["err_empty_filter"] = err(lambda: ms.load_checkpoint(f, specify_prefix="nothing"))
report["err_prefix_type"] = err(lambda: ms.load_checkpoint(f, filter_prefix=3))
report["err_prefix_empty_str"] = err(lambda: ms.load_checkpoint(f, filter_prefix=["a", ""]))


# ---- load_param_into_net
def P(a, name="x"):
    return Parameter(Tensor(a), name=name)


cases = {}


def case(name, pd, strict=False):
    n = Outer()
    res = err(lambda: cases.__setitem__(
        name, {"result": [list(r) for r in ms.load_param_into_net(n, pd, strict)]}))
    if res is not None:
        cases[name] = {"error": res}
    cases[name]["net"] = describe({p.name: p for p in n.get_parameters()})


case("partial_and_extra", {"zz": P(np.ones(1, np.float32)), "flag": P(np.array([False, True])),
                           "inner.w": P(np.full((2, 3), 3, np.float32)), "note": "text",
                           "scale": "str value"})
case("prefix_mismatch", {"backbone.inner.w": P(np.full((2, 3), 2, np.float32)),
                         "backbone.flag": P(np.array([True, True])), "other": P(np.ones(1, np.float32))})
case("trailing_ones", {"inner.b": P(np.array([[4], [5]], np.int32)),
                       "scale": P(np.array([[2.0]], np.float16))})
case("convert_float", {"inner.w": P(np.full((2, 3), 1.5, np.float16)),
                       "bf": P(np.array([1, 2, 3], np.float32))})
case("convert_int", {"inner.b": P(np.array([6, 7], np.int64)), "big": P(np.array([[1, 2]], np.int8))})
case("strict_float", {"inner.w": P(np.full((2, 3), 1.5, np.float16))}, strict=True)
case("strict_prefix", {"backbone.inner.w": P(np.full((2, 3), 2, np.float32))}, strict=True)
case("uint_to_int", {"inner.b": P(np.array([6, 7], np.uint8))})
case("bool_to_int", {"inner.b": P(np.array([True, False]))})
case("shape_mismatch", {"inner.w": P(np.ones((3, 2), np.float32))})
case("scalar_into_vector", {"inner.b": P(np.array(4, np.int32))})
report["load_param_into_net"] = cases
report["err_net_type"] = err(lambda: ms.load_param_into_net([1], {}))
report["err_dict_type"] = err(lambda: ms.load_param_into_net(Outer(), [1]))
report["err_dict_value_type"] = err(lambda: ms.load_param_into_net(Outer(), {"a": Tensor(np.ones(1))}))
report["err_save_obj"] = err(lambda: ms.save_checkpoint(5, "x.ckpt"))
report["err_append_type"] = err(lambda: ms.save_checkpoint(Outer(), "x.ckpt", append_dict={"a": [1]}))
report["err_list_item"] = err(lambda: ms.save_checkpoint([Tensor(np.ones(1))], "x.ckpt"))
report["err_bad_format"] = err(lambda: ms.save_checkpoint(Outer(), "x.ckpt", format="npz"))
report["err_async_value"] = err(lambda: ms.save_checkpoint(Outer(), "x.ckpt", async_save="fork"))

for fn in os.listdir(OUT):
    os.chmod(os.path.join(OUT, fn), 0o644)
with open(os.path.join(OUT, "ckpt.json"), "w") as fh:
    json.dump(report, fh, indent=1, ensure_ascii=False)
print(sorted(os.listdir(OUT)))
