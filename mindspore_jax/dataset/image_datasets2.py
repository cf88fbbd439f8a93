"""More image loaders over their original on-disk layouts: Caltech-101/256, QMNIST, Flowers-102, Food-101,
SBU, Places365, Omniglot, Rendered SST-2, SUN397, DIV2K, Flickr8k/30k, KITTI, LFW, SBD, Cityscapes and
PhotoTour.

Files are indexed at construction and read lazily row by row through the sampler (``num_samples``,
``shuffle``, ``sampler``, ``num_shards``/``shard_id``), as MindSpore's random-access loaders do. An image
column holds the raw file bytes (uint8, 1-D) unless ``decode=True`` (then RGB HWC uint8). Row order,
dtypes and label numbering follow MindSpore 2.10 (checked on real files; see each class).
"""

import os
import struct

import numpy as np

from .engine.datasets import MappableDataset, VisionBaseDataset
from .engine.datasets_det import _read_image
from .engine.datasets_user_defined import GeneratorDataset
from .engine._source_args import (
    _GENERATOR_ARGS,
    _attach_labels,
    _check_bool,
    _check_choice,
    _check_dir,
    _check_usage,
    _read_lines,
    _sorted_dirs,
    _sorted_files,
    _source_args,
)


class _ImageRows(MappableDataset, VisionBaseDataset):
    """``self._items``: one entry per row; ``_row(item)`` turns it into the row's arrays."""

    def _finish(self, columns, labels, args):
        """Name the columns, then MappableDataset.__init__ with the standard arguments in ``args`` (the
        loader's ``locals()``); ``labels`` (or None) go to a class-aware sampler."""
        self.column_names = list(columns)
        super().__init__(**_source_args(args))
        if labels is not None:
            _attach_labels(self, np.asarray(labels))

    def _length(self):
        return len(self._items)

    def _read(self, index):
        return self._row(self._items[index])

    def _img(self, path):
        return _read_image(path, getattr(self, "decode", False))


# ------------------------------------------------------------------ Caltech
_CALTECH101_CLASSES = (
    "Faces Faces_easy Leopards Motorbikes accordion airplanes anchor ant barrel bass beaver binocular "
    "bonsai brain brontosaurus buddha butterfly camera cannon car_side ceiling_fan cellphone chair "
    "chandelier cougar_body cougar_face crab crayfish crocodile crocodile_head cup dalmatian "
    "dollar_bill dolphin dragonfly electric_guitar elephant emu euphonium ewer ferry flamingo "
    "flamingo_head garfield gerenuk gramophone grand_piano hawksbill headphone hedgehog helicopter "
    "ibis inline_skate joshua_tree kangaroo ketch lamp laptop llama lobster lotus mandolin mayfly "
    "menorah metronome minaret nautilus octopus okapi pagoda panda pigeon pizza platypus pyramid "
    "revolver rhino rooster saxophone schooner scissors scorpion sea_horse snoopy soccer_ball stapler "
    "starfish stegosaurus stop_sign strawberry sunflower tick trilobite umbrella watch water_lilly "
    "wheelchair wild_cat windsor_chair wrench yin_yang "
).split()


class _Caltech101Source:
    """Random-access source of Caltech-101 rows (as MindSpore's Python loader builds them)."""

    _names = {
        "Faces": "Faces_2",
        "Faces_easy": "Faces_3",
        "Motorbikes": "Motorbikes_16",
        "airplanes": "Airplanes_Side_2",
    }

    def __init__(self, dataset_dir, target_type, decode):
        self.image_dir = os.path.join(os.path.realpath(dataset_dir), "101_ObjectCategories")
        self.annotation_dir = os.path.join(os.path.realpath(dataset_dir), "Annotations")
        self.target_type, self.decode = target_type, decode
        self.column_names = {"category": ["image", "category"], "annotation": ["image", "annotation"]}.get(
            target_type, ["image", "category", "annotation"]
        )
        self.classes = [c for c in sorted(os.listdir(self.image_dir)) if c != "BACKGROUND_Google"]
        self.index, self.label = [], []
        for i, c in enumerate(self.classes):
            sub = os.path.join(self.image_dir, c)
            if not os.path.isdir(sub) or not os.access(sub, os.R_OK):
                continue
            n = len(os.listdir(sub))
            self.index.extend(range(1, n + 1))
            self.label.extend([i] * n)

    def __len__(self):
        return len(self.index)

    def __getitem__(self, k):
        cls, idx = self.classes[self.label[k]], self.index[k]
        path = os.path.join(self.image_dir, cls, f"image_{idx:04d}.jpg")
        if not os.path.exists(path):
            raise ValueError(f"The image file {path} does not exist or permission denied!")
        image = _read_image(path, self.decode)
        label = np.array(self.label[k], dtype=np.int64)
        if self.target_type == "category":
            return image, label
        ann = os.path.join(self.annotation_dir, self._names.get(cls, cls), f"annotation_{idx:04d}.mat")
        if not os.path.exists(ann):
            raise ValueError(f"The annotation file {ann} does not exist or permission denied!")
        import scipy.io

        contour = scipy.io.loadmat(ann)["obj_contour"]
        return (image, contour) if self.target_type == "annotation" else (image, label, contour)


class Caltech101Dataset(GeneratorDataset):
    """Caltech-101 ``101_ObjectCategories/<class>/image_NNNN.jpg`` (and
    ``Annotations/<class>/annotation_NNNN.mat``):
    columns image, category (int64: the class's index in sorted order, BACKGROUND_Google left out) and/or
    annotation (the float64 ``obj_contour`` array), by ``target_type`` ('category', 'annotation', 'all')."""

    def __init__(
        self,
        dataset_dir,
        target_type=None,
        num_samples=None,
        num_parallel_workers=1,
        shuffle=None,
        decode=False,
        sampler=None,
        num_shards=None,
        shard_id=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir = dataset_dir
        self.target_type = _check_choice(
            "target_type",
            "category" if target_type is None else target_type,
            ("category", "annotation", "all"),
        )
        self.decode = bool(decode)
        src = _Caltech101Source(dataset_dir, self.target_type, self.decode)
        super().__init__(src, column_names=src.column_names, **_source_args(locals(), _GENERATOR_ARGS))

    def get_class_indexing(self):
        return {c: i for i, c in enumerate(_CALTECH101_CLASSES)}


class Caltech256Dataset(_ImageRows):
    """Caltech-256 ``<NNN.class>/*.jpg``: columns image and label (int32: the folder's index in sorted
    order)."""

    def __init__(
        self,
        dataset_dir,
        num_samples=None,
        num_parallel_workers=None,
        shuffle=None,
        decode=False,
        sampler=None,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir, self.decode = dataset_dir, decode
        self._items = [
            (os.path.join(dataset_dir, c, f), i)
            for i, c in enumerate(_sorted_dirs(dataset_dir))
            for f in _sorted_files(os.path.join(dataset_dir, c), (".jpg", ".jpeg"))
        ]
        self._finish(["image", "label"], [it[1] for it in self._items], locals())

    def _row(self, item):
        return [self._img(item[0]), np.array(item[1], dtype=np.int32)]


# ------------------------------------------------------------------ QMNIST
def _read_idx_file(path, magic, itemsize, dtype, what, first=0, count=None):
    if not os.path.isfile(path):
        raise RuntimeError(
            f"Invalid file, failed to open {path}: QMnist {what} file is damaged or permission denied."
        )
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 8 or struct.unpack(">I", raw[:4])[0] != magic:
        raise RuntimeError(f"Invalid file, this file {path} is not a QMnist {what} file (bad magic number).")
    ndim = raw[3]
    dims = list(struct.unpack(f">{ndim}I", raw[4 : 4 + 4 * ndim]))
    n = dims[0] - first if count is None else count
    row = int(np.prod(dims[1:]))
    start, size = 4 + 4 * ndim + first * row * itemsize, n * row * itemsize
    if n < 0 or start + size > len(raw):
        raise RuntimeError(
            f"Invalid file, failed to read {size} bytes from {path}: the data file is damaged or "
            "the content is incomplete."
        )
    return np.frombuffer(raw, dtype=dtype, count=n * row, offset=start).reshape([n] + dims[1:])


class QMnistDataset(_ImageRows):
    """QMNIST ``{qmnist-train,qmnist-test,xnist}-images-idx3-ubyte`` / ``-labels-idx2-int``: image uint8
    (28, 28, 1); label uint32, the class (column 0) when ``compat`` else all 8 label fields. ``usage``:
    train, test, test10k (first 10000 test rows), test50k (the rest), nist, or all (train, test, nist)."""

    _files = {
        "train": "qmnist-train",
        "test": "qmnist-test",
        "test10k": "qmnist-test",
        "test50k": "qmnist-test",
        "nist": "xnist",
    }

    def __init__(
        self,
        dataset_dir,
        usage=None,
        compat=True,
        num_samples=None,
        num_parallel_workers=None,
        shuffle=None,
        sampler=None,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        _check_bool("compat", compat)
        self.dataset_dir, self.compat = dataset_dir, compat
        self.usage = _check_usage(usage, ("train", "test", "test10k", "test50k", "nist", "all"))
        images, labels = [], []
        for u in ["train", "test", "nist"] if self.usage == "all" else [self.usage]:
            first, count = {"test10k": (0, 10000), "test50k": (10000, 50000)}.get(u, (0, None))
            prefix = os.path.join(dataset_dir, self._files[u])
            images.append(
                _read_idx_file(prefix + "-images-idx3-ubyte", 2051, 1, np.uint8, "image", first, count)
            )
            labels.append(_read_idx_file(prefix + "-labels-idx2-int", 3074, 4, ">i4", "label", first, count))
        self._images = np.concatenate(images)
        lab = np.concatenate(labels).astype(np.uint32)
        self._labels = lab[:, 0] if compat else lab
        self._items = range(len(self._images))
        self._finish(["image", "label"], self._labels if compat else None, locals())

    def _row(self, i):
        return [self._images[i][..., None].copy(), np.array(self._labels[i], dtype=np.uint32)]


# ------------------------------------------------------------------ Flowers102
_FLOWERS102_CLASSES = [
    "pink primrose",
    "hard-leaved pocket orchid",
    "canterbury bells",
    "sweet pea",
    "english marigold",
    "tiger lily",
    "moon orchid",
    "bird of paradise",
    "monkshood",
    "globe thistle",
    "snapdragon",
    "colt's foot",
    "king protea",
    "spear thistle",
    "yellow iris",
    "globe-flower",
    "purple coneflower",
    "peruvian lily",
    "balloon flower",
    "giant white arum lily",
    "fire lily",
    "pincushion flower",
    "fritillary",
    "red ginger",
    "grape hyacinth",
    "corn poppy",
    "prince of wales feathers",
    "stemless gentian",
    "artichoke",
    "sweet william",
    "carnation",
    "garden phlox",
    "love in the mist",
    "mexican aster",
    "alpine sea holly",
    "ruby-lipped cattleya",
    "cape flower",
    "great masterwort",
    "siam tulip",
    "lenten rose",
    "barbeton daisy",
    "daffodil",
    "sword lily",
    "poinsettia",
    "bolero deep blue",
    "wallflower",
    "marigold",
    "buttercup",
    "oxeye daisy",
    "common dandelion",
    "petunia",
    "wild pansy",
    "primula",
    "sunflower",
    "pelargonium",
    "bishop of llandaff",
    "gaura",
    "geranium",
    "orange dahlia",
    "pink-yellow dahlia?",
    "cautleya spicata",
    "japanese anemone",
    "black-eyed susan",
    "silverbush",
    "californian poppy",
    "osteospermum",
    "spring crocus",
    "bearded iris",
    "windflower",
    "tree poppy",
    "gazania",
    "azalea",
    "water lily",
    "rose",
    "thorn apple",
    "morning glory",
    "passion flower",
    "lotus",
    "toad lily",
    "anthurium",
    "frangipani",
    "clematis",
    "hibiscus",
    "columbine",
    "desert-rose",
    "tree mallow",
    "magnolia",
    "cyclamen",
    "watercress",
    "canna lily",
    "hippeastrum",
    "bee balm",
    "ball moss",
    "foxglove",
    "bougainvillea",
    "camellia",
    "mallow",
    "mexican petunia",
    "bromelia",
    "blanket flower",
    "trumpet creeper",
    "blackberry lily",
]


class _Flowers102Source:
    def __init__(self, dataset_dir, task, usage, decode):
        import scipy.io

        self.dir, self.task, self.decode = os.path.realpath(dataset_dir), task, decode
        self.column_names = (
            ["image", "label"] if task == "Classification" else ["image", "segmentation", "label"]
        )
        self.labels = (scipy.io.loadmat(os.path.join(self.dir, "imagelabels.mat"))["labels"][0] - 1).astype(
            np.uint32
        )
        setid = scipy.io.loadmat(os.path.join(self.dir, "setid.mat"))
        keys = {"train": ["trnid"], "test": ["tstid"], "valid": ["valid"], "all": ["trnid", "tstid", "valid"]}
        self.indices = [int(i) for k in keys[usage] for i in setid[k][0]]

    def __len__(self):
        return len(self.indices)

    def __getitem__(self, k):
        i = self.indices[k]
        path = os.path.join(self.dir, "jpg", f"image_{i:05d}.jpg")
        if not os.path.exists(path):
            raise RuntimeError("Can not find image file: " + path)
        image, label = _read_image(path, self.decode), self.labels[i - 1]
        if self.task == "Segmentation":
            seg = os.path.join(self.dir, "segmim", f"segmim_{i:05d}.jpg")
            if not os.path.exists(seg):
                raise RuntimeError("Can not find segmentation file: " + seg)
            return image, _read_image(seg, self.decode), label
        return image, label


class Flowers102Dataset(GeneratorDataset):
    """Oxford Flowers-102 (``jpg/image_NNNNN.jpg``, ``imagelabels.mat``, ``setid.mat``, ``segmim/``): columns
    image, [segmentation,] label (uint32, 0-based). ``usage`` train/valid/test or all (train, test, valid)."""

    def __init__(
        self,
        dataset_dir,
        task="Classification",
        usage="all",
        num_samples=None,
        num_parallel_workers=1,
        shuffle=None,
        decode=False,
        sampler=None,
        num_shards=None,
        shard_id=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir = dataset_dir
        self.task = _check_choice("task", task, ("Classification", "Segmentation"))
        self.usage = _check_choice(
            "usage", "all" if usage is None else usage, ("train", "valid", "test", "all")
        )
        self.decode = bool(decode)
        src = _Flowers102Source(dataset_dir, self.task, self.usage, self.decode)
        super().__init__(src, column_names=src.column_names, **_source_args(locals(), _GENERATOR_ARGS))

    def get_class_indexing(self):
        return {c: i for i, c in enumerate(_FLOWERS102_CLASSES)}


# ------------------------------------------------------------------ Food101 / SBU / Places365 / SUN397
class Food101Dataset(_ImageRows):
    """Food-101 ``images/<class>/<id>.jpg`` listed by ``meta/{train,test}.txt``: columns image and label
    (the class name, a string). ``all`` reads train then test."""

    def __init__(
        self,
        dataset_dir,
        usage=None,
        num_samples=None,
        num_parallel_workers=None,
        shuffle=None,
        decode=False,
        sampler=None,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir, self.decode = dataset_dir, decode
        self.usage = _check_usage(usage, ("train", "test", "all"))
        self._items = []
        for u in ["train", "test"] if self.usage == "all" else [self.usage]:
            for ln in _read_lines(os.path.join(dataset_dir, "meta", f"{u}.txt"), "Food101"):
                if ln.strip():
                    self._items.append(
                        (os.path.join(dataset_dir, "images", ln.strip() + ".jpg"), ln.split("/")[0])
                    )
        self._finish(["image", "label"], None, locals())

    def _row(self, item):
        return [self._img(item[0]), np.array(item[1])]


class SBUDataset(_ImageRows):
    """SBU captioned photos: ``SBU_captioned_photo_dataset_{urls,captions}.txt`` and ``sbu_images/`` (file
    ``url[23:]`` with '/' -> '_'); rows whose image is missing are left out. Columns image and caption
    (string, trailing whitespace stripped)."""

    def __init__(
        self,
        dataset_dir,
        num_samples=None,
        num_parallel_workers=None,
        shuffle=None,
        decode=False,
        sampler=None,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir, self.decode = dataset_dir, decode
        urls = _read_lines(os.path.join(dataset_dir, "SBU_captioned_photo_dataset_urls.txt"), "SBU")
        caps = _read_lines(os.path.join(dataset_dir, "SBU_captioned_photo_dataset_captions.txt"), "SBU")
        img_dir = os.path.join(dataset_dir, "sbu_images")
        self._items = []
        for u, c in zip(urls, caps):
            p = os.path.join(img_dir, u.strip()[23:].replace("/", "_"))
            if u.strip() and os.path.isfile(p):
                self._items.append((p, c.rstrip()))
        if not self._items:
            raise RuntimeError(f"Invalid data, no valid images in {img_dir}, check SBU dataset.")
        self._finish(["image", "caption"], None, locals())

    def _row(self, item):
        return [self._img(item[0]), np.array(item[1])]


class Places365Dataset(_ImageRows):
    """Places365: ``places365_train_{standard,challenge}.txt`` / ``places365_val.txt`` list ``path label``;
    images under ``data_{256,large}_{standard,challenge}/`` or ``val_{256,large}/`` (``small`` picks 256).
    Columns image and label (uint32)."""

    def __init__(
        self,
        dataset_dir,
        usage=None,
        small=True,
        decode=False,
        num_samples=None,
        num_parallel_workers=None,
        shuffle=None,
        sampler=None,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir, self.decode, self.small = dataset_dir, decode, small
        self.usage = _check_choice(
            "usage",
            "train-standard" if usage is None else usage,
            ("train-standard", "train-challenge", "val"),
        )
        size = "256" if small else "large"
        if self.usage == "val":
            listing, img_dir = "places365_val.txt", f"val_{size}"
        else:
            kind = self.usage.split("-")[1]
            listing, img_dir = f"places365_train_{kind}.txt", f"data_{size}_{kind}"
        self._items = []
        for ln in _read_lines(os.path.join(dataset_dir, listing), "Places365"):
            parts = ln.split()
            if len(parts) >= 2:
                self._items.append((os.path.join(dataset_dir, img_dir, parts[0].lstrip("/")), int(parts[1])))
        self._finish(["image", "label"], [it[1] for it in self._items], locals())

    def _row(self, item):
        return [self._img(item[0]), np.array(item[1], dtype=np.uint32)]


class SUN397Dataset(_ImageRows):
    """SUN397: classes listed in ``ClassName.txt`` (``/a/abbey``), images ``<class>/*.jpg`` in sorted order.
    Columns image and label (uint32: the class's line in ClassName.txt)."""

    def __init__(
        self,
        dataset_dir,
        num_samples=None,
        num_parallel_workers=None,
        shuffle=None,
        decode=False,
        sampler=None,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir, self.decode = dataset_dir, decode
        classes = [
            c.strip() for c in _read_lines(os.path.join(dataset_dir, "ClassName.txt"), "SUN397") if c.strip()
        ]
        self._items = []
        for i, c in enumerate(classes):
            folder = os.path.join(dataset_dir, c.lstrip("/"))
            if os.path.isdir(folder):
                self._items += [(os.path.join(folder, f), i) for f in _sorted_files(folder)]
        self._finish(["image", "label"], [it[1] for it in self._items], locals())

    def _row(self, item):
        return [self._img(item[0]), np.array(item[1], dtype=np.uint32)]


# ------------------------------------------------------------------ folder-per-class sets
class OmniglotDataset(_ImageRows):
    """Omniglot ``images_background/`` (``background=True``, default) or ``images_evaluation/``, laid out
    ``<alphabet>/<character>/*.png``: columns image and label (int32: the character folder's index over
    alphabets and characters in sorted order)."""

    def __init__(
        self,
        dataset_dir,
        background=None,
        num_samples=None,
        num_parallel_workers=None,
        shuffle=None,
        decode=False,
        sampler=None,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir, self.decode = dataset_dir, decode
        self.background = True if background is None else background
        root = os.path.join(dataset_dir, "images_background" if self.background else "images_evaluation")
        self._items, label = [], 0
        for a in _sorted_dirs(root):
            for c in _sorted_dirs(os.path.join(root, a)):
                folder = os.path.join(root, a, c)
                self._items += [(os.path.join(folder, f), label) for f in _sorted_files(folder)]
                label += 1
        self._finish(["image", "label"], [it[1] for it in self._items], locals())

    def _row(self, item):
        return [self._img(item[0]), np.array(item[1], dtype=np.int32)]


class RenderedSST2Dataset(_ImageRows):
    """Rendered SST-2 ``{train,valid,test}/{negative,positive}/*.png``: columns image and label (uint32:
    negative 0, positive 1). ``usage`` train, val (folder ``valid``), test, or all (test, train, valid)."""

    def __init__(
        self,
        dataset_dir,
        usage=None,
        num_samples=None,
        num_parallel_workers=None,
        shuffle=None,
        decode=False,
        sampler=None,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir, self.decode = dataset_dir, decode
        self.usage = _check_usage(usage, ("val", "all", "train", "test"))
        self._items = []
        for u in ["test", "train", "valid"] if self.usage == "all" else [self.usage]:
            if u == "val":
                u = "valid" if os.path.isdir(os.path.join(dataset_dir, "valid")) else "val"
            for i, lab in enumerate(("negative", "positive")):
                folder = os.path.join(dataset_dir, u, lab)
                if os.path.isdir(folder):
                    self._items += [(os.path.join(folder, f), i) for f in _sorted_files(folder)]
        self._finish(["image", "label"], [it[1] for it in self._items], locals())

    def _row(self, item):
        return [self._img(item[0]), np.array(item[1], dtype=np.uint32)]


# ------------------------------------------------------------------ DIV2K / Flickr / KITTI / LFW
class DIV2KDataset(_ImageRows):
    """DIV2K ``DIV2K_{usage}_HR/NNNN.png`` paired with its low-resolution image for ``downgrade``
    (bicubic/unknown: ``..._LR_{downgrade}/X{scale}/NNNNx{scale}.png``; mild/difficult/wild:
    ``..._LR_{downgrade}/NNNNx4{m,d,w}.png``; bicubic with scale 8: ``..._LR_x8/NNNNx8.png``).
    Columns hr_image and lr_image. ``all`` reads train then valid."""

    def __init__(
        self,
        dataset_dir,
        usage="train",
        downgrade="bicubic",
        scale=2,
        num_samples=None,
        num_parallel_workers=None,
        shuffle=None,
        decode=None,
        sampler=None,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir, self.decode = dataset_dir, bool(decode)
        self.usage = _check_choice("usage", usage, ("train", "valid", "all"))
        self.downgrade = _check_choice(
            "downgrade", downgrade, ("bicubic", "unknown", "mild", "difficult", "wild")
        )
        if scale not in (2, 3, 4, 8):
            raise ValueError("Input scale is not within the valid set of [2, 3, 4, 8].")
        if scale == 8 and downgrade != "bicubic":
            raise ValueError("DIV2KNode: scale equal to 8 is allowed only in bicubic downgrade.")
        if downgrade in ("mild", "difficult", "wild") and scale != 4:
            raise ValueError(f"DIV2KNode: {downgrade} downgrade requires scale equal to 4.")
        self.scale = scale
        self._items = []
        for u in ["train", "valid"] if self.usage == "all" else [self.usage]:
            hr_dir = os.path.join(dataset_dir, f"DIV2K_{u}_HR")
            if scale == 8:
                lr_dir, suffix = os.path.join(dataset_dir, f"DIV2K_{u}_LR_x8"), "x8"
            elif downgrade in ("bicubic", "unknown"):
                lr_dir, suffix = (
                    os.path.join(dataset_dir, f"DIV2K_{u}_LR_{downgrade}", f"X{scale}"),
                    f"x{scale}",
                )
            else:
                lr_dir, suffix = os.path.join(dataset_dir, f"DIV2K_{u}_LR_{downgrade}"), "x4" + downgrade[0]
            for f in _sorted_files(hr_dir, (".png",)):
                stem = os.path.splitext(f)[0]
                lr = os.path.join(lr_dir, f"{stem}{suffix}.png")
                if not os.path.isfile(lr):
                    raise RuntimeError(f"Invalid file, {lr} does not exist.")
                self._items.append((os.path.join(hr_dir, f), lr))
        self._finish(["hr_image", "lr_image"], None, locals())

    def _row(self, item):
        return [self._img(item[0]), self._img(item[1])]


class FlickrDataset(_ImageRows):
    """Flickr8k / Flickr30k: ``annotation_file`` lines ``<image>#<k><TAB><caption>``; one row per image in
    sorted image-name order, columns image and annotation (1-D strings, the image's captions)."""

    def __init__(
        self,
        dataset_dir,
        annotation_file,
        num_samples=None,
        num_parallel_workers=None,
        shuffle=None,
        decode=None,
        sampler=None,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        if not os.path.isfile(annotation_file):
            raise ValueError(f"The file {annotation_file} does not exist or permission denied!")
        self.dataset_dir, self.annotation_file, self.decode = dataset_dir, annotation_file, bool(decode)
        caps = {}
        for ln in _read_lines(annotation_file, "Flickr"):
            if "\t" not in ln:
                continue
            key, cap = ln.split("\t", 1)
            caps.setdefault(key.split("#")[0], []).append(cap)
        self._items = [(os.path.join(dataset_dir, k), caps[k]) for k in sorted(caps)]
        self._finish(["image", "annotation"], None, locals())

    def _row(self, item):
        return [self._img(item[0]), np.array(item[1])]


class KITTIDataset(_ImageRows):
    """KITTI object detection: ``data_object_image_2/{training,testing}/image_2/*.png`` and, for train,
    ``data_object_label_2/training/label_2/*.txt``. Train columns: image, label (uint32 (N, 1): the class
    name's index among all class names of the label files, sorted), truncated (float32), occluded
    (uint32, -1 wraps), alpha, bbox (N, 4), dimensions (N, 3), location (N, 3), rotation_y (float32).
    Test: image only."""

    def __init__(
        self,
        dataset_dir,
        usage=None,
        num_samples=None,
        num_parallel_workers=None,
        shuffle=None,
        decode=False,
        sampler=None,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir, self.decode = dataset_dir, decode
        self.usage = _check_choice("usage", "train" if usage is None else usage, ("train", "test"))
        sub = "training" if self.usage == "train" else "testing"
        img_dir = os.path.join(dataset_dir, "data_object_image_2", sub, "image_2")
        files = _sorted_files(img_dir, (".png",))
        self._items = []
        if self.usage == "test":
            self._items = [(os.path.join(img_dir, f), None) for f in files]
            cols = ["image"]
        else:
            lab_dir = os.path.join(dataset_dir, "data_object_label_2", "training", "label_2")
            anns = []
            for f in files:
                lines = _read_lines(os.path.join(lab_dir, os.path.splitext(f)[0] + ".txt"), "KITTI")
                anns.append([ln.split() for ln in lines if ln.strip()])
            names = sorted({a[0] for ann in anns for a in ann})
            index = {n: i for i, n in enumerate(names)}
            for f, ann in zip(files, anns):
                v = np.array([[float(x) for x in a[1:15]] for a in ann], dtype=np.float64).reshape(-1, 14)
                lab = np.array([[index[a[0]]] for a in ann], dtype=np.uint32).reshape(-1, 1)
                occ = v[:, 1:2].astype(np.int64).astype(np.uint32)
                f32 = v.astype(np.float32)
                self._items.append(
                    (
                        os.path.join(img_dir, f),
                        [
                            lab,
                            f32[:, 0:1],
                            occ,
                            f32[:, 2:3],
                            f32[:, 3:7],
                            f32[:, 7:10],
                            f32[:, 10:13],
                            f32[:, 13:14],
                        ],
                    )
                )
            cols = [
                "image",
                "label",
                "truncated",
                "occluded",
                "alpha",
                "bbox",
                "dimensions",
                "location",
                "rotation_y",
            ]
        self._finish(cols, None, locals())

    def _row(self, item):
        img = self._img(item[0])
        return [img] if item[1] is None else [img] + [a.copy() for a in item[1]]


class LFWDataset(_ImageRows):
    """LFW. ``task='people'`` (default): columns image, label (uint32: the person's line in
    ``lfw-names.txt``), rows from peopleDevTrain.txt (train), peopleDevTest.txt (test), both (all) or the
    folds of people.txt (10fold). ``task='pairs'``: columns image1, image2, label (uint32: 1 same person,
    0 different), from pairsDevTrain/pairsDevTest/pairs.txt likewise. ``image_set``: original (``lfw/``),
    funneled (``lfw_funneled/``, default) or deepfunneled (``lfw-deepfunneled/``)."""

    _sets = {"original": "lfw", "funneled": "lfw_funneled", "deepfunneled": "lfw-deepfunneled"}

    def __init__(
        self,
        dataset_dir,
        task=None,
        usage=None,
        image_set=None,
        num_samples=None,
        num_parallel_workers=None,
        shuffle=None,
        decode=False,
        sampler=None,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir, self.decode = dataset_dir, decode
        self.task = _check_choice("task", "people" if task is None else task, ("people", "pairs"))
        self.usage = _check_usage(usage, ("10fold", "train", "test", "all"))
        self.image_set = _check_choice(
            "image_set", "funneled" if image_set is None else image_set, tuple(self._sets)
        )
        img_root = os.path.join(dataset_dir, self._sets[self.image_set])
        stem = "people" if self.task == "people" else "pairs"
        lists = {
            "10fold": [f"{stem}.txt"],
            "train": [f"{stem}DevTrain.txt"],
            "test": [f"{stem}DevTest.txt"],
            "all": [f"{stem}DevTrain.txt", f"{stem}DevTest.txt"],
        }[self.usage]

        def img(name, k):
            return os.path.join(img_root, name, f"{name}_{int(k):04d}.jpg")

        self._items = []
        if self.task == "people":
            names = [
                ln.split("\t")[0]
                for ln in _read_lines(os.path.join(dataset_dir, "lfw-names.txt"), "LFW")
                if ln.strip()
            ]
            index = {n: i for i, n in enumerate(names)}
            for lst in lists:
                for ln in _read_lines(os.path.join(dataset_dir, lst), "LFW"):
                    parts = ln.split("\t")
                    if len(parts) == 2:
                        self._items += [
                            ((img(parts[0], k),), index[parts[0]]) for k in range(1, int(parts[1]) + 1)
                        ]
            cols = ["image", "label"]
        else:
            for lst in lists:
                for ln in _read_lines(os.path.join(dataset_dir, lst), "LFW"):
                    parts = ln.split("\t")
                    if len(parts) == 3:
                        self._items.append(((img(parts[0], parts[1]), img(parts[0], parts[2])), 1))
                    elif len(parts) == 4:
                        self._items.append(((img(parts[0], parts[1]), img(parts[2], parts[3])), 0))
            cols = ["image1", "image2", "label"]
        self._finish(cols, [it[1] for it in self._items], locals())

    def _row(self, item):
        return [self._img(p) for p in item[0]] + [np.array(item[1], dtype=np.uint32)]


# ------------------------------------------------------------------ SBD / Cityscapes / PhotoTour
class _SBSource:
    def __init__(self, dataset_dir, task, usage, decode):
        self.task, self.decode = task, bool(decode)
        names = []
        for u in ["train", "val"] if usage == "all" else [usage]:
            path = os.path.join(dataset_dir, u + ".txt")
            if not os.path.exists(path):
                raise FileNotFoundError(f"SBDataset: {path} not found")
            with open(path, encoding="utf-8") as f:
                names += [x.strip() for x in f.readlines()]
        self.images = [os.path.join(dataset_dir, "img", n + ".jpg") for n in names]
        self.clss = [os.path.join(dataset_dir, "cls", n + ".mat") for n in names]

    def __len__(self):
        return len(self.images)

    def __getitem__(self, k):
        import scipy.io

        gt = scipy.io.loadmat(self.clss[k])["GTcls"][0][self.task][0]
        if self.task == "Boundaries":
            target = np.concatenate([gt[i][0].toarray()[None] for i in range(20)], axis=0)
        else:
            target = np.asarray(gt)
        return _read_image(self.images[k], self.decode), target


class SBDataset(GeneratorDataset):
    """Semantic Boundaries Dataset: ``{train,val,train_noval}.txt`` name lists, ``img/<name>.jpg`` and
    ``cls/<name>.mat``. Columns image and task: for 'Boundaries' (default) the 20 category boundary maps
    (float64 (20, H, W)), for 'Segmentation' the uint8 (H, W) class map. ``all`` reads train then val."""

    def __init__(
        self,
        dataset_dir,
        task="Boundaries",
        usage="all",
        num_samples=None,
        num_parallel_workers=1,
        shuffle=None,
        decode=None,
        sampler=None,
        num_shards=None,
        shard_id=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir = dataset_dir
        self.task = _check_choice(
            "task", "Boundaries" if task is None else task, ("Boundaries", "Segmentation")
        )
        self.usage = _check_choice(
            "usage", "all" if usage is None else usage, ("train", "val", "train_noval", "all")
        )
        src = _SBSource(dataset_dir, self.task, self.usage, decode)
        super().__init__(src, column_names=["image", "task"], **_source_args(locals(), _GENERATOR_ARGS))


class CityscapesDataset(_ImageRows):
    """Cityscapes ``leftImg8bit/<usage>/<city>/<stem>_leftImg8bit.png`` with ``gtFine`` (``quality_mode``
    'fine') or ``gtCoarse`` targets ``<stem>_<gt>_{instanceIds,labelIds,color}.png`` / ``_polygons.json``
    by ``task`` (instance, semantic, color, polygon). Columns image and task (the target file's bytes, or
    for 'polygon' the JSON re-serialized compactly with sorted keys). ``all`` reads train, test, val (fine)
    or train, train_extra, val (coarse); cities and files are sorted."""

    _suffix = {
        "instance": "instanceIds.png",
        "semantic": "labelIds.png",
        "color": "color.png",
        "polygon": "polygons.json",
    }

    def __init__(
        self,
        dataset_dir,
        usage="train",
        quality_mode="fine",
        task="instance",
        num_samples=None,
        num_parallel_workers=None,
        shuffle=None,
        decode=None,
        sampler=None,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir, self.decode = dataset_dir, bool(decode)
        self.quality_mode = _check_choice("quality_mode", quality_mode, ("fine", "coarse"))
        self.task = _check_choice("task", task, tuple(self._suffix))
        usages = ("train", "test", "val") if quality_mode == "fine" else ("train", "train_extra", "val")
        self.usage = _check_choice("usage", usage, usages + ("all",))
        gt = "gtFine" if quality_mode == "fine" else "gtCoarse"
        self._items = []
        for u in usages if self.usage == "all" else [self.usage]:
            img_root = os.path.join(dataset_dir, "leftImg8bit", u)
            if not os.path.isdir(img_root):
                continue
            for city in _sorted_dirs(img_root):
                for f in _sorted_files(os.path.join(img_root, city), (".png",)):
                    stem = (
                        f[: -len("_leftImg8bit.png")]
                        if f.endswith("_leftImg8bit.png")
                        else os.path.splitext(f)[0]
                    )
                    target = os.path.join(dataset_dir, gt, u, city, f"{stem}_{gt}_{self._suffix[self.task]}")
                    if os.path.isfile(target):
                        self._items.append((os.path.join(img_root, city, f), target))
        self._finish(["image", "task"], None, locals())

    def _row(self, item):
        if self.task == "polygon":
            import json

            with open(item[1], encoding="utf-8") as f:
                target = np.array(
                    json.dumps(json.load(f), separators=(",", ":"), sort_keys=True, ensure_ascii=False)
                )
        else:
            target = self._img(item[1])
        return [self._img(item[0]), target]


class PhotoTourDataset(_ImageRows):
    """Photo Tourism patches (``name``: notredame, yosemite, liberty or their ``_harris`` sets): 64x64 patches
    tiled 16x16 in ``<name>/patchesNNNN.bmp``, one per line of ``info.txt``. ``usage='train'``: column image
    (uint8 (64, 64, 1)). Otherwise rows of ``m50_100000_100000_0.txt``: columns image1, image2 and matches
    (uint32: 1 when both patches show the same 3D point)."""

    def __init__(
        self,
        dataset_dir,
        name,
        usage=None,
        num_samples=None,
        num_parallel_workers=None,
        shuffle=None,
        sampler=None,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir = dataset_dir
        self.name = _check_choice(
            "name",
            name,
            ("notredame", "yosemite", "liberty", "notredame_harris", "yosemite_harris", "liberty_harris"),
        )
        self.usage = _check_choice("usage", "train" if usage is None else usage, ("train", "test"))
        self._folder = os.path.join(dataset_dir, self.name)
        n = len([ln for ln in _read_lines(os.path.join(self._folder, "info.txt"), "PhotoTour") if ln.strip()])
        self._bmps = {}
        if self.usage == "train":
            self._items = [(k,) for k in range(n)]
            cols = ["image"]
        else:
            self._items = []
            for ln in _read_lines(os.path.join(self._folder, "m50_100000_100000_0.txt"), "PhotoTour"):
                v = ln.split()
                if len(v) >= 5:
                    self._items.append((int(v[0]), int(v[3]), int(v[1] == v[4])))
            cols = ["image1", "image2", "matches"]
        self._finish(cols, None, locals())

    def _patch(self, k):
        b = k // 256
        if b not in self._bmps:
            from PIL import Image

            with Image.open(os.path.join(self._folder, f"patches{b:04d}.bmp")) as im:
                self._bmps[b] = np.asarray(im.convert("L"))
        r, c = (k % 256) // 16, k % 16
        return self._bmps[b][r * 64 : (r + 1) * 64, c * 64 : (c + 1) * 64, None].copy()

    def _row(self, item):
        if len(item) == 1:
            return [self._patch(item[0])]
        return [self._patch(item[0]), self._patch(item[1]), np.array(item[2], dtype=np.uint32)]


__all__ = [
    "Caltech101Dataset",
    "Caltech256Dataset",
    "QMnistDataset",
    "Flowers102Dataset",
    "Food101Dataset",
    "SBUDataset",
    "Places365Dataset",
    "SUN397Dataset",
    "OmniglotDataset",
    "RenderedSST2Dataset",
    "DIV2KDataset",
    "FlickrDataset",
    "KITTIDataset",
    "LFWDataset",
    "SBDataset",
    "CityscapesDataset",
    "PhotoTourDataset",
]
