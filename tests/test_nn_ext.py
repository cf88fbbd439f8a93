"""mint.nn PyTorch-style layers, the extra nn Cells (SSIM, PSNR, MatMul, BiDense, ...) and their ops.

Goldens: tests/golden/nn_ext.npz from tools/make_golden_nn_ext.py (real MindSpore 2.10, CPU). Cases
whose MindSpore kernels do not exist on CPU (most mint.nn Ext kernels, MatrixDiag, Roll, MatDet...)
are checked against numpy or against the already-golden-tested ops here.
"""

import os
import sys

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Tensor, mint, nn, ops
from mindspore_jax.ops import operations as P

from conftest import GOLDEN

sys.path.insert(0, GOLDEN)
from nn_ext_cases import CASES  # noqa: E402

_G = np.load(os.path.join(GOLDEN, "nn_ext.npz"))
_TABLE = CASES(ms, ops, nn, mint, P, Tensor)
_HAVE = sorted({k.split("/")[0] for k in _G.files})


def _flat(out):
    if isinstance(out, (tuple, list)):
        return [i for o in out for i in _flat(o)]
    return [out]


def _check(name, out):
    outs = _flat(out)
    n_exp = len([k for k in _G.files if k.startswith(name + "/out")])
    assert len(outs) == n_exp, (len(outs), n_exp)
    for i, o in enumerate(outs):
        exp, got = _G[f"{name}/out{i}"], o.asnumpy()
        assert got.shape == exp.shape, (name, got.shape, exp.shape)
        if exp.dtype.kind in "iu":
            np.testing.assert_array_equal(got, exp)
        else:
            np.testing.assert_allclose(got, exp, rtol=1e-4, atol=1e-5, err_msg=name)


def _ins(name):
    return [Tensor(_G[f"{name}/in{i}"]) for i in range(len(_TABLE[name][0]))]


@pytest.mark.parametrize("name", _HAVE)
def test_nn_ext_golden(name):
    _check(name, _TABLE[name][1](*_ins(name)))


class _Many(nn.Cell):
    """Several golden cases compiled as one GRAPH_MODE graph."""

    def __init__(self):
        super().__init__()
        self.lin = mint.nn.Linear(3, 4)
        self.gelu = mint.nn.SiLU()
        self.sm = mint.nn.Softmax()
        self.ssim = nn.SSIM()
        self.psnr = nn.PSNR(2.0)
        self.mm = nn.MatMul(transpose_x2=True)
        self.bid = nn.BiDense(3, 4, 5)
        self.shuf = nn.ChannelShuffle(3)
        self.crop = nn.CentralCrop(0.5)
        self.grad = nn.ImageGradients()
        self.moments = nn.Moments(axis=(0, 2), keep_dims=True)
        self.emb = nn.EmbeddingLookup(4, 3, param_init="ones")
        self.prelu = mint.nn.PReLU(3, 0.1)

    def construct(self, lin, gelu, sm, s1, s2, p1, p2, m1, m2, b1, b2, sh, cr, ig, mo, pr):
        ids = Tensor(np.array([[0, 3], [5, 1]], np.int32))
        return (
            self.lin(lin),
            self.gelu(gelu),
            self.sm(sm),
            self.ssim(ops.sigmoid(s1), ops.sigmoid(s2)),
            self.psnr(p1, p2),
            self.mm(m1, m2),
            self.bid(b1, b2),
            self.shuf(sh),
            self.crop(cr),
            self.grad(ig),
            self.moments(mo),
            self.emb(ids),
            self.prelu(pr),
        )


def test_nn_ext_golden_graph():
    ms.set_context(mode=ms.GRAPH_MODE)
    names = [
        "mint_Linear",
        "mint_SiLU",
        "mint_Softmax_none2d",
        "nn_SSIM",
        "nn_PSNR",
        "nn_MatMul",
        "nn_BiDense",
        "nn_ChannelShuffle",
        "nn_CentralCrop",
        "nn_ImageGradients",
        "nn_Moments",
        "nn_EmbeddingLookup",
        "mint_PReLU_ch",
    ]
    net = _Many()
    # the same deterministic parameters as the golden cases (set by sorted parameter name)
    for cell, seed in ((net.lin, 0), (net.bid, 0), (net.emb, 0)):
        for i, p in enumerate(sorted(cell.get_parameters(), key=lambda p: p.name)):
            p.set_data(
                Tensor(np.random.default_rng(seed + i).standard_normal(p.shape).astype(np.float32) * 0.3)
            )
    args = [a for n in names if n != "nn_EmbeddingLookup" for a in _ins(n)]
    outs = net(*args)
    for name, out in zip(names, outs):
        _check(name, out)


# --- mint.nn cases without a MindSpore CPU kernel: against numpy / golden-tested ops ------------------


def _r(*shape, seed=0):
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32)


def test_mint_conv_layers_match_ops():
    x = Tensor(_r(2, 3, 6, 6))
    c = mint.nn.Conv2d(3, 4, 3, padding=1)
    assert c.weight.shape == (4, 3, 3, 3) and c.bias.shape == (4,)
    exp = ops.conv2d(x, c.weight, c.bias, 1, "pad", 1)
    np.testing.assert_allclose(c(x).asnumpy(), exp.asnumpy(), rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(c(x[0]).asnumpy(), exp.asnumpy()[0], rtol=1e-5, atol=1e-5)  # unbatched
    r = mint.nn.Conv2d(3, 2, 3, padding="same", padding_mode="reflect", bias=False)
    xp = np.pad(x.asnumpy(), ((0, 0), (0, 0), (1, 1), (1, 1)), mode="reflect")
    exp = ops.conv2d(Tensor(xp), r.weight, None, 1, "valid")
    np.testing.assert_allclose(r(x).asnumpy(), exp.asnumpy(), rtol=1e-5, atol=1e-5)
    t = mint.nn.ConvTranspose2d(3, 2, 3, stride=2, padding=1, output_padding=1)
    assert t.weight.shape == (3, 2, 3, 3)
    exp = ops.conv_transpose2d(x, t.weight, t.bias, 2, 1, 1)
    np.testing.assert_allclose(t(x).asnumpy(), exp.asnumpy(), rtol=1e-5, atol=1e-5)
    assert t(x, output_size=(12, 12)).shape == (2, 2, 12, 12)
    with pytest.raises(ValueError, match="requested an output size"):
        t(x, output_size=(20, 20))
    assert mint.nn.Conv1d(3, 2, 3, stride=2, padding=1)(Tensor(_r(2, 3, 8))).shape == (2, 2, 4)
    assert mint.nn.Conv3d(2, 2, 2)(Tensor(_r(1, 2, 4, 4, 4))).shape == (1, 2, 3, 3, 3)


def test_mint_batchnorm_torch_semantics(mode):
    xn = _r(4, 3, 2, 2)
    bn = mint.nn.BatchNorm2d(3)
    assert [p.name for p in bn.get_parameters()] == [
        "weight",
        "bias",
        "running_mean",
        "running_var",
        "num_batches_tracked",
    ]
    bn.set_train(True)
    y = bn(Tensor(xn)).asnumpy()
    m, v = xn.mean((0, 2, 3)), xn.var((0, 2, 3))
    np.testing.assert_allclose(y, (xn - m[:, None, None]) / np.sqrt(v[:, None, None] + 1e-5), atol=1e-5)
    np.testing.assert_allclose(bn.running_mean.asnumpy(), 0.1 * m, atol=1e-6)
    np.testing.assert_allclose(bn.running_var.asnumpy(), 0.9 + 0.1 * v * 16 / 15, atol=1e-6)
    assert int(bn.num_batches_tracked.asnumpy()) == 1
    bn.set_train(False)
    rm, rv = bn.running_mean.asnumpy(), bn.running_var.asnumpy()
    np.testing.assert_allclose(
        bn(Tensor(xn)).asnumpy(), (xn - rm[:, None, None]) / np.sqrt(rv[:, None, None] + 1e-5), atol=1e-5
    )
    with pytest.raises(ValueError, match="expected 2D or 3D input, but got 4D input"):
        mint.nn.BatchNorm1d(3)(Tensor(xn))


def test_mint_norm_softmax_pool_loss_numpy():
    x = _r(2, 3, 4)
    ln = mint.nn.LayerNorm((3, 4))
    ref = (x - x.mean((1, 2), keepdims=True)) / np.sqrt(x.var((1, 2), keepdims=True) + 1e-5)
    np.testing.assert_allclose(ln(Tensor(x)).asnumpy(), ref, atol=1e-5)
    e = np.exp(x - x.max(0, keepdims=True))
    np.testing.assert_allclose(mint.nn.Softmax()(Tensor(x)).asnumpy(), e / e.sum(0), rtol=1e-5)  # 3-D: dim 0
    ls = mint.nn.LogSoftmax()(Tensor(x[0])).asnumpy()  # 2-D: dim 1
    np.testing.assert_allclose(ls, x[0] - np.log(np.exp(x[0]).sum(1, keepdims=True)), rtol=1e-5, atol=1e-6)
    img = _r(1, 2, 6, 6)
    np.testing.assert_allclose(
        mint.nn.AvgPool2d(2)(Tensor(img)).asnumpy(),
        img.reshape(1, 2, 3, 2, 3, 2).mean((3, 5)),
        rtol=1e-5,
        atol=1e-6,
    )
    np.testing.assert_allclose(
        mint.nn.MaxPool2d(2)(Tensor(img)).asnumpy(), img.reshape(1, 2, 3, 2, 3, 2).max((3, 5))
    )
    np.testing.assert_array_equal(
        mint.nn.ZeroPad1d((1, 2))(Tensor(x)).asnumpy(), np.pad(x, ((0, 0), (0, 0), (1, 2)))
    )
    a, b = _r(3, 4), _r(3, 4, seed=1)
    d = np.abs(a - b)
    sl1 = np.where(d < 0.5, 0.5 * d * d / 0.5, d - 0.25).mean()
    np.testing.assert_allclose(mint.nn.SmoothL1Loss(beta=0.5)(Tensor(a), Tensor(b)).asnumpy(), sl1, rtol=1e-5)
    np.testing.assert_allclose(
        mint.nn.MSELoss()(Tensor(a), Tensor(b)).asnumpy(), ((a - b) ** 2).mean(), rtol=1e-5
    )
    lp = a - np.log(np.exp(a).sum(1, keepdims=True))
    tp = np.exp(b) / np.exp(b).sum(1, keepdims=True)
    kl = (tp * (np.log(tp) - lp)).sum() / 3
    got = mint.nn.KLDivLoss("batchmean")(Tensor(lp), Tensor(tp)).asnumpy()
    np.testing.assert_allclose(got, kl, rtol=1e-5)
    got = mint.nn.KLDivLoss("sum", log_target=True)(Tensor(lp), Tensor(np.log(tp))).asnumpy()
    np.testing.assert_allclose(got, kl * 3, rtol=1e-5)
    up = mint.nn.UpsamplingBilinear2d(size=(5, 4))(Tensor(img))
    np.testing.assert_allclose(
        up.asnumpy(), ops.interpolate(Tensor(img), (5, 4), None, "bilinear", True).asnumpy()
    )


def test_mint_nn_classes_and_defaults():
    assert mint.nn.Linear is nn.Linear and mint.nn.Dropout is nn.DropoutExt
    lin = mint.nn.Linear(3, 4, bias=False)
    assert lin.bias is None and lin.weight.shape == (4, 3)
    d = mint.nn.Dropout(p=0.5)
    assert d.p == 0.5
    emb = mint.nn.Embedding(5, 3, padding_idx=2)
    assert emb.weight.shape == (5, 3) and not emb.weight.asnumpy()[2].any()
    assert mint.nn.GELU().approximate == "none"
    assert mint.nn.MaxPool2d(3).stride == 3
    with pytest.raises(ValueError, match="in_channels must be divisible by groups"):
        mint.nn.Conv2d(3, 4, 3, groups=2)
    with pytest.raises(ValueError, match="padding='same' is not supported for strided convolutions"):
        mint.nn.Conv2d(3, 4, 3, stride=2, padding="same")
    with pytest.raises(ValueError, match='Only "zeros" padding mode'):
        mint.nn.ConvTranspose2d(3, 4, 3, padding_mode="reflect")


def test_nn_matrix_cells_numpy():
    x = _r(2, 3, 3)
    spd = x @ x.transpose(0, 2, 1) + np.eye(3, dtype=np.float32)
    np.testing.assert_allclose(nn.MatDet()(Tensor(spd)).asnumpy(), np.linalg.det(spd), rtol=1e-4)
    np.testing.assert_allclose(
        nn.MatInverse()(Tensor(spd)).asnumpy(), np.linalg.inv(spd), rtol=1e-4, atol=1e-5
    )
    v = _r(2, 3)
    np.testing.assert_array_equal(nn.MatrixDiag()(Tensor(v)).asnumpy(), np.stack([np.diag(r) for r in v]))
    m = _r(2, 3, 4)
    np.testing.assert_array_equal(nn.MatrixDiagPart()(Tensor(m)).asnumpy(), np.diagonal(m, 0, 1, 2))
    exp = m.copy()
    exp[:, [0, 1, 2], [0, 1, 2]] = v
    np.testing.assert_array_equal(nn.MatrixSetDiag()(Tensor(m), Tensor(v)).asnumpy(), exp)
    np.testing.assert_array_equal(nn.Roll((1, -1), (0, 1))(Tensor(v)).asnumpy(), np.roll(v, (1, -1), (0, 1)))


# --- bad inputs: MindSpore 2.10's error types and messages (recorded from real MindSpore) -------------

_ERRS = [
    (
        lambda: nn.Conv2d(3, 4, 3),
        (1, 2, 8, 8),
        RuntimeError,
        "For 'Conv2D', 'C_in' of input 'x' shape divide by parameter 'group' must be equal to 'C_in' of "
        "input 'weight' shape: 3, but got 'C_in' of input 'x' shape: 2, and 'group': 1.",
    ),
    (
        lambda: nn.Conv2d(3, 4, 3),
        (3, 8, 8),
        ValueError,
        "For primitive[Conv2D], the x shape size must be equal to 4, but got 3.",
    ),
    (
        lambda: nn.BatchNorm2d(3),
        (2, 3, 4),
        ValueError,
        "For 'BatchNorm2d', the in_shape must have 4 dims, but got 3.",
    ),
    (
        lambda: nn.Dense(3, 4),
        (2, 5),
        ValueError,
        "For 'MatMul' the input dimensions must be equal, but got 'x1_col': 5 and 'x2_row': 3.",
    ),
    (lambda: mint.nn.BatchNorm2d(3), (2, 3, 4), ValueError, "expected 4D input, but got 3D input"),
]


def test_layer_bad_input_errors(mode):
    for make, shape, etype, msg in _ERRS:
        with pytest.raises(etype) as ei:
            make()(Tensor(np.ones(shape, np.float32)))
        assert msg in str(ei.value), (msg, str(ei.value))
    with pytest.raises(TypeError, match="For ChannelShuffle, expect input with > 3 dims, but got 3."):
        ops.channel_shuffle(Tensor(np.ones((1, 6, 2), np.float32)), 2)
    with pytest.raises(ValueError, match="For 'SSIM', the dimension of 'img1' must be 4d, but got 3."):
        nn.SSIM()(Tensor(np.ones((1, 12, 12), np.float32)), Tensor(np.ones((1, 12, 12), np.float32)))
