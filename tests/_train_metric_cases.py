"""Metric cases shared by tools/make_golden_train.py (real MindSpore) and tests/test_metrics.py.

``make_inputs()`` builds the numpy inputs; ``cases(M, T, inp)`` lists (name, metric, updates,
eval kwargs) for a metrics module ``M`` and Tensor class ``T``.
"""

import numpy as np


def make_inputs():
    rng = np.random.RandomState(7)
    logits = rng.randn(12, 4).astype(np.float32)
    labels = rng.randint(0, 4, 12).astype(np.int32)
    labels[:4] = [0, 1, 2, 3]
    probs = np.abs(rng.rand(6, 5)).astype(np.float32)
    probs = probs / probs.sum(1, keepdims=True)
    plabels = rng.randint(0, 5, 6).astype(np.int32)
    plabels[2] = 3
    return dict(
        logits=logits, labels=labels, onehot=np.eye(4, dtype=np.float32)[labels],
        ml_pred=(rng.rand(6, 3) > 0.5).astype(np.float32), ml_y=(rng.rand(6, 3) > 0.5).astype(np.float32),
        reg_p=rng.randn(10, 3).astype(np.float32), reg_y=rng.randn(10, 3).astype(np.float32),
        seg_p=(rng.rand(10, 10) > 0.6).astype(np.float32), seg_y=(rng.rand(10, 10) > 0.6).astype(np.float32),
        bin_p=rng.rand(20).astype(np.float32), bin_y=rng.randint(0, 2, 20).astype(np.int32),
        probs=probs, plabels=plabels, cos_in=rng.randn(5, 4).astype(np.float32),
        cm_pred=(rng.rand(3, 2, 4, 4) > 0.5).astype(np.float32),
        cm_y=(rng.rand(3, 2, 4, 4) > 0.5).astype(np.float32),
        losses=[np.float32(0.5), np.array([0.25, 0.75], np.float32), np.float32(1.5)])


CAND = [["the", "cat", "sat", "on", "the", "mat"], ["a", "dog", "is", "here", "now"]]
REFS = [[["the", "cat", "is", "on", "the", "mat"], ["there", "is", "a", "cat", "on", "the", "mat"]],
        [["a", "dog", "is", "here"], ["the", "dog", "is", "here", "now", "too"]]]


def cases(M, T, i):
    lg, lb = i["logits"], i["labels"]
    half = [(T(lg[:6]), T(lb[:6])), (T(lg[6:]), T(lb[6:]))]
    avg = {"average": True}
    seg = (T(i["seg_p"]), T(i["seg_y"]), 1)
    cm = (T(i["cm_pred"]), T(i["cm_y"]))
    c = [
        ("accuracy", M.Accuracy(), half, None),
        ("accuracy_onehot", M.Accuracy(), [(T(lg), T(i["onehot"]))], None),
        ("accuracy_multilabel", M.Accuracy("multilabel"), [(T(i["ml_pred"]), T(i["ml_y"]))], None),
        ("loss", M.Loss(), [(T(x),) for x in i["losses"]], None),
        ("precision", M.Precision(), half, None),
        ("precision_avg", M.Precision(), half, avg),
        ("precision_multilabel", M.Precision("multilabel"), [(T(i["ml_pred"]), T(i["ml_y"]))], None),
        ("precision_multilabel_avg", M.Precision("multilabel"), [(T(i["ml_pred"]), T(i["ml_y"]))], avg),
        ("recall", M.Recall(), half, None),
        ("recall_avg", M.Recall(), half, avg),
        ("recall_multilabel", M.Recall("multilabel"), [(T(i["ml_pred"]), T(i["ml_y"]))], None),
        ("f1", M.F1(), half, None),
        ("fbeta_half_avg", M.Fbeta(0.5), half, avg),
        ("mae", M.MAE(), [(T(i["reg_p"]), T(i["reg_y"]))], None),
        ("mse", M.MSE(), [(T(i["reg_p"][:5]), T(i["reg_y"][:5])), (T(i["reg_p"][5:]), T(i["reg_y"][5:]))],
         None),
        ("top2", M.TopKCategoricalAccuracy(2), [(T(lg), T(lb))], None),
        ("top1", M.Top1CategoricalAccuracy(), [(T(lg), T(lb))], None),
        ("top5", M.Top5CategoricalAccuracy(), [(T(np.tile(lg, (1, 2))), T(lb))], None),
        ("confusion_binary", M.ConfusionMatrix(2, threshold=0.6), [(T(i["bin_p"]), T(i["bin_y"]))], None),
        ("cmm_calc_mean", M.ConfusionMatrixMetric(metric_name="tnr", calculation_method=True), [cm], None),
        ("cmm_calc_noskip", M.ConfusionMatrixMetric(skip_channel=False, metric_name="fpr",
                                                    calculation_method=True, decrease="mean"), [cm], None),
        ("dice", M.Dice(), [(T(i["seg_p"][None]), T(i["seg_y"][None]))], None),
        ("hausdorff", M.HausdorffDistance(), [seg], None),
        ("hausdorff_p95_directed", M.HausdorffDistance(percentile=95.0, directed=True,
                                                       distance_metric="chessboard"), [seg], None),
        ("mean_surface", M.MeanSurfaceDistance(symmetric=True), [seg], None),
        ("rmsd", M.RootMeanSquareDistance(distance_metric="taxicab"), [seg], None),
        ("roc_binary", M.ROC(pos_label=1), [(T(i["bin_p"]), T(i["bin_y"]))], None),
        ("roc_multi", M.ROC(class_num=4), [(T(lg), T(lb))], None),
        ("bleu", M.BleuScore(), [(CAND, REFS)], None),
        ("bleu_smooth_2", M.BleuScore(n_gram=2, smooth=True), [(CAND, REFS)], None),
        ("perplexity", M.Perplexity(), [(T(i["probs"]), T(i["plabels"]))], None),
        ("perplexity_ignore", M.Perplexity(ignore_label=3), [(T(i["probs"]), T(i["plabels"]))], None),
        ("cosine", M.CosineSimilarity(), [(T(i["cos_in"]),)], None),
        ("cosine_dot_mean", M.CosineSimilarity(similarity="dot", reduction="mean", zero_diagonal=False),
         [(T(i["cos_in"]),)], None),
    ]
    for norm in ["no_norm", "target", "prediction", "all"]:
        c.append(("confusion_" + norm, M.ConfusionMatrix(4, normalize=norm), [(T(lg), T(lb))], None))
    for name in ["tpr", "precision", "f1", "mcc", "accuracy", "balanced_accuracy"]:
        c.append(("cmm_" + name, M.ConfusionMatrixMetric(metric_name=name), [cm], None))
    return c


def run_case(metric, updates, eval_kwargs):
    metric.clear()
    for u in updates:
        metric.update(*u)
    return metric.eval(**(eval_kwargs or {}))


def type_name(r):
    """'float', 'np:float64', 'ndarray:float32' or a list of those: what eval returned."""
    if isinstance(r, (list, tuple)):
        return [type_name(x) for x in r]
    if isinstance(r, np.ndarray):
        return "ndarray:" + str(r.dtype)
    if isinstance(r, np.generic):
        return "np:" + str(r.dtype)
    return type(r).__name__


def to_json(v):
    if isinstance(v, (list, tuple)):
        return [to_json(x) for x in v]
    a = np.asarray(v)
    if a.dtype.kind in "fc":
        return np.nan_to_num(a.astype(np.float64), nan=1e300, posinf=1e301, neginf=-1e301).tolist()
    return a.tolist()
