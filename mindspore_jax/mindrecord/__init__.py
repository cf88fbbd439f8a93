"""``mindspore.mindrecord``: MindRecord files (FileWriter, FileReader, MindPage).

Files are written in MindSpore's own layout (data file plus ``.db`` SQLite index), see
``_format.py``; ``mindspore.dataset.MindDataset`` reads them.
"""

from ._io import (FAILED, SUCCESS, FileReader, FileWriter, MindPage, MindRecordException,  # noqa: F401
                  MRMCommitError, MRMDefineIndexError, MRMInvalidSchemaError, MRMOpenError,
                  MRMValidateDataError, MSRStatus, ParamTypeError, ParamValueError)


def _converter(name):
    class _ToMR:
        def __init__(self, *args, **kwargs):
            raise NotImplementedError(
                f"mindspore_jax: mindrecord.{name} is not implemented; write the rows with "
                "mindrecord.FileWriter (add_schema / write_raw_data / commit) instead.")

    _ToMR.__name__ = _ToMR.__qualname__ = name
    return _ToMR


Cifar10ToMR = _converter("Cifar10ToMR")
Cifar100ToMR = _converter("Cifar100ToMR")
CsvToMR = _converter("CsvToMR")
ImageNetToMR = _converter("ImageNetToMR")
MnistToMR = _converter("MnistToMR")
TFRecordToMR = _converter("TFRecordToMR")


def set_enc_key(enc_key):
    if enc_key is not None:
        raise NotImplementedError("mindspore_jax: encrypted MindRecord files are not supported.")


def set_enc_mode(enc_mode="AES-GCM"):
    raise NotImplementedError("mindspore_jax: encrypted MindRecord files are not supported.")


def set_dec_mode(dec_mode="AES-GCM"):
    raise NotImplementedError("mindspore_jax: encrypted MindRecord files are not supported.")


__all__ = ["FileWriter", "FileReader", "MindPage", "Cifar10ToMR", "Cifar100ToMR", "CsvToMR", "ImageNetToMR",
           "MnistToMR", "TFRecordToMR", "SUCCESS", "FAILED", "set_enc_key", "set_enc_mode", "set_dec_mode"]
