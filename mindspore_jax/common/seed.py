"""``ms.set_seed`` / ``get_seed`` and the host RNG that parameter initialisers use."""

import jax
import numpy as np

_global_seed = None


def set_seed(seed):
    """``ms.set_seed``: seeds random ops and parameter initialisers."""
    global _global_seed
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise TypeError(f"The argument 'seed' must be type of int, but got {type(seed).__name__}.")
    if seed < 0:
        raise ValueError(f"The argument 'seed' must be greater than or equal to 0, but got {seed}.")
    _global_seed = seed
    np_rng_state.reset(seed)
    from .rng import reseed

    reseed(seed)


def get_seed():
    return _global_seed


class _NumpyInitRng:
    """The host RNG for parameter initialisers (numpy; reproducible after ``set_seed``)."""

    def __init__(self):
        self.rs = np.random.RandomState()

    def reset(self, seed):
        self.rs = np.random.RandomState(seed)


np_rng_state = _NumpyInitRng()


def op_seed_key(seed, seed2=0):
    """A key for an op given explicit (seed, seed2), as MindSpore random primitives take."""
    return jax.random.PRNGKey(int(seed) * 1000003 + int(seed2))
