"""``mindspore.dataset``: a host-side (numpy) data pipeline with MindSpore's API.

Sources (GeneratorDataset, NumpySlicesDataset, MNIST/CIFAR/ImageFolder loaders) feed lazy
pipeline operations (map, batch, shuffle, repeat, ...); iterators hand rows to the network as
mindspore_jax Tensors. ``transforms`` and ``vision`` hold the data-augmentation operations.
"""

from .core import config
from .core.config import get_num_parallel_workers, get_seed, set_seed  # noqa: F401
from .core.config import (get_callback_timeout, get_debug_mode, get_enable_watchdog,  # noqa: F401
                          get_error_samples_mode, get_multiprocessing_start_method,
                          get_multiprocessing_timeout_interval, get_video_backend, set_video_backend)
from .engine import *  # noqa: F401,F403
from .engine import __all__ as _engine_all
from . import text, transforms, vision  # noqa: F401
from .engine.mindrecord_source import MindDataset  # noqa: F401,E402
from .engine.datasets_det import (CelebADataset, CocoDataset, ManifestDataset, VOCDataset,  # noqa: F401,E402
                                  WIDERFaceDataset)

__all__ = list(_engine_all) + ["CelebADataset", "CocoDataset", "ManifestDataset", "VOCDataset",
                               "WIDERFaceDataset", "MindDataset", "config", "text", "transforms", "vision",
                               "set_seed", "get_seed"]

# more loaders, synthetic sources, dataset callbacks, sync_wait and pipeline serialization
from . import callbacks as _callbacks, more_image_datasets as _more_image, random_datasets as _random  # noqa: E402
from . import serialize as _serialize, text_datasets as _text_datasets  # noqa: E402
from .callbacks import BlockReleasePair, DSCallback, SyncWaitDataset, WaitedDSCallback  # noqa: F401,E402
from .more_image_datasets import EMnistDataset, SemeionDataset, STL10Dataset, SVHNDataset, USPSDataset  # noqa: F401,E402
from .random_datasets import FakeImageDataset, RandomDataset  # noqa: F401,E402
from .serialize import compare, deserialize, serialize, show  # noqa: F401,E402
from .text_datasets import AGNewsDataset, DBpediaDataset, YelpReviewDataset  # noqa: F401,E402

__all__ += (_callbacks.__all__ + _more_image.__all__ + _random.__all__ + _serialize.__all__
            + _text_datasets.__all__)

# more text / image loaders (text_datasets2, image_datasets2)
from . import text_datasets2 as _text_datasets2  # noqa: E402
from .text_datasets2 import *  # noqa: F401,F403,E402
from . import image_datasets2 as _image_datasets2  # noqa: E402
from .image_datasets2 import *  # noqa: F401,F403,E402

__all__ += _text_datasets2.__all__ + _image_datasets2.__all__
