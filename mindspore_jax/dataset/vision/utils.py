"""Enums of ``mindspore.dataset.vision`` (interpolation, border modes, ...)."""

from enum import Enum, IntEnum


class Inter(IntEnum):
    """Interpolation modes (BILINEAR == LINEAR, BICUBIC == CUBIC, as in MindSpore)."""

    NEAREST = 0
    ANTIALIAS = 1
    BILINEAR = LINEAR = 2
    BICUBIC = CUBIC = 3
    AREA = 4
    PILCUBIC = 5


class Border(str, Enum):
    """Padding modes: constant fill, edge replication, reflection without / with the edge pixel."""

    CONSTANT = "constant"
    EDGE = "edge"
    REFLECT = "reflect"
    SYMMETRIC = "symmetric"


class ImageBatchFormat(IntEnum):
    NHWC = 0
    NCHW = 1


class ConvertMode(IntEnum):
    COLOR_BGR2BGRA = 0
    COLOR_RGB2RGBA = COLOR_BGR2BGRA
    COLOR_BGRA2BGR = 1
    COLOR_RGBA2RGB = COLOR_BGRA2BGR
    COLOR_BGR2RGBA = 2
    COLOR_RGB2BGRA = COLOR_BGR2RGBA
    COLOR_RGBA2BGR = 3
    COLOR_BGRA2RGB = COLOR_RGBA2BGR
    COLOR_BGR2RGB = 4
    COLOR_RGB2BGR = COLOR_BGR2RGB
    COLOR_BGRA2RGBA = 5
    COLOR_RGBA2BGRA = COLOR_BGRA2RGBA
    COLOR_BGR2GRAY = 6
    COLOR_RGB2GRAY = 7
    COLOR_GRAY2BGR = 8
    COLOR_GRAY2RGB = COLOR_GRAY2BGR
    COLOR_GRAY2BGRA = 9
    COLOR_GRAY2RGBA = COLOR_GRAY2BGRA
    COLOR_BGRA2GRAY = 10
    COLOR_RGBA2GRAY = 11


class SliceMode(IntEnum):
    PAD = 0
    DROP = 1


class AutoAugmentPolicy(IntEnum):
    IMAGENET = 0
    CIFAR10 = 1
    SVHN = 2


class ImageReadMode(IntEnum):
    UNCHANGED = 0
    GRAYSCALE = 1
    COLOR = 2


def get_image_num_channels(image):
    """Channels of an HWC numpy image (or a PIL image)."""
    import numpy as np

    if hasattr(image, "getbands"):
        return len(image.getbands())
    image = np.asarray(image)
    return 1 if image.ndim == 2 else image.shape[-1]


def get_image_size(image):
    """``[height, width]`` of an HWC numpy image (or a PIL image)."""
    import numpy as np

    if hasattr(image, "size") and hasattr(image, "getbands"):
        return [image.size[1], image.size[0]]
    return list(np.asarray(image).shape[:2])
