"""1.x spelling ``mindspore.nn.Accuracy`` etc.: the metric classes of ``mindspore.train.metrics``."""

from ...train.metrics import (BleuScore, ConfusionMatrix, ConfusionMatrixMetric, CosineSimilarity,  # noqa: F401
                              Dice, F1, Fbeta, HausdorffDistance, Loss, MAE, MSE, MeanSurfaceDistance,
                              Metric, OcclusionSensitivity, Perplexity, Precision, ROC, Recall,
                              RootMeanSquareDistance, Top1CategoricalAccuracy, Top5CategoricalAccuracy,
                              TopKCategoricalAccuracy, Accuracy, auc, get_metric_fn, names,
                              rearrange_inputs)

__all__ = ["Accuracy", "MAE", "MSE", "Metric", "rearrange_inputs", "Precision", "HausdorffDistance",
           "Recall", "Fbeta", "BleuScore", "CosineSimilarity", "OcclusionSensitivity", "F1", "Dice",
           "ROC", "auc", "TopKCategoricalAccuracy", "Top1CategoricalAccuracy", "Top5CategoricalAccuracy",
           "Loss", "MeanSurfaceDistance", "RootMeanSquareDistance", "Perplexity", "ConfusionMatrix",
           "ConfusionMatrixMetric", "names", "get_metric_fn"]
