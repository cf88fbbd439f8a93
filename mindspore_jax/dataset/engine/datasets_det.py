"""Detection / face / attribute loaders: VOC, COCO, WIDERFace, CelebA and Manifest.

Each indexes its annotation files at construction (as MindSpore's C++ ops do when the pipeline
starts) and reads images lazily, row by row, in the order its sampler gives. Columns, dtypes,
shapes, row order and the quirks of MindSpore 2.10's readers are followed (see each class).
"""

import json
import os
import xml.etree.ElementTree as ET

import numpy as np

from .datasets import MappableDataset, VisionBaseDataset, _check_type, _pipeline_error
from ._source_args import _check_bool, _check_choice, _check_dir, _check_file


def _check_class_indexing(ci):
    if ci is None:
        return {}
    _check_type("class_indexing", ci, dict)
    return dict(ci)


def _read_image(path, decode, decrypt=None):
    """Raw file bytes (uint8 1-D), or the decoded RGB HWC uint8 image."""
    if decrypt is not None:
        raw = decrypt(path)
    else:
        try:
            with open(path, "rb") as f:
                raw = f.read()
        except OSError as e:
            raise _pipeline_error(f"Invalid file, failed to open file: {path}") from e
    data = np.frombuffer(bytes(raw), dtype=np.uint8).copy()
    if decode:
        from ..vision.transforms import Decode

        try:
            return Decode()(data)
        except RuntimeError as e:
            raise _pipeline_error(f"Invalid data, failed to decode image: {path}") from e
    return data


class _DetBase(MappableDataset, VisionBaseDataset):
    def _finish_init(self, num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id, cache):
        super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id, cache)

    def _length(self):
        return len(self._rows)


# ------------------------------------------------------------------ VOC
class VOCDataset(_DetBase):
    """Pascal VOC: ``task='Segmentation'`` gives [image, target] (uint8), ``'Detection'`` gives
    [image, bbox float32 (n, 4) as x, y, w, h, label uint32 (n, 1), difficult uint32 (n, 1),
    truncate uint32 (n, 1)].

    Image ids come from ``ImageSets/{Segmentation|Main}/<usage>.txt``. In Detection, objects whose
    name is not in ``class_indexing`` are dropped, images left without objects are dropped, and
    without ``class_indexing`` labels are the indices of the sorted object names seen. A box with a
    coordinate <= 0 is an error, as in MindSpore 2.10. ``extra_metadata`` adds ``_meta-filename``
    (the image id).
    """

    def __init__(
        self,
        dataset_dir,
        task="Segmentation",
        usage="train",
        class_indexing=None,
        num_samples=None,
        num_parallel_workers=None,
        shuffle=None,
        decode=False,
        sampler=None,
        num_shards=None,
        shard_id=None,
        cache=None,
        extra_metadata=False,
        decrypt=None,
    ):
        _check_dir(dataset_dir)
        task = _check_choice("task", "Segmentation" if task is None else task, ("Segmentation", "Detection"))
        usage = "train" if usage is None else usage
        if not isinstance(usage, str):
            raise TypeError(f"Argument usage with value {usage} is not of type [<class 'str'>].")
        ci = _check_class_indexing(class_indexing)
        if ci and task != "Detection":
            raise ValueError("class_indexing is not supported in Segmentation task.")
        sets = os.path.join(
            dataset_dir, "ImageSets", "Segmentation" if task == "Segmentation" else "Main", usage + ".txt"
        )
        if not os.path.isfile(sets):
            raise ValueError(f"Invalid usage: {usage}, file does not exist: {os.path.realpath(sets)}")
        _check_bool("decode", decode)
        _check_bool("extra_metadata", extra_metadata)
        self.dataset_dir, self.task, self.usage = dataset_dir, task, usage
        self.class_indexing, self.decode = ci, decode
        self.extra_metadata, self.decrypt = extra_metadata, decrypt
        with open(sets) as f:
            ids = [ln[:-1] if ln.endswith("\r") else ln for ln in f.read().split("\n")]
        if ids and ids[-1] == "":
            ids.pop()
        if task == "Segmentation":
            self.column_names = ["image", "target"]
            self._rows = ids
        else:
            self.column_names = ["image", "bbox", "label", "difficult", "truncate"]
            self._rows, self._ann, names = [], {}, set()
            for i in ids:
                objs = self._parse_xml(os.path.join(dataset_dir, "Annotations", i + ".xml"))
                if objs:
                    self._rows.append(i)
                    self._ann[i] = objs
                    names.update(o[0] for o in objs)
            if not self._rows:
                raise RuntimeError(
                    "Invalid data, no valid data matching the dataset API VOCDataset. Please "
                    "check file path or dataset API."
                )
            self._label_index = ci if ci else {n: k for k, n in enumerate(sorted(names))}
        if extra_metadata:
            self.column_names = self.column_names + ["_meta-filename"]
        self._finish_init(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id, cache)

    def _parse_xml(self, path):
        if not os.path.isfile(path):
            raise RuntimeError(f"Invalid file, failed to open file: {path}")
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as e:
            raise RuntimeError(f"Invalid file, failed to load xml file: {path}") from e
        objects = root.findall("object")
        if not objects:
            raise RuntimeError(f"Invalid data, no object found in {path}")

        def val(node, name):
            c = None if node is None else node.find(name)
            if c is None or c.text is None:
                return 0.0
            try:
                return float(np.float32(float(c.text.strip())))
            except ValueError:
                return 0.0

        out = []
        for obj in objects:
            n = obj.find("name")
            name = n.text if n is not None and n.text else ""
            difficult, truncated = val(obj, "difficult"), val(obj, "truncated")
            box = obj.find("bndbox")
            if box is None:
                raise RuntimeError(f"Invalid data, bndbox dismatch in {path}")
            xmin, ymin, xmax, ymax = (val(box, k) for k in ("xmin", "ymin", "xmax", "ymax"))
            if name == "" or (self.class_indexing and name not in self.class_indexing):
                continue
            if xmin <= 0 or ymin <= 0 or xmax <= xmin or ymax <= ymin:
                raise RuntimeError(
                    f"Invalid bndbox, the coordinate of bndbox in {path} should be greater than 0, "
                    f"but got {{{int(xmin)}, {int(ymin)}, {int(xmax)}, {int(ymax)}}}"
                )
            out.append((name, [xmin, ymin, xmax - xmin, ymax - ymin], difficult, truncated))
        return out

    def _read(self, index):
        i = self._rows[index]
        image = _read_image(
            os.path.join(self.dataset_dir, "JPEGImages", i + ".jpg"), self.decode, self.decrypt
        )
        if self.task == "Segmentation":
            row = [
                image,
                _read_image(
                    os.path.join(self.dataset_dir, "SegmentationClass", i + ".png"), self.decode, self.decrypt
                ),
            ]
        else:
            objs = self._ann[i]
            n = len(objs)
            row = [
                image,
                np.array([o[1] for o in objs], dtype=np.float32).reshape(n, 4),
                np.array([self._label_index[o[0]] for o in objs], dtype=np.uint32).reshape(n, 1),
                np.array([o[2] for o in objs], dtype=np.float32).astype(np.uint32).reshape(n, 1),
                np.array([o[3] for o in objs], dtype=np.float32).astype(np.uint32).reshape(n, 1),
            ]
        if self.extra_metadata:
            row.append(np.array(i))
        return row

    def get_class_indexing(self):
        if self.task != "Detection":
            raise NotImplementedError("Only 'Detection' support get_class_indexing.")
        return dict(self._label_index)


# ------------------------------------------------------------------ COCO
_COCO_COLUMNS = {
    "Detection": ["image", "bbox", "category_id", "iscrowd"],
    "Stuff": ["image", "segmentation", "iscrowd"],
    "Keypoint": ["image", "keypoints", "num_keypoints"],
    "Panoptic": ["image", "bbox", "category_id", "iscrowd", "area"],
    "Captioning": ["image", "captions"],
}


def _node(tree, name):
    if not isinstance(tree, dict) or name not in tree:
        raise RuntimeError(f"Invalid data, required node not found in JSON: {name}")
    return tree[name]


class CocoDataset(_DetBase):
    """COCO annotations (``annotation_file``) over images in ``dataset_dir``.

    Rows follow the order of the JSON ``images`` list, keeping images that have annotations.
    Columns per task: Detection [image, bbox float32 (n, 4), category_id uint32 (n, 1), iscrowd
    uint32 (n, 1)]; Stuff [image, segmentation float32 (one row per polygon, or the RLE counts of a
    crowd annotation, padded with -1), iscrowd uint32 (n, 1)]; Keypoint [image, keypoints float32
    (n, 51), num_keypoints uint32 (n, 1)]; Panoptic [image, bbox, category_id, iscrowd, area
    uint32]; Captioning [image, captions str (n, 1)]. ``extra_metadata`` adds ``_meta-filename``
    (the file name up to its first '.').
    """

    def __init__(
        self,
        dataset_dir,
        annotation_file,
        task="Detection",
        num_samples=None,
        num_parallel_workers=None,
        shuffle=None,
        decode=False,
        sampler=None,
        num_shards=None,
        shard_id=None,
        cache=None,
        extra_metadata=False,
        decrypt=None,
    ):
        _check_dir(dataset_dir)
        _check_file(annotation_file, "annotation_file")
        task = _check_choice("task", "Detection" if task is None else task, tuple(_COCO_COLUMNS))
        _check_bool("decode", decode)
        _check_bool("extra_metadata", extra_metadata)
        self.dataset_dir, self.annotation_file, self.task = dataset_dir, annotation_file, task
        self.decode, self.extra_metadata, self.decrypt = decode, extra_metadata, decrypt
        self.column_names = list(_COCO_COLUMNS[task]) + (["_meta-filename"] if extra_metadata else [])
        self._parse()
        self._finish_init(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id, cache)

    def _parse(self):
        path = self.annotation_file
        try:
            with open(path) as f:
                js = json.load(f)
        except (OSError, ValueError) as e:
            raise RuntimeError(f"Invalid file, failed to open JSON file: {path}.") from e
        images = _node(js, "images")
        if not images:
            raise RuntimeError(f'Invalid data, no "image" node found in JSON file: {path}.')
        order, index = [], {}
        for im in images:
            fn, iid = _node(im, "file_name"), _node(im, "id")
            index[iid] = fn
            order.append(fn)
        self._label_index = []
        cat_ids = set()
        if self.task in ("Detection", "Panoptic"):
            cats = _node(js, "categories")
            if not cats:
                raise RuntimeError(f"Invalid data, no categories found in annotation_path: {path}")
            for c in cats:
                if "id" not in c:
                    raise RuntimeError(f"Invalid data, no JSON id found in categories of {path}")
                info = [int(c["id"])]
                cat_ids.add(int(c["id"]))
                if "name" not in c:
                    raise RuntimeError(
                        f"Invalid data, no categories name found in categories where id: {c['id']}"
                    )
                if self.task == "Panoptic":
                    if "isthing" not in c:
                        raise RuntimeError(f"Invalid data, nothing found in categories of {path}")
                    info.append(int(c["isthing"]))
                self._label_index.append((c["name"], info))
        coords, items = {}, {}

        def check_cat(cid):
            if cid not in cat_ids:
                raise RuntimeError(
                    f"Invalid data, category_id can't find in categories where category_id: {cid}."
                )

        for ann in _node(js, "annotations"):
            iid = _node(ann, "image_id")
            if iid not in index:
                raise RuntimeError(
                    f"Invalid data, image_id: {iid} in annotation node is not found in image node "
                    "in JSON file."
                )
            fn = index[iid]
            c, it = coords.setdefault(fn, []), items.setdefault(fn, [])
            if self.task == "Detection":
                _node(ann, "id")
                bbox, cid = _node(ann, "bbox"), int(_node(ann, "category_id"))
                check_cat(cid)
                c.append(list(bbox))
                it.append((cid, int(ann.get("iscrowd", 0))))
            elif self.task == "Stuff":
                _node(ann, "id")
                crowd = int(_node(ann, "iscrowd"))
                it.append((crowd,))
                seg = _node(ann, "segmentation")
                if crowd == 0:
                    c.extend(list(p) for p in seg)
                elif crowd == 1:
                    if not isinstance(seg, dict) or "counts" not in seg:
                        raise RuntimeError(
                            f"Invalid annotation, the attribute of 'counts' is missing in "
                            f"annotation file: {path}."
                        )
                    c.append(list(seg["counts"]))
            elif self.task == "Keypoint":
                _node(ann, "id")
                if "num_keypoints" not in ann:
                    raise RuntimeError(
                        f"Invalid data, no num_keypoint found in annotation file where image_id: {ann['id']}."
                    )
                if "keypoints" not in ann:
                    raise RuntimeError(
                        f"Invalid data, no keypoint found in annotation file where image_id: {ann['id']}."
                    )
                it.append((int(ann["num_keypoints"]),))
                c.append(list(ann["keypoints"]))
            elif self.task == "Panoptic":
                if "segments_info" not in ann:
                    raise RuntimeError(
                        f"Invalid data, no segments_info found in annotation file where image_id: {iid}."
                    )
                for info in ann["segments_info"]:
                    for key in ("bbox", "category_id", "iscrowd", "area"):
                        if key not in info:
                            raise RuntimeError(
                                f"Invalid data, no {key} found in segments_info where image_id: {iid}."
                            )
                    check_cat(int(info["category_id"]))
                    c.append(list(info["bbox"]))
                    it.append((int(info["category_id"]), int(info["iscrowd"]), int(info["area"])))
            else:  # Captioning
                _node(ann, "id")
                it.append((str(_node(ann, "caption")),))
        self._rows = [fn for fn in order if fn in items and (coords.get(fn) or self.task == "Captioning")]
        self._coords, self._items = coords, items
        if not self._rows:
            raise RuntimeError(
                "Invalid data, CocoDataset API can't read the data file (interface mismatch or no "
                f"data found). Check file in directory: {self.dataset_dir}."
            )

    def _read(self, index):
        fn = self._rows[index]
        row = [_read_image(os.path.join(self.dataset_dir, fn), self.decode, self.decrypt)]
        items = self._items[fn]
        n = len(items)
        if self.task == "Captioning":
            row.append(np.array([it[0] for it in items]).reshape(n, 1))
        else:
            boxes = self._coords[fn]
            width = max(len(b) for b in boxes)
            coord = np.full((len(boxes), width), -1.0, dtype=np.float32)
            for k, b in enumerate(boxes):
                coord[k, : len(b)] = b
            row.append(coord)
            for j in range(len(items[0])):
                row.append(np.array([it[j] for it in items], dtype=np.uint32).reshape(n, 1))
        if self.extra_metadata:
            if "." not in fn:
                raise _pipeline_error(f'Invalid data, image : {fn}, should be with suffix like ".jpg"')
            row.append(np.array(fn[: fn.index(".")]))
        return row

    def get_class_indexing(self):
        """{category name: [id]} (Panoptic: [id, isthing]), in the JSON's category order."""
        if self.task not in {"Detection", "Panoptic"}:
            raise NotImplementedError("Only 'Detection' and 'Panoptic' support get_class_indexing.")
        return {name: list(info) for name, info in self._label_index}


# ------------------------------------------------------------------ WIDERFace
_WIDER_COLS = ["image", "bbox", "blur", "expression", "illumination", "occlusion", "pose", "invalid"]


class WIDERFaceDataset(_DetBase):
    """WIDER FACE: [image, bbox int32 (n, 4), blur, expression, illumination, occlusion, pose, invalid
    (int32 (n,) each, read positionally from the annotation's columns 4..9)]; usage 'test' gives
    [image] only. As MindSpore 2.10 does, event folders are visited in sorted order and, for 'all',
    the union of train's and val's folder names is looked up under both (a missing one is an error);
    files within a folder are taken in sorted name order (MindSpore: directory order), '.jpg' only.
    """

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
        usage = _check_choice("usage", "all" if usage is None else usage, ("train", "test", "valid", "all"))
        _check_bool("decode", decode)
        self.dataset_dir, self.usage, self.decode = dataset_dir, usage, decode
        self.column_names = ["image"] if usage == "test" else list(_WIDER_COLS)
        root = os.path.realpath(dataset_dir)
        folders = {k: os.path.join(root, f"WIDER_{k}", "images") for k in ("train", "val", "test")}
        split = os.path.join(root, "wider_face_split")
        self._rows, self._ann, names = [], {}, set()

        def walk(base):
            if not os.path.isdir(base):
                raise RuntimeError(f"Invalid path, failed to open WIDERFace folder: {base}")
            names.update(d for d in os.listdir(base) if os.path.isdir(os.path.join(base, d)))
            if not names:
                raise RuntimeError(f"Invalid file, no subfolder found under path: {base}")
            for d in sorted(names):
                sub = os.path.join(base, d)
                if not os.path.isdir(sub):
                    raise RuntimeError(
                        f"Invalid path, failed to open dir: {sub}, not exists or permission denied."
                    )
                self._rows += [
                    os.path.join(sub, f)
                    for f in sorted(os.listdir(sub))
                    if f.endswith(".jpg") and os.path.splitext(f)[1] == ".jpg"
                ]
            if not self._rows:
                raise RuntimeError(f"Invalid file, no .jpg file found under path: {base}")

        if usage in ("train", "all"):
            walk(folders["train"])
        if usage in ("valid", "all"):
            walk(folders["val"])
        if usage == "test":
            walk(folders["test"])
        if usage in ("train", "all"):
            self._parse(os.path.join(split, "wider_face_train_bbx_gt.txt"), folders["train"])
        if usage in ("valid", "all"):
            self._parse(os.path.join(split, "wider_face_val_bbx_gt.txt"), folders["val"])
        self._finish_init(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id, cache)

    def _parse(self, list_path, folder):
        if not os.path.isfile(list_path):
            return
        state, num, count, path, labels = "name", 0, 0, None, []
        with open(list_path) as f:
            for line in f.read().split("\n"):
                if state == "name":
                    if line == "":
                        continue
                    path, labels, count, state = os.path.join(folder, line), [], 0, "num"
                elif state == "num":
                    try:
                        num = int(line)
                    except ValueError as e:
                        raise RuntimeError(f"Invalid data, failed to read the number of bbox: {line}") from e
                    state = "box"
                    if num <= 0:  # MindSpore still consumes one (all-zero) box line
                        num = 1
                else:
                    count += 1
                    for k, s in enumerate(line.split()):
                        try:
                            labels.append(int(s))
                        except ValueError as e:
                            raise RuntimeError(
                                f"Invalid data, failed to parse the annotation {k}: {s}"
                            ) from e
                    if count >= num:
                        self._ann[path] = labels
                        state = "name"

    def _read(self, index):
        path = self._rows[index]
        row = [_read_image(path, self.decode)]
        if self.usage == "test":
            return row
        ann = self._ann.get(path, [])
        if len(ann) % 10:
            raise _pipeline_error(
                "Invalid parameter, only annotation with size multiple of eight are accepted, "
                f"but got: {len(ann)}"
            )
        a = np.array(ann, dtype=np.int32).reshape(-1, 10)
        return row + [a[:, :4].copy()] + [a[:, k].copy() for k in range(4, 10)]


# ------------------------------------------------------------------ CelebA
class CelebADataset(_DetBase):
    """CelebA from ``list_attr_celeba.txt``: [image, attr uint32 (n_attr,), 1 where the file says 1].

    ``usage`` other than 'all' pairs the i-th attribute line with the i-th line of
    ``list_eval_partition.txt`` (0 train, 1 valid, 2 test); ``extensions`` filters file names.
    """

    def __init__(
        self,
        dataset_dir,
        num_parallel_workers=None,
        shuffle=None,
        usage="all",
        sampler=None,
        decode=False,
        extensions=None,
        num_samples=None,
        num_shards=None,
        shard_id=None,
        cache=None,
        decrypt=None,
    ):
        _check_dir(dataset_dir)
        usage = _check_choice("usage", "all" if usage is None else usage, ("all", "train", "valid", "test"))
        _check_bool("decode", decode)
        self.dataset_dir, self.usage, self.decode, self.decrypt = dataset_dir, usage, decode, decrypt
        self.extensions = list(extensions) if extensions else []
        self.column_names = ["image", "attr"]
        part_path = os.path.join(os.path.realpath(dataset_dir), "list_eval_partition.txt")
        if usage != "all" and not os.path.exists(part_path):
            raise RuntimeError("Partition file can not be found when usage is not 'all'.")
        attr_path = os.path.join(dataset_dir, "list_attr_celeba.txt")
        if not os.path.isfile(attr_path):
            raise RuntimeError(f"Invalid file, get real path failed, path={attr_path}")
        with open(attr_path) as f:
            lines = f.read().split("\n")
        try:
            int(lines[0])
        except ValueError as e:
            raise RuntimeError(
                "Invalid data, failed to convert rows_num from attr_file to unsigned long, invalid "
                f"value: {lines[0]}."
            ) from e
        parts = []
        if usage != "all":
            with open(part_path) as f:
                parts = f.read().split("\n")
        want = {"train": 0, "valid": 1, "test": 2}.get(usage)
        self._rows, p = [], 0
        for line in lines[2:]:
            if not line:
                continue
            if usage != "all":
                fields = parts[p].split() if p < len(parts) else []
                p += 1
                try:
                    ok = len(fields) == 2 and int(fields[1]) == want
                except ValueError:
                    ok = False
                if not ok:
                    continue
            fields = line.split()
            if self.extensions and os.path.splitext(fields[0])[1] not in self.extensions:
                continue
            vals = []
            for s in fields[1:]:
                try:
                    vals.append(int(s))
                except ValueError as e:
                    raise RuntimeError(
                        "Invalid data, failed to convert item from attr_file to int, corresponding "
                        f"value: {s}."
                    ) from e
            self._rows.append((fields[0], vals))
        if not self._rows:
            raise RuntimeError(
                "Invalid data, CelebADataset API can't read the data file (interface mismatch or no "
                f"data found). Check file path: {dataset_dir}"
            )
        self._finish_init(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id, cache)

    def _read(self, index):
        name, vals = self._rows[index]
        image = _read_image(os.path.join(self.dataset_dir, name), self.decode, self.decrypt)
        return [image, np.squeeze(np.array([[1 if v == 1 else 0 for v in vals]], dtype=np.uint32))]


# ------------------------------------------------------------------ Manifest
class ManifestDataset(_DetBase):
    """Huawei ModelArts manifest (one JSON object per line: source, usage, annotation[].name):
    [image, label int32] (a scalar for one label, (k,) for k labels).

    Only lines of ``usage`` (case-insensitive) whose source is a JPEG/PNG/GIF/BMP are kept; labels
    not in ``class_indexing`` are dropped. Without ``class_indexing`` a label is the index of its
    name among the sorted names kept.
    """

    def __init__(
        self,
        dataset_file,
        usage="train",
        num_samples=None,
        num_parallel_workers=None,
        shuffle=None,
        sampler=None,
        class_indexing=None,
        decode=False,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        _check_file(dataset_file, "dataset_file")
        usage = _check_choice("usage", "train" if usage is None else usage, ("train", "eval", "inference"))
        ci = _check_class_indexing(class_indexing)
        _check_bool("decode", decode)
        self.dataset_file, self.usage, self.class_indexing, self.decode = dataset_file, usage, ci, decode
        self.column_names = ["image", "label"]
        self._rows, names = [], set()
        with open(dataset_file) as f:
            lines = f.read().split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for no, line in enumerate(lines, 1):
            try:
                js = json.loads(line)
            except ValueError as e:
                raise RuntimeError(f"Invalid file, failed to parse manifest file: {dataset_file}") from e
            src = js.get("source", "")
            if not src:
                raise RuntimeError(
                    f"Invalid data, 'source' is not found in Manifest file: {dataset_file} at line {no}"
                )
            if not self._is_image(src):
                continue
            use = js.get("usage", "")
            if not use:
                raise RuntimeError(
                    f"Invalid data, 'usage' is not found in Manifest file: {dataset_file} at line {no}"
                )
            if use.lower() != usage:
                continue
            labels = []
            for ann in js.get("annotation", []):
                name = ann.get("name", "")
                if not name:
                    raise RuntimeError(
                        f"Invalid data, 'name' of label is not found in Manifest file: {dataset_file} "
                        f"at line {no}"
                    )
                if not ci or name in ci:
                    names.add(name)
                    labels.append(name)
            if labels:
                self._rows.append((src, labels))
        if not self._rows:
            raise RuntimeError(
                "Invalid data, ManifestDataset API can't read the data file (interface mismatch or no "
                f"data found). Check file path: {dataset_file}"
            )
        self._label_index = {n: (ci[n] if ci else k) for k, n in enumerate(sorted(names))}
        self._finish_init(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id, cache)

    @staticmethod
    def _is_image(path):
        try:
            with open(path, "rb") as f:
                head = f.read(3)
        except OSError as e:
            raise RuntimeError(f"Invalid file, get real path failed, path={path}") from e
        if len(head) < 3:
            raise RuntimeError(f"Invalid data, failed to read image file: {path}")
        return head == b"\xff\xd8\xff" or head == b"\x89PN" or head == b"GIF" or head[:2] == b"BM"

    def _read(self, index):
        src, labels = self._rows[index]
        lab = np.array([self._label_index[n] for n in labels], dtype=np.int32)
        return [_read_image(src, self.decode), lab.reshape(()) if len(lab) == 1 else lab]

    def get_class_indexing(self):
        return dict(self._label_index)

    def num_classes(self):
        return len(self._label_index)


__all__ = ["CelebADataset", "CocoDataset", "ManifestDataset", "VOCDataset", "WIDERFaceDataset"]
