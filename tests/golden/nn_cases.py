"""The extra nn golden cases, shared by tools/make_golden_nn.py (run with real MindSpore) and
tests/test_nn_ops.py (run with mindspore_jax): ``CASES(ms, ops, nn, P, Tensor)`` -> {name: (input
shapes, fn)}. Inputs are float32 standard normals seeded by crc32("<name>/<i>")."""

import numpy as np


def CASES(ms, ops, nn, P, Tensor):  # noqa: N802
    def w(shape, seed=0):
        return Tensor(np.random.default_rng(seed).standard_normal(shape).astype(np.float32) * 0.3)

    def cell(c, train=False):
        c.set_train(train)
        return c

    return {
        # activations
        "elu": ([(3, 5)], lambda x: ops.elu(x, 1.0)),
        "selu": ([(3, 5)], ops.selu),
        "celu": ([(3, 5)], lambda x: ops.celu(x, 1.5)),
        "softsign": ([(3, 5)], ops.softsign),
        "softplus_beta": ([(3, 5)], lambda x: ops.softplus(x * 10, 2, 15)),
        "fast_gelu": ([(3, 5)], ops.fast_gelu),
        "hardsigmoid": ([(3, 5)], lambda x: ops.hardsigmoid(x * 3)),
        "hardtanh": ([(3, 5)], lambda x: ops.hardtanh(x, -0.5, 0.7)),
        "hardshrink": ([(3, 5)], lambda x: ops.hardshrink(x, 0.6)),
        "softshrink": ([(3, 5)], lambda x: ops.softshrink(x, 0.6)),
        "tanhshrink": ([(3, 5)], ops.tanhshrink),
        "logsigmoid": ([(3, 5)], ops.logsigmoid),
        "leaky_relu": ([(3, 5)], lambda x: ops.leaky_relu(x, 0.1)),
        "softmin": ([(3, 5)], lambda x: ops.softmin(x, 0)),
        "glu": ([(3, 6)], lambda x: ops.glu(x, -1)),
        "threshold": ([(3, 5)], lambda x: ops.threshold(x, 0.2, -3.0)),
        "nn_ReLU6": ([(3, 5)], lambda x: cell(nn.ReLU6())(x * 5)),
        "nn_Softmax2d": ([(2, 3, 2, 2)], lambda x: cell(nn.Softmax2d())(x)),
        "P_GeLU": ([(3, 5)], lambda x: P.GeLU()(x)),
        "P_FastGeLU": ([(3, 5)], lambda x: P.FastGeLU()(x)),
        "P_HSwish": ([(3, 5)], lambda x: P.HSwish()(x * 3)),
        "P_Elu": ([(3, 5)], lambda x: P.Elu()(x)),
        "P_SeLU": ([(3, 5)], lambda x: P.SeLU()(x)),
        "P_Softplus": ([(3, 5)], lambda x: P.Softplus()(x)),
        # conv
        "conv1d_ops": ([(2, 3, 9), (4, 3, 3)], lambda x, k: ops.conv1d(x, k, None, 2, "pad", 1)),
        "conv3d_ops": ([(1, 2, 5, 5, 5), (3, 2, 3, 3, 3)], lambda x, k: ops.conv3d(x, k, None, 1, "same")),
        "P_Conv2D_pad4": (
            [(1, 3, 6, 7), (2, 3, 3, 3)],
            lambda x, k: P.Conv2D(2, 3, pad_mode="pad", pad=(1, 0, 2, 1), stride=2)(x, k),
        ),
        "nn_Conv3d_pad": (
            [(1, 2, 4, 5, 5)],
            lambda x: cell(
                nn.Conv3d(
                    2, 3, 3, 1, "pad", 1, weight_init=w((3, 2, 3, 3, 3)), has_bias=True, bias_init=w((3,), 1)
                )
            )(x),
        ),
        "nn_Conv2dTranspose_group": (
            [(1, 4, 4, 4)],
            lambda x: cell(nn.Conv2dTranspose(4, 6, 3, 2, "same", group=2, weight_init=w((4, 3, 3, 3))))(x),
        ),
        "nn_Conv2dTranspose_dil_valid": (
            [(1, 2, 4, 5)],
            lambda x: cell(
                nn.Conv2dTranspose(2, 3, (2, 3), (1, 2), "valid", dilation=2, weight_init=w((2, 3, 2, 3)))
            )(x),
        ),
        "nn_Conv1dTranspose": (
            [(2, 3, 5)],
            lambda x: cell(nn.Conv1dTranspose(3, 2, 3, 2, "pad", 1, weight_init=w((3, 2, 3))))(x),
        ),
        "nn_Conv3dTranspose": (
            [(1, 2, 3, 3, 3)],
            lambda x: cell(nn.Conv3dTranspose(2, 2, 3, 2, "same", weight_init=w((2, 2, 3, 3, 3))))(x),
        ),
        "P_Conv2DBackpropInput": (
            [(1, 4, 3, 3), (4, 2, 3, 3)],
            lambda d, k: P.Conv2DBackpropInput(4, 3, pad_mode="same", stride=2)(d, k, (1, 2, 6, 6)),
        ),
        # pooling
        "nn_MaxPool1d_pad": ([(2, 3, 9)], lambda x: cell(nn.MaxPool1d(3, 2, "pad", 1))(x)),
        "avg_pool1d_ops": ([(2, 3, 9)], lambda x: ops.avg_pool1d(x, 3, 2, 1, True, False)),
        "max_pool3d_ops": ([(1, 2, 5, 5, 5)], lambda x: ops.max_pool3d(x, 2, 2, 0, 1, True)),
        "avg_pool3d_ops": ([(1, 2, 5, 5, 5)], lambda x: ops.avg_pool3d(x, 2, 2)),
        "avg_pool2d_ceil": ([(1, 2, 7, 7)], lambda x: ops.avg_pool2d(x, 3, 2, 1, True, True)),
        "avg_pool2d_divisor": ([(1, 2, 6, 6)], lambda x: ops.avg_pool2d(x, 2, 2, 0, False, True, 3)),
        "max_pool2d_dilation": ([(1, 2, 9, 9)], lambda x: ops.max_pool2d(x, 3, 2, 1, 2)),
        "max_pool2d_indices": ([(1, 2, 6, 6)], lambda x: ops.max_pool2d(x, 2, 2, 0, 1, True)),
        "nn_MaxPool3d_same": ([(1, 2, 5, 5, 5)], lambda x: cell(nn.MaxPool3d(3, 2, "same"))(x)),
        "nn_AvgPool1d_same": ([(2, 3, 8)], lambda x: cell(nn.AvgPool1d(3, 2, "same"))(x)),
        "nn_AvgPool3d": ([(1, 2, 4, 4, 4)], lambda x: cell(nn.AvgPool3d(2, 2))(x)),
        "nn_AvgPool2d_3d_input": ([(2, 6, 6)], lambda x: cell(nn.AvgPool2d(2, 2))(x)),
        "adaptive_avg_pool1d": ([(2, 3, 6)], lambda x: ops.adaptive_avg_pool1d(x, 3)),
        "adaptive_avg_pool3d": ([(1, 2, 5, 6, 7)], lambda x: ops.adaptive_avg_pool3d(x, (2, 3, 4))),
        "adaptive_max_pool1d": ([(2, 3, 6)], lambda x: ops.adaptive_max_pool1d(x, 3)),
        "adaptive_max_pool2d_idx": ([(1, 2, 7, 5)], lambda x: ops.adaptive_max_pool2d(x, (3, 2), True)),
        "lp_pool2d": ([(1, 2, 6, 6)], lambda x: ops.lp_pool2d(x, 2, 2, 2)),
        # norms
        "P_LayerNorm": ([(2, 3, 4), (3, 4), (3, 4)], lambda x, g, b: P.LayerNorm(1, 1, 1e-5)(x, g, b)),
        "group_norm_ops": ([(2, 6, 3, 3), (6,), (6,)], lambda x, g, b: ops.group_norm(x, 3, g, b)),
        # CPU MindSpore returns zeros for batch_mean/batch_var: compare y and the updated Parameters
        "P_BatchNorm_train": (
            [(4, 3, 2, 2), (3,), (3,)],
            lambda x, g, b: (lambda m, v: (P.BatchNorm(True, 1e-5, 0.1)(x, g, b, m, v)[0], m, v))(
                ms.Parameter(Tensor(np.zeros(3, np.float32)), name="m"),
                ms.Parameter(Tensor(np.ones(3, np.float32)), name="v"),
            ),
        ),
        "nn_BatchNorm1d_3d_eval": (
            [(4, 3, 5)],
            lambda x: cell(
                nn.BatchNorm1d(3, moving_mean_init=w((3,)), moving_var_init=w((3,)) * w((3,)) + 1)
            )(x),
        ),
        "nn_BatchNorm3d_train": ([(2, 3, 2, 2, 2)], lambda x: cell(nn.BatchNorm3d(3), True)(x)),
        "l2_normalize_axis0": ([(3, 4)], lambda x: P.L2Normalize(0, 1e-12)(x)),
        "lrn": ([(1, 6, 3, 3)], lambda x: ops.lrn(x, 2, 1.0, 0.5, 0.75)),
        # pad / resize / shuffle / unfold
        "pad_circular": ([(1, 2, 3, 4)], lambda x: ops.pad(x, (1, 2, 2, 1), "circular")),
        "pad_negative": ([(1, 2, 5, 5)], lambda x: ops.pad(x, (-1, 2, 0, -2))),
        "P_Pad": ([(2, 3)], lambda x: P.Pad(((1, 2), (0, 1)))(x)),
        "nn_ZeroPad2d": ([(1, 1, 2, 3)], lambda x: cell(nn.ZeroPad2d((1, 0, 2, 1)))(x)),
        "nn_ReflectionPad1d": ([(1, 2, 4)], lambda x: cell(nn.ReflectionPad1d((2, 1)))(x)),
        "nn_ReplicationPad2d": ([(1, 1, 3, 3)], lambda x: cell(nn.ReplicationPad2d(1))(x)),
        "nn_ConstantPad3d": ([(1, 1, 2, 2, 2)], lambda x: cell(nn.ConstantPad3d(1, 0.5))(x)),
        "interp_linear": ([(1, 2, 5)], lambda x: ops.interpolate(x, size=8, mode="linear")),
        "interp_linear_ac": (
            [(1, 2, 5)],
            lambda x: ops.interpolate(x, size=8, mode="linear", align_corners=True),
        ),
        "interp_area": ([(1, 2, 6, 6)], lambda x: ops.interpolate(x, size=(4, 3), mode="area")),
        "interp_bicubic_ac": (
            [(1, 1, 4, 5)],
            lambda x: ops.interpolate(x, size=(7, 6), mode="bicubic", align_corners=True),
        ),
        "interp_nearest_up3": ([(1, 1, 3, 4)], lambda x: ops.interpolate(x, size=(7, 9), mode="nearest")),
        "interp_bilinear_scale": (
            [(1, 1, 3, 4)],
            lambda x: ops.interpolate(
                x, scale_factor=(1.5, 2.0), mode="bilinear", recompute_scale_factor=True
            ),
        ),
        "P_ResizeNearest_ac": ([(1, 1, 3, 4)], lambda x: P.ResizeNearestNeighbor((5, 7), True)(x)),
        "P_ResizeBilinearV2_ac": ([(1, 1, 3, 4)], lambda x: P.ResizeBilinearV2(True)(x, (5, 7))),
        "P_ResizeBilinearV2_legacy": ([(1, 1, 3, 4)], lambda x: P.ResizeBilinearV2()(x, (5, 7))),
        "pixel_shuffle": ([(1, 8, 2, 3)], lambda x: ops.pixel_shuffle(x, 2)),
        "pixel_unshuffle": ([(1, 2, 4, 6)], lambda x: ops.pixel_unshuffle(x, 2)),
        "unfold_ops": ([(1, 2, 5, 5)], lambda x: ops.unfold(x, 3, 1, 1, 2)),
        "fold_ops": ([(1, 8, 6)], lambda x: ops.fold(x, Tensor(np.array([3, 4], np.int32)), 2, 1, 0, 1)),
        "nn_ClipByNorm": ([(3, 4)], lambda x: cell(nn.ClipByNorm())(x, Tensor(1.0, ms.float32))),
        "nn_ClipByNorm_small": ([(3, 4)], lambda x: cell(nn.ClipByNorm())(x * 0.1, Tensor(1.0, ms.float32))),
        "clip_by_norm_ops": ([(3, 4)], lambda x: ops.clip_by_norm(x, 1.5)),
        "bias_add_3d": ([(2, 3, 4), (3,)], lambda x, b: ops.bias_add(x, b)),
        "dense_ops": ([(2, 4), (3, 4), (3,)], lambda x, wt, b: ops.dense(x, wt, b)),
        "prelu_ops": ([(2, 3, 4), (3,)], lambda x, wt: ops.prelu(x, wt)),
        "nn_Dense_3d_tanh": (
            [(2, 3, 4)],
            lambda x: cell(nn.Dense(4, 2, w((2, 4)), w((2,), 1), activation="tanh"))(x),
        ),
    }
