"""Golden outputs of mindspore.numpy / clip_by_global_norm from real MindSpore 2.10.

Run with the MindSpore venv: /work/msvenv/bin/python tools/make_golden_api.py
Writes tests/golden/api_surface.json: {expr: {"dtype": str, "value": nested list}}; the
expressions are evaluated with ``m`` = mindspore.numpy (mindspore_jax.numpy in the tests).
"""

import json
import os

import mindspore as ms
import mindspore.numpy as m  # noqa: F401  (used by eval)
import numpy as np

EXPRS = [
    "m.array([1, 2])", "m.array([1., 2.])", "m.zeros((2,))", "m.ones(2, m.int32)", "m.arange(5)",
    "m.arange(5.)", "m.arange(0, 1, 0.25)", "m.linspace(0, 1, 5)", "m.logspace(0, 1, 3)",
    "m.full((2,), 3)", "m.full((2,), 3.)", "m.eye(2)", "m.identity(2)", "m.tri(3)",
    "m.sum(m.array([1, 2]))", "m.sum(m.array([[1., 2.], [3., 4.]]), axis=0)",
    "m.mean(m.array([1, 2]))", "m.mean(m.array([[1., 2.], [3., 5.]]), axis=1)",
    "m.sqrt(m.array([1, 4]))", "m.var(m.array([1, 2, 3]))", "m.std(m.array([1., 2.]))",
    "m.norm(m.array([3, 4]))", "m.power(m.array([1, 2]), 2)",
    "m.isclose(m.array([1., 2.]), m.array([1., 2.1]))", "m.where(m.array([True, False]), 1, 2)",
    "m.zeros_like(m.array([1, 2]))", "m.full_like(m.array([1, 2]), 2.5)",
    "m.dot(m.array([1, 2]), m.array([1, 2]))", "m.matmul(m.ones((2, 3)), m.ones((3, 2)))",
    "m.tensordot(m.ones((2, 3)), m.ones((3, 2)), 1)", "m.average(m.array([1, 2]))",
    "m.count_nonzero(m.array([1, 0]))", "m.argmax(m.array([1, 3]))",
    "m.unique(m.array([3, 1, 1]))", "m.cumsum(m.array([1, 2]))", "m.diff(m.array([1, 4, 9]))",
    "m.ptp(m.array([1, 5]))", "m.interp(m.array([0.5]), m.array([0., 1.]), m.array([0., 2.]))",
    "m.trapz(m.array([1, 2, 3]))", "m.bincount(m.array([1, 1, 3]))",
    "m.gcd(m.array([4]), m.array([6]))", "m.round(m.array([1.55]), 1)",
    "m.digitize(m.array([0.5, 1.5]), m.array([0., 1., 2.]))",
    "m.searchsorted(m.array([1, 2, 3]), 2)", "m.mgrid[0:2, 0:2]",
    "m.concatenate([m.ones(2), m.zeros(1)])", "m.stack([m.ones(2), m.zeros(2)], 1)",
    "m.clip(m.arange(5), 1, 3)", "m.pad(m.ones((1, 2)), 1)", "m.tile(m.array([1, 2]), 2)",
    "m.repeat(m.array([1, 2]), 2)", "m.expand_dims(m.array([1, 2]), 0)",
    "m.reshape(m.arange(6), (2, 3))", "m.transpose(m.reshape(m.arange(6), (2, 3)))",
    "m.flip(m.arange(3))", "m.diag(m.array([1, 2]))", "m.maximum(m.array([1, 5]), 3)",
    "m.minimum(m.array([1., 5.]), m.array([2., 2.]))", "m.abs(m.array([-1, 2]))",
    "m.sign(m.array([-2., 0., 3.]))", "m.log(m.array([1., 2.]))",
    "m.amax(m.array([[1, 2], [5, 0]]), axis=1)", "m.triu(m.ones((3, 3)))",
    "m.true_divide(m.array([1, 2]), 2)", "m.logical_and(m.array([True, False]), True)",
    "m.array_equal(m.array([1]), m.array([1]))", "m.outer(m.array([1, 2]), m.array([3, 4]))",
    "m.cross(m.array([1., 0., 0.]), m.array([0., 1., 0.]))", "m.rot90(m.reshape(m.arange(4), (2, 2)))",
    "m.histogram(m.array([1., 2., 3.]), bins=2)[0]", "m.split(m.arange(6), 3)[1]",
]


def to_json(v):
    if isinstance(v, (list, tuple)):
        return {"dtype": "list", "value": [to_json(i) for i in v]}
    return {"dtype": str(v.dtype), "value": np.asarray(v.asnumpy(), dtype=np.float64).tolist()}


def clip_case():
    import mindspore.ops as ops

    x = (ms.Tensor(np.array([[3., 4.]], np.float32)), ms.Tensor(np.array([12.], np.float16)),
         ms.Tensor(np.array([0.5, -0.25], np.float32)))
    return [to_json(t) for t in ops.clip_by_global_norm(x, 2.0)]


def main():
    out = {e: to_json(eval(e)) for e in EXPRS}  # noqa: S307
    out["__clip_by_global_norm__"] = clip_case()
    path = os.path.join(os.path.dirname(__file__), "..", "tests", "golden", "api_surface.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=0, sort_keys=True)
    print("wrote", path, len(out))


if __name__ == "__main__":
    main()
