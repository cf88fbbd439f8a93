"""Cases for the tier-1/2 names no other golden exercised: each is an expression over inputs
``a``, ``b``, ``i`` (and the modules ``ms``, ``ops``, ``P``, ``nn``, ``F``, ``C``, ``Tensor``),
evaluated by real MindSpore 2.10 (tools/make_golden_tier12.py) and by mindspore_jax
(tests/test_tier12_golden.py) on the same inputs. Shared by both so they run the same code."""

import numpy as np

rng = np.random.RandomState(12)
INPUTS = {
    "a": (rng.rand(3, 4) + 0.5).astype(np.float32),
    "b": (rng.rand(3, 4) - 0.5).astype(np.float32),
    "i": np.array([[3, 1, 2, 0], [0, 2, 1, 3], [1, 1, 0, 2]], np.int32),
    "seq": rng.rand(2, 5, 3).astype(np.float32),
    "lens": np.array([3, 5], np.int32),
    "logits": rng.randn(4, 6).astype(np.float32),
    "labels": np.array([1, 0, 5, 2], np.int32),
}

CASES = [
    ("Mul", "P.Mul()(a, b)"), ("Add", "P.Add()(a, b)"), ("Sub", "P.Sub()(a, b)"),
    ("RealDiv", "P.RealDiv()(a, b)"), ("Div", "P.Div()(a, b)"), ("Div_int", "P.Div()(i, i + 1)"),
    ("Equal", "P.Equal()(i, 1)"), ("NotEqual", "P.NotEqual()(a, b)"), ("Greater", "P.Greater()(a, b)"),
    ("GreaterEqual", "P.GreaterEqual()(i, 2)"), ("Less", "P.Less()(a, b)"),
    ("LessEqual", "P.LessEqual()(i, 1)"), ("Minimum", "P.Minimum()(a, b)"),
    ("Maximum", "P.Maximum()(a, 0.7)"), ("Pow", "P.Pow()(a, 2.5)"), ("Square", "P.Square()(b)"),
    ("Reciprocal", "P.Reciprocal()(a)"), ("Log", "P.Log()(a)"), ("Tanh", "P.Tanh()(b)"),
    ("Sigmoid", "P.Sigmoid()(b)"), ("Softmax", "P.Softmax()(a)"), ("Softmax_axis0", "P.Softmax(axis=0)(b)"),
    ("LogSoftmax", "P.LogSoftmax()(b)"), ("ReLU", "P.ReLU()(b)"), ("ExpandDims", "P.ExpandDims()(a, 1)"),
    ("Abs", "P.Abs()(b)"), ("Floor", "P.Floor()(b * 3)"), ("LogicalAnd", "P.LogicalAnd()(a > 0.8, b > 0)"),
    ("ReverseSequence", "P.ReverseSequence(seq_dim=1, batch_dim=0)(seq, lens)"),
    ("identity", "ops.identity(a)"), ("depend", "ops.depend(a, b)"),
    ("nn_Sigmoid", "nn.Sigmoid()(b)"), ("nn_LogSoftmax", "nn.LogSoftmax()(logits)"),
    ("HyperMap", "C.HyperMap()(F.partial(ops.mul, 2.0), (a, b))"),
    ("partial", "F.partial(ops.add, a)(b)"),
    ("numpy", "Tensor(a.asnumpy() * 2)"), ("clone", "b.clone() + 0"), ("data", "a.data * 1"),
    ("T", "a.T"), ("ndim", "Tensor(a.ndim)"), ("float", "i.float()"),
    ("init_data", "a.init_data() + 0"),
]
