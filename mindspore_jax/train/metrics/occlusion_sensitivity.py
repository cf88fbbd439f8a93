# ruff: noqa: E501  (ported from MindSpore, whose lines are 120 wide)
"""OcclusionSensitivity.

Adapted from MindSpore 2.10 (Apache License 2.0), same formulas and messages.
"""

import numpy as np

from ...nn.cell import Cell
from ...common.tensor import Tensor
from .. import _check as validator
from .metric import Metric, rearrange_inputs

try:
    from tqdm import trange
except (ImportError, AttributeError):
    trange = range


class OcclusionSensitivity(Metric):
    """Calculates the occlusion sensitivity of the model for a given image, which illustrates which parts
    of an image are.
    """
    def __init__(self, pad_val=0.0, margin=2, n_batch=128, b_box=None):
        super().__init__()
        self.pad_val = validator.check_value_type("pad_val", pad_val, [float])
        self.margin = validator.check_value_type("margin", margin, [int, list])
        self.n_batch = validator.check_value_type("n_batch", n_batch, [int])
        self.b_box = b_box if b_box is None else validator.check_value_type("b_box", b_box, [list])
        self.clear()

    def clear(self):
        """Clears the internal evaluation result."""
        self._baseline = 0
        self._sensitivity_im = 0
        self._is_update = False

    @rearrange_inputs
    def update(self, *inputs):
        """Updates input, including `model`, `y_pred` and `label`."""
        if len(inputs) != 3:
            raise ValueError("For 'OcclusionSensitivity.update', it needs 3 inputs (classification model, "
                             "predicted value, label), but got {}.".format(len(inputs)))

        model = inputs[0]
        y_pred = self._convert_data(inputs[1])
        label = self._convert_data(inputs[2])
        model = validator.check_value_type("model", model, [Cell])

        if y_pred.shape[0] > 1:
            raise RuntimeError(f"For 'OcclusionSensitivity.update', the shape at index 0 of the predicted value "
                               f"(input[1]) must be 1, but got {y_pred.shape[0]}.")

        if isinstance(label, int):
            label = np.array([[label]], dtype=int)
        # If the label is a tensor, make sure  there's only 1 element
        elif np.prod(label.shape) != y_pred.shape[0]:
            raise RuntimeError(f"For 'OcclusionSensitivity.update', the number of the label (input[2]) must be "
                               f"same as the batches, but got the label number {np.prod(label.shape)}, "
                               f"and batches {y_pred.shape[0]}.")

        y_pred_shape = np.array(y_pred.shape[1:])
        b_box_min, b_box_max = _check_input_bounding_box(self.b_box, y_pred_shape)

        temp = model(Tensor(y_pred)).asnumpy()
        self._baseline = temp[0, label].item()

        batch_images = []
        batch_ids = []

        sensitivity_im = np.empty(0, dtype=float)

        output_im_shape = y_pred_shape if self.b_box is None else b_box_max - b_box_min + 1
        num_required_predictions = np.prod(output_im_shape)

        for i in trange(num_required_predictions):
            idx = np.unravel_index(i, output_im_shape)
            if b_box_min is not None:
                idx += b_box_min

            min_idx = [max(0, i - self.margin) for i in idx]
            max_idx = [min(j, i + self.margin) for i, j in zip(idx, y_pred_shape)]

            occlu_im = y_pred.copy()
            occlu_im[(...,) + tuple(slice(i, j) for i, j in zip(min_idx, max_idx))] = self.pad_val

            batch_images.append(occlu_im)
            batch_ids.append(label)

            if len(batch_images) == self.n_batch or i == num_required_predictions - 1:
                sensitivity_im = _append_to_sensitivity_im(model, batch_images, batch_ids, sensitivity_im)
                batch_images = []
                batch_ids = []

        self._sensitivity_im = sensitivity_im.reshape(output_im_shape)
        self._is_update = True

    def eval(self):
        """Computes the occlusion sensitivity."""
        if not self._is_update:
            raise RuntimeError("Please call the 'update' method before calling 'eval' method.")

        sensitivity = self._baseline - np.squeeze(self._sensitivity_im)

        return sensitivity


def _append_to_sensitivity_im(model, batch_images, batch_ids, sensitivity_im):
    """For a given number of images, the probability of predicting a given label is obtained."""
    batch_images = np.vstack(batch_images)
    batch_ids = np.expand_dims(batch_ids, 1)
    model_numpy = model(Tensor(batch_images)).asnumpy()
    first_indices = np.arange(batch_ids.shape[0])[:, None]
    scores = model_numpy[first_indices, batch_ids]
    if sensitivity_im.size == 0:
        return np.vstack(scores)
    return np.vstack((sensitivity_im, scores))


def _check_input_bounding_box(b_box, im_shape):
    """Check that the bounding box (if supplied) is as expected."""
    # If no bounding box has been supplied, set min and max to None
    if b_box is None:
        b_box_min = b_box_max = None
    else:
        if len(b_box) != 2 * len(im_shape):
            raise ValueError(f"For 'OcclusionSensitivity', the bounding box must contain upper and lower for "
                             f"all dimensions (except batch number), and the length of 'b_box' must be twice "
                             f"as long as predicted value's (except batch number), but got 'b_box' length "
                             f"{len(b_box)}, predicted value length (except batch number) {len(im_shape)}.")

        b_box_min = np.array(b_box[::2])
        b_box_max = np.array(b_box[1::2])
        b_box_min[b_box_min < 0] = 0
        b_box_max[b_box_max < 0] = im_shape[b_box_max < 0] - 1
        if np.any(b_box_max >= im_shape):
            raise ValueError("For 'OcclusionSensitivity', maximum bounding box must be smaller than image size "
                             "for all values.")
        if np.any(b_box_min > b_box_max):
            raise ValueError("For 'OcclusionSensitivity', minimum bounding box must be smaller than maximum "
                             "bounding box for all values.")

    return b_box_min, b_box_max
