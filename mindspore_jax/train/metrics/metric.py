# ruff: noqa: E501  (ported from MindSpore, whose lines are 120 wide)
"""Metric base class.

Adapted from MindSpore 2.10 (Apache License 2.0), same formulas and messages.
"""

from abc import ABCMeta, abstractmethod
import functools
import numpy as np

from ...common.tensor import Tensor

_eval_types = {'classification', 'multilabel'}


def rearrange_inputs(func):
    """This decorator is used to rearrange the inputs according to its `indexes` attribute of the class."""
    @functools.wraps(func)
    def wrapper(self, *inputs):
        indexes = self.indexes
        inputs = inputs if not indexes else [inputs[i] for i in indexes]
        return func(self, *inputs)
    return wrapper


class Metric(metaclass=ABCMeta):
    """Base class of metric, which is used to evaluate metrics."""
    def __init__(self):
        self._indexes = None

    def _convert_data(self, data):
        """Convert data type to numpy array."""
        if isinstance(data, Tensor):
            data = data.asnumpy()
        elif isinstance(data, list):
            data = np.array(data)
        elif isinstance(data, np.ndarray):
            pass
        else:
            raise TypeError(f"For 'Metric' and its derived classes, the input data type must be tensor, list or "
                            f"numpy.ndarray, but got {type(data)}.")
        return data

    @property
    def indexes(self):
        """Get the current indexes value."""
        return getattr(self, '_indexes', None)

    def set_indexes(self, indexes):
        """This interface is to rearrange the inputs of `update`."""
        if not isinstance(indexes, list) or not all(isinstance(i, int) for i in indexes):
            raise ValueError("For 'set_indexes', the argument 'indexes' must be a list and all its elements must "
                             "be int, please check whether it is correct.")
        self._indexes = indexes
        return self

    def __call__(self, *inputs):
        """Evaluate input data once."""
        self.clear()
        self.update(*inputs)
        return self.eval()

    @abstractmethod
    def clear(self):
        """An interface describes the behavior of clearing the internal evaluation result."""
        raise NotImplementedError('Must define clear function to use this base class')

    @abstractmethod
    def eval(self):
        """An interface describes the behavior of computing the evaluation result."""
        raise NotImplementedError('Must define eval function to use this base class')

    @abstractmethod
    def update(self, *inputs):
        """An interface describes the behavior of updating the internal evaluation result."""
        raise NotImplementedError('Must define update function to use this base class')


class EvaluationBase(Metric):
    """Base class of evaluation."""
    def __init__(self, eval_type):
        super().__init__()
        if eval_type not in _eval_types:
            raise TypeError("The argument 'eval_type' must be in {}, but got {}".format(_eval_types, eval_type))
        self._type = eval_type

    def _check_shape(self, y_pred, y):
        """Checks the shapes of y_pred and y."""
        if self._type == 'classification':
            if y_pred.ndim != y.ndim + 1:
                raise ValueError("In classification case, the dimension of y_pred (predicted value) should equal to "
                                 "the dimension of y (true value) add 1, but got y_pred dimension: {} and y "
                                 "dimension: {}.".format(y_pred.ndim, y.ndim))
            if y.shape != (y_pred.shape[0],) + y_pred.shape[2:]:
                raise ValueError("In classification case, y_pred (predicted value) shape and y (true value) shape "
                                 "can not match, y shape should be equal to y_pred shape that the value at index 1 "
                                 "is deleted. Such as y_pred shape (1, 2, 3), then y shape should be (1, 3). "
                                 "But got y_pred shape {} and y shape {}".format(y_pred.shape, y.shape))
        else:
            if y_pred.ndim != y.ndim:
                raise ValueError("In {} case, the dimension of y_pred (predicted value) should equal to the dimension"
                                 " of y (true value), but got y_pred dimension: {} and y dimension: {}."
                                 .format(self._type, y_pred.ndim, y.ndim))
            if y_pred.shape != y.shape:
                raise ValueError("In {} case, the shape of y_pred (predicted value) should equal to the shape of y "
                                 "(true value), but got y_pred shape: {} and y shape: {}."
                                 .format(self._type, y_pred.shape, y.shape))

    def _check_value(self, y_pred, y):
        """Checks the values of y_pred and y."""
        if self._type != 'classification' and not (np.equal(y_pred ** 2, y_pred).all() and np.equal(y ** 2, y).all()):
            raise ValueError("In multilabel case, all elements in y_pred (predicted value) and y (true value) should "
                             "be 0 or 1.Please check whether your inputs y_pred and y are correct.")

    def clear(self):
        """A interface describes the behavior of clearing the internal evaluation result."""
        raise NotImplementedError

    def update(self, *inputs):
        """A interface describes the behavior of updating the internal evaluation result."""
        raise NotImplementedError

    def eval(self):
        """A interface describes the behavior of computing the evaluation result."""
        raise NotImplementedError


def _check_onehot_data(data):
    """Whether input data is one-hot encoding."""
    if data.ndim > 1 and np.equal(data ** 2, data).all():
        shp = (data.shape[0],) + data.shape[2:]
        if np.equal(np.ones(shp), data.sum(axis=1)).all():
            return True
    return False


def _binary_clf_curve(preds, target, sample_weights=None, pos_label=1):
    """Calculate True Positives and False Positives per binary classification threshold."""
    if sample_weights is not None and not isinstance(sample_weights, np.ndarray):
        sample_weights = np.array(sample_weights)

    if preds.ndim > target.ndim:
        preds = preds[:, 0]
    desc_score_indices = np.argsort(-preds)

    preds = preds[desc_score_indices]
    target = target[desc_score_indices]

    if sample_weights is not None:
        weight = sample_weights[desc_score_indices]
    else:
        weight = 1.

    distinct_value_indices = np.where(preds[1:] - preds[:-1])[0]
    threshold_idxs = np.pad(distinct_value_indices, (0, 1), constant_values=target.shape[0] - 1)
    target = np.array(target == pos_label).astype(np.int64)
    tps = np.cumsum(target * weight, axis=0)[threshold_idxs]

    if sample_weights is not None:
        fps = np.cumsum((1 - target) * weight, axis=0)[threshold_idxs]
    else:
        fps = 1 + threshold_idxs - tps

    return fps, tps, preds[threshold_idxs]


def _np1(x):
    """A float16/32 numpy scalar as float64: what NumPy 1.x (MindSpore 2.10's) gives when such a
    scalar meets a Python number or starts a Python-int accumulator; NumPy 2 keeps float32."""
    if isinstance(x, np.generic) and x.dtype in (np.float16, np.float32):
        return np.float64(x)
    return x


class _LazyNdimage:
    """``scipy.ndimage``, imported on first use (it costs ~0.3 s; only surface metrics need it)."""

    def __getattr__(self, name):
        from scipy import ndimage

        return getattr(ndimage, name)


_morphology = _LazyNdimage()
