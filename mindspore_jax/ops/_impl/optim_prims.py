"""Optimizer-update primitives: ``ops.ApplyMomentum``, ``ops.ApplyAdagrad``, ``ops.Adam``, ``ops.SGD``...

Each update is one registry op over arrays (``apply_xxx``) returning the new values of the
inputs it writes (plus any extra output); the primitive writes them back into its inputs in place
(``x._data = new``: Parameters and plain Tensors alike, as MindSpore's kernels do) and returns
copies of what MindSpore returns (var only, or a tuple). The numbers follow MindSpore 2.10's CPU
kernels (golden-tested, tests/test_optim_prims.py); ops without a CPU kernel (ApplyKerasMomentum,
SparseApplyAdadelta, SparseApplyProximalAdagrad, SparseApplyFtrlV2, FusedWeightScaleApplyMomentum,
LambApplyOptimizerAssign, LambApplyWeightAssign, LARSUpdate) follow their documented formulas.

Sparse updates (``SparseApplyXxx``/``FusedSparseXxx``) merge duplicate indices (sum of their
gradient rows) and update only the rows named by ``indices``.

Known differences from MindSpore 2.10 CPU: FusedSparseAdam with ``use_nesterov=True`` (its var
update differs by ~5e-3 from both the plain and the Nesterov formula; m and v match); a float16
SparseApplyAdagradV2 writes into ``var`` values that differ from its own returned ``var`` (we
write what we return). Outputs the CPU kernels leave uninitialized or zero (Adam,
AdamWeightDecay, FusedCastAdamWeightDecay, ApplyRMSProp, ApplyCenteredRMSProp, the m/v/accum
outputs of the FusedSparse ops) are returned here as the updated values.
"""

from __future__ import annotations

import jax.numpy as jnp

from .._registry import op, raise_error

_F16_32 = (jnp.float16, jnp.float32)
_FLOATS = (jnp.float16, jnp.float32, jnp.float64)


def _name(dt):
    return {
        "float16": "Float16",
        "float32": "Float32",
        "float64": "Float64",
        "int32": "Int32",
        "int64": "Int64",
        "bfloat16": "BFloat16",
    }.get(jnp.dtype(dt).name, jnp.dtype(dt).name)


def _check_var(opn, var, allowed=_F16_32, argn="var"):
    var = jnp.asarray(var)
    if var.dtype not in [jnp.dtype(a) for a in allowed]:
        raise_error(
            TypeError,
            opn,
            f"the dtype of '{argn}' must be in "
            f"[{', '.join(_name(a) for a in allowed)}], but got {_name(var.dtype)}.",
        )
    return var


def _like(opn, var, shape_check=True, **named):
    """Tensors in ``var``'s group: same shape as ``var``; a lower dtype is raised to ``var``'s, a
    higher one is an error (MindSpore converts no Parameter)."""
    out = []
    for n, x in named.items():
        x = jnp.asarray(x)
        if shape_check and x.shape != var.shape:
            raise_error(
                ValueError,
                opn,
                f"the shape of '{n}' {list(x.shape)} must be the same as 'var' {list(var.shape)}.",
            )
        out.append(_cast_to(opn, n, x, var.dtype))
    return out[0] if len(out) == 1 else out


def _cast_to(opn, n, x, dt):
    if x.dtype == dt:
        return x
    if jnp.promote_types(x.dtype, dt) != dt:
        raise_error(
            TypeError,
            opn,
            f"data type conversion is not supported for a 'Parameter', nor for the "
            f"input tensor of an in-place operator, so data type {_name(dt)} of 'var', "
            f"which cannot be converted to data type {_name(x.dtype)} of '{n}' "
            f"automatically.",
        )
    return x.astype(dt)


def _scalar(opn, n, x, dt):
    x = jnp.asarray(x)
    if x.size != 1:
        raise_error(
            ValueError, opn, f"the '{n}' must be a scalar (shape size 0), but got shape {list(x.shape)}."
        )
    if x.dtype.kind not in "fiub":
        raise_error(TypeError, opn, f"the '{n}' must be a number or a real Tensor, but got {_name(x.dtype)}.")
    return x.reshape(()).astype(dt)


def _scalars(opn, dt, **named):
    return [_scalar(opn, n, x, dt) for n, x in named.items()]


def _rows(opn, var, grad, indices, allowed_idx=("int32", "int64")):
    """Merged dense gradient and the mask of rows named by ``indices``."""
    indices = jnp.asarray(indices)
    if indices.dtype.name not in allowed_idx:
        raise_error(
            TypeError,
            opn,
            f"the dtype of 'indices' must be in [{', '.join(a.title() for a in allowed_idx)}]"
            f", but got {_name(indices.dtype)}.",
        )
    if indices.ndim != 1:
        raise_error(ValueError, opn, f"the rank of 'indices' must be 1, but got {indices.ndim}.")
    grad = jnp.asarray(grad)
    if grad.ndim < 1 or grad.shape[0] != indices.shape[0]:
        raise_error(
            ValueError,
            opn,
            f"the grad_shape[0] must be equal to indices_shape[0] which is "
            f"{indices.shape[0]}, but got {list(grad.shape)}.",
        )
    if var.ndim > 1 and grad.shape[1:] != var.shape[1:]:
        raise_error(
            ValueError,
            opn,
            f"the var_shape[1:] {list(var.shape[1:])} must be equal to grad_shape[1:] "
            f"{list(grad.shape[1:])}.",
        )
    grad = _cast_to(opn, "grad", grad, var.dtype)
    dense = jnp.zeros_like(var).at[indices].add(grad.reshape((grad.shape[0],) + var.shape[1:]))
    mask = jnp.zeros((var.shape[0],), bool).at[indices].set(True).reshape((-1,) + (1,) * (var.ndim - 1))
    return dense, mask


def _sel(mask, new, old):
    return jnp.where(mask, new, old)


def _prox(prox, lr, l1, l2):
    shrunk = jnp.sign(prox) / (1 + lr * l2) * jnp.maximum(jnp.abs(prox) - lr * l1, 0)
    return jnp.where(l1 > 0, shrunk, prox / (1 + lr * l2))


def _ftrl(var, accum, linear, g, lr, l1, l2, lr_power, l2_shrinkage=None, textbook=True):
    """FTRL-proximal. MindSpore 2.10's dense ApplyFtrl CPU kernel computes ``(l1 - linear) / quad``
    where the textbook (and its sparse kernels) has ``(sign(linear) * l1 - linear) / quad``
    (golden-tested)."""
    gs = g if l2_shrinkage is None else g + 2 * l2_shrinkage * var
    a_new = accum + g * g
    p = -lr_power
    lin = linear + gs - (jnp.power(a_new, p) - jnp.power(accum, p)) / lr * var
    quad = jnp.power(a_new, p) / lr + 2 * l2
    num = jnp.sign(lin) * l1 - lin if textbook else l1 - lin
    w = jnp.where(jnp.abs(lin) > l1, num / quad, jnp.zeros_like(var))
    return w, a_new, lin


# --- the registry ops (pure: arrays in, new values out) ---------------------------------------


@op("apply_momentum")
def _apply_momentum(var, accum, lr, grad, momentum, use_nesterov=False, gradient_scale=1.0):
    o = "ApplyMomentum"
    var = _check_var(o, var, _FLOATS + (jnp.int32, jnp.int64, jnp.int8, jnp.int16, jnp.uint8))
    accum, grad = _like(o, var, accum=accum, grad=grad)
    lr, momentum = _scalars(o, var.dtype, learning_rate=lr, momentum=momentum)
    # MindSpore 2.10's CPU kernel ignores ``use_nesterov`` (its GPU/Ascend kernels honour it);
    # the CPU numbers are the reference here, as in nn.Momentum
    acc = accum * momentum + grad
    return var - lr * acc, acc


@op("apply_keras_momentum")
def _apply_keras_momentum(var, accum, lr, grad, momentum, use_nesterov=False):
    o = "ApplyKerasMomentum"
    var = _check_var(o, var)
    accum, grad = _like(o, var, accum=accum, grad=grad)
    lr, momentum = _scalars(o, var.dtype, lr=lr, momentum=momentum)
    acc = accum * momentum - grad * lr
    new = var + acc * momentum - grad * lr if use_nesterov else var + acc
    return new, acc


@op("apply_adagrad")
def _apply_adagrad(var, accum, lr, grad, update_slots=True, epsilon=None, opn="ApplyAdagrad"):
    var = _check_var(opn, var, _FLOATS)
    accum, grad = _like(opn, var, accum=accum, grad=grad)
    (lr,) = _scalars(opn, var.dtype, lr=lr)
    # MindSpore 2.10's ApplyAdagrad CPU kernel updates ``accum`` whatever ``update_slots`` says;
    # ApplyAdagradV2's honours it (golden-tested)
    acc = accum + grad * grad if (update_slots or epsilon is None) else accum
    den = jnp.sqrt(acc) if epsilon is None else jnp.sqrt(acc) + jnp.asarray(epsilon, var.dtype)
    return var - lr * grad / den, acc


@op("apply_adagrad_da")
def _apply_adagrad_da(var, ga, gsa, grad, lr, l1, l2, global_step):
    o = "ApplyAdagradDA"
    var = _check_var(o, var)
    ga, gsa, grad = _like(o, var, gradient_accumulator=ga, gradient_squared_accumulator=gsa, grad=grad)
    step = jnp.asarray(global_step)
    if step.dtype.name not in ("int32", "int64"):
        raise_error(
            TypeError,
            o,
            f"the input argument[global_step_type] must be a type of {{Int32, Int64, "
            f"Tensor[Int32], Tensor[Int64]}}, but got Tensor[{_name(step.dtype)}].",
        )
    lr, l1, l2, step = _scalars(o, var.dtype, lr=lr, l1=l1, l2=l2, global_step=step)
    ga = ga + grad
    gsa = gsa + grad * grad
    # MindSpore 2.10's CPU kernel: sign(ga) * |ga - l1 * step| where the docs have
    # sign(ga) * max(|ga| - l1 * step, 0) (golden-tested)
    tmp = jnp.where(l1 > 0, jnp.sign(ga) * jnp.abs(ga - l1 * step), ga)
    new = (-lr * tmp) / (l2 * step * lr + jnp.sqrt(gsa))
    return new, ga, gsa


@op("apply_ada_max")
def _apply_ada_max(var, m, v, beta1_power, lr, beta1, beta2, epsilon, grad):
    o = "ApplyAdaMax"
    var = _check_var(o, var)
    m, v, grad = _like(o, var, m=m, v=v, grad=grad)
    b1p, lr, b1, b2, eps = _scalars(
        o, var.dtype, beta1_power=beta1_power, lr=lr, beta1=beta1, beta2=beta2, epsilon=epsilon
    )
    m = b1 * m + (1 - b1) * grad
    v = jnp.maximum(b2 * v, jnp.abs(grad))
    return var - lr / (1 - b1p) * m / (v + eps), m, v


@op("apply_adadelta")
def _apply_adadelta(var, accum, accum_update, lr, rho, epsilon, grad):
    o = "ApplyAdadelta"
    var = _check_var(o, var)
    accum, au, grad = _like(o, var, accum=accum, accum_update=accum_update, grad=grad)
    lr, rho, eps = _scalars(o, var.dtype, lr=lr, rho=rho, epsilon=epsilon)
    accum = rho * accum + (1 - rho) * grad * grad
    upd = jnp.sqrt(au + eps) * grad / jnp.sqrt(accum + eps)
    au = rho * au + (1 - rho) * upd * upd
    return var - lr * upd, accum, au


@op("apply_adam_with_amsgrad")
def _apply_adam_with_amsgrad(
    var, m, v, vhat, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad, opn="ApplyAdamWithAmsgrad"
):
    var = _check_var(opn, var, _FLOATS)
    m, v, vhat, grad = _like(opn, var, m=m, v=v, vhat=vhat, grad=grad)
    b1p, b2p, lr, b1, b2, eps = _scalars(
        opn,
        var.dtype,
        beta1_power=beta1_power,
        beta2_power=beta2_power,
        lr=lr,
        beta1=beta1,
        beta2=beta2,
        epsilon=epsilon,
    )
    lr_t = lr * jnp.sqrt(1 - b2p) / (1 - b1p)
    m = b1 * m + (1 - b1) * grad
    v = b2 * v + (1 - b2) * grad * grad
    vhat = jnp.maximum(vhat, v)
    return var - lr_t * m / (jnp.sqrt(vhat) + eps), m, v, vhat


@op("apply_sign")
def _apply_sign(var, m, lr, alpha_or_logbase, sign_decay, beta, grad, power=False):
    o = "ApplyPowerSign" if power else "ApplyAddSign"
    var = _check_var(o, var, _FLOATS)
    m, grad = _like(o, var, m=m, grad=grad)
    lr, a, sd, beta = _scalars(o, var.dtype, lr=lr, alpha=alpha_or_logbase, sign_decay=sign_decay, beta=beta)
    m = beta * m + (1 - beta) * grad
    s = sd * jnp.sign(grad) * jnp.sign(m)
    upd = jnp.exp(a * s) * grad if power else (a + s) * grad
    return var - lr * upd, m


@op("apply_rms_prop")
def _apply_rms_prop(var, mean_square, moment, lr, grad, decay, momentum, epsilon, mean_gradient=None):
    o = "ApplyRMSProp" if mean_gradient is None else "ApplyCenteredRMSProp"
    var = _check_var(o, var)
    ms_, mom, grad = _like(o, var, mean_square=mean_square, moment=moment, grad=grad)
    lr, decay, momentum, eps = _scalars(
        o, var.dtype, learning_rate=lr, decay=decay, momentum=momentum, epsilon=epsilon
    )
    ms_ = decay * ms_ + (1 - decay) * grad * grad
    if mean_gradient is None:
        mom = momentum * mom + lr * grad / jnp.sqrt(ms_ + eps)
        return var - mom, ms_, mom
    mg = _like(o, var, mean_gradient=mean_gradient)
    mg = decay * mg + (1 - decay) * grad
    mom = momentum * mom + lr * grad / jnp.sqrt(ms_ - mg * mg + eps)
    return var - mom, mg, ms_, mom


@op("apply_ftrl")
def _apply_ftrl(var, accum, linear, grad, lr, l1, l2, lr_power):
    o = "ApplyFtrl"
    var = _check_var(o, var)
    accum, linear, grad = _like(o, var, accum=accum, linear=linear, grad=grad)
    lr, l1, l2, lp = _scalars(o, var.dtype, lr=lr, l1=l1, l2=l2, lr_power=lr_power)
    return _ftrl(var, accum, linear, grad, lr, l1, l2, lp, textbook=False)


@op("apply_gradient_descent")
def _apply_gradient_descent(var, alpha, delta):
    o = "ApplyGradientDescent"
    var = _check_var(o, var)
    delta = _like(o, var, delta=delta)
    (alpha,) = _scalars(o, var.dtype, alpha=alpha)
    return (var - alpha * delta,)


@op("apply_proximal_gradient_descent")
def _apply_proximal_gradient_descent(var, alpha, l1, l2, delta):
    o = "ApplyProximalGradientDescent"
    var = _check_var(o, var)
    delta = _like(o, var, delta=delta)
    alpha, l1, l2 = _scalars(o, var.dtype, alpha=alpha, l1=l1, l2=l2)
    return (_prox(var - alpha * delta, alpha, l1, l2),)


@op("apply_proximal_adagrad")
def _apply_proximal_adagrad(var, accum, lr, l1, l2, grad):
    """MindSpore 2.10's CPU kernel uses the adaptive rate ``lr / sqrt(accum)`` in the proximal step
    (its docs write ``lr``)."""
    o = "ApplyProximalAdagrad"
    var = _check_var(o, var)
    accum, grad = _like(o, var, accum=accum, grad=grad)
    lr, l1, l2 = _scalars(o, var.dtype, lr=lr, l1=l1, l2=l2)
    accum = accum + grad * grad
    alr = lr / jnp.sqrt(accum)
    return _prox(var - alr * grad, alr, l1, l2), accum


@op("apply_adam")
def _apply_adam(
    var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad, use_nesterov=False, no_update=False
):
    o = "AdamNoUpdateParam" if no_update else "Adam"
    ref = m if no_update else var
    ref = _check_var(o, ref, (jnp.float32,) if no_update else _F16_32, "m" if no_update else "var")
    if no_update:
        m, v, grad = ref, _like(o, ref, v=v), _like(o, ref, gradient=grad)
    else:
        m, v, grad = _like(o, ref, m=m, v=v, gradient=grad)
    b1p, b2p, lr, b1, b2, eps = _scalars(
        o,
        ref.dtype,
        beta1_power=beta1_power,
        beta2_power=beta2_power,
        lr=lr,
        beta1=beta1,
        beta2=beta2,
        epsilon=epsilon,
    )
    lr_t = lr * jnp.sqrt(1 - b2p) / (1 - b1p)
    m = m + (grad - m) * (1 - b1)
    v = v + (grad * grad - v) * (1 - b2)
    num = m * b1 + (1 - b1) * grad if use_nesterov else m
    delta = -lr_t * num / (jnp.sqrt(v) + eps)
    if no_update:
        return m, v, delta
    return var + delta, m, v


@op("adam_weight_decay")
def _adam_weight_decay(
    var, m, v, lr, beta1, beta2, epsilon, decay, grad, global_norm=None, opn="AdamWeightDecay"
):
    var = _check_var(opn, var)
    m = _check_var(opn, m, _F16_32, "m")
    if m.shape != var.shape or jnp.shape(v) != var.shape or jnp.shape(grad) != var.shape:
        raise_error(
            ValueError,
            opn,
            f"the shapes of 'm' {list(m.shape)}, 'v' {list(jnp.shape(v))} and "
            f"'gradient' {list(jnp.shape(grad))} must be the same as 'var' "
            f"{list(var.shape)}.",
        )
    v = _cast_to(opn, "v", jnp.asarray(v), m.dtype)
    dt = m.dtype
    lr, b1, b2, eps, decay = _scalars(opn, dt, lr=lr, beta1=beta1, beta2=beta2, epsilon=epsilon, decay=decay)
    g = jnp.asarray(grad).astype(dt)
    if global_norm is not None:
        g = g / _scalar(opn, "global_norm", global_norm, dt)
    m = m + (g - m) * (1 - b1)
    v = v + (g * g - v) * (1 - b2)
    w = var.astype(dt)
    new = w - lr * (m / (jnp.sqrt(v) + eps) + decay * w)
    return new.astype(var.dtype), m, v


def _sparse_common(o, var, states, grad, indices, idx=("int32", "int64")):
    var = _check_var(o, var)
    states = _like(o, var, **states) if states else []
    states = states if isinstance(states, list) else [states]
    g, mask = _rows(o, var, grad, indices, idx)
    return var, states, g, mask


@op("sparse_apply_adagrad")
def _sparse_apply_adagrad(
    var, accum, grad, indices, lr, epsilon=None, update_slots=True, opn="SparseApplyAdagrad"
):
    var, (accum,), g, mask = _sparse_common(opn, var, {"accum": accum}, grad, indices, ("int32",))
    lr = jnp.asarray(lr, var.dtype)
    acc = accum + g * g if update_slots else accum
    # SparseApplyAdagradV2's CPU kernel adds epsilon inside the square root (golden-tested)
    den = jnp.sqrt(acc) if epsilon is None else jnp.sqrt(acc + jnp.asarray(epsilon, var.dtype))
    return _sel(mask, var - lr * g / den, var), _sel(mask, acc, accum)


@op("sparse_apply_adadelta")
def _sparse_apply_adadelta(var, accum, accum_update, lr, rho, grad, indices, epsilon):
    o = "SparseApplyAdadelta"
    var, (accum, au), g, mask = _sparse_common(
        o, var, {"accum": accum, "accum_update": accum_update}, grad, indices
    )
    lr, rho = _scalars(o, var.dtype, lr=lr, rho=rho)
    eps = jnp.asarray(epsilon, var.dtype)
    acc = rho * accum + (1 - rho) * g * g
    upd = jnp.sqrt(au + eps) * g / jnp.sqrt(acc + eps)
    au_new = rho * au + (1 - rho) * upd * upd
    return _sel(mask, var - lr * upd, var), _sel(mask, acc, accum), _sel(mask, au_new, au)


@op("sparse_apply_ftrl")
def _sparse_apply_ftrl(
    var,
    accum,
    linear,
    grad,
    indices,
    lr,
    l1,
    l2,
    lr_power,
    l2_shrinkage=None,
    opn="SparseApplyFtrl",
    idx=("int32", "int64"),
):
    var, (accum, linear), g, mask = _sparse_common(
        opn, var, {"accum": accum, "linear": linear}, grad, indices, idx
    )
    dt = var.dtype
    sh = None if l2_shrinkage is None else jnp.asarray(l2_shrinkage, dt)
    w, a, lin = _ftrl(
        var,
        accum,
        linear,
        g,
        jnp.asarray(lr, dt),
        jnp.asarray(l1, dt),
        jnp.asarray(l2, dt),
        jnp.asarray(lr_power, dt),
        sh,
    )
    return _sel(mask, w, var), _sel(mask, a, accum), _sel(mask, lin, linear)


@op("sparse_apply_proximal_adagrad")
def _sparse_apply_proximal_adagrad(
    var, accum, lr, l1, l2, grad, indices, opn="SparseApplyProximalAdagrad", idx=("int32", "int64")
):
    var, (accum,), g, mask = _sparse_common(opn, var, {"accum": accum}, grad, indices, idx)
    lr, l1, l2 = _scalars(opn, var.dtype, lr=lr, l1=l1, l2=l2)
    acc = accum + g * g
    alr = lr / jnp.sqrt(acc)
    return _sel(mask, _prox(var - alr * g, alr, l1, l2), var), _sel(mask, acc, accum)


@op("sparse_apply_rms_prop")
def _sparse_apply_rms_prop(var, ms_, mom, lr, grad, indices, rho, momentum, epsilon):
    o = "SparseApplyRMSProp"
    var = _check_var(o, var)
    if jnp.shape(grad) != var.shape:
        raise_error(
            ValueError,
            o,
            f"the shape of 'grad' {list(jnp.shape(grad))} must be equal to 'var' {list(var.shape)}.",
        )
    var, (ms_, mom), g, mask = _sparse_common(o, var, {"ms": ms_, "mom": mom}, grad, indices)
    (lr,) = _scalars(o, var.dtype, lr=lr)
    dt = var.dtype
    rho, momentum, eps = (jnp.asarray(x, dt) for x in (rho, momentum, epsilon))
    ms_new = rho * ms_ + (1 - rho) * g * g
    mom_new = momentum * mom + lr * g / jnp.sqrt(ms_new + eps)
    return _sel(mask, var - mom_new, var), _sel(mask, ms_new, ms_), _sel(mask, mom_new, mom)


@op("fused_sparse_adam")
def _fused_sparse_adam(
    var,
    m,
    v,
    beta1_power,
    beta2_power,
    lr,
    beta1,
    beta2,
    epsilon,
    grad,
    indices,
    use_nesterov=False,
    lazy=False,
):
    o = "FusedSparseLazyAdam" if lazy else "FusedSparseAdam"
    var = _check_var(o, var, (jnp.float32,))
    m, v = _like(o, var, m=m, v=v)
    g, mask = _rows(o, var, grad, indices, ("int32",))
    b1p, b2p, lr, b1, b2, eps = _scalars(
        o,
        var.dtype,
        beta1_power=beta1_power,
        beta2_power=beta2_power,
        lr=lr,
        beta1=beta1,
        beta2=beta2,
        epsilon=epsilon,
    )
    lr_t = lr * jnp.sqrt(1 - b2p) / (1 - b1p)
    m_new = b1 * m + (1 - b1) * g
    v_new = b2 * v + (1 - b2) * g * g
    num = m_new * b1 + (1 - b1) * g if use_nesterov else m_new
    w_new = var - lr_t * num / (jnp.sqrt(v_new) + eps)
    if lazy:
        return _sel(mask, w_new, var), _sel(mask, m_new, m), _sel(mask, v_new, v)
    return w_new, m_new, v_new


@op("sgd")
def _sgd(
    parameters,
    gradient,
    learning_rate,
    accum,
    momentum,
    stat,
    dampening=0.0,
    weight_decay=0.0,
    nesterov=False,
):
    o = "SGD"
    p = _check_var(o, parameters, argn="parameters")
    for n, x in (
        ("gradient", gradient),
        ("learning_rate", learning_rate),
        ("accum", accum),
        ("momentum", momentum),
        ("stat", stat),
    ):
        _check_var(o, x, argn=n)
    g, accum, stat = (jnp.asarray(x).astype(p.dtype) for x in (gradient, accum, stat))
    lr, mo = (jnp.asarray(x).astype(p.dtype) for x in (learning_rate, momentum))
    if weight_decay > 0:
        g = g + p * jnp.asarray(weight_decay, p.dtype)
    acc = jnp.where(stat > 0, g, accum * mo + (1 - jnp.asarray(dampening, p.dtype)) * g)
    acc = jnp.where(mo > 0, acc, accum)
    st = jnp.where(mo > 0, jnp.zeros_like(stat), stat)
    step = jnp.where(mo > 0, g + acc * mo if nesterov else acc, g)
    return p - lr * step, acc, st


@op("lamb_apply_optimizer_assign")
def _lamb_apply_optimizer_assign(
    grad, v, m, var, beta1, sub1, beta2, sub2, epsilon, steps, decay_flag, weight_decay
):
    o = "LambApplyOptimizerAssign"
    var = _check_var(o, var)
    grad, v, m = _like(o, var, gradient=grad, v=v, m=m)
    b1, s1, b2, s2, eps, t, flag, wd = _scalars(
        o,
        var.dtype,
        beta1=beta1,
        sub1=sub1,
        beta2=beta2,
        sub2=sub2,
        epsilon=epsilon,
        steps=steps,
        decay_flag=decay_flag,
        weight_decay=weight_decay,
    )
    m = b1 * m + s1 * grad
    v = b2 * v + s2 * grad * grad
    m_hat = m / (1 - jnp.power(b1, t))
    v_hat = v / (1 - jnp.power(b2, t))
    update = m_hat / (jnp.sqrt(v_hat) + eps) + flag * wd * var
    return v, m, update


@op("lamb_apply_weight_assign")
def _lamb_apply_weight_assign(w_norm, g_norm, lr, update, var):
    o = "LambApplyWeightAssign"
    var = _check_var(o, var)
    update = _like(o, var, update=update)
    wn, gn, lr = _scalars(o, var.dtype, w_norm=w_norm, g_norm=g_norm, lr=lr)
    ratio = jnp.where((wn > 0) & (gn > 0), wn / jnp.where(gn > 0, gn, 1), jnp.ones_like(wn))
    return (var - lr * ratio * update,)


@op("fused_weight_scale_apply_momentum")
def _fused_weight_scale_apply_momentum(weight_decay, loss_scale, var, accum, lr, grad, momentum):
    o = "FusedWeightScaleApplyMomentum"
    var = _check_var(o, var)
    accum, grad = _like(o, var, accumulation=accum, gradient=grad)
    wd, sc, lr, mo = _scalars(
        o, var.dtype, weight_decay=weight_decay, loss_scale=loss_scale, learning_rate=lr, momentum=momentum
    )
    g = var * wd + grad * sc
    acc = accum * mo + g
    return var - lr * acc, acc


@op("lars_update")
def _lars_update(
    weight,
    gradient,
    norm_weight,
    norm_gradient,
    weight_decay,
    learning_rate,
    epsilon=1e-5,
    hyperpara=0.001,
    use_clip=False,
):
    o = "LARSUpdate"
    w = _check_var(o, weight, _FLOATS, "weight")
    g = _like(o, w, gradient=gradient)
    nw, ng, wd, lr = _scalars(
        o,
        w.dtype,
        norm_weight=norm_weight,
        norm_gradient=norm_gradient,
        weight_decay=weight_decay,
        learning_rate=learning_rate,
    )
    wn, gn = jnp.sqrt(nw), jnp.sqrt(ng)
    coeff = jnp.where((wn > 0) & (gn > 0), hyperpara * wn / (gn + wd * wn + epsilon), jnp.ones_like(wn))
    if use_clip:
        coeff = jnp.minimum(coeff / lr, 1)
    return coeff * (g + wd * w)
