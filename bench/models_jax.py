"""The same four models hand-written in JAX + optax, one ``jax.jit``'d step with donated
buffers: the zero-overhead reference the MindSpore-API versions are measured against."""

import functools
import math

import jax
import jax.numpy as jnp
import numpy as np
import optax

from models_ms import SPECS


def _dense(key, cin, cout):
    k1, k2 = jax.random.split(key)
    bound = 1 / math.sqrt(cin)
    return {
        "w": jax.random.uniform(k1, (cout, cin), jnp.float32, -bound, bound),
        "b": jax.random.uniform(k2, (cout,), jnp.float32, -bound, bound),
    }


def _conv(key, cin, cout, k, bias=False):
    bound = 1 / math.sqrt(cin * k * k)
    p = {"w": jax.random.uniform(key, (cout, cin, k, k), jnp.float32, -bound, bound)}
    if bias:
        p["b"] = jnp.zeros((cout,), jnp.float32)
    return p


def dense(p, x):
    return x @ p["w"].T + p["b"]


def conv(p, x, stride=1, padding="SAME"):
    y = jax.lax.conv_general_dilated(
        x, p["w"], (stride, stride), padding, dimension_numbers=("NCHW", "OIHW", "NCHW")
    )
    return y + p["b"][None, :, None, None] if "b" in p else y


def maxpool2(x):
    return jax.lax.reduce_window(x, -jnp.inf, jax.lax.max, (1, 1, 2, 2), (1, 1, 2, 2), "VALID")


def bn_init(c):
    return {"g": jnp.ones((c,), jnp.float32), "b": jnp.zeros((c,), jnp.float32)}, {
        "m": jnp.zeros((c,), jnp.float32),
        "v": jnp.ones((c,), jnp.float32),
    }


def bn(p, s, x, eps=1e-5, momentum=0.9):
    mean = x.mean(axis=(0, 2, 3))
    var = x.var(axis=(0, 2, 3))
    n = x.size / x.shape[1]
    y = (x - mean[None, :, None, None]) / jnp.sqrt(var[None, :, None, None] + eps)
    y = y * p["g"][None, :, None, None] + p["b"][None, :, None, None]
    new_s = {
        "m": momentum * s["m"] + (1 - momentum) * mean,
        "v": momentum * s["v"] + (1 - momentum) * var * n / (n - 1),
    }
    return y, new_s


def xent(logits, y):
    return optax.softmax_cross_entropy_with_integer_labels(logits, y).mean()


def build(name, seed=0):
    """Returns (params, state, apply(params, state, x) -> (logits, new_state), optimizer, x, y)."""
    key = jax.random.PRNGKey(seed)
    ks = list(jax.random.split(key, 64))
    spec = SPECS[name]
    b = spec["batch"]
    rng = np.random.RandomState(0)
    state = {}
    if name == "mlp":
        params = {
            "l1": _dense(ks[0], 784, 1024),
            "l2": _dense(ks[1], 1024, 1024),
            "l3": _dense(ks[2], 1024, 10),
        }

        def apply(p, s, x):
            h = jax.nn.relu(dense(p["l1"], x))
            h = jax.nn.relu(dense(p["l2"], h))
            return dense(p["l3"], h), s

        x = rng.rand(b, 784).astype(np.float32)
        opt = optax.sgd(0.01, momentum=0.9)
    elif name == "lenet5":
        params = {
            "c1": _conv(ks[0], 1, 6, 5),
            "c2": _conv(ks[1], 6, 16, 5),
            "f1": _dense(ks[2], 400, 120),
            "f2": _dense(ks[3], 120, 84),
            "f3": _dense(ks[4], 84, 10),
        }

        def apply(p, s, x):
            h = maxpool2(jax.nn.relu(conv(p["c1"], x, padding="VALID")))
            h = maxpool2(jax.nn.relu(conv(p["c2"], h, padding="VALID")))
            h = h.reshape(h.shape[0], -1)
            h = jax.nn.relu(dense(p["f1"], h))
            h = jax.nn.relu(dense(p["f2"], h))
            return dense(p["f3"], h), s

        x = rng.rand(b, 1, 32, 32).astype(np.float32)
        opt = optax.sgd(0.01, momentum=0.9)
    elif name == "resnet":
        params, state = {}, {}
        params["stem"] = _conv(ks[0], 3, 16, 3)
        params["stem_bn"], state["stem_bn"] = bn_init(16)
        cfg = [(16, 16, 1), (16, 32, 2), (32, 64, 2)]
        for i, (cin, cout, st) in enumerate(cfg):
            blk = {"c1": _conv(ks[4 * i + 1], cin, cout, 3), "c2": _conv(ks[4 * i + 2], cout, cout, 3)}
            bst = {}
            blk["bn1"], bst["bn1"] = bn_init(cout)
            blk["bn2"], bst["bn2"] = bn_init(cout)
            if st != 1 or cin != cout:
                blk["down"] = _conv(ks[4 * i + 3], cin, cout, 1)
                blk["down_bn"], bst["down_bn"] = bn_init(cout)
            params[f"b{i}"], state[f"b{i}"] = blk, bst
        params["fc"] = _dense(ks[20], 64, 10)

        def apply(p, s, x):
            ns = {}
            h, ns["stem_bn"] = bn(p["stem_bn"], s["stem_bn"], conv(p["stem"], x))
            h = jax.nn.relu(h)
            for i, (_, _, st) in enumerate(cfg):
                bp, bs = p[f"b{i}"], s[f"b{i}"]
                nb = {}
                if "down" in bp:
                    idt, nb["down_bn"] = bn(bp["down_bn"], bs["down_bn"], conv(bp["down"], h, st))
                else:
                    idt = h
                o, nb["bn1"] = bn(bp["bn1"], bs["bn1"], conv(bp["c1"], h, st))
                o = jax.nn.relu(o)
                o, nb["bn2"] = bn(bp["bn2"], bs["bn2"], conv(bp["c2"], o))
                h = jax.nn.relu(o + idt)
                ns[f"b{i}"] = nb
            return dense(p["fc"], h.mean(axis=(2, 3))), ns

        x = rng.rand(b, 3, 32, 32).astype(np.float32)
        opt = optax.chain(optax.add_decayed_weights(1e-4), optax.sgd(0.01, momentum=0.9))
    elif name == "transformer":
        d, h_, ff, s_ = spec["d_model"], spec["heads"], spec["ff"], spec["seq"]
        params = {}
        for i in range(2):
            params[f"l{i}"] = {
                "qkv": _dense(ks[6 * i], d, 3 * d),
                "out": _dense(ks[6 * i + 1], d, d),
                "ff1": _dense(ks[6 * i + 2], d, ff),
                "ff2": _dense(ks[6 * i + 3], ff, d),
                "ln1": {"g": jnp.ones((d,), jnp.float32), "b": jnp.zeros((d,), jnp.float32)},
                "ln2": {"g": jnp.ones((d,), jnp.float32), "b": jnp.zeros((d,), jnp.float32)},
            }
        params["head"] = _dense(ks[30], d, 10)

        def ln(p, x, eps=1e-5):
            m = x.mean(-1, keepdims=True)
            v = ((x - m) ** 2).mean(-1, keepdims=True)
            return (x - m) / jnp.sqrt(v + eps) * p["g"] + p["b"]

        def attn(p, x):
            bsz, L, _ = x.shape
            qkv = dense(p["qkv"], x).reshape(bsz, L, 3, h_, d // h_)
            q, k, v = qkv[:, :, 0], qkv[:, :, 1], qkv[:, :, 2]
            w = jnp.einsum("bqhd,bkhd->bhqk", q, k) / math.sqrt(d // h_)
            o = jnp.einsum("bhqk,bkhd->bqhd", jax.nn.softmax(w, -1), v).reshape(bsz, L, d)
            return dense(p["out"], o)

        def apply(p, s, x):
            for i in range(2):
                lp = p[f"l{i}"]
                x = ln(lp["ln1"], x + attn(lp, x))
                x = ln(lp["ln2"], x + dense(lp["ff2"], jax.nn.relu(dense(lp["ff1"], x))))
            return dense(p["head"], x.mean(axis=1)), s

        x = rng.rand(b, s_, d).astype(np.float32)
        opt = optax.adamw(1e-3, weight_decay=0.01)
    else:
        raise KeyError(name)
    y = rng.randint(0, 10, b).astype(np.int32)
    return params, state, apply, opt, jnp.asarray(x), jnp.asarray(y)


def make_step(apply, opt):
    @functools.partial(jax.jit, donate_argnums=(0, 1, 2))
    def step(params, state, opt_state, x, y):
        def loss_fn(p):
            logits, ns = apply(p, state, x)
            return xent(logits, y), ns

        (loss, ns), grads = jax.value_and_grad(loss_fn, has_aux=True)(params)
        updates, opt_state = opt.update(grads, opt_state, params)
        return optax.apply_updates(params, updates), ns, opt_state, loss

    return step
