"""``ModelCheckpoint`` and ``CheckpointConfig``: periodic checkpoints with MindSpore's file naming.

Files are ``<prefix>-<epoch>_<step in epoch>.ckpt`` in ``directory`` (the working directory at
import time by default, as MindSpore). If checkpoints with the same prefix already exist there,
the prefix becomes ``<prefix>_1`` (then ``_2``...). At most ``keep_checkpoint_max`` files of this
prefix are kept (oldest by mtime removed first). The ``<prefix>-graph.meta`` file MindSpore also
writes (a serialized graph) is not written: there is no MindIR graph here.
"""

from __future__ import annotations

import logging
import os
import stat
import time

from .. import _check as Validator
from ._callback import Callback

_log = logging.getLogger("mindspore_jax")

_cur_dir = os.getcwd()
SAVE_DIR = _cur_dir
_info_list = ["epoch_num", "step_num"]


def _save_checkpoint(*args, **kwargs):
    try:
        from ..serialization import save_checkpoint
    except ImportError as e:  # pragma: no cover - until serialization lands
        raise RuntimeError("ModelCheckpoint needs mindspore_jax.train.serialization.save_checkpoint, "
                           f"which is not available: {e}") from e
    return save_checkpoint(*args, **kwargs)


def _make_directory(path):
    """Creates ``path`` (mode 0o700) if needed and returns its real path."""
    if not isinstance(path, str) or not path.strip():
        raise ValueError(f"The input path must be a non-empty string, but got {path!r}.")
    path = os.path.realpath(os.path.expanduser(path))
    if not os.path.exists(path):
        try:
            os.makedirs(path, mode=0o700, exist_ok=True)
        except OSError as e:
            raise TypeError(f"No write permission on the directory '{path}'.") from e
    return path


def _chg_ckpt_file_name_if_same_exist(directory, prefix, exception=False):
    """The '_N' suffix rule: ``prefix`` gets ``_<max existing suffix + 1>`` if files already use it."""
    if callable(prefix) or callable(directory):
        return prefix
    files = os.listdir(directory)
    suffix_num = 0
    pre_len = len(prefix)
    for filename in files:
        name_ext = os.path.splitext(filename)
        if exception and filename[-16:] != "_breakpoint.ckpt":
            continue
        if not exception and (name_ext[-1] not in (".ckpt", ".safetensors")
                              or filename[-16:] == "_breakpoint.ckpt"):
            continue
        if filename.find(prefix) == 0 and not filename[pre_len].isalpha():
            index = filename[pre_len:].find("-")
            if index == 0:
                suffix_num = max(suffix_num, 1)
            elif index != -1:
                num = filename[pre_len + 1:pre_len + index]
                if num.isdigit():
                    suffix_num = max(suffix_num, int(num) + 1)
    if suffix_num != 0:
        prefix = f'{prefix}_{suffix_num}'
    return prefix


def _check_async_save(async_save):
    if isinstance(async_save, bool):
        return async_save
    if async_save in ("thread", "process"):
        return async_save
    raise ValueError("For 'CheckpointConfig', the 'async_save' must be bool, 'thread' or 'process', "
                     f"but got {async_save!r}.")


class CheckpointConfig:
    """When to save checkpoints and how many to keep (MindSpore's arguments and checks)."""

    def __init__(self, save_checkpoint_steps=1, save_checkpoint_seconds=0, keep_checkpoint_max=5,
                 keep_checkpoint_per_n_minutes=0, integrated_save=True, async_save=False,
                 saved_network=None, append_info=None, enc_key=None, enc_mode='AES-GCM',
                 exception_save=False, crc_check=False, remove_redundancy=False, format="ckpt",
                 **kwargs):
        from ...nn.cell import Cell

        if save_checkpoint_steps is not None:
            save_checkpoint_steps = Validator.check_non_negative_int(save_checkpoint_steps)
        if save_checkpoint_seconds is not None:
            save_checkpoint_seconds = Validator.check_non_negative_int(save_checkpoint_seconds)
        if keep_checkpoint_max is not None:
            keep_checkpoint_max = Validator.check_non_negative_int(keep_checkpoint_max)
        if keep_checkpoint_per_n_minutes is not None:
            keep_checkpoint_per_n_minutes = Validator.check_non_negative_int(keep_checkpoint_per_n_minutes)
        if saved_network is not None and not isinstance(saved_network, Cell):
            raise TypeError("For 'CheckpointConfig', the type of 'saved_network' must be None or Cell, "
                            f"but got {str(type(saved_network))}.")
        if not save_checkpoint_steps and not save_checkpoint_seconds and \
                not keep_checkpoint_max and not keep_checkpoint_per_n_minutes:
            raise ValueError("For 'CheckpointConfig', the input arguments 'save_checkpoint_steps', "
                             "'save_checkpoint_seconds', "
                             "'keep_checkpoint_max' and 'keep_checkpoint_per_n_minutes' can't be all None "
                             "or 0.")
        self.exception_save = Validator.check_bool(exception_save)

        self._save_checkpoint_steps = save_checkpoint_steps
        self._save_checkpoint_seconds = save_checkpoint_seconds
        if self._save_checkpoint_steps and self._save_checkpoint_steps > 0:
            self._save_checkpoint_seconds = None

        self._keep_checkpoint_max = keep_checkpoint_max
        self._keep_checkpoint_per_n_minutes = keep_checkpoint_per_n_minutes
        if self._keep_checkpoint_max and self._keep_checkpoint_max > 0:
            self._keep_checkpoint_per_n_minutes = None
        elif not self._keep_checkpoint_per_n_minutes or self._keep_checkpoint_per_n_minutes == 0:
            self._keep_checkpoint_max = 1

        self._integrated_save = Validator.check_bool(integrated_save)
        self._async_save = _check_async_save(async_save)
        self._saved_network = saved_network
        self._append_dict = self._handle_append_info(append_info)
        if enc_key is not None and not isinstance(enc_key, bytes):
            raise TypeError(f"For 'CheckpointConfig', the 'enc_key' must be None or bytes, but got "
                            f"{type(enc_key).__name__}.")
        self._enc_key = enc_key
        self._enc_mode = Validator.check_value_type('enc_mode', enc_mode, [str])
        self._crc_check = Validator.check_value_type('crc_check', crc_check, [bool])
        self._format = Validator.check_value_type('format', format, [str])
        self._map_param_inc = kwargs.get('incremental', False)
        self.enable_redundance = kwargs.get('enable_redundance', False)
        self.remove_redundancy = Validator.check_value_type('remove_redundancy', remove_redundancy, [bool])
        if format == "safetensors" and (enc_key is not None or enc_mode != "AES-GCM" or crc_check
                                        or exception_save or self._map_param_inc):
            raise ValueError("For 'save_checkpoint', when format is 'safetensors', other param must be "
                             "default.")

    save_checkpoint_steps = property(lambda self: self._save_checkpoint_steps)
    save_checkpoint_seconds = property(lambda self: self._save_checkpoint_seconds)
    keep_checkpoint_max = property(lambda self: self._keep_checkpoint_max)
    keep_checkpoint_per_n_minutes = property(lambda self: self._keep_checkpoint_per_n_minutes)
    integrated_save = property(lambda self: self._integrated_save)
    async_save = property(lambda self: self._async_save)
    saved_network = property(lambda self: self._saved_network)
    enc_key = property(lambda self: self._enc_key)
    enc_mode = property(lambda self: self._enc_mode)
    crc_check = property(lambda self: self._crc_check)
    format = property(lambda self: self._format)
    append_dict = property(lambda self: self._append_dict)
    map_param_inc = property(lambda self: self._map_param_inc)

    def get_checkpoint_policy(self):
        return {'save_checkpoint_steps': self.save_checkpoint_steps,
                'save_checkpoint_seconds': self.save_checkpoint_seconds,
                'keep_checkpoint_max': self.keep_checkpoint_max,
                'keep_checkpoint_per_n_minutes': self.keep_checkpoint_per_n_minutes,
                'saved_network': self.saved_network}

    @staticmethod
    def _handle_append_info(append_info):
        from ...common.parameter import Parameter
        from ...common.tensor import Tensor

        if append_info is None or append_info == []:
            return None
        if not isinstance(append_info, list):
            raise TypeError("For 'CheckpointConfig', the type of 'append_info' must be list,"
                            f"but got {str(type(append_info))}.")
        handle_append_info = {}
        if "epoch_num" in append_info:
            handle_append_info["epoch_num"] = 0
        if "step_num" in append_info:
            handle_append_info["step_num"] = 0
        dict_num = 0
        for element in append_info:
            if not isinstance(element, (str, dict)):
                raise TypeError("For 'CheckpointConfig', the type of 'append_info' element must be str or "
                                "dict,"
                                f"but got {str(type(element))}.")
            if isinstance(element, str) and element not in _info_list:
                raise ValueError("For 'CheckpointConfig', the value of element in the argument 'append_info' "
                                 f"must be in {_info_list}, but got {element}.")
            if isinstance(element, dict):
                dict_num += 1
                if dict_num > 1:
                    raise TypeError("For 'CheckpointConfig', the element of 'append_info' must has only one "
                                    f"dict, but got {dict_num}")
                for key, value in element.items():
                    if isinstance(key, str) and isinstance(value, (int, float, bool, str, Parameter, Tensor)):
                        handle_append_info[key] = value
                    else:
                        raise TypeError("For 'CheckpointConfig', the key type of the dict 'append_info' "
                                        "must be string, the value type must be int or float or bool, "
                                        f"but got key type {type(key)}, value type {type(value)}")
        return handle_append_info


class CheckpointManager:
    """The checkpoint files of one prefix in one directory."""

    def __init__(self, format='ckpt'):
        self._ckpoint_filelist = []
        self._format = format

    @property
    def ckpoint_filelist(self):
        return self._ckpoint_filelist

    @property
    def ckpoint_num(self):
        return len(self._ckpoint_filelist)

    def update_ckpoint_filelist(self, directory, prefix):
        self._ckpoint_filelist = []
        ext = f".{self._format}"
        for filename in os.listdir(directory):
            if os.path.splitext(filename)[-1] == ext and filename.startswith(prefix + "-"):
                mid_name = filename[len(prefix):-len(ext)]
                if not any(ch.isalpha() for ch in mid_name):
                    self._ckpoint_filelist.append(os.path.join(directory, filename))

    def remove_ckpoint_file(self, file_name):
        try:
            os.chmod(file_name, stat.S_IWRITE)
            os.remove(file_name)
            self._ckpoint_filelist.remove(file_name)
        except OSError:
            _log.warning("OSError, failed to remove the older ckpt file %s.", file_name)
        except ValueError:
            _log.warning("ValueError, failed to remove the older ckpt file %s.", file_name)

    def remove_oldest_ckpoint_file(self):
        ckpoint_files = sorted(self._ckpoint_filelist, key=os.path.getmtime)
        self.remove_ckpoint_file(ckpoint_files[0])

    def keep_one_ckpoint_per_minutes(self, minutes, cur_time):
        del_list = []
        oldest_file = ''
        oldest_time = cur_time
        for ck_file in self._ckpoint_filelist:
            modify_time = os.path.getmtime(ck_file)
            if cur_time - modify_time < 60 * minutes:
                del_list.append(ck_file)
                if modify_time < oldest_time:
                    oldest_time = modify_time
                    oldest_file = ck_file
        for mv_file in del_list:
            if mv_file != oldest_file:
                self.remove_ckpoint_file(mv_file)


class ModelCheckpoint(Callback):
    """Saves the train network every ``save_checkpoint_steps`` steps (or seconds) and at the end."""

    def __init__(self, prefix='CKP', directory=None, config=None):
        super().__init__()
        self._latest_ckpt_file_name = ""
        self._init_time = time.time()
        self._last_time = time.time()
        self._last_time_for_keep = time.time()
        self._last_triggered_step = 0
        self._prefix_func = None
        self._directory_func = None

        if not callable(prefix) and (not isinstance(prefix, str) or prefix.find('/') >= 0):
            raise ValueError("For 'ModelCheckpoint', the argument 'prefix' "
                             "for checkpoint file name is invalid, it must be "
                             "callable or string that does not contain '/', but got {}.".format(prefix))
        self._prefix = prefix
        self._exception_prefix = prefix

        if directory is not None:
            if callable(directory):
                self._directory_func = directory
            else:
                self._directory = _make_directory(directory)
        else:
            self._directory = _cur_dir
        if callable(prefix):
            self._prefix_func = prefix

        if config is None:
            self._config = CheckpointConfig()
        else:
            if not isinstance(config, CheckpointConfig):
                raise TypeError("For 'ModelCheckpoint', the type of argument 'config' should be "
                                "'CheckpointConfig', but got {}.".format(type(config)))
            self._config = config

        self._manager = CheckpointManager(self._config.format)
        if not callable(directory) and not callable(prefix):
            self._prefix = _chg_ckpt_file_name_if_same_exist(self._directory, self._prefix)
        self._append_dict = self._config.append_dict or {}
        self._append_epoch_num = self._append_dict.get("epoch_num", 0)
        self._append_step_num = self._append_dict.get("step_num", 0)
        self._graph_saved = False

    def step_end(self, run_context):
        cb_params = run_context.original_args()
        if self._prefix_func:
            self._prefix = self._prefix_func(cb_params)
            if not isinstance(self._prefix, str) or self._prefix.find('/') >= 0:
                raise ValueError("For 'ModelCheckpoint', the argument 'prefix' "
                                 "for checkpoint file name is callable, it must return a "
                                 "string that does not contain '/', but got {}.".format(self._prefix))
        if self._directory_func:
            self._directory = self._directory_func(cb_params)
            _make_directory(self._directory)
        self._save_ckpt(cb_params)

    def end(self, run_context):
        self._save_ckpt(run_context.original_args(), True)
        if self._config.async_save:
            try:
                from ..serialization import _wait_async_save
            except ImportError:  # pragma: no cover
                return
            _wait_async_save()

    def _check_save_ckpt(self, cb_params, force_to_save):
        if self._config.save_checkpoint_steps and self._config.save_checkpoint_steps > 0:
            if cb_params.cur_step_num >= self._last_triggered_step + self._config.save_checkpoint_steps \
                    or force_to_save is True:
                return True
        elif self._config.save_checkpoint_seconds and self._config.save_checkpoint_seconds > 0:
            self._cur_time = time.time()
            if (self._cur_time - self._last_time) > self._config.save_checkpoint_seconds or force_to_save:
                self._last_time = self._cur_time
                return True
        return False

    def _append_dict_content(self, epoch_num, step_num):
        if "epoch_num" in self._append_dict:
            self._append_dict["epoch_num"] = self._append_epoch_num + epoch_num
        if "step_num" in self._append_dict:
            self._append_dict["step_num"] = self._append_step_num + step_num

    def _save_ckpt(self, cb_params, force_to_save=False):
        if cb_params.cur_step_num == self._last_triggered_step:
            return
        if not self._check_save_ckpt(cb_params, force_to_save):
            return
        step_num_in_epoch = int((cb_params.cur_step_num - 1) % cb_params.batch_num + 1)
        fmt = self._config.format
        if self._prefix_func:
            cur_ckpoint_file = self._prefix + f".{fmt}"
        else:
            cur_ckpoint_file = (self._prefix + "-" + str(cb_params.cur_epoch_num) + "_"
                                + str(step_num_in_epoch) + f".{fmt}")
        self._manager.update_ckpoint_filelist(self._directory, self._prefix)
        keep_max = self._config.keep_checkpoint_max
        keep_minutes = self._config.keep_checkpoint_per_n_minutes
        if keep_max and 0 < keep_max <= self._manager.ckpoint_num:
            self._manager.remove_oldest_ckpoint_file()
        elif keep_minutes and keep_minutes > 0:
            self._cur_time_for_keep = time.time()
            if (self._cur_time_for_keep - self._last_time_for_keep) < keep_minutes * 60:
                self._manager.keep_one_ckpoint_per_minutes(keep_minutes, self._cur_time_for_keep)

        global SAVE_DIR
        SAVE_DIR = self._directory
        cur_file = os.path.join(self._directory, cur_ckpoint_file)
        self._last_time_for_keep = time.time()
        self._last_triggered_step = cb_params.cur_step_num
        self._append_dict_content(cb_params.cur_epoch_num, cb_params.cur_step_num)
        network = self._config.saved_network if self._config.saved_network is not None \
            else cb_params.train_network
        kwargs = {}
        if fmt != "ckpt":
            kwargs["format"] = fmt
        _save_checkpoint(network, cur_file, self._config.integrated_save, self._config.async_save,
                         self._append_dict or None, self._config.enc_key, self._config.enc_mode, **kwargs)
        self._latest_ckpt_file_name = cur_file

    @property
    def latest_ckpt_file_name(self):
        return self._latest_ckpt_file_name

    @property
    def _get_save_checkpoint_steps(self):
        return self._config.save_checkpoint_steps

    @property
    def _get_last_trigger_step(self):
        return self._last_triggered_step
