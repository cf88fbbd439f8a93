"""The ``ops.ApplyXxx`` / ``ops.SparseApplyXxx`` / ``ops.Adam`` ... primitive classes over the
optimizer-update ops of ``optim_prims.py``: attribute checks (MindSpore's validator messages),
in-place writes of the updated inputs (``x._data = new``: the compiler carries Parameter writes out
of compiled code) and MindSpore's outputs (copies: ``var`` alone, or a tuple)."""

from __future__ import annotations

from ...common.tensor import Tensor
from .._registry import call, primitive, raise_error
from ..primitive import Primitive


def _type(v):
    return type(v).__name__


def _is_float(v):
    return isinstance(v, float)


def _check_type(prim, name, v, kinds):
    ok = any(
        (k is float and _is_float(v))
        or (k is bool and isinstance(v, bool))
        or (k is int and isinstance(v, int) and not isinstance(v, bool))
        for k in kinds
    )
    if not ok:
        want = kinds[0].__name__ if len(kinds) == 1 else str([k.__name__ for k in kinds])
        raise_error(TypeError, prim, f"the type of '{name}' should be '{want}', but got type '{_type(v)}'.")
    return v


def _check_bool(prim, name, v):
    if not isinstance(v, bool):
        raise_error(TypeError, prim, f"the '{name}' must be a bool, but got {_type(v)}.")
    return v


def _positive_float(prim, name, v):
    if not _is_float(v) or v <= 0:
        raise_error(
            ValueError,
            prim,
            f"the '{name}' must be float and must > 0, but got '{v}' with type '{_type(v)}'.",
        )
    return v


def _non_negative_float(prim, name, v):
    if not _is_float(v) or v < 0:
        raise_error(
            ValueError,
            prim,
            f"the '{name}' must be float and must >= 0, but got '{v}' with type '{_type(v)}'.",
        )
    return v


def _le_zero(prim, name, v):
    if v > 0:
        raise_error(ValueError, prim, f"the argument '{name}' must <= 0, but got {v}.")
    return v


class _Update(Primitive):
    """``_args``: input names; ``_writes``: positions written in place, in the order the op
    returns their new values; ``_out``: which of the op's results are returned (one index: that
    Tensor alone; a tuple: a tuple)."""

    _op = ""
    _args = ()
    _writes = ()
    _out = 0

    def __init__(self, **attrs):
        super().__init__(type(self).__name__)
        for k, v in attrs.items():
            setattr(self, k, v)
            self.attrs[k] = v
        self.add_prim_attr("side_effect_mem", True)

    def _kw(self):
        return {}

    def __call__(self, *args):
        if len(args) != len(self._args):
            raise_error(
                TypeError,
                self.name,
                f"the number of inputs must be {len(self._args)} "
                f"({', '.join(self._args)}), but got {len(args)}.",
            )
        for i in self._writes:
            if not isinstance(args[i], Tensor):
                raise_error(
                    TypeError,
                    self.name,
                    f"the '{self._args[i]}' must be a Parameter or Tensor, but got {_type(args[i])}.",
                )
        new = call(self._op, *args, **self._kw())
        for i, t in zip(self._writes, new):
            arr = t._data
            old = args[i]._data
            args[i]._data = arr if arr.dtype == old.dtype else arr.astype(old.dtype)
        if isinstance(self._out, int):
            return new[self._out]
        return tuple(new[j] for j in self._out)


def _prim(cls):
    return primitive(cls)


@_prim
class ApplyMomentum(_Update):
    _op = "apply_momentum"
    _args = ("variable", "accumulation", "learning_rate", "gradient", "momentum")
    _writes = (0, 1)

    def __init__(self, use_nesterov=False, use_locking=False, gradient_scale=1.0):
        _check_bool("ApplyMomentum", "use_nesterov", use_nesterov)
        _check_bool("ApplyMomentum", "use_locking", use_locking)
        _check_type("ApplyMomentum", "gradient_scale", gradient_scale, [float])
        super().__init__(use_nesterov=use_nesterov, use_locking=use_locking, gradient_scale=gradient_scale)

    def _kw(self):
        return {"use_nesterov": self.use_nesterov}


@_prim
class ApplyKerasMomentum(_Update):
    """No MindSpore CPU kernel: the documented formula."""

    _op = "apply_keras_momentum"
    _args = ("var", "accum", "lr", "grad", "momentum")
    _writes = (0, 1)
    _out = (0, 1)

    def __init__(self, use_locking=False, use_nesterov=False):
        _check_type("ApplyKerasMomentum", "use_locking", use_locking, [bool])
        _check_type("ApplyKerasMomentum", "use_nesterov", use_nesterov, [bool])
        super().__init__(use_locking=use_locking, use_nesterov=use_nesterov)

    def _kw(self):
        return {"use_nesterov": self.use_nesterov}


@_prim
class ApplyAdagrad(_Update):
    _op = "apply_adagrad"
    _args = ("var", "accum", "lr", "grad")
    _writes = (0, 1)
    _out = (0, 1)

    def __init__(self, update_slots=True):
        _check_type("ApplyAdagrad", "update_slots", update_slots, [bool])
        super().__init__(update_slots=update_slots)

    def _kw(self):
        return {"update_slots": self.update_slots}


@_prim
class ApplyAdagradV2(_Update):
    _op = "apply_adagrad"
    _args = ("var", "accum", "lr", "grad")
    _writes = (0, 1)
    _out = (0, 1)

    def __init__(self, epsilon, update_slots=True):
        _check_type("ApplyAdagradV2", "epsilon", epsilon, [float])
        _check_type("ApplyAdagradV2", "update_slots", update_slots, [bool])
        super().__init__(epsilon=epsilon, update_slots=update_slots)

    def _kw(self):
        return {"update_slots": self.update_slots, "epsilon": self.epsilon, "opn": "ApplyAdagradV2"}


@_prim
class ApplyAdagradDA(_Update):
    _op = "apply_adagrad_da"
    _args = (
        "var",
        "gradient_accumulator",
        "gradient_squared_accumulator",
        "grad",
        "lr",
        "l1",
        "l2",
        "global_step",
    )
    _writes = (0, 1, 2)

    def __init__(self, use_locking=False):
        _check_type("ApplyAdagradDA", "use_locking", use_locking, [bool])
        super().__init__(use_locking=use_locking)


@_prim
class ApplyAdaMax(_Update):
    _op = "apply_ada_max"
    _args = ("var", "m", "v", "beta1_power", "lr", "beta1", "beta2", "epsilon", "grad")
    _writes = (0, 1, 2)
    _out = (0, 1, 2)


@_prim
class ApplyAdadelta(_Update):
    _op = "apply_adadelta"
    _args = ("var", "accum", "accum_update", "lr", "rho", "epsilon", "grad")
    _writes = (0, 1, 2)
    _out = (0, 1, 2)


class _AmsgradV2Like(_Update):
    _op = "apply_adam_with_amsgrad"
    _args = ("var", "m", "v", "vhat", "beta1_power", "beta2_power", "lr", "beta1", "beta2", "epsilon", "grad")
    _writes = (0, 1, 2, 3)
    _out = (0, 1, 2, 3)


@_prim
class ApplyAdamWithAmsgrad(_AmsgradV2Like):
    """``beta1``, ``beta2``, ``epsilon`` are attributes here (inputs of ApplyAdamWithAmsgradV2)."""

    def __init__(self, beta1=0.9, beta2=0.999, epsilon=1e-8, use_locking=False):
        for n, v in (("beta1", beta1), ("beta2", beta2), ("epsilon", epsilon)):
            _check_type("ApplyAdamWithAmsgrad", n, v, [float])
        _check_type("ApplyAdamWithAmsgrad", "use_locking", use_locking, [bool])
        super().__init__(beta1=beta1, beta2=beta2, epsilon=epsilon, use_locking=use_locking)

    def __call__(self, *args):
        if len(args) != 8:
            raise_error(
                TypeError,
                self.name,
                f"the number of inputs must be 8 (var, m, v, vhat, beta1_power, "
                f"beta2_power, lr, grad), but got {len(args)}.",
            )
        return super().__call__(*(args[:7] + (self.beta1, self.beta2, self.epsilon) + args[7:]))


@_prim
class ApplyAdamWithAmsgradV2(_AmsgradV2Like):
    def __init__(self, use_locking=False):
        _check_type("ApplyAdamWithAmsgradV2", "use_locking", use_locking, [bool])
        super().__init__(use_locking=use_locking)

    def _kw(self):
        return {"opn": "ApplyAdamWithAmsgradV2"}


@_prim
class ApplyAddSign(_Update):
    _op = "apply_sign"
    _args = ("var", "m", "lr", "alpha", "sign_decay", "beta", "grad")
    _writes = (0, 1)
    _out = (0, 1)


@_prim
class ApplyPowerSign(_Update):
    _op = "apply_sign"
    _args = ("var", "m", "lr", "logbase", "sign_decay", "beta", "grad")
    _writes = (0, 1)
    _out = (0, 1)

    def _kw(self):
        return {"power": True}


def _const_float(prim, name, v):
    if isinstance(v, Tensor):
        raise_error(TypeError, prim, f"the '{name}' must be a constant float, but got a Tensor.")
    if not isinstance(v, (int, float)) or isinstance(v, bool):
        raise_error(TypeError, prim, f"the type of '{name}' should be 'float', but got type '{_type(v)}'.")
    return float(v)


@_prim
class ApplyRMSProp(_Update):
    _op = "apply_rms_prop"
    _args = ("var", "mean_square", "moment", "learning_rate", "grad", "decay", "momentum", "epsilon")
    _writes = (0, 1, 2)

    def __init__(self, use_locking=False):
        _check_type("ApplyRMSProp", "use_locking", use_locking, [bool])
        super().__init__(use_locking=use_locking)

    def __call__(self, var, mean_square, moment, learning_rate, grad, decay, momentum, epsilon):
        for n, v in (("decay", decay), ("momentum", momentum), ("epsilon", epsilon)):
            _const_float(self.name, n, v)
        return super().__call__(var, mean_square, moment, learning_rate, grad, decay, momentum, epsilon)


@_prim
class ApplyCenteredRMSProp(_Update):
    _op = "apply_rms_prop"
    _args = (
        "var",
        "mean_gradient",
        "mean_square",
        "moment",
        "grad",
        "learning_rate",
        "decay",
        "momentum",
        "epsilon",
    )
    _writes = (0, 1, 2, 3)

    def __init__(self, use_locking=False):
        _check_type("ApplyCenteredRMSProp", "use_locking", use_locking, [bool])
        super().__init__(use_locking=use_locking)

    def __call__(
        self, var, mean_gradient, mean_square, moment, grad, learning_rate, decay, momentum, epsilon
    ):
        for n, v in (
            ("var", var),
            ("mean_gradient", mean_gradient),
            ("mean_square", mean_square),
            ("moment", moment),
        ):
            if not isinstance(v, Tensor):
                raise_error(TypeError, self.name, f"the '{n}' must be a Tensor, but got {_type(v)}.")
        # the op's argument order: (var, mean_square, moment, lr, grad, decay, momentum, eps, mean_gradient)
        new = call(
            self._op, var, mean_square, moment, learning_rate, grad, decay, momentum, epsilon, mean_gradient
        )
        for x, t in zip((var, mean_gradient, mean_square, moment), new):
            x._data = t._data.astype(x._data.dtype)
        return new[0]


@_prim
class ApplyFtrl(_Update):
    _op = "apply_ftrl"
    _args = ("var", "accum", "linear", "grad", "lr", "l1", "l2", "lr_power")
    _writes = (0, 1, 2)

    def __init__(self, use_locking=False):
        _check_type("ApplyFtrl", "use_locking", use_locking, [bool])
        super().__init__(use_locking=use_locking)


@_prim
class ApplyGradientDescent(_Update):
    _op = "apply_gradient_descent"
    _args = ("var", "alpha", "delta")
    _writes = (0,)


@_prim
class ApplyProximalGradientDescent(_Update):
    _op = "apply_proximal_gradient_descent"
    _args = ("var", "alpha", "l1", "l2", "delta")
    _writes = (0,)


@_prim
class ApplyProximalAdagrad(_Update):
    _op = "apply_proximal_adagrad"
    _args = ("var", "accum", "lr", "l1", "l2", "grad")
    _writes = (0, 1)
    _out = (0, 1)

    def __init__(self, use_locking=False):
        _check_type("ApplyProximalAdagrad", "use_locking", use_locking, [bool])
        super().__init__(use_locking=use_locking)


@_prim
class SparseApplyAdagrad(_Update):
    _op = "sparse_apply_adagrad"
    _args = ("var", "accum", "grad", "indices")
    _writes = (0, 1)
    _out = (0, 1)

    def __init__(self, lr, update_slots=True, use_locking=False):
        _check_type("SparseApplyAdagrad", "lr", lr, [float])
        _check_type("SparseApplyAdagrad", "update_slots", update_slots, [bool])
        _check_type("SparseApplyAdagrad", "use_locking", use_locking, [bool])
        super().__init__(lr=lr, update_slots=update_slots, use_locking=use_locking)

    def _kw(self):
        return {"lr": self.lr, "update_slots": self.update_slots}


@_prim
class SparseApplyAdagradV2(SparseApplyAdagrad):
    def __init__(self, lr, epsilon, use_locking=False, update_slots=True):
        _check_type("SparseApplyAdagradV2", "lr", lr, [float])
        _check_type("SparseApplyAdagradV2", "epsilon", epsilon, [float])
        _check_type("SparseApplyAdagradV2", "update_slots", update_slots, [bool])
        _check_type("SparseApplyAdagradV2", "use_locking", use_locking, [bool])
        _Update.__init__(self, lr=lr, epsilon=epsilon, use_locking=use_locking, update_slots=update_slots)

    def _kw(self):
        return {
            "lr": self.lr,
            "epsilon": self.epsilon,
            "update_slots": self.update_slots,
            "opn": "SparseApplyAdagradV2",
        }


@_prim
class SparseApplyAdadelta(_Update):
    """No MindSpore CPU kernel: the documented formula."""

    _op = "sparse_apply_adadelta"
    _args = ("var", "accum", "accum_update", "lr", "rho", "grad", "indices")
    _writes = (0, 1, 2)
    _out = (0, 1, 2)

    def __init__(self, epsilon, use_locking=False):
        _check_type("SparseApplyAdadelta", "epsilon", epsilon, [float])
        if epsilon < 0:
            raise_error(
                ValueError, "SparseApplyAdadelta", f"the argument 'epsilon' must >= 0.0, but got {epsilon}."
            )
        _check_type("SparseApplyAdadelta", "use_locking", use_locking, [bool])
        super().__init__(epsilon=epsilon, use_locking=use_locking)

    def _kw(self):
        return {"epsilon": self.epsilon}


class _FtrlAttrs(_Update):
    _args = ("var", "accum", "linear", "grad", "indices")
    _writes = (0, 1, 2)
    _out = (0, 1, 2)

    def _init_ftrl(self, lr, l1, l2, lr_power, use_locking, **extra):
        n = type(self).__name__
        for k, v in (("lr", lr), ("l1", l1), ("l2", l2), ("lr_power", lr_power)):
            _check_type(n, k, v, [float])
        _positive_float(n, "lr", lr)
        _non_negative_float(n, "l1", l1)
        _non_negative_float(n, "l2", l2)
        _le_zero(n, "lr_power", lr_power)
        _check_type(n, "use_locking", use_locking, [bool])
        _Update.__init__(self, lr=lr, l1=l1, l2=l2, lr_power=lr_power, use_locking=use_locking, **extra)

    def _kw(self):
        return {
            "lr": self.lr,
            "l1": self.l1,
            "l2": self.l2,
            "lr_power": self.lr_power,
            "opn": type(self).__name__,
        }


@_prim
class SparseApplyFtrl(_FtrlAttrs):
    _op = "sparse_apply_ftrl"

    def __init__(self, lr, l1, l2, lr_power, use_locking=False):
        self._init_ftrl(lr, l1, l2, lr_power, use_locking)


@_prim
class SparseApplyFtrlV2(_FtrlAttrs):
    """No MindSpore CPU kernel: FTRL with ``grad + 2 * l2_shrinkage * var`` in the linear term."""

    _op = "sparse_apply_ftrl"

    def __init__(self, lr, l1, l2, l2_shrinkage, lr_power, use_locking=False):
        _check_type("SparseApplyFtrlV2", "l2_shrinkage", l2_shrinkage, [float])
        self._init_ftrl(lr, l1, l2, lr_power, use_locking, l2_shrinkage=l2_shrinkage)

    def _kw(self):
        return dict(super()._kw(), l2_shrinkage=self.l2_shrinkage, idx=("int32",))


@_prim
class FusedSparseFtrl(_FtrlAttrs):
    _op = "sparse_apply_ftrl"

    def __init__(self, lr, l1, l2, lr_power, use_locking=False):
        self._init_ftrl(lr, l1, l2, lr_power, use_locking)

    def _kw(self):
        return dict(super()._kw(), idx=("int32",))


@_prim
class SparseApplyProximalAdagrad(_Update):
    """No MindSpore CPU kernel: computed as FusedSparseProximalAdagrad's CPU kernel does."""

    _op = "sparse_apply_proximal_adagrad"
    _args = ("var", "accum", "lr", "l1", "l2", "grad", "indices")
    _writes = (0, 1)
    _out = (0, 1)

    def __init__(self, use_locking=False):
        _check_type(type(self).__name__, "use_locking", use_locking, [bool])
        super().__init__(use_locking=use_locking)

    def _kw(self):
        return {"opn": type(self).__name__}


@_prim
class FusedSparseProximalAdagrad(SparseApplyProximalAdagrad):
    def _kw(self):
        return {"opn": "FusedSparseProximalAdagrad", "idx": ("int32",)}


@_prim
class SparseApplyRMSProp(_Update):
    _op = "sparse_apply_rms_prop"
    _args = ("var", "ms", "mom", "lr", "grad", "indices")
    _writes = (0, 1, 2)
    _out = (0, 1, 2)

    def __init__(self, rho, momentum, epsilon, use_locking=False):
        n = "SparseApplyRMSProp"
        for k, v in (("rho", rho), ("momentum", momentum), ("epsilon", epsilon)):
            _check_type(n, k, v, [float])
        _check_type(n, "use_locking", use_locking, [bool])
        if epsilon <= 0:
            raise_error(ValueError, n, f"the argument 'epsilon' must > 0.0, but got {epsilon}.")
        if momentum < 0:
            raise_error(ValueError, n, f"the argument 'momentum' must >= 0.0, but got {momentum}.")
        if not 0.0 <= rho <= 1.0:
            raise_error(
                ValueError, n, f"the 'rho' must be in range of [0.0, 1.0], but got {rho} with type 'float'."
            )
        super().__init__(rho=rho, momentum=momentum, epsilon=epsilon, use_locking=use_locking)

    def _kw(self):
        return {"rho": self.rho, "momentum": self.momentum, "epsilon": self.epsilon}


class _AdamAttrs(_Update):
    def __init__(self, use_locking=False, use_nesterov=False):
        _check_type(type(self).__name__, "use_locking", use_locking, [bool])
        _check_type(type(self).__name__, "use_nesterov", use_nesterov, [bool])
        super().__init__(use_locking=use_locking, use_nesterov=use_nesterov)


@_prim
class Adam(_AdamAttrs):
    _op = "apply_adam"
    _args = ("var", "m", "v", "beta1_power", "beta2_power", "lr", "beta1", "beta2", "epsilon", "gradient")
    _writes = (0, 1, 2)
    _out = (0, 1, 2)

    def _kw(self):
        return {"use_nesterov": self.use_nesterov}


@_prim
class AdamNoUpdateParam(_AdamAttrs):
    _op = "apply_adam"
    _args = ("m", "v", "beta1_power", "beta2_power", "lr", "beta1", "beta2", "epsilon", "gradient")
    _writes = (0, 1)
    _out = 2

    def __call__(self, *args):
        if len(args) != 9:
            raise_error(TypeError, self.name, f"the number of inputs must be 9, but got {len(args)}.")
        for n, v in zip(self._args, args):
            if not isinstance(v, Tensor):
                raise_error(TypeError, self.name, f"the '{n}' must be a Tensor, but got {_type(v)}.")
        new = call(self._op, None, *args, use_nesterov=self.use_nesterov, no_update=True)
        args[0]._data, args[1]._data = new[0]._data, new[1]._data
        return new[2]


@_prim
class FusedSparseAdam(_AdamAttrs):
    _op = "fused_sparse_adam"
    _args = (
        "var",
        "m",
        "v",
        "beta1_power",
        "beta2_power",
        "lr",
        "beta1",
        "beta2",
        "epsilon",
        "grad",
        "indices",
    )
    _writes = (0, 1, 2)
    _out = (0, 1, 2)

    def _kw(self):
        return {"use_nesterov": self.use_nesterov}


@_prim
class FusedSparseLazyAdam(FusedSparseAdam):
    def _kw(self):
        return {"use_nesterov": self.use_nesterov, "lazy": True}


@_prim
class AdamWeightDecay(_Update):
    _op = "adam_weight_decay"
    _args = ("var", "m", "v", "lr", "beta1", "beta2", "epsilon", "decay", "gradient")
    _writes = (0, 1, 2)
    _out = (0, 1, 2)

    def __init__(self, use_locking=False):
        _check_type(type(self).__name__, "use_locking", use_locking, [bool])
        super().__init__(use_locking=use_locking)


@_prim
class FusedCastAdamWeightDecay(AdamWeightDecay):
    """``var`` may be float16 (computed in ``m``'s float32); the gradient is divided by
    ``global_norm``."""

    _args = AdamWeightDecay._args + ("global_norm",)

    def _kw(self):
        return {"opn": "FusedCastAdamWeightDecay"}


@_prim
class SGD(_Update):
    _op = "sgd"
    _args = ("parameters", "gradient", "learning_rate", "accum", "momentum", "stat")
    _writes = (0, 3, 5)

    def __init__(self, dampening=0.0, weight_decay=0.0, nesterov=False):
        _check_type("SGD", "nesterov", nesterov, [bool])
        if nesterov and dampening != 0:
            raise_error(
                ValueError,
                "SGD",
                f"the 'dampening' must be 0 when 'nesterov' is True, but got "
                f"'dampening' is {dampening} and 'nesterov' is {nesterov}.",
            )
        super().__init__(dampening=dampening, weight_decay=weight_decay, nesterov=nesterov)

    def __call__(self, *args):
        for n, v in zip(self._args, args):
            if not isinstance(v, Tensor):
                raise_error(TypeError, "SGD", f"the '{n}' must be a Tensor, but got {_type(v)}.")
        return super().__call__(*args)

    def _kw(self):
        return {"dampening": self.dampening, "weight_decay": self.weight_decay, "nesterov": self.nesterov}


@_prim
class FusedWeightScaleApplyMomentum(_Update):
    """No MindSpore CPU kernel: ``g = var * weight_decay + grad * loss_scale``, then ApplyMomentum."""

    _op = "fused_weight_scale_apply_momentum"
    _args = (
        "weight_decay",
        "loss_scale",
        "variable",
        "accumulation",
        "learning_rate",
        "gradient",
        "momentum",
    )

    def __call__(self, *args):
        if len(args) != 7:
            raise_error(TypeError, self.name, f"the number of inputs must be 7, but got {len(args)}.")
        var, acc = args[2], args[3]
        for n, v in (("variable", var), ("accumulation", acc)):
            if not isinstance(v, Tensor):
                raise_error(
                    TypeError, self.name, f"the '{n}' must be a Parameter or Tensor, but got {_type(v)}."
                )
        new = call(self._op, *args)
        var._data, acc._data = new[0]._data, new[1]._data
        return new[0]


@_prim
class LambApplyOptimizerAssign(_Update):
    """No MindSpore CPU kernel: the documented formula; ``v`` and ``m`` are written in place;
    returns ``(update, v, m)``."""

    _op = "lamb_apply_optimizer_assign"
    _args = (
        "gradient",
        "v",
        "m",
        "var",
        "beta1",
        "sub1",
        "beta2",
        "sub2",
        "epsilon",
        "steps",
        "decay_flag",
        "weight_decay",
    )
    _writes = (1, 2)
    _out = (2, 0, 1)


@_prim
class LambApplyWeightAssign(_Update):
    """No MindSpore CPU kernel: ``var -= lr * (w_norm / g_norm if both > 0 else 1) * update``."""

    _op = "lamb_apply_weight_assign"
    _args = ("w_norm", "g_norm", "lr", "update", "var")

    def __call__(self, *args):
        if len(args) != 5:
            raise_error(TypeError, self.name, f"the number of inputs must be 5, but got {len(args)}.")
        if not isinstance(args[4], Tensor):
            raise_error(
                TypeError, self.name, f"the 'var' must be a Parameter or Tensor, but got {_type(args[4])}."
            )
        (new,) = call(self._op, *args)
        args[4]._data = new._data
        return new


@_prim
class LARSUpdate(Primitive):
    """No MindSpore CPU kernel: ``coeff = hyperpara * |w| / (|g| + weight_decay * |w| + epsilon)``
    (1 where a norm is 0; ``min(coeff / lr, 1)`` with ``use_clip``); returns
    ``coeff * (gradient + weight_decay * weight)``."""

    def __init__(self, epsilon=1e-05, hyperpara=0.001, use_clip=False):
        super().__init__("LARSUpdate")
        _check_type("LARSUpdate", "epsilon", epsilon, [float])
        _check_type("LARSUpdate", "hyperpara", hyperpara, [float])
        _check_type("LARSUpdate", "use_clip", use_clip, [bool])
        self.epsilon, self.hyperpara, self.use_clip = epsilon, hyperpara, use_clip

    def __call__(self, weight, gradient, norm_weight, norm_gradient, weight_decay, learning_rate):
        for n, v in (
            ("weight", weight),
            ("gradient", gradient),
            ("norm_weight", norm_weight),
            ("norm_gradient", norm_gradient),
        ):
            if not isinstance(v, Tensor):
                raise_error(TypeError, "LARSUpdate", f"the '{n}' must be a Tensor, but got {_type(v)}.")
        return call(
            "lars_update",
            weight,
            gradient,
            norm_weight,
            norm_gradient,
            weight_decay,
            learning_rate,
            self.epsilon,
            self.hyperpara,
            self.use_clip,
        )
