"""The RNG state random ops draw from: a JAX PRNG key held in a Parameter.

Being a Parameter, the key is functionalized like any other state: eagerly it advances in
place; in compiled code it is an input and its advanced value an output, so compiled steps
differ from step to step and a seeded run is reproducible.
"""

import jax
import numpy as np

from .parameter import Parameter
from .tensor import Tensor


def _key_data(seed):
    # threefry key data of PRNGKey(seed), built on the host so import stays cheap
    return np.array([0, seed & 0xFFFFFFFF], np.uint32)


RNG_STATE = Parameter(Tensor(_key_data(np.random.SeedSequence().entropy & 0x7FFFFFFF)),
                      name="_rng_state", requires_grad=False)


def reseed(seed):
    RNG_STATE._data = jax.numpy.asarray(_key_data(int(seed)))


def next_key():
    """A fresh PRNG key; advances the state."""
    key = jax.random.wrap_key_data(RNG_STATE._data)
    new, sub = jax.random.split(key)
    RNG_STATE._data = jax.random.key_data(new)
    return sub
