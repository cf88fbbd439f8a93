"""Training wrappers: ``WithLossCell``, ``TrainOneStepCell``, ``WithGradCell``, ``WithEvalCell``,
``ForwardValueAndGrad``, ``ParameterUpdate``... and the single-device ``DistributedGradReducer``.

They keep ``auto_prefix=False`` so the network's Parameter names (``fc.weight``) are unchanged.
Called at top level in GRAPH_MODE, a ``TrainOneStepCell`` is one XLA executable: forward,
gradients (``jax.vjp``) and the optimizer's Parameter writes.
"""

from __future__ import annotations

from types import FunctionType, MethodType

import jax.numpy as jnp

from ...common.parameter import Parameter, ParameterTuple
from ...common.tensor import Tensor
from ...ops.composite import GradOperation
from ..._graph.autodiff import vjp_call
from ..cell import Cell

__all__ = ["WithLossCell", "WithGradCell", "WithEvalCell", "ForwardValueAndGrad", "TrainOneStepCell",
           "GetNextSingleOp", "ParameterUpdate", "DistributedGradReducer", "PipelineGradReducer",
           "MicroBatchInterleaved", "PipelineCell", "GradAccumulationCell", "VirtualDatasetCellTriple",
           "TimeDistributed"]


class WithLossCell(Cell):
    """``loss_fn(backbone(data), label)``."""

    def __init__(self, backbone, loss_fn):
        super().__init__(auto_prefix=False)
        self._backbone = backbone
        self._loss_fn = loss_fn

    def construct(self, data, label):
        out = self._backbone(data)
        return self._loss_fn(out, label)

    @property
    def backbone_network(self):
        return self._backbone


class WithGradCell(Cell):
    """Returns the gradients of ``loss_fn(network(*inputs))`` w.r.t. the trainable weights."""

    def __init__(self, network, loss_fn=None, sens=None):
        super().__init__(auto_prefix=False)
        self.network = network
        self.loss_fn = loss_fn
        self.weights = ParameterTuple(network.trainable_params())
        self.grad = GradOperation(get_by_list=True, sens_param=sens is not None)
        self.sens = sens
        self.network_with_loss = network if loss_fn is None else WithLossCell(self.network, self.loss_fn)
        self.network_with_loss.set_train()

    def construct(self, *inputs):
        if self.sens is None:
            return self.grad(self.network_with_loss, self.weights)(*inputs)
        return self.grad(self.network_with_loss, self.weights)(*inputs, self.sens)


class WithEvalCell(Cell):
    """Returns ``(loss, outputs, label)``; ``add_cast_fp32`` casts outputs to float32 first."""

    def __init__(self, network, loss_fn, add_cast_fp32=False):
        super().__init__(auto_prefix=False)
        self._network = network
        self._loss_fn = loss_fn
        self.add_cast_fp32 = add_cast_fp32

    def construct(self, data, label):
        outputs = self._network(data)
        if self.add_cast_fp32:
            label = Tensor._wrap(label._data.astype(jnp.float32))
            outputs = Tensor._wrap(outputs._data.astype(jnp.float32))
        loss = self._loss_fn(outputs, label)
        return loss, outputs, label


class ForwardValueAndGrad(Cell):
    """``(network(*inputs), grads)`` in one call."""

    def __init__(self, network, weights=None, get_all=False, get_by_list=False, sens_param=False):
        super().__init__(auto_prefix=False)
        if not isinstance(network, (Cell, FunctionType, MethodType)):
            raise TypeError("For 'ForwardValueAndGrad', the argument 'network' must be cell, function type "
                            "or "
                            f"method type, but got '{type(network)}'")
        for n, v in (("get_all", get_all), ("get_by_list", get_by_list)):
            if not isinstance(v, bool):
                raise TypeError(f"For 'ForwardValueAndGrad', the type of '{n}' must be bool, but got "
                                f"'{type(v)}'")
        if get_by_list and not isinstance(weights, (ParameterTuple, tuple, list)):
            raise TypeError(f"For 'ForwardValueAndGrad', when 'get_by_list' is set to True, the argument "
                            f"'weights' must be Parameters array, but got '{type(weights)}'")
        self.network = network
        if isinstance(network, Cell):
            network.set_grad()
        self.weights = weights
        self.get_all, self.get_by_list, self.sens_param = get_all, get_by_list, sens_param
        self.grad = GradOperation(get_all=get_all, get_by_list=get_by_list, sens_param=sens_param)

    def construct(self, *inputs):
        grad_inputs = inputs
        if self.sens_param:
            inputs = inputs[:-1]
        loss = self.network(*inputs)
        if self.get_by_list:
            grads = self.grad(self.network, self.weights)(*grad_inputs)
        else:
            grads = self.grad(self.network)(*grad_inputs)
        return loss, grads


class DistributedGradReducer(Cell):
    """Single device: gradients pass through unchanged (mean over one device)."""

    def __init__(self, parameters, mean=None, degree=None, fusion_type=1, group=None):
        super().__init__(auto_prefix=False)
        self.mean, self.degree = mean, degree

    def construct(self, grads):
        return grads


PipelineGradReducer = DistributedGradReducer


class TrainOneStepCell(Cell):
    """One training step: loss, gradients (scaled by ``sens``), optimizer update; returns the loss
    (and ``{param_name: grad}`` with ``return_grad``)."""

    def __init__(self, network, optimizer, sens=None, return_grad=False):
        super().__init__(auto_prefix=False)
        self.network = network
        self.network.set_grad()
        self.optimizer = optimizer
        self.weights = self.optimizer.parameters
        self.grad = GradOperation(get_by_list=True, sens_param=True)
        self.grad_no_sens = GradOperation(get_by_list=True)
        if sens is not None and not isinstance(sens, Tensor) and sens == 0:
            raise ValueError("The input argument of 'sens' can not be 0.")
        self.sense_flag = sens is not None
        self.sens = 1.0 if sens is None else sens
        self.return_grad = return_grad
        if return_grad:
            self.weights_name = [p.name for p in self.optimizer.parameters]
        self.reducer_flag = False
        self.grad_reducer = DistributedGradReducer(self.weights)

    def construct(self, *inputs):
        # one forward pass serves the loss and the gradients (as MindSpore reuses the forward
        # graph), so state the network writes (BatchNorm statistics) is updated once per step
        loss, grads = self._loss_and_grads(inputs, self.sens if self.sense_flag else None)
        grads = self.grad_reducer(grads)
        self.optimizer(grads)
        if self.return_grad:
            return loss, {n: g for n, g in zip(self.weights_name, grads)}
        return loss


    def _loss_and_grads(self, inputs, sens):
        if sens is None:
            sens_fn = None
        else:
            value = sens._data if isinstance(sens, Tensor) else sens
            sens_fn = lambda out: jnp.broadcast_to(jnp.asarray(value, out.dtype), out.shape)  # noqa: E731
        loss, _, _, grads = vjp_call(self.network, inputs, {}, (), list(self.weights), sens=sens_fn)
        return loss, grads


class GetNextSingleOp(Cell):
    """Device data queues do not exist here; feed data as inputs (``Model`` does)."""

    def __init__(self, dataset_types, dataset_shapes, queue_name):
        super().__init__()
        self.dataset_types, self.dataset_shapes, self.queue_name = dataset_types, dataset_shapes, queue_name

    def construct(self):
        raise RuntimeError("For 'GetNextSingleOp', device data queues are not supported by mindspore_jax; "
                           "pass the data to the network as inputs.")


class ParameterUpdate(Cell):
    """``ParameterUpdate(param)(x)`` assigns ``x`` to ``param``."""

    def __init__(self, param):
        super().__init__(auto_prefix=False)
        if not isinstance(param, Parameter):
            raise TypeError(f"For 'ParameterUpdate', 'param' must be 'Parameter', but got {type(param)}.")
        self._param = param

    def construct(self, x):
        arr = x._data if isinstance(x, Tensor) else jnp.asarray(x)
        self._param._data = arr.astype(self._param._value.dtype).reshape(self._param._value.shape)
        return x


class _PassThrough(Cell):
    def __init__(self, network, *args, **kwargs):
        super().__init__(auto_prefix=False)
        self.network = network

    def construct(self, *inputs):
        return self.network(*inputs)


class MicroBatchInterleaved(_PassThrough):
    """Interleaving micro-batches only overlaps communication in parallel training; on one device
    the sum over ``interleave_num`` slices of a per-sample network is the network itself, so this
    runs the wrapped network on the whole batch."""

    def __init__(self, network, interleave_num=2):
        if not isinstance(interleave_num, int):
            raise TypeError("For 'MicroBatchInterleaved', the argument 'interleave_num' must be integer, "
                            "but got "
                            f"the type : {type(interleave_num)}.")
        if interleave_num <= 0:
            raise ValueError("For 'MicroBatchInterleaved', the argument 'interleave_num' must be large "
                             "than 0, "
                             f"but got {interleave_num}.")
        super().__init__(network)
        self.interleave_num = interleave_num


class PipelineCell(_PassThrough):
    """Pipeline stages need several devices; on one device the network runs whole."""

    def __init__(self, network, micro_size, stage_config=None, segment_config=None):
        super().__init__(network)
        self.micro_size = micro_size


class GradAccumulationCell(_PassThrough):
    def __init__(self, network, micro_size):
        super().__init__(network)
        self.micro_size = micro_size


class VirtualDatasetCellTriple(Cell):
    def __init__(self, backbone):
        super().__init__(auto_prefix=False)
        self._backbone = backbone

    def construct(self, a, b, c):
        return self._backbone(a, b, c)


class TimeDistributed(Cell):
    """Applies ``layer`` to every time step: folds time into the batch axis and back."""

    def __init__(self, layer, time_axis, reshape_with_axis=None):
        super().__init__()
        if not isinstance(layer, Cell):
            raise TypeError("For 'TimeDistributed', the 'layer' must be Cell, but got "
                            f"{type(layer).__name__}.")
        self.layer = layer
        self.time_axis = time_axis
        self.reshape_with_axis = reshape_with_axis

    def construct(self, inputs):
        x = inputs._data
        t_axis = self.time_axis % x.ndim
        xt = jnp.moveaxis(x, t_axis, 0)
        steps = xt.shape[0]
        b_axis = 0 if t_axis != 0 else 1
        y = self.layer(Tensor._wrap(jnp.concatenate([xt[i] for i in range(steps)], axis=0)))._data
        parts = jnp.split(y, steps, axis=0)
        out = jnp.stack(parts, axis=0)
        del b_axis
        return Tensor._wrap(jnp.moveaxis(out, 0, t_axis))
