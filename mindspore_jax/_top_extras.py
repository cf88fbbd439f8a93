"""Top-level ``mindspore.*`` names without a home elsewhere: the RNG ``Generator``, small
decorators and single-process stand-ins (reached through ``_lazy.LAZY``).
"""

import logging
import sys

import numpy as np

_log = logging.getLogger("mindspore_jax")

# ``mindspore.STRICT / COMPATIBLE / LAX``: JIT syntax-support levels (jit_syntax_level)
STRICT = 0
COMPATIBLE = 1
LAX = 2


# ------------------------------------------------------------------------------------ RNG state

class Generator:
    """``mindspore.Generator``: a random-number state (seed + key).

    ``default_generator`` is the global state random ops draw from (the key Parameter of
    ``mindspore_jax.common.rng``); other instances hold their own key and seed. The state is a
    uint8 Tensor (the 8-byte seed then the 8-byte JAX key data); it round-trips through
    ``get_state``/``set_state`` but its bytes are not MindSpore's (a different generator).
    """

    def __init__(self):
        self._seed = 0
        self._key = np.array([0, 0], np.uint32)

    # the global generator reads/writes rng.RNG_STATE instead of _key
    def _get_key(self):
        return self._key

    def _set_key(self, key):
        self._key = np.asarray(key, np.uint32)

    def manual_seed(self, seed):
        if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool):
            raise TypeError(f"Seed must be an integer, but got {type(seed)}.")
        seed = int(seed)
        self._seed = seed
        self._set_key(np.array([0, seed & 0xFFFFFFFF], np.uint32))
        return self

    def seed(self):
        seed = int(np.random.SeedSequence().entropy & 0x7FFFFFFF)
        self.manual_seed(seed)
        return seed

    def initial_seed(self):
        return self._seed

    def get_state(self):
        from .common.tensor import Tensor

        raw = np.concatenate([np.frombuffer(np.int64(self._seed).tobytes(), np.uint8),
                              np.frombuffer(np.asarray(self._get_key(), np.uint32).tobytes(), np.uint8)])
        return Tensor(raw)

    def set_state(self, state):
        from .common.tensor import Tensor

        arr = state.asnumpy() if isinstance(state, Tensor) else np.asarray(state)
        if arr.dtype != np.uint8 or arr.size != 16:
            raise ValueError("For 'Generator.set_state', the state must be a uint8 Tensor of 16 elements "
                             f"returned by get_state, but got dtype {arr.dtype} and size {arr.size}.")
        arr = np.ascontiguousarray(arr.ravel())
        self._seed = int(np.frombuffer(arr[:8].tobytes(), np.int64)[0])
        self._set_key(np.frombuffer(arr[8:].tobytes(), np.uint32))
        return self

    def _step(self, step=1):
        import jax

        key = jax.random.wrap_key_data(np.asarray(self._get_key(), np.uint32))
        new, sub = jax.random.split(key)
        self._set_key(np.asarray(jax.random.key_data(new)))
        return sub


class _DefaultGenerator(Generator):
    def _get_key(self):
        from .common import rng

        return np.asarray(rng.RNG_STATE._data)

    def _set_key(self, key):
        import jax.numpy as jnp

        from .common import rng

        rng.RNG_STATE._data = jnp.asarray(np.asarray(key, np.uint32))


default_generator = _DefaultGenerator()


def manual_seed(seed):
    """``mindspore.manual_seed``: seeds the default generator (random ops)."""
    default_generator.manual_seed(seed)


def seed():
    return default_generator.seed()


def initial_seed():
    return default_generator.initial_seed()


def get_rng_state():
    return default_generator.get_state()


def set_rng_state(state):
    default_generator.set_state(state)


# ------------------------------------------------------------------------------- decorators etc.

def _decorator(fn, wrap):
    if fn is None:
        return wrap
    return wrap(fn)


def lazy_inline(fn=None, attrs=None, policy=None):
    """``mindspore.lazy_inline``: a compile-time reuse hint for Cell ``__init__``; XLA inlines
    everything, so the decorated function is returned unchanged."""
    return _decorator(fn, lambda f: f)


def no_inline(fn=None):
    """``mindspore.no_inline``: a compile-time hint; returned unchanged."""
    return _decorator(fn, lambda f: f)


def enable_dynamic(**kwargs):
    """``mindspore.enable_dynamic``: marks inputs dynamic-shaped; jit retraces per shape, so this
    returns the function unchanged."""
    return lambda f: f


def recompute(block, *args, use_reentrant=True, output_recompute=False, early_stop=True, context_fn=None,
              **kwargs):
    """``mindspore.recompute(block, *args)``: calls ``block`` (activation recomputation only
    changes memory use; the values are those of the plain call)."""
    return block(*args, **kwargs)


def set_dump(target, enabled=True):
    """``mindspore.set_dump``: marks a Cell/Primitive for Ascend data dump; accepted and recorded."""
    from .nn.cell import Cell
    from .ops.primitive import Primitive

    if not isinstance(target, (Cell, Primitive)):
        raise ValueError("The \"target\" parameter must be an instance of Cell or Primitive, "
                         f"but got an instance of {type(target)}.")
    if not isinstance(enabled, bool):
        raise ValueError("The \"enabled\" parameter must be bool.")
    try:
        target._dump_enabled = enabled
    except AttributeError:
        pass


def set_deterministic(deterministic):
    """``mindspore.set_deterministic``: XLA on CPU/GPU is deterministic here already; recorded."""
    if not isinstance(deterministic, bool):
        raise TypeError(f"For 'set_deterministic', the argument 'deterministic' must be bool, "
                        f"but got {type(deterministic)}.")
    from . import context

    try:
        context.set_context(deterministic="ON" if deterministic else "OFF")
    except Exception:  # noqa: BLE001 - an older context without the key
        pass


def set_recursion_limit(recursion_limit=1000):
    """``mindspore.set_recursion_limit``: raises Python's recursion limit for deep graphs."""
    if not isinstance(recursion_limit, int) or recursion_limit <= 0:
        raise ValueError(f"The recursion_limit must be a positive int, but got {recursion_limit}.")
    sys.setrecursionlimit(max(sys.getrecursionlimit(), int(recursion_limit)))


def run_check():
    """``mindspore.run_check``: checks the installation with a tiny computation."""
    from . import __version__
    from .common.tensor import Tensor
    from .ops import functional as F  # noqa: N812

    print(f"MindSpore version: {__version__}")
    x = Tensor(np.array([1.0, 2.0, 3.0], np.float32))
    y = F.add(x, x)
    if not np.allclose(y.asnumpy(), [2.0, 4.0, 6.0]):
        raise RuntimeError("MindSpore (mindspore_jax) is installed but the check computation failed.")
    print("The result of multiplication calculation is correct, MindSpore has been installed on platform "
          "[CPU] successfully!")


def swap_tensors(t1, t2):
    """``mindspore.swap_tensors``: swaps the contents (data, dtype, shape) of two Tensors."""
    from .common.tensor import Tensor

    if not isinstance(t1, Tensor) or not isinstance(t2, Tensor):
        raise TypeError(f"For 'swap_tensors', both inputs must be Tensor, but got {type(t1)} and {type(t2)}.")
    t1._data, t2._data = t2._data, t1._data


def to_dlpack(tensor):
    import jax.dlpack  # noqa: F401

    return tensor._data.__dlpack__()


def _capsule_device(capsule):
    """(device_type, device_id) read from a DLPack capsule's DLTensor: where its memory is (a GPU
    tensor's must not be read as host memory)."""
    import ctypes

    api = ctypes.pythonapi
    api.PyCapsule_IsValid.restype = ctypes.c_int
    api.PyCapsule_IsValid.argtypes = [ctypes.py_object, ctypes.c_char_p]
    api.PyCapsule_GetPointer.restype = ctypes.c_void_p
    api.PyCapsule_GetPointer.argtypes = [ctypes.py_object, ctypes.c_char_p]
    ptr = ctypes.sizeof(ctypes.c_void_p)
    if api.PyCapsule_IsValid(capsule, b"dltensor"):
        # DLManagedTensor starts with DLTensor {void *data; DLDevice device; ...}
        base = api.PyCapsule_GetPointer(capsule, b"dltensor") + ptr
    elif api.PyCapsule_IsValid(capsule, b"dltensor_versioned"):
        # DLManagedTensorVersioned {DLPackVersion (2 x u32); manager_ctx; deleter; u64 flags; DLTensor}
        base = api.PyCapsule_GetPointer(capsule, b"dltensor_versioned") + 8 + 3 * 8 + ptr
    else:
        raise TypeError("For 'from_dlpack', the input must be a DLPack capsule (not yet consumed) or "
                        f"an object with __dlpack__, but got {type(capsule).__name__}.")
    dev = (ctypes.c_int32 * 2).from_address(base)
    return int(dev[0]), int(dev[1])


def from_dlpack(dlpack):
    import jax.dlpack

    from .common.tensor import Tensor

    if not hasattr(dlpack, "__dlpack__"):  # a bare capsule (as to_dlpack returns)
        capsule, device = dlpack, _capsule_device(dlpack)

        class _Capsule:
            def __dlpack__(self, *args, **kwargs):
                return capsule

            def __dlpack_device__(self):
                return device

        dlpack = _Capsule()
    return Tensor(jax.dlpack.from_dlpack(dlpack))


def frombuffer(buffer, dtype, count=-1, offset=0):
    """``mindspore.frombuffer``: a 1-D Tensor over the bytes of ``buffer`` (copied)."""
    from .common import dtype as mstype
    from .common.tensor import Tensor

    npdt = mstype.dtype_to_nptype(dtype) if not isinstance(dtype, (type, np.dtype)) else dtype
    return Tensor(np.frombuffer(buffer, npdt, count, offset).copy(), dtype=dtype)


def get_grad(gradients, identifier):
    """``mindspore.get_grad``: picks one gradient from the ``(identifier, grad)`` pairs that
    ``grad(..., return_ids=True)`` returns; ``identifier`` is an input position or a Parameter
    (name)."""
    from .common.parameter import Parameter

    key = identifier.name if isinstance(identifier, Parameter) else identifier

    def walk(g):
        if isinstance(g, tuple) and len(g) == 2 and isinstance(g[0], (int, str)) and \
                not isinstance(g[0], bool) and g[0] == key:
            return True, g[1]
        if isinstance(g, (tuple, list)):
            for x in g:
                ok, v = walk(x)
                if ok:
                    return ok, v
        return False, None

    ok, v = walk(gradients)
    if not ok:
        raise RuntimeError("For 'get_grad', can not find the gradient for position or Parameter "
                           f"{identifier}.")
    return v


def data_sink(fn, dataset, sink_size=1, jit_config=None, input_signature=None):
    """``mindspore.data_sink``: a function that takes ``sink_size`` rows from ``dataset`` and calls
    ``fn(*row)`` on each, returning the last result (no device queue: rows are fed from the host)."""
    if not callable(fn):
        raise TypeError(f"The 'fn' of data_sink must be callable, but got {type(fn)}.")
    if not isinstance(sink_size, int) or sink_size <= 0:
        raise ValueError(f"The 'sink_size' of data_sink must be a positive int, but got {sink_size}.")
    state = {}

    def sink_fn(*args, **kwargs):
        out = None
        for _ in range(sink_size):
            it = state.get("it")
            if it is None:
                it = state["it"] = dataset.create_tuple_iterator(num_epochs=-1)
            try:
                row = next(it)
            except StopIteration:
                it = state["it"] = dataset.create_tuple_iterator(num_epochs=-1)
                row = next(it)
            out = fn(*row)
        return out

    return sink_fn


def reshard(tensor, layout):
    """``mindspore.reshard``: a layout hint for auto-parallel; a single device holds the whole
    tensor, so it is returned unchanged."""
    return tensor


def parameter_broadcast(net, layout, cur_rank=0, initial_rank=0):
    """Single process: every rank already holds the same parameters; nothing to broadcast."""
    return None


def sync_pipeline_shared_parameters(net):
    """Single process: no pipeline stages share parameters across devices; nothing to sync."""
    return None


def flops_collection(phase="train"):
    return (0.0, 0.0, 0.0, 0.0, False)


def ms_memory_recycle():
    import gc

    gc.collect()


def _unsupported(name, why):
    def f(*args, **kwargs):
        raise NotImplementedError(f"mindspore_jax: mindspore.{name} is not supported ({why}).")

    f.__name__ = f.__qualname__ = name
    return f


_MINDIR = "MindIR graphs are a MindSpore compiler format; there is no MindIR on XLA"
save_mindir = _unsupported("save_mindir", _MINDIR)
load_mindir = _unsupported("load_mindir", _MINDIR)
_OBF = "model obfuscation is not implemented"
obfuscate_ckpt = _unsupported("obfuscate_ckpt", _OBF)
load_obf_params_into_net = _unsupported("load_obf_params_into_net", _OBF)
_DIST = "distributed checkpoint transformation across strategies is not implemented"
transform_checkpoints = _unsupported("transform_checkpoints", _DIST)
transform_checkpoint_by_rank = _unsupported("transform_checkpoint_by_rank", _DIST)
rank_list_for_transform = _unsupported("rank_list_for_transform", _DIST)
merge_pipeline_strategys = _unsupported("merge_pipeline_strategys", _DIST)
load_segmented_checkpoints = _unsupported("load_segmented_checkpoints", _DIST)
unified_safetensors = _unsupported("unified_safetensors", _DIST)
