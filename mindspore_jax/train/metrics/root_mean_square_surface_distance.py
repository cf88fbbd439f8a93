# ruff: noqa: E501  (ported from MindSpore, whose lines are 120 wide)
"""RootMeanSquareSurfaceDistance.

Adapted from MindSpore 2.10 (Apache License 2.0), same formulas and messages.
"""

from .metric import _morphology as morphology
import numpy as np

from .. import _check as validator
from .metric import Metric, rearrange_inputs


class RootMeanSquareDistance(Metric):
    """Computes the Root Mean Square Surface Distance from `y_pred` to `y` under the default setting."""

    def __init__(self, symmetric=False, distance_metric="euclidean"):
        super().__init__()
        self.distance_metric_list = ["euclidean", "chessboard", "taxicab"]
        distance_metric = validator.check_value_type("distance_metric", distance_metric, [str])
        self.distance_metric = validator.check_string(distance_metric, self.distance_metric_list, "distance_metric")
        self.symmetric = validator.check_value_type("symmetric", symmetric, [bool])
        self.clear()
        self._y_pred_edges = None
        self._is_update = None
        self._y_edges = None

    def _get_surface_distance(self, y_pred_edges, y_edges):
        """Calculate the surface distances from `y_pred_edges` to `y_edges`."""
        if not np.any(y_pred_edges):
            return np.array([])
        if not np.any(y_edges):
            dis = np.full(y_edges.shape, np.inf)
        else:
            if self.distance_metric == "euclidean":
                dis = morphology.distance_transform_edt(~y_edges)
            elif self.distance_metric in self.distance_metric_list[-2:]:
                dis = morphology.distance_transform_cdt(~y_edges, metric=self.distance_metric)
            else:
                raise ValueError(f"For 'RootMeanSquareDistance', the distance_metric '{self.distance_metric}' "
                                 "is not supported.")

        return dis[y_pred_edges]

    def clear(self):
        """Clears the internal evaluation result."""
        self._y_pred_edges = 0
        self._y_edges = 0
        self._is_update = False

    @rearrange_inputs
    def update(self, *inputs):
        """Updates the internal evaluation result 'y_pred', 'y' and 'label_idx'."""
        if len(inputs) != 3:
            raise ValueError("For 'RootMeanSquareDistance.update', it needs 3 inputs"
                             "(predicted value, true value, label index), but got {}.".format(len(inputs)))
        y_pred = self._convert_data(inputs[0])
        y = self._convert_data(inputs[1])
        label_idx = inputs[2]

        if not isinstance(label_idx, (int, float)):
            raise TypeError("For 'RootMeanSquareDistance.update', the label index (input[2]) must be int or float, "
                            "but got label index type: {}.".format(type(label_idx)))
        if label_idx not in y_pred and label_idx not in y:
            raise ValueError("For 'RootMeanSquareDistance.update', the label index (input[2]) "
                             "should be in predicted value (input[0]) or true value (input[1]), "
                             "but {} is not.".format(label_idx))
        if y_pred.size == 0 or y_pred.shape != y.shape:
            raise ValueError("For 'RootMeanSquareDistance.update', the size of predicted value (input[0]) "
                             "and true value (input[1]) should be greater than 0, in addition to that, "
                             "predicted value and true value should have the same shape, "
                             "but got predicted value size: {}, shape: {}, true value size: {}, shape: {}. "
                             .format(y_pred.size, y_pred.shape, y.size, y.shape))
        if y_pred.dtype != bool:
            y_pred = y_pred == label_idx
        if y.dtype != bool:
            y = y == label_idx

        self._y_pred_edges = morphology.binary_erosion(y_pred) ^ y_pred
        self._y_edges = morphology.binary_erosion(y) ^ y
        self._is_update = True

    def eval(self):
        """Calculate Root Mean Square Distance."""
        if self._is_update is False:
            raise RuntimeError("Please call the 'update' method before calling 'eval' method.")

        residual_mean_square_distance = self._get_surface_distance(self._y_pred_edges, self._y_edges)

        if residual_mean_square_distance.shape == (0,):
            return np.inf

        rms_surface_distance = (residual_mean_square_distance ** 2).mean()

        if not self.symmetric:
            return rms_surface_distance

        contrary_residual_mean_square_distance = self._get_surface_distance(self._y_edges, self._y_pred_edges)
        if contrary_residual_mean_square_distance.shape == (0,):
            return np.inf

        contrary_rms_surface_distance = (contrary_residual_mean_square_distance ** 2).mean()

        rms_distance = np.sqrt(np.mean((rms_surface_distance, contrary_rms_surface_distance)))
        return rms_distance
