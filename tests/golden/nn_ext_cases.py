"""mint.nn (PyTorch-style) layers and the extra nn Cells / ops, shared by tools/make_golden_nn_ext.py
(run with real MindSpore 2.10) and tests/test_nn_ext.py (run with mindspore_jax):
``CASES(ms, ops, nn, mint, P, Tensor)`` -> {name: (input shapes, fn)}. Inputs are float32 standard
normals seeded by crc32("<name>/<i>"); layer parameters are set by name from seeded arrays."""

import numpy as np


def CASES(ms, ops, nn, mint, P, Tensor):  # noqa: N802
    mnn = mint.nn

    def arr(shape, seed=0, scale=0.3):
        return np.random.default_rng(seed).standard_normal(shape).astype(np.float32) * scale

    def setp(c, train=False, seed=0):
        """Deterministic parameters by name (sorted), then train/eval mode."""
        for i, p in enumerate(sorted(c.get_parameters(), key=lambda p: p.name)):
            if p.dtype == ms.float32 and p.requires_grad:
                p.set_data(Tensor(arr(p.shape, seed + i)))
        c.set_train(train)
        return c

    def bn_step(c, x):
        c.set_train(True)
        y = c(x)
        return (y, c.running_mean.value(), c.running_var.value(), c.num_batches_tracked.value())

    ids = Tensor(np.array([[0, 3, 1], [4, 2, 3]], np.int32))

    def unpool(x):
        y, i = ops.max_pool2d(x, 2, 2, return_indices=True)
        return mnn.MaxUnpool2d(2)(y, i), ops.max_unpool2d(y, i, 2, 2, output_size=(1, 2, 5, 5))

    def unpool1d(x):
        return nn.MaxUnpool1d(2)(x, Tensor(np.array([[[1, 2, 5], [0, 3, 4]]], np.int64)))

    rois = Tensor(
        np.array([[0, 1, 1, 6, 5], [1, 0.5, 2.2, 12, 9], [0, -2, -1, 3, 2], [1, 3, 3, 3.5, 3.2]], np.float32)
    )

    def bx(r):
        """Valid (x1, y1, x2, y2) boxes from a standard-normal (N, 4)."""
        xy = r[:, :2] * 3 + 6
        return ops.concat((xy, xy + ops.abs(r[:, 2:]) * 3 + 1), 1)

    def nms(r, s, t):
        return P.NMSWithMask(t)(ops.concat((bx(r), ops.sigmoid(s)), 1))

    return {
        # detection box ops
        "P_IOU": ([(6, 4), (4, 4)], lambda a, g: P.IOU()(bx(a), bx(g))),
        "ops_iou_iof": ([(5, 4), (3, 4)], lambda a, g: ops.iou(bx(a), bx(g), "iof")),
        "P_BoundingBoxEncode": (
            [(6, 4), (6, 4)],
            lambda a, g: P.BoundingBoxEncode((0.1, 0.0, 0.2, 0.0), (1.0, 2.0, 1.0, 0.5))(bx(a), bx(g)),
        ),
        "P_BoundingBoxDecode": (
            [(6, 4), (6, 4)],
            lambda a, d: P.BoundingBoxDecode((12, 11), (0.1, 0.0, 0.2, 0.0), (1.0, 2.0, 1.0, 0.5), 0.1)(
                bx(a), d
            ),
        ),
        "ops_bounding_box_codec": (
            [(4, 4), (4, 4)],
            lambda a, g: ops.bounding_box_decode(bx(a), ops.bounding_box_encode(bx(a), bx(g)), (30, 30)),
        ),
        "P_CheckValid": (
            [(8, 4)],
            lambda a: P.CheckValid()(bx(a), Tensor(np.array([9, 10, 1.5], np.float32))),
        ),
        "P_NMSWithMask": ([(12, 4), (12, 1)], lambda r, s: nms(r, s, 0.2)),
        "P_NMSWithMask_05": ([(10, 4), (10, 1)], lambda r, s: nms(r, s, 0.5)),
        "P_ROIAlign": ([(2, 3, 8, 9)], lambda f: P.ROIAlign(2, 3, 0.5, 2, 1)(f, rois)),
        "P_ROIAlign_mode0": ([(2, 3, 8, 9)], lambda f: P.ROIAlign(3, 3, 1.0, 1, 0)(f, rois)),
        # mint.nn layers with PyTorch-style signatures
        "mint_Linear": ([(2, 3)], lambda x: setp(mnn.Linear(3, 4))(x)),
        "mint_Linear_nobias": ([(2, 5, 3)], lambda x: setp(mnn.Linear(3, 2, bias=False))(x)),
        "mint_Conv2d": ([(2, 3, 6, 6)], lambda x: setp(mnn.Conv2d(3, 4, 3, padding=1))(x)),
        "mint_Conv2d_unbatched": ([(3, 6, 5)], lambda x: setp(mnn.Conv2d(3, 2, (2, 3), stride=2))(x)),
        "mint_Conv2d_same_reflect": (
            [(1, 2, 5, 5)],
            lambda x: setp(mnn.Conv2d(2, 2, 3, padding="same", padding_mode="reflect", bias=False))(x),
        ),
        "mint_Conv2d_groups_dil": (
            [(1, 4, 7, 7)],
            lambda x: setp(mnn.Conv2d(4, 2, 3, dilation=2, groups=2))(x),
        ),
        "mint_Conv1d": ([(2, 3, 8)], lambda x: setp(mnn.Conv1d(3, 2, 3, stride=2, padding=1))(x)),
        "mint_Conv3d": ([(1, 2, 4, 4, 4)], lambda x: setp(mnn.Conv3d(2, 2, 2))(x)),
        "mint_ConvTranspose2d": (
            [(1, 2, 3, 3)],
            lambda x: setp(mnn.ConvTranspose2d(2, 3, 3, stride=2, padding=1, output_padding=1))(x),
        ),
        "mint_ConvTranspose2d_outsize": (
            [(1, 2, 3, 3)],
            lambda x: setp(mnn.ConvTranspose2d(2, 1, 3, stride=2))(x, output_size=(8, 8)),
        ),
        "mint_BatchNorm2d_train": ([(2, 3, 4, 4)], lambda x: bn_step(setp(mnn.BatchNorm2d(3)), x)),
        "mint_BatchNorm1d_train": ([(4, 3)], lambda x: bn_step(setp(mnn.BatchNorm1d(3, momentum=0.3)), x)),
        "mint_BatchNorm2d_eval": ([(2, 3, 2, 2)], lambda x: setp(mnn.BatchNorm2d(3))(x)),
        "mint_LayerNorm": ([(2, 3, 4)], lambda x: setp(mnn.LayerNorm((3, 4)))(x)),
        "mint_LayerNorm_int": ([(2, 4)], lambda x: setp(mnn.LayerNorm(4, eps=1e-3))(x)),
        "mint_GroupNorm": ([(2, 4, 3)], lambda x: setp(mnn.GroupNorm(2, 4))(x)),
        "mint_Embedding": (
            [(5, 3)],
            lambda w: mnn.Embedding(5, 3, padding_idx=1, _weight=w)(ids),
        ),
        "mint_GELU": ([(3, 5)], lambda x: mnn.GELU()(x)),
        "mint_GELU_tanh": ([(3, 5)], lambda x: mnn.GELU(approximate="tanh")(x)),
        "mint_GLU": ([(3, 4)], lambda x: mnn.GLU(dim=1)(x)),
        "mint_ELU": ([(3, 5)], lambda x: mnn.ELU(0.5)(x)),
        "mint_Hardtanh": ([(3, 5)], lambda x: mnn.Hardtanh(-0.2, 0.3)(x)),
        "mint_ReLU6": ([(3, 5)], lambda x: mnn.ReLU6()(x * 8)),
        "mint_SiLU": ([(3, 5)], lambda x: mnn.SiLU()(x)),
        "mint_Threshold": ([(3, 5)], lambda x: mnn.Threshold(0.1, 20.0)(x)),
        "mint_Hardshrink": ([(3, 5)], lambda x: mnn.Hardshrink(0.3)(x)),
        "mint_Softshrink": ([(3, 5)], lambda x: mnn.Softshrink(0.3)(x)),
        "mint_Hardsigmoid": ([(3, 5)], lambda x: mnn.Hardsigmoid()(x * 4)),
        "mint_Hardswish": ([(3, 5)], lambda x: mnn.Hardswish()(x * 4)),
        "mint_SELU": ([(3, 5)], lambda x: mnn.SELU()(x)),
        "mint_Mish": ([(3, 5)], lambda x: mnn.Mish()(x)),
        "mint_LogSigmoid": ([(3, 5)], lambda x: mnn.LogSigmoid()(x)),
        "mint_Softmax_none2d": ([(3, 5)], lambda x: mnn.Softmax()(x)),
        "mint_Softmax_none3d": ([(2, 3, 4)], lambda x: mnn.Softmax()(x)),
        "mint_LogSoftmax_none": ([(2, 3, 4)], lambda x: mnn.LogSoftmax()(x)),
        "mint_LogSoftmax_dim": ([(2, 3, 4)], lambda x: mnn.LogSoftmax(dim=-1)(x)),
        "mint_PReLU": ([(2, 3, 4)], lambda x: mnn.PReLU()(x)),
        "mint_PReLU_ch": ([(2, 3, 4)], lambda x: mnn.PReLU(3, 0.1)(x)),
        "mint_Dropout_eval": ([(3, 5)], lambda x: setp(mnn.Dropout(0.3))(x)),
        "mint_AvgPool2d": ([(1, 2, 6, 6)], lambda x: mnn.AvgPool2d(2)(x)),
        "mint_AvgPool2d_pad": ([(1, 2, 5, 5)], lambda x: mnn.AvgPool2d(3, 2, 1, count_include_pad=False)(x)),
        "mint_AvgPool1d": ([(1, 2, 7)], lambda x: mnn.AvgPool1d(3, 2, 1)(x)),
        "mint_MaxPool2d": ([(1, 2, 6, 6)], lambda x: mnn.MaxPool2d(3, 2, 1, return_indices=True)(x)),
        "mint_MaxPool2d_default_stride": ([(1, 2, 6, 6)], lambda x: mnn.MaxPool2d(2)(x)),
        "mint_AdaptiveMaxPool1d": ([(1, 2, 7)], lambda x: mnn.AdaptiveMaxPool1d(3, True)(x)),
        "mint_MaxUnpool2d": ([(1, 2, 4, 4)], unpool),
        "mint_ZeroPad1d": ([(1, 2, 3)], lambda x: mnn.ZeroPad1d((1, 2))(x)),
        "mint_ZeroPad3d": ([(1, 1, 2, 2, 2)], lambda x: mnn.ZeroPad3d(1)(x)),
        "mint_UpsamplingNearest2d": ([(1, 2, 3, 3)], lambda x: mnn.UpsamplingNearest2d(scale_factor=2.0)(x)),
        "mint_UpsamplingBilinear2d": ([(1, 2, 3, 3)], lambda x: mnn.UpsamplingBilinear2d(size=(5, 4))(x)),
        "mint_Unfold": ([(1, 2, 4, 4)], lambda x: mnn.Unfold(2, stride=2)(x)),
        # mint.nn losses
        "mint_MSELoss": ([(3, 4), (3, 4)], lambda a, b: mnn.MSELoss()(a, b)),
        "mint_L1Loss_sum": ([(3, 4), (3, 4)], lambda a, b: mnn.L1Loss("sum")(a, b)),
        "mint_SmoothL1Loss": ([(3, 4), (3, 4)], lambda a, b: mnn.SmoothL1Loss(beta=0.2)(a * 3, b)),
        "mint_CrossEntropyLoss": (
            [(3, 5)],
            lambda a: mnn.CrossEntropyLoss(label_smoothing=0.1)(a, Tensor(np.array([1, 0, 4], np.int64))),
        ),
        "mint_NLLLoss": (
            [(3, 5)],
            lambda a: mnn.NLLLoss(reduction="sum")(a, Tensor(np.array([1, 0, 4], np.int32))),
        ),
        "mint_BCELoss": ([(3, 4), (3, 4)], lambda a, b: mnn.BCELoss()(ops.sigmoid(a), ops.sigmoid(b))),
        "mint_BCEWithLogitsLoss": (
            [(3, 4), (3, 4), (4,)],
            lambda a, b, pw: mnn.BCEWithLogitsLoss(pos_weight=ops.abs(pw))(a, ops.sigmoid(b)),
        ),
        "mint_KLDivLoss_batchmean": (
            [(3, 4), (3, 4)],
            lambda a, b: mnn.KLDivLoss("batchmean")(ops.log_softmax(a, 1), ops.softmax(b, 1)),
        ),
        "mint_KLDivLoss_logtarget": (
            [(3, 4), (3, 4)],
            lambda a, b: mnn.KLDivLoss("none", log_target=True)(ops.log_softmax(a, 1), ops.log_softmax(b, 1)),
        ),
        "mint_CosineEmbeddingLoss": (
            [(3, 4), (3, 4)],
            lambda a, b: mnn.CosineEmbeddingLoss(0.1)(a, b, Tensor(np.array([1, -1, 1], np.int32))),
        ),
        # nn cells
        "nn_Linear": ([(2, 3)], lambda x: setp(nn.Linear(3, 4))(x)),
        "nn_MatMul": ([(2, 3, 4), (5, 4)], lambda a, b: nn.MatMul(transpose_x2=True)(a, b)),
        "nn_MatMul_1d": ([(4,), (2, 4, 3)], lambda a, b: nn.MatMul()(a, b)),
        "nn_Moments": ([(2, 3, 4)], lambda x: nn.Moments(axis=(0, 2), keep_dims=True)(x)),
        "nn_ReduceLogSumExp": ([(2, 3, 4)], lambda x: nn.ReduceLogSumExp(1)(x)),
        "nn_MatDet": (
            [(2, 3, 3)],
            lambda x: nn.MatDet()(ops.matmul(x, x.swapaxes(1, 2)) + Tensor(np.eye(3, dtype=np.float32))),
        ),
        "nn_MatInverse": ([(3, 3)], lambda x: nn.MatInverse()(x + Tensor(np.eye(3, dtype=np.float32) * 2))),
        "nn_LGamma": ([(3, 4)], lambda x: nn.LGamma()(ops.abs(x) + 0.5)),
        "nn_DiGamma": ([(3, 4)], lambda x: nn.DiGamma()(ops.abs(x) + 0.5)),
        "nn_IGamma": ([(3, 4), (3, 4)], lambda a, x: nn.IGamma()(ops.abs(a) + 0.5, ops.abs(x))),
        "nn_LBeta": ([(3, 4), (3, 4)], lambda a, b: nn.LBeta()(ops.abs(a) + 0.5, ops.abs(b) + 0.5)),
        "nn_MatrixDiag": ([(2, 3)], lambda x: nn.MatrixDiag()(x)),
        "nn_MatrixDiagPart": ([(2, 3, 4)], lambda x: nn.MatrixDiagPart()(x)),
        "nn_MatrixSetDiag": ([(2, 4, 3), (2, 3)], lambda x, d: nn.MatrixSetDiag()(x, d)),
        "nn_Roll": ([(3, 4)], lambda x: nn.Roll((1, -1), (0, 1))(x)),
        "nn_Tril": ([(4, 4)], lambda x: nn.Tril()(x, 1)),
        "nn_Triu": ([(4, 4)], lambda x: nn.Triu()(x, -1)),
        "nn_Unflatten": ([(2, 6, 3)], lambda x: nn.Unflatten(1, (2, 3))(x)),
        "nn_ChannelShuffle": ([(1, 6, 2, 2)], lambda x: nn.ChannelShuffle(3)(x)),
        "ops_channel_shuffle": ([(1, 6, 2, 1)], lambda x: ops.channel_shuffle(x, 2)),
        "nn_BiDense": ([(2, 3), (2, 4)], lambda a, b: setp(nn.BiDense(3, 4, 5))(a, b)),
        "nn_BiDense_3d": (
            [(2, 2, 3), (2, 2, 4)],
            lambda a, b: setp(nn.BiDense(3, 4, 2, has_bias=False))(a, b),
        ),
        "nn_MaxUnpool1d": ([(1, 2, 3)], unpool1d),
        "nn_EmbeddingLookup": (
            [],
            lambda: setp(nn.EmbeddingLookup(4, 3, param_init="ones"))(
                Tensor(np.array([[0, 3], [5, 1]], np.int32))
            ),
        ),
        "P_EmbeddingLookup": (
            [(5, 2)],
            lambda w: P.EmbeddingLookup()(w, Tensor(np.array([1, 3, 7], np.int32)), 2),
        ),
        "nn_Conv2dBnAct": (
            [(2, 2, 5, 5)],
            lambda x: setp(nn.Conv2dBnAct(2, 3, 3, has_bn=True, activation="relu"), train=True)(x),
        ),
        "nn_DenseBnAct": (
            [(4, 3)],
            lambda x: setp(nn.DenseBnAct(3, 2, has_bn=True, activation="leakyrelu", alpha=0.1), train=True)(
                x
            ),
        ),
        "nn_ImageGradients": ([(1, 2, 3, 4)], lambda x: nn.ImageGradients()(x)),
        "nn_CentralCrop": ([(1, 2, 7, 6)], lambda x: nn.CentralCrop(0.5)(x)),
        "nn_CentralCrop_3d": ([(2, 5, 5)], lambda x: nn.CentralCrop(0.6)(x)),
        "nn_PSNR": ([(2, 3, 4, 4), (2, 3, 4, 4)], lambda a, b: nn.PSNR(2.0)(a, b)),
        "nn_SSIM": ([(2, 2, 12, 12), (2, 2, 12, 12)], lambda a, b: nn.SSIM()(ops.sigmoid(a), ops.sigmoid(b))),
        "nn_SSIM_small": (
            [(1, 1, 6, 6), (1, 1, 6, 6)],
            lambda a, b: nn.SSIM(max_val=2.0, filter_size=3, filter_sigma=0.8)(a, a + b * 0.2),
        ),
        "nn_MSSSIM": (
            [(1, 2, 16, 16), (1, 2, 16, 16)],
            lambda a, b: nn.MSSSIM(power_factors=(0.3, 0.3, 0.4), filter_size=3)(
                ops.sigmoid(a), ops.sigmoid(a + b * 0.3)
            ),
        ),
        "P_MaxUnpool2D": (
            [(1, 1, 4, 4)],
            lambda x: P.MaxUnpool2D(ksize=2, strides=2)(*ops.max_pool2d(x, 2, 2, return_indices=True)),
        ),
    }
