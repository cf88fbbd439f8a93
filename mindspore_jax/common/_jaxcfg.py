"""JAX settings the whole package relies on; imported first by ``mindspore_jax``.

64-bit types must exist (``Tensor(1)`` is Int64, float64 numpy arrays stay Float64), so x64 is
on. Float32 programs stay float32 because every creation path picks dtypes explicitly.
"""

import jax

jax.config.update("jax_enable_x64", True)
