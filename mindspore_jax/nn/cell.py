"""``nn.Cell``: the building block of networks, with MindSpore's naming and call semantics.

Sub-cells and Parameters register on attribute assignment and are named as MindSpore names them
(``fc.weight``, ``seq.0.bias``; a child cell's Parameters are re-prefixed in place when the cell
is assigned into a parent with ``auto_prefix``). ``__call__`` runs ``construct`` eagerly in
PYNATIVE_MODE or inside another trace, and through a cached ``GraphFunction`` (one XLA executable
per input signature) in GRAPH_MODE.
"""

from __future__ import annotations

import collections
import itertools

import jax

from .. import context
from ..common import _amp
from ..common import dtype as mstype
from ..common._state import ACTIVE
from ..common.parameter import PARAMETER_NAME_DEFAULT, Parameter, ParameterTuple
from ..common.tensor import Tensor
from .._graph import autodiff, control_flow
from .._graph.jit import GraphFunction

# Bumped on any change of any cell tree / training flag; cells recompute their fingerprint lazily.
_STRUCT_VERSION = [0]
_FINGERPRINTS: dict = {}


class _HookHandle:
    _ids = itertools.count()

    def __init__(self, hooks):
        self._hooks = hooks
        self.handle_id = next(self._ids)

    def remove(self):
        self._hooks.pop(self.handle_id, None)


class Cell:
    """Base class of all networks: define ``construct``; call the cell to run it."""

    IGNORE_LIST = ["_scope", "_cell_init_args", "_auto_prefix", "_cells", "_params"]

    def __init__(self, auto_prefix=True, flags=None):
        d = self.__dict__
        d["_params"] = collections.OrderedDict()
        d["_cells"] = collections.OrderedDict()
        d["_params_list"] = collections.OrderedDict()
        d["_auto_prefix"] = auto_prefix
        d["training"] = False
        d["requires_grad"] = False
        d["_graph_fn"] = None
        d["_fp_cache"] = (-1, None, None)
        d["_fwd_pre_hooks"] = collections.OrderedDict()
        d["_fwd_hooks"] = collections.OrderedDict()
        d["_recompute"] = False
        d["_mp_type"] = None
        d["_dynamic_inputs"] = None
        d["_flags"] = dict(flags or {})
        d["_phase"] = "train"
        d["cell_type"] = None
        d["_scope"] = None
        _STRUCT_VERSION[0] += 1

    # --- attributes -----------------------------------------------------------------------------
    def __setattr__(self, name, value):
        d = self.__dict__
        if "_params" not in d:
            if isinstance(value, (Cell, Parameter)):
                raise AttributeError(
                    f"For '{type(self).__name__}', super().__init__() must be called before "
                    f"assigning the {type(value).__name__} '{name}'.")
            object.__setattr__(self, name, value)
            return
        params, cells = d["_params"], d["_cells"]
        if isinstance(value, Parameter):
            if name in cells:
                del cells[name]
            d.pop(name, None)
            if value.name == PARAMETER_NAME_DEFAULT:
                value.name = name
            params[name] = value
            _STRUCT_VERSION[0] += 1
        elif isinstance(value, Cell):
            if name in params:
                del params[name]
            d.pop(name, None)
            if self._auto_prefix:
                value.update_parameters_name(name + ".")
            cells[name] = value
            _STRUCT_VERSION[0] += 1
        elif isinstance(value, ParameterTuple):
            for p in value:
                if p.name == PARAMETER_NAME_DEFAULT:
                    p.name = name
                params[p.name] = p
            d["_params_list"][name] = value
            object.__setattr__(self, name, value)
            _STRUCT_VERSION[0] += 1
        elif value is None and (name in params or name in cells):
            params.pop(name, None)
            cells.pop(name, None)
            object.__setattr__(self, name, None)
            _STRUCT_VERSION[0] += 1
        else:
            if name in params:
                if isinstance(value, Tensor):  # self.w = tensor on a Parameter slot: set its data
                    params[name].set_data(value)
                    return
                del params[name]
                _STRUCT_VERSION[0] += 1
            if name in cells:
                del cells[name]
                _STRUCT_VERSION[0] += 1
            object.__setattr__(self, name, value)
            if isinstance(value, (list, tuple)) and value and all(isinstance(v, Cell) for v in value):
                _STRUCT_VERSION[0] += 1

    def __getattr__(self, name):
        d = self.__dict__
        if "_params" in d:
            if name in d["_params"]:
                return d["_params"][name]
            if name in d["_cells"]:
                return d["_cells"][name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'.")

    def __delattr__(self, name):
        d = self.__dict__
        if name in d["_params"]:
            del d["_params"][name]
        elif name in d["_cells"]:
            del d["_cells"][name]
        else:
            object.__delattr__(self, name)
        _STRUCT_VERSION[0] += 1

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_graph_fn"] = None
        state["_fp_cache"] = (-1, None, None)
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        _STRUCT_VERSION[0] += 1

    def __deepcopy__(self, memo):
        import copy

        new = object.__new__(type(self))
        memo[id(self)] = new
        for k, v in self.__dict__.items():
            if k == "_graph_fn":
                new.__dict__[k] = None
            elif k == "_fp_cache":
                new.__dict__[k] = (-1, None, None)
            else:
                new.__dict__[k] = copy.deepcopy(v, memo)
        _STRUCT_VERSION[0] += 1
        return new

    @property
    def cls_name(self):
        return type(self).__name__

    @property
    def param_prefix(self):
        return ""

    @property
    def phase(self):
        return self._phase

    @phase.setter
    def phase(self, v):
        self.__dict__["_phase"] = v

    # --- tree traversal ---------------------------------------------------------------------------
    def insert_child_to_cell(self, child_name, child_cell):
        if not isinstance(child_name, str) or "." in child_name or not child_name:
            raise KeyError(f"For 'insert_child_to_cell', the child name '{child_name}' is invalid.")
        if hasattr(self, child_name) and child_name not in self._cells:
            raise KeyError(f"For 'insert_child_to_cell', the child name '{child_name}' already exists.")
        if child_cell is not None and not isinstance(child_cell, Cell):
            raise TypeError(
                f"For 'insert_child_to_cell', the type of child_cell must be Cell, but got "
                f"{type(child_cell).__name__}.")
        self.__setattr__(child_name, child_cell)

    def insert_param_to_cell(self, param_name, param, check_name_contain_dot=True):
        if not param_name:
            raise KeyError("For 'insert_param_to_cell', the argument 'param_name' should not be None.")
        if check_name_contain_dot and "." in param_name:
            raise KeyError(f"For 'insert_param_to_cell', the param_name '{param_name}' contains '.'.")
        if param is not None and not isinstance(param, Parameter):
            raise TypeError(
                f"For 'insert_param_to_cell', the type of 'param' must be Parameter, but got "
                f"{type(param).__name__}.")
        if isinstance(param, Parameter) and param.name == PARAMETER_NAME_DEFAULT:
            param.name = param_name
        self._params[param_name] = param
        _STRUCT_VERSION[0] += 1

    def cells_and_names(self, cells=None, name_prefix=""):
        t_cells = cells if cells is not None else set()
        if id(self) in t_cells:
            return
        t_cells.add(id(self))
        yield name_prefix, self
        for name, cell in self._cells.items():
            if cell is not None:
                prefix = name_prefix + "." + name if name_prefix else name
                yield from cell.cells_and_names(t_cells, prefix)

    def name_cells(self):
        return collections.OrderedDict((n, c) for n, c in self._cells.items() if c is not None)

    def cells(self):
        return self.name_cells().values()

    def parameters_and_names(self, name_prefix="", expand=True):
        cells = self.cells_and_names(name_prefix=name_prefix) if expand else [(name_prefix, self)]
        seen = set()
        for cell_name, cell in cells:
            for par_name, par in cell._params.items():
                if par is not None and id(par) not in seen:
                    seen.add(id(par))
                    yield (cell_name + "." + par_name if cell_name else par_name), par

    def get_parameters(self, expand=True):
        for _, p in self.parameters_and_names(expand=expand):
            yield p

    def trainable_params(self, recurse=True):
        return [p for p in self.get_parameters(expand=recurse) if p.requires_grad]

    def untrainable_params(self, recurse=True):
        return [p for p in self.get_parameters(expand=recurse) if not p.requires_grad]

    def parameters_dict(self, recurse=True):
        return collections.OrderedDict((p.name, p) for p in self.get_parameters(expand=recurse))

    def update_parameters_name(self, prefix="", recurse=True):
        if not isinstance(prefix, str):
            raise TypeError(f"For 'update_parameters_name', the prefix must be str, got {type(prefix)}.")
        for name, param in self.parameters_and_names(expand=recurse):
            param.name = prefix + name

    def apply(self, fn):
        for cell in self.cells():
            cell.apply(fn)
        fn(self)
        return self

    # --- modes and flags --------------------------------------------------------------------------
    def set_train(self, mode=True):
        for _, cell in self.cells_and_names():
            if cell.training != mode:
                cell.__dict__["training"] = mode
                _STRUCT_VERSION[0] += 1
        return self

    def set_grad(self, requires_grad=True):
        self.__dict__["requires_grad"] = requires_grad
        return self

    def add_flags(self, **flags):
        self._flags.update(flags)
        return self

    def add_flags_recursive(self, **flags):
        for _, cell in self.cells_and_names():
            cell.add_flags(**flags)
        return self

    def get_flags(self):
        return self._flags

    def set_boost(self, boost_type):
        return self

    def set_comm_fusion(self, fusion_type, recurse=True):
        return self

    def set_data_parallel(self):
        return self

    def shard(self, *args, **kwargs):
        return self

    def set_jit_config(self, jit_config):
        return self

    def to_float(self, dst_type):
        """Runs this cell and its children in ``dst_type``: their float inputs and the Parameters
        they read are cast at use (master weights stay float32; see ``common/_amp.py``)."""
        if dst_type not in (mstype.float16, mstype.float32, mstype.bfloat16):
            raise ValueError(
                f"For 'to_float', the argument 'dst_type' should be float32, float16 or bfloat16, "
                f"but got {dst_type}.")
        flags = {"fp16": dst_type == mstype.float16, "fp32": dst_type == mstype.float32,
                 "bf16": dst_type == mstype.bfloat16}
        for _, cell in self.cells_and_names():
            cell.__dict__["_mp_type"] = dst_type
            cell._flags.update(flags)
            cell.__dict__.update(flags)
        _STRUCT_VERSION[0] += 1
        return self

    def recompute(self, **kwargs):
        """Rematerialise this cell's activations in the backward pass (``jax.checkpoint``)."""
        self.__dict__["_recompute"] = True
        _STRUCT_VERSION[0] += 1
        return self

    def set_inputs(self, *inputs, **kwargs):
        """Declares dynamic input dims; each concrete shape compiles once (bounded cache)."""
        self.__dict__["_dynamic_inputs"] = inputs
        return self

    def get_inputs(self):
        return self._dynamic_inputs

    def init_parameters_data(self, auto_parallel_mode=False):
        return {p: p for p in self.get_parameters()}

    def flatten_weights(self, fusion_size=0):
        pass

    def compile(self, *args, **kwargs):
        if context.get_context("mode") == context.GRAPH_MODE:
            self(*args, **kwargs)

    def compile_and_run(self, *args, **kwargs):
        return self(*args, **kwargs)

    def exec_checkpoint_graph(self):
        pass

    # --- hooks -----------------------------------------------------------------------------------
    def register_forward_pre_hook(self, hook_fn):
        h = _HookHandle(self._fwd_pre_hooks)
        self._fwd_pre_hooks[h.handle_id] = hook_fn
        _STRUCT_VERSION[0] += 1
        return h

    def register_forward_hook(self, hook_fn):
        h = _HookHandle(self._fwd_hooks)
        self._fwd_hooks[h.handle_id] = hook_fn
        _STRUCT_VERSION[0] += 1
        return h

    def register_backward_hook(self, hook_fn):
        return autodiff.register_backward_hook(self, hook_fn)

    # --- calling ---------------------------------------------------------------------------------
    def construct(self, *args, **kwargs):
        raise NotImplementedError(f"Cell '{type(self).__name__}' must define construct().")

    def __call__(self, *args, **kwargs):
        if ACTIVE[0] is not None or context._ctx["mode"] != context.GRAPH_MODE:
            return self._run(args, kwargs)
        g = self.__dict__["_graph_fn"]
        if g is None:
            g = GraphFunction(self._run_entry, base_params=self._param_list,
                              name=f"{type(self).__name__}.construct", extra_key=self._fingerprint)
            self.__dict__["_graph_fn"] = g
        return g(*args, **kwargs)

    def _run_entry(self, *args, **kwargs):
        return self._run(args, kwargs)

    def _run(self, args, kwargs):
        mp = self._mp_type
        if mp is not None:  # to_float / AMP: ops inside run under an AMP scope (common/_amp.py)
            if not isinstance(mp, tuple) and _amp.compiled():  # graph to_float casts the inputs
                args = _cast_inputs(args, mp)
            with _amp.active(_amp.scope_for(mp)):
                return self._run_body(args, kwargs)
        return self._run_body(args, kwargs)

    def _run_body(self, args, kwargs):
        if self._fwd_pre_hooks:
            for hook in list(self._fwd_pre_hooks.values()):
                r = hook(self, args)
                if r is not None:
                    args = r if isinstance(r, tuple) else (r,)
        if hasattr(type(self), "bprop"):
            out = autodiff.call_with_bprop(self, args, kwargs)
        else:
            construct = self.construct
            frame = ACTIVE[0]
            if frame is not None and frame.root_jit is not None:
                construct = control_flow.maybe_convert(construct)  # user cells only
            if self._recompute and frame is not None:
                out = autodiff.call_recomputed(construct, args, kwargs)
            else:
                out = construct(*args, **kwargs)
        if self._fwd_hooks:
            for hook in list(self._fwd_hooks.values()):
                r = hook(self, args, out)
                if r is not None:
                    out = r
        return out

    def run_construct(self, cast_inputs, kwargs):
        return self._run(cast_inputs, kwargs)

    # --- compiler support (cached, O(1) when the tree did not change) -------------------------
    def _refresh(self):
        ver, params, fp = self._fp_cache
        if ver != _STRUCT_VERSION[0]:
            params = list(self.get_parameters())
            cells = list(c for _, c in self.cells_and_names())
            sig = (tuple(id(p) for p in params),
                   tuple((id(c), c.training, c._recompute, c._mp_type, len(c._fwd_pre_hooks),
                          len(c._fwd_hooks)) for c in cells))
            fp = _FINGERPRINTS.setdefault(sig, len(_FINGERPRINTS))
            self.__dict__["_fp_cache"] = (_STRUCT_VERSION[0], params, fp)
        return self._fp_cache

    def _param_list(self):
        return self._refresh()[1]

    def _fingerprint(self):
        return (self._refresh()[2], context._version[0])

    # --- printing --------------------------------------------------------------------------------
    def extend_repr(self):
        return ""

    def __repr__(self):
        extra = self.extend_repr()
        info = type(self).__name__ + "("
        if self._cells:
            sub = "\n"
            if extra:
                sub += f"{extra}\n"
            for key, value in self._cells.items():
                sub += f"({key}): {value!r}\n"
            info += sub[:-1].replace("\n", "\n  ") + "\n)"
        else:
            info += extra + ")"
        return info


def _cast_inputs(args, dst):
    np_dst = dst.np_dtype

    def cast(x):
        if isinstance(x, Tensor) and x._data.dtype.kind == "f" and x._data.dtype != np_dst:
            return Tensor._wrap(x._data.astype(np_dst))
        return x

    return jax.tree_util.tree_map(cast, args, is_leaf=lambda x: isinstance(x, Tensor))


class GraphCell(Cell):  # pragma: no cover - MindIR graphs cannot be loaded here
    def __init__(self, graph, params_init=None, obf_random_seed=None):
        raise NotImplementedError("GraphCell (loading MindIR) is not supported by mindspore_jax.")
