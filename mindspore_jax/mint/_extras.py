"""mint names that are views of existing registry ops: the in-place activations of
``mint.nn.functional`` (``relu_``, ``elu_``...), ``normalize``, and MindSpore 2.10's
exported aliases (``mint.conv2d``, ``mint.flatten_ext``, ``mint.nn.cross_entropy``...).

In-place functions compute with the registry op, write the result into ``input`` (in its own
dtype; ``x._data = new`` also records the write inside compiled code) and return ``input``.
MindSpore 2.10 has no CPU kernels for these in-place ops (InplaceReLU, InplaceElu...); the
documented semantics are implemented.
"""

from __future__ import annotations

from ..common.tensor import Tensor
from ..ops._registry import call, raise_error


def _inplace(name, x, out):
    if not isinstance(x, Tensor):
        raise_error(TypeError, name, f"the 'input' must be a Tensor, but got {type(x).__name__}.")
    new = out._data
    old = x._data
    if new.dtype != old.dtype:
        new = new.astype(old.dtype)
    if new.shape != old.shape:
        raise_error(RuntimeError, name, f"the result shape {tuple(new.shape)} can not be written "
                    f"into the input of shape {tuple(old.shape)}.")
    x._data = new
    return x


# --- mint.nn.functional in-place activations ------------------------------------------------------
def relu_(input):
    """``mint.nn.functional.relu_(input)``: ReLU written into ``input``."""
    return _inplace("InplaceReLU", input, call("relu", input))


def sigmoid_(input):
    """``mint.nn.functional.sigmoid_(input)``."""
    return _inplace("InplaceSigmoid", input, call("sigmoid", input))


def elu_(input, alpha=1.0):
    """``mint.nn.functional.elu_(input, alpha=1.0)``."""
    return _inplace("InplaceElu", input, call("elu", input, alpha))


inplace_elu = elu_


def hardtanh_(input, min_val=-1, max_val=1):
    """``mint.nn.functional.hardtanh_(input, min_val=-1, max_val=1)``."""
    if min_val > max_val:
        raise_error(ValueError, "InplaceHardtanh", f"the 'min_val' ({min_val}) must not be greater "
                    f"than 'max_val' ({max_val}).")
    return _inplace("InplaceHardtanh", input, call("hardtanh", input, min_val, max_val))


def threshold_(input, threshold, value):
    """``mint.nn.functional.threshold_(input, threshold, value)``."""
    return _inplace("InplaceThreshold", input, call("threshold", input, threshold, value))


def inplace_silu(input):
    """``mint.nn.functional.inplace_silu(input)``."""
    return _inplace("InplaceSiLU", input, call("silu", input))


def normalize(input, p=2.0, dim=1, eps=1e-12):
    """``mint.nn.functional.normalize``: ``input / max(||input||_p over dim, eps)``."""
    from .. import mint

    denom = mint.clamp(mint.norm(input, p, dim, keepdim=True), min=eps)
    return input / mint.broadcast_to(denom, input.shape)


def _functional_names():
    from .. import mint

    F = mint.nn.functional
    return {
        "relu_": relu_, "sigmoid_": sigmoid_, "elu_": elu_, "inplace_elu": inplace_elu,
        "hardtanh_": hardtanh_, "threshold_": threshold_, "inplace_silu": inplace_silu,
        "normalize": normalize,
        # MindSpore 2.10 exports these generated-op names from mint.nn.functional too
        "elu_ext": F.elu, "hardtanh_op": F.hardtanh, "threshold_op": F.threshold,
        "silu_func": F.silu, "norm_ext": mint.norm,
        "adaptive_avg_pool3d_ext": F.adaptive_avg_pool3d,
    }


def _mint_names():
    from .. import mint

    F = mint.nn.functional

    def flatten_ext(input, start_dim=0, end_dim=-1):
        return mint.flatten(input, start_dim, end_dim)

    def softmax_ext(input, dim=None, dtype=None):
        if dim is None:  # torch's implicit dim, as MindSpore's softmax_ext
            dim = 0 if input.ndim in (0, 1, 3) else 1
        if not isinstance(dim, int):
            raise TypeError(f" the type of 'dim' must be 'int', but got '{dim}' with type "
                            f"'{type(dim).__name__}'.")
        return mint.softmax(input, dim, dtype=dtype)

    def addr_(input, vec1, vec2, beta=1, alpha=1):
        """``mint.addr_``: ``beta * input + alpha * outer(vec1, vec2)`` written into ``input``."""
        from .. import ops

        return _inplace("InplaceAddr", input, ops.addr(input, vec1, vec2, beta=beta, alpha=alpha))

    def squeeze_impl(input, axis):
        return mint.squeeze(input, axis)

    def cdist_(x1, x2, p=2.0):
        return mint.cdist(x1, x2, p)

    def npu_gelu(input, approximate="none"):
        return F.gelu(input, approximate=approximate)

    from .. import ops

    return {"constexpr": ops.constexpr, "conv2d": F.conv2d, "flatten_ext": flatten_ext,
            "softmax_ext": softmax_ext,
            "squeeze_impl": squeeze_impl, "cdist_": cdist_, "npu_gelu": npu_gelu, "Tensor": Tensor,
            "addr_": addr_}


def _nn_names():
    from .. import mint

    F = mint.nn.functional
    return {"cross_entropy": F.cross_entropy, "nllloss": F.nll_loss, "kl_div_ext": F.kl_div}


def install():
    """Adds the names above to ``mint``, ``mint.nn``, ``mint.nn.functional`` and ``mint.special``."""
    from .. import mint

    vars(mint).update(_mint_names())
    vars(mint.nn).update(_nn_names())
    vars(mint.nn.functional).update(_functional_names())
    if not hasattr(mint.special, "log_softmax"):
        mint.special.log_softmax = mint.nn.functional.log_softmax
