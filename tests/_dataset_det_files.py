"""Tiny VOC / COCO / CelebA / WIDERFace / Manifest datasets in their on-disk formats.

Shared by tests/test_dataset_det.py and tools/make_golden_dataset_det.py (run by real MindSpore),
so the golden rows and the tests read byte-identical files. ``cases(ds, d)`` lists the loader
calls compared row by row. Pure numpy + Pillow; deterministic.
"""

import json
import os

import numpy as np


def _img(seed, h, w):
    rs = np.random.RandomState(seed)
    # smooth content: JPEG round trips stay close, decoders agree
    y, x = np.mgrid[0:h, 0:w]
    base = np.stack([x * 255 // max(w - 1, 1), y * 255 // max(h - 1, 1), (x + y) * 8 % 256], -1)
    return np.clip(base + rs.randint(-8, 9, size=(h, w, 3)), 0, 255).astype(np.uint8)


def _save(path, arr, fmt=None):
    from PIL import Image

    os.makedirs(os.path.dirname(path), exist_ok=True)
    fmt = fmt or ("PNG" if path.endswith(".png") else "JPEG")
    kw = {"quality": 95} if fmt == "JPEG" else {}
    Image.fromarray(arr).save(path, fmt, **kw)


def _write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


VOC_OBJECTS = {
    "000001": [("dog", 1.0, 2.0, 5.0, 6.0, "0", "1"), ("cat", 1, 1, 3, 4, None, None)],
    "000002": [("person", 2.5, 1.5, 7.0, 5.0, "1", "0")],
    "000003": [
        ("cat", 1.0, 1.0, 2.0, 2.0, "0", "0"),
        ("person", 0.5, 1.0, 6.0, 7.0, "0", "1"),
        ("dog", 3.0, 0.25, 7.0, 3.0, "1", "1"),
    ],
    "000004": [("dog", 1.0, 1.0, 4.0, 4.0, "0", "0")],
}


def _voc_xml(img_id, objs, h, w):
    parts = [
        f"<annotation><folder>VOC</folder><filename>{img_id}.jpg</filename>",
        f"<size><width>{w}</width><height>{h}</height><depth>3</depth></size>",
    ]
    for name, x0, y0, x1, y1, diff, trunc in objs:
        o = f"<object><name>{name}</name><pose>Left</pose>"
        if trunc is not None:
            o += f"<truncated>{trunc}</truncated>"
        if diff is not None:
            o += f"<difficult>{diff}</difficult>"
        o += f"<bndbox><xmin>{x0}</xmin><ymin>{y0}</ymin><xmax>{x1}</xmax><ymax>{y1}</ymax></bndbox></object>"
        parts.append(o)
    return "".join(parts) + "</annotation>\n"


def write_voc(d):
    from PIL import Image

    for i, (img_id, objs) in enumerate(VOC_OBJECTS.items()):
        h, w = 8 + i, 9 + 2 * i
        _save(os.path.join(d, "JPEGImages", img_id + ".jpg"), _img(10 + i, h, w))
        _write(os.path.join(d, "Annotations", img_id + ".xml"), _voc_xml(img_id, objs, h, w))
        seg = (np.arange(h * w).reshape(h, w) % 3).astype(np.uint8)
        seg[0, :] = 255
        pal = Image.fromarray(seg, mode="P")
        pal.putpalette([0, 0, 0, 128, 0, 0, 0, 128, 0] + [0] * (3 * 252) + [224, 224, 192])
        os.makedirs(os.path.join(d, "SegmentationClass"), exist_ok=True)
        pal.save(os.path.join(d, "SegmentationClass", img_id + ".png"))
    _write(os.path.join(d, "ImageSets", "Segmentation", "train.txt"), "000001\n000003\n")
    _write(os.path.join(d, "ImageSets", "Segmentation", "val.txt"), "000002\n")
    _write(os.path.join(d, "ImageSets", "Main", "train.txt"), "000001\n000002\n000003\n")
    _write(os.path.join(d, "ImageSets", "Main", "val.txt"), "000004\n")
    return d


def _coco_common():
    images = [
        {"id": 7, "file_name": "b.jpg", "height": 8, "width": 10},
        {"id": 3, "file_name": "a.jpg", "height": 9, "width": 12},
        {"id": 11, "file_name": "c.jpg", "height": 6, "width": 7},
    ]
    cats = [
        {"id": 1, "name": "person", "supercategory": "human"},
        {"id": 5, "name": "car", "supercategory": "vehicle"},
        {"id": 9, "name": "tree", "supercategory": "plant"},
    ]
    return images, cats


def write_coco(d):
    images, cats = _coco_common()
    for k, im in enumerate(images):
        _save(os.path.join(d, "images", im["file_name"]), _img(20 + k, im["height"], im["width"]))
        _save(
            os.path.join(d, "images", im["file_name"][:-4] + ".png"), _img(30 + k, im["height"], im["width"])
        )
    det = [
        {
            "id": 1,
            "image_id": 7,
            "category_id": 5,
            "iscrowd": 0,
            "bbox": [1.0, 2.0, 3.5, 4.0],
            "area": 14.0,
            "segmentation": [[1.0, 2.0, 4.5, 2.0, 4.5, 6.0]],
        },
        {
            "id": 2,
            "image_id": 3,
            "category_id": 1,
            "iscrowd": 1,
            "bbox": [0.0, 0.0, 5.0, 5.0],
            "area": 25.0,
            "segmentation": [[0.0, 0.0, 5.0, 0.0, 5.0, 5.0, 0.0, 5.0], [1.0, 1.0, 2.0, 2.0]],
        },
        {
            "id": 3,
            "image_id": 7,
            "category_id": 9,
            "iscrowd": 0,
            "bbox": [2.0, 1.0, 2.0, 2.25],
            "area": 4.5,
            "segmentation": [[2.0, 1.0, 4.0, 1.0, 4.0, 3.25, 2.0, 3.25]],
        },
        {
            "id": 4,
            "image_id": 11,
            "category_id": 5,
            "iscrowd": 0,
            "bbox": [0.5, 0.5, 1.0, 1.0],
            "area": 1.0,
            "segmentation": [[0.5, 0.5, 1.5, 0.5, 1.5, 1.5]],
        },
    ]
    _write(
        os.path.join(d, "det.json"), json.dumps({"images": images, "categories": cats, "annotations": det})
    )
    kp_cats = [{"id": 1, "name": "person", "keypoints": ["a", "b"], "skeleton": [[1, 2]]}]
    kps = [
        {
            "id": 1,
            "image_id": 7,
            "category_id": 1,
            "iscrowd": 0,
            "num_keypoints": 2,
            "bbox": [0, 0, 1, 1],
            "keypoints": [float(v) for v in range(51)],
        },
        {
            "id": 2,
            "image_id": 3,
            "category_id": 1,
            "iscrowd": 0,
            "num_keypoints": 1,
            "bbox": [0, 0, 1, 1],
            "keypoints": [float(v) * 0.5 for v in range(51)],
        },
        {
            "id": 3,
            "image_id": 7,
            "category_id": 1,
            "iscrowd": 0,
            "num_keypoints": 3,
            "bbox": [0, 0, 1, 1],
            "keypoints": [float(50 - v) for v in range(51)],
        },
        {
            "id": 4,
            "image_id": 11,
            "category_id": 1,
            "iscrowd": 0,
            "num_keypoints": 0,
            "bbox": [0, 0, 1, 1],
            "keypoints": [0.0] * 51,
        },
    ]
    _write(
        os.path.join(d, "keypoint.json"),
        json.dumps({"images": images, "categories": kp_cats, "annotations": kps}),
    )
    pan_cats = [
        {"id": 1, "name": "person", "supercategory": "human", "isthing": 1},
        {"id": 5, "name": "sky", "supercategory": "bg", "isthing": 0},
    ]
    pan_images = [dict(im) for im in images]
    pans = [
        {
            "image_id": 7,
            "file_name": "b.png",
            "segments_info": [
                {"id": 10, "category_id": 1, "iscrowd": 0, "bbox": [1, 2, 3, 4], "area": 12},
                {"id": 11, "category_id": 5, "iscrowd": 0, "bbox": [0, 0, 10, 3], "area": 30},
            ],
        },
        {
            "image_id": 3,
            "file_name": "a.png",
            "segments_info": [{"id": 12, "category_id": 5, "iscrowd": 1, "bbox": [2, 2, 2, 2], "area": 4}],
        },
        {
            "image_id": 11,
            "file_name": "c.png",
            "segments_info": [{"id": 13, "category_id": 1, "iscrowd": 0, "bbox": [0, 1, 5, 4], "area": 20}],
        },
    ]
    _write(
        os.path.join(d, "panoptic.json"),
        json.dumps({"images": pan_images, "categories": pan_cats, "annotations": pans}),
    )
    caps = [
        {"id": 1, "image_id": 7, "caption": "a car near a tree"},
        {"id": 2, "image_id": 3, "caption": "a person"},
        {"id": 3, "image_id": 7, "caption": "two things"},
        {"id": 4, "image_id": 11, "caption": "small car"},
    ]
    stuff = [
        {
            "id": 1,
            "image_id": 7,
            "category_id": 5,
            "iscrowd": 0,
            "segmentation": [[1.0, 2.0, 4.5, 2.0, 4.5, 6.0], [0.5, 0.5, 1.0, 1.0]],
        },
        {
            "id": 2,
            "image_id": 3,
            "category_id": 1,
            "iscrowd": 1,
            "segmentation": {"counts": [3, 4, 5, 6, 7, 8, 9, 1], "size": [9, 12]},
        },
        {
            "id": 3,
            "image_id": 7,
            "category_id": 9,
            "iscrowd": 0,
            "segmentation": [[2.0, 1.0, 4.0, 1.0, 4.0, 3.25, 2.0, 3.25]],
        },
    ]
    _write(
        os.path.join(d, "stuff.json"),
        json.dumps({"images": images, "categories": cats, "annotations": stuff}),
    )
    _write(os.path.join(d, "captions.json"), json.dumps({"images": images, "annotations": caps}))
    return d


CELEBA_ATTRS = ["5_o_Clock_Shadow", "Arched_Eyebrows", "Attractive", "Bald"]


def write_celeba(d):
    rows = []
    rs = np.random.RandomState(5)
    names = ["000001.jpg", "000002.jpg", "000003.jpg", "000004.jpg", "000005.png"]
    for k, n in enumerate(names):
        _save(os.path.join(d, n), _img(40 + k, 7 + k, 6))
        vals = rs.choice([-1, 1], size=len(CELEBA_ATTRS))
        rows.append(n + "  " + " ".join(f"{v:2d}" for v in vals))
    _write(
        os.path.join(d, "list_attr_celeba.txt"),
        f"{len(names)}\n" + " ".join(CELEBA_ATTRS) + "\n" + "\n".join(rows) + "\n",
    )
    parts = [0, 1, 0, 2, 1]
    _write(os.path.join(d, "list_eval_partition.txt"), "".join(f"{n} {p}\n" for n, p in zip(names, parts)))
    return d


# one image per event folder: MindSpore lists a folder's files in directory order
WIDER = {
    "train": [
        ("1--Handshaking/1_b.jpg", [[0, 0, 5, 5, 2, 1, 0, 0, 1, 0]]),
        ("0--Parade/0_a.jpg", [[1, 2, 3, 4, 0, 0, 0, 0, 0, 0], [2, 1, 2, 2, 1, 0, 1, 0, 2, 1]]),
        (
            "2--Demo/2_c.jpg",
            [[3, 3, 1, 1, 0, 0, 0, 1, 0, 0], [0, 1, 2, 3, 1, 1, 1, 0, 0, 1], [4, 0, 2, 2, 0, 0, 0, 0, 0, 0]],
        ),
    ],
    "val": [
        ("2--Demo/2_d.jpg", [[1, 1, 4, 4, 1, 0, 0, 0, 0, 0]]),
        ("0--Parade/0_e.jpg", [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]),
        ("1--Handshaking/1_f.jpg", [[2, 2, 3, 3, 0, 2, 0, 0, 1, 0]]),
    ],
}


def write_wider(d):
    k = 0
    for usage, folder in (("train", "WIDER_train"), ("val", "WIDER_val")):
        lines = []
        for name, faces in WIDER[usage]:
            _save(os.path.join(d, folder, "images", name), _img(50 + k, 8, 9))
            k += 1
            n = 0 if not any(faces[0]) else len(faces)  # WIDER writes "0" and one all-zero line
            lines += [name, str(n)] + [" ".join(str(v) for v in f) + " " for f in faces]
        _write(os.path.join(d, "wider_face_split", f"wider_face_{usage}_bbx_gt.txt"), "\n".join(lines) + "\n")
    test = ["3--Riot/3_e.jpg", "3--Riot/3_f.jpg"]
    for name in test:
        _save(os.path.join(d, "WIDER_test", "images", name), _img(50 + k, 6, 6))
        k += 1
    _write(os.path.join(d, "wider_face_split", "wider_face_test_filelist.txt"), "\n".join(test) + "\n")
    return d


def write_manifest(d):
    items = [
        ("train", "m0.jpg", ["dog"]),
        ("train", "m1.jpg", ["cat"]),
        ("eval", "m2.jpg", ["dog"]),
        ("train", "m3.jpg", ["bird", "cat"]),
        ("train", "m4.jpg", ["dog"]),
    ]
    lines = []
    for k, (usage, name, labels) in enumerate(items):
        p = os.path.join(d, "imgs", name)
        _save(p, _img(60 + k, 6, 7))
        ann = [{"type": "modelarts/image_classification", "name": lb} for lb in labels]
        lines.append(json.dumps({"source": p, "usage": usage, "annotation": ann}))
    _write(os.path.join(d, "data.manifest"), "\n".join(lines) + "\n")
    return d


def write_files(d):
    write_voc(os.path.join(d, "voc"))
    write_coco(os.path.join(d, "coco"))
    write_celeba(os.path.join(d, "celeba"))
    write_wider(os.path.join(d, "wider"))
    write_manifest(os.path.join(d, "manifest"))
    return d


def cases(ds, d):
    """name -> zero-argument dataset factory (shared with the test and the golden maker)."""
    voc = os.path.join(d, "voc")
    coco = os.path.join(d, "coco")
    ci = os.path.join(coco, "images")
    cel = os.path.join(d, "celeba")
    wid = os.path.join(d, "wider")
    man = os.path.join(d, "manifest", "data.manifest")
    return {
        "voc_seg": lambda: ds.VOCDataset(voc, task="Segmentation", usage="train", shuffle=False),
        "voc_seg_dec": lambda: ds.VOCDataset(
            voc, task="Segmentation", usage="val", decode=True, shuffle=False
        ),
        "voc_det": lambda: ds.VOCDataset(voc, task="Detection", usage="train", shuffle=False),
        "voc_det_dec": lambda: ds.VOCDataset(voc, task="Detection", usage="val", decode=True, shuffle=False),
        "voc_det_ci": lambda: ds.VOCDataset(
            voc,
            task="Detection",
            usage="train",
            shuffle=False,
            class_indexing={"cat": 4, "dog": 7, "person": 2},
        ),
        "voc_det_ci_sub": lambda: ds.VOCDataset(
            voc, task="Detection", usage="train", shuffle=False, class_indexing={"cat": 5}
        ),
        "voc_det_meta_raw": lambda: ds.VOCDataset(
            voc, task="Detection", usage="val", shuffle=False, extra_metadata=True
        ),
        "voc_det_meta": lambda: ds.VOCDataset(
            voc, task="Detection", usage="train", shuffle=False, extra_metadata=True
        ).rename("_meta-filename", "filename"),
        "voc_det_shard": lambda: ds.VOCDataset(
            voc, task="Detection", usage="train", num_shards=2, shard_id=1, shuffle=False
        ),
        "coco_det": lambda: ds.CocoDataset(
            ci, os.path.join(coco, "det.json"), task="Detection", shuffle=False
        ),
        "coco_det_dec": lambda: ds.CocoDataset(
            ci, os.path.join(coco, "det.json"), decode=True, shuffle=False
        ),
        "coco_det_meta": lambda: ds.CocoDataset(
            ci, os.path.join(coco, "det.json"), shuffle=False, extra_metadata=True
        ).rename("_meta-filename", "filename"),
        "coco_pan_meta": lambda: ds.CocoDataset(
            ci, os.path.join(coco, "panoptic.json"), task="Panoptic", shuffle=False, extra_metadata=True
        ).rename("_meta-filename", "f"),
        "coco_kp_sampler": lambda: ds.CocoDataset(
            ci, os.path.join(coco, "keypoint.json"), task="Keypoint", sampler=ds.SequentialSampler(1, 2)
        ),
        "coco_stuff": lambda: ds.CocoDataset(
            ci, os.path.join(coco, "stuff.json"), task="Stuff", shuffle=False
        ),
        "coco_kp": lambda: ds.CocoDataset(
            ci, os.path.join(coco, "keypoint.json"), task="Keypoint", shuffle=False
        ),
        "coco_pan": lambda: ds.CocoDataset(
            ci, os.path.join(coco, "panoptic.json"), task="Panoptic", shuffle=False
        ),
        "coco_cap": lambda: ds.CocoDataset(
            ci, os.path.join(coco, "captions.json"), task="Captioning", shuffle=False
        ),
        "celeba_all": lambda: ds.CelebADataset(cel, shuffle=False),
        "celeba_train": lambda: ds.CelebADataset(cel, usage="train", shuffle=False, decode=True),
        "celeba_valid": lambda: ds.CelebADataset(cel, usage="valid", shuffle=False),
        "celeba_ext": lambda: ds.CelebADataset(cel, shuffle=False, extensions=[".png"]),
        "wider_valid": lambda: ds.WIDERFaceDataset(wid, usage="valid", shuffle=False),
        "wider_train": lambda: ds.WIDERFaceDataset(wid, usage="train", shuffle=False),
        "wider_all": lambda: ds.WIDERFaceDataset(wid, shuffle=False, decode=True),
        "wider_test": lambda: ds.WIDERFaceDataset(wid, usage="test", shuffle=False),
        "manifest_train": lambda: ds.ManifestDataset(man, shuffle=False),
        "manifest_eval": lambda: ds.ManifestDataset(man, usage="eval", decode=True, shuffle=False),
        "manifest_ci": lambda: ds.ManifestDataset(
            man, shuffle=False, class_indexing={"dog": 3, "cat": 1, "bird": 0}
        ),
    }
