# ruff: noqa: E501  (ported from MindSpore, whose lines are 120 wide)
"""MeanSurfaceDistance.

Adapted from MindSpore 2.10 (Apache License 2.0), same formulas and messages.
"""

from .metric import _morphology as morphology
import numpy as np

from .. import _check as validator
from .metric import Metric, rearrange_inputs


class MeanSurfaceDistance(Metric):
    """Computes the Average Surface Distance from `y_pred` to `y` under the default setting."""

    def __init__(self, symmetric=False, distance_metric="euclidean"):
        super().__init__()
        self.distance_metric_list = ["euclidean", "chessboard", "taxicab"]
        distance_metric = validator.check_value_type("distance_metric", distance_metric, [str])
        self.distance_metric = validator.check_string(distance_metric, self.distance_metric_list, "distance_metric")
        self.symmetric = validator.check_value_type("symmetric", symmetric, [bool])
        self.clear()
        self._is_update = None
        self._y_edges = None
        self._y_pred_edges = None

    def clear(self):
        """Clears the internal evaluation result."""
        self._y_pred_edges = 0
        self._y_edges = 0
        self._is_update = False

    def _get_surface_distance(self, y_pred_edges, y_edges):
        """Calculate the surface distances from `y_pred_edges` to `y_edges`."""
        if not np.any(y_pred_edges):
            return np.array([])

        if np.any(y_edges):
            if self.distance_metric == "euclidean":
                dis = morphology.distance_transform_edt(~y_edges)
            elif self.distance_metric in self.distance_metric_list[-2:]:
                dis = morphology.distance_transform_cdt(~y_edges, metric=self.distance_metric)
            else:
                raise ValueError(f"For 'MeanSurfaceDistance', the distance_metric '{self.distance_metric}' "
                                 "is not supported.")
        else:
            dis = np.full(y_edges.shape, np.inf)

        return dis[y_pred_edges]

    @rearrange_inputs
    def update(self, *inputs):
        """Updates the internal evaluation result 'y_pred', 'y' and 'label_idx'."""
        if len(inputs) != 3:
            raise ValueError("For 'MeanSurfaceDistance.update', it needs 3 inputs (predicted value, true value, "
                             "label index), but got {}".format(len(inputs)))
        y_pred = self._convert_data(inputs[0])
        y = self._convert_data(inputs[1])
        label_idx = inputs[2]

        if not isinstance(label_idx, (int, float)):
            raise ValueError(f"For 'MeanSurfaceDistance.update', the label index (input[2]) must be int or float, "
                             f"but got {type(label_idx)}.")

        if label_idx not in y_pred and label_idx not in y:
            raise ValueError("For 'MeanSurfaceDistance.update', the label index (input[2]) must be in predicted "
                             "value (input[0]) or true value (input[1]), but {} is not.".format(label_idx))

        if y_pred.size == 0 or y_pred.shape != y.shape:
            raise ValueError(f"For 'MeanSurfaceDistance.update', the size of predicted value (input[0]) and true "
                             f"value (input[1]) must be greater than 0, in addition to that, predicted value and "
                             f"true value must have the same shape, but got predicted value size: {y_pred.size}, "
                             f"shape: {y_pred.shape}, true value size: {y.size}, shape: {y.shape}.")

        if y_pred.dtype != bool:
            y_pred = y_pred == label_idx
        if y.dtype != bool:
            y = y == label_idx

        self._y_pred_edges = morphology.binary_erosion(y_pred) ^ y_pred
        self._y_edges = morphology.binary_erosion(y) ^ y
        self._is_update = True

    def eval(self):
        """Calculate mean surface distance."""
        if self._is_update is False:
            raise RuntimeError("Please call the 'update' method before calling 'eval' method.")

        mean_surface_distance = self._get_surface_distance(self._y_pred_edges, self._y_edges)

        if mean_surface_distance.shape == (0,):
            return np.inf

        avg_surface_distance = mean_surface_distance.mean()

        if not self.symmetric:
            return avg_surface_distance

        contrary_mean_surface_distance = self._get_surface_distance(self._y_edges, self._y_pred_edges)
        if contrary_mean_surface_distance.shape == (0,):
            return np.inf

        contrary_avg_surface_distance = contrary_mean_surface_distance.mean()
        return np.mean((avg_surface_distance, contrary_avg_surface_distance))
