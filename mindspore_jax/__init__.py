"""mindspore_jax: MindSpore's Python API on JAX/XLA.

``import mindspore_jax as ms`` gives the names of ``import mindspore as ms``; run an unchanged
MindSpore script with ``python -m mindspore_jax script.py``.
"""

from .common import _jaxcfg  # noqa: F401  (x64 before any array exists)

from . import common, context
from .common import dtype
from .common.dtype import *  # noqa: F401,F403
from .common.dtype import dtype_to_nptype, dtype_to_pytype, get_py_obj_dtype, pytype_to_dtype  # noqa: F401
from .common.parameter import Parameter, ParameterTuple
from .common.seed import get_seed, set_seed
from .common.tensor import COOTensor, CSRTensor, RowTensor, Tensor, from_numpy, is_tensor, tensor
from .common.initializer import initializer  # noqa: F401
from .context import (GRAPH_MODE, PYNATIVE_MODE, ParallelMode, get_auto_parallel_context,  # noqa: F401
                      get_context, get_current_device, reset_auto_parallel_context,
                      set_auto_parallel_context, set_context, set_device)
from . import ops
from ._graph.api import jit, ms_function
from ._graph.jit import compile_stats
from .ops import grad, value_and_grad
from .ops.composite import jacfwd, jacrev, jvp, vjp, vmap  # noqa: F401
from . import nn
from ._alias import disable_alias, enable_alias  # noqa: F401
from . import device  # noqa: F401  (plug-in discovery for set_context(device_target=...))

from ._lazy import install_lazy_submodules as _lazy  # noqa: E402

_lazy(__name__, globals())

__version__ = "2.10.0"
version = __version__
