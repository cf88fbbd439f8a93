"""SentencePieceVocab and SentencePieceTokenizer over the ``sentencepiece`` library (what MindSpore links).

``sentencepiece`` is an optional dependency: ``pip install mindspore_jax[text]``.
"""

import io
import os

import numpy as np

from ..transforms.transforms import TensorOperation, _run_error
from .transforms import _strings
from .utils import SentencePieceModel, SPieceTokenizerLoadType, SPieceTokenizerOutType


def _spm():
    try:
        import sentencepiece
    except ImportError as e:
        raise ImportError(
            "SentencePieceVocab / SentencePieceTokenizer need the 'sentencepiece' package: "
            "pip install 'mindspore_jax[text]' (or pip install sentencepiece)."
        ) from e
    return sentencepiece


_MODEL_NAMES = {
    SentencePieceModel.UNIGRAM: "UNIGRAM",
    SentencePieceModel.BPE: "BPE",
    SentencePieceModel.CHAR: "CHAR",
    SentencePieceModel.WORD: "WORD",
}


def _train_args(vocab_size, character_coverage, model_type, params):
    if not isinstance(vocab_size, int) or isinstance(vocab_size, bool):
        raise TypeError(
            f"Argument vocab_size with value {vocab_size} is not of type [<class 'int'>], "
            f"but got {type(vocab_size)}."
        )
    if not isinstance(model_type, SentencePieceModel):
        raise TypeError(
            f"Argument model_type with value {model_type} is not of type "
            f"[<enum 'SentencePieceModel'>], but got {type(model_type)}."
        )
    if not isinstance(params, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in params.items()
    ):
        raise TypeError(
            f"Argument params with value {params} is not of type [<class 'dict'>] "
            f"of str to str, but got {params}."
        )
    # MindSpore passes every option as a string; character_coverage through std::to_string ("%f").
    args = {
        "vocab_size": str(vocab_size),
        "character_coverage": "%f" % character_coverage,
        "model_type": _MODEL_NAMES[model_type],
        "minloglevel": "1",
    }
    for k, v in params.items():
        if k in ("input", "vocab_size", "model_prefix", "character_coverage", "model_type"):
            continue
        args[k] = v
    args["minloglevel"] = "1"
    return args


def _train(args, **source):
    spm = _spm()
    writer = io.BytesIO()
    try:
        spm.SentencePieceTrainer.train(model_writer=writer, **source, **args)
    except RuntimeError as e:
        raise RuntimeError(f"SentencePieceVocab: {e}") from e
    v = SentencePieceVocab()
    v._model_proto = writer.getvalue()
    return v


class SentencePieceVocab:
    """A trained SentencePiece model (its serialized proto)."""

    def __init__(self):
        self._model_proto = b""

    @classmethod
    def from_dataset(cls, dataset, col_names, vocab_size, character_coverage, model_type, params):
        """Trains on the strings of ``col_names`` (one sentence per element) of ``dataset``."""
        args = _train_args(vocab_size, character_coverage, model_type, params)
        cols = [col_names] if isinstance(col_names, str) else list(col_names or [])

        def sentences():
            for row in dataset.create_dict_iterator(output_numpy=True, num_epochs=1):
                for c in cols or list(row):
                    for s in np.asarray(row[c]).reshape(-1):
                        yield s.decode() if isinstance(s, bytes) else str(s)

        return _train(args, sentence_iterator=sentences())

    @classmethod
    def from_file(cls, file_path, vocab_size, character_coverage, model_type, params):
        """Trains on the text files ``file_path`` (a list of paths)."""
        if not isinstance(file_path, list):
            raise TypeError(
                f"Argument file_path with value {file_path} is not of type [<class 'list'>], "
                f"but got {type(file_path)}."
            )
        for p in file_path:
            if not os.path.isfile(p):
                raise ValueError(f"file_path: {p} is not exist or permission denied.")
        args = _train_args(vocab_size, character_coverage, model_type, params)
        return _train(args, input=",".join(file_path))

    @classmethod
    def save_model(cls, vocab, path, filename):
        """Writes the model proto to ``path/filename``."""
        if not isinstance(vocab, SentencePieceVocab):
            raise TypeError(
                f"Argument vocab with value {vocab} is not of type [<class 'SentencePieceVocab'>]."
            )
        if not os.path.isdir(path):
            raise ValueError(f"Input path: {path} is not a valid directory.")
        full = os.path.join(os.path.realpath(path), filename)
        with open(full, "wb") as f:
            f.write(vocab._model_proto)
        os.chmod(full, 0o600)


class SentencePieceTokenizer(TensorOperation):
    """Tokenizes a scalar string with a SentencePiece model: ``mode`` is a ``SentencePieceVocab`` or the
    path of a ``.model`` file; ``out_type`` STRING gives pieces, INT gives int32 ids."""

    def __init__(self, mode, out_type):
        if not isinstance(mode, (str, SentencePieceVocab)):
            raise TypeError(
                f"Argument mode with value {mode} is not of type [<class 'str'>, "
                f"<class 'SentencePieceVocab'>], but got {type(mode)}."
            )
        if not isinstance(out_type, SPieceTokenizerOutType):
            raise TypeError(
                f"Argument out_type with value {out_type} is not of type "
                f"[<enum 'SPieceTokenizerOutType'>], but got {type(out_type)}."
            )
        if isinstance(mode, str) and not os.path.isfile(mode):
            raise ValueError(f"file_path: {mode} is not exist or permission denied.")
        self.mode, self.out_type = mode, out_type
        self.load_type = (
            SPieceTokenizerLoadType.FILE if isinstance(mode, str) else SPieceTokenizerLoadType.MODEL
        )
        self._proc = None

    def _processor(self):
        if self._proc is None:
            spm = _spm()
            proc = spm.SentencePieceProcessor()
            try:
                if isinstance(self.mode, str):
                    proc.Load(os.path.realpath(self.mode))
                else:
                    proc.LoadFromSerializedProto(self.mode._model_proto)
            except (RuntimeError, OSError) as e:
                what = (
                    "load vocab model filed." if isinstance(self.mode, str) else "parser vocab model filed."
                )
                raise _run_error("SentencePieceTokenizer", what) from e
            self._proc = proc
        return self._proc

    def __call__(self, x):
        x = _strings(x, "SentencePieceTokenizer")
        proc = self._processor()
        if x.ndim != 0:
            raise _run_error("SentencePieceTokenizer", "the input tensor should be scalar string tensor")
        s = str(x)
        if self.out_type == SPieceTokenizerOutType.STRING:
            pieces = proc.EncodeAsPieces(s)
            return np.array(pieces, dtype=str) if pieces else np.array([], dtype="<U1")
        return np.array(proc.EncodeAsIds(s), dtype=np.int32)

    def __getstate__(self):
        d = dict(self.__dict__)
        d["_proc"] = None
        return d


__all__ = ["SentencePieceTokenizer", "SentencePieceVocab"]
