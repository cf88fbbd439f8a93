"""``mindspore.dataset.engine``: the pipeline graph, sources, samplers and iterators."""

from .datasets import (AudioBaseDataset, BatchDataset, BatchInfo, BucketBatchByLengthDataset,
                       ConcatDataset, Dataset, FilterDataset, MapDataset, MappableDataset,
                       PaddedBatchDataset, ProjectDataset, RenameDataset, RepeatDataset, Schema,
                       ShuffleDataset, SkipDataset, SourceDataset, TakeDataset, TextBaseDataset,
                       TransferDataset, UnionBaseDataset, VisionBaseDataset, ZipDataset)
from .datasets import zip_datasets as zip  # noqa: A001
from .datasets_user_defined import GeneratorDataset, NumpySlicesDataset, PaddedDataset
from .datasets_vision import (Cifar10Dataset, Cifar100Dataset, FashionMnistDataset, ImageFolderDataset,
                              KMnistDataset, MnistDataset)
from .datasets_files import CSVDataset, Shuffle, TFRecordDataset, TextFileDataset
from .iterators import DictIterator, DummyIterator, TupleIterator
from .samplers import (BuiltinSampler, DistributedSampler, IterSampler, PKSampler, RandomSampler, Sampler,
                       SequentialSampler, SubsetRandomSampler, SubsetSampler, WeightedRandomSampler,
                       select_sampler)

__all__ = ["CSVDataset", "Shuffle", "TFRecordDataset", "TextFileDataset",
           "Dataset", "MappableDataset", "SourceDataset", "GeneratorDataset", "NumpySlicesDataset",
           "PaddedDataset", "MnistDataset", "FashionMnistDataset", "KMnistDataset", "Cifar10Dataset",
           "Cifar100Dataset", "ImageFolderDataset", "Sampler", "BuiltinSampler", "SequentialSampler",
           "RandomSampler", "DistributedSampler", "SubsetSampler", "SubsetRandomSampler",
           "WeightedRandomSampler",
           "PKSampler", "IterSampler", "Schema", "zip", "DictIterator", "TupleIterator", "DummyIterator",
           "BatchInfo", "select_sampler", "AudioBaseDataset", "BatchDataset", "BucketBatchByLengthDataset",
           "ConcatDataset", "FilterDataset", "MapDataset", "PaddedBatchDataset", "ProjectDataset",
           "RenameDataset", "RepeatDataset", "ShuffleDataset", "SkipDataset", "TakeDataset",
           "TextBaseDataset",
           "TransferDataset", "UnionBaseDataset", "VisionBaseDataset", "ZipDataset"]
