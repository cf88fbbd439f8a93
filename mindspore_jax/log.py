"""``mindspore.log``: MindSpore's Python logger on the standard ``logging`` module.

The level comes from ``GLOG_v`` as in MindSpore (0 DEBUG, 1 INFO, 2 WARNING (default), 3 ERROR,
4 CRITICAL); records go to stderr, or to ``GLOG_log_dir`` when ``GLOG_logtostderr=0``, in
MindSpore's format: ``[WARNING] ME(pid:tid,process):time [file:line] [module] message``.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import threading

STD_ON = "1"
STD_OFF = "0"
MAX_BYTES = 52428800
BACKUP_COUNT = 30
LOGGER_LEVEL = "GLOG_v"

_gloglevel_to_name = {"0": "DEBUG", "1": "INFO", "2": "WARNING", "3": "ERROR", "4": "CRITICAL"}
_name_to_level = {"DEBUG": logging.DEBUG, "INFO": logging.INFO, "WARNING": logging.WARNING,
                  "ERROR": logging.ERROR, "CRITICAL": logging.CRITICAL}
_level_to_glog = {v: k for k, v in zip(_gloglevel_to_name, _name_to_level.values())}

_lock = threading.Lock()
_logger = None


class _Formatter(logging.Formatter):
    def format(self, record):
        record.msg = f"{record.msg}"
        ts = self.formatTime(record, "%Y-%m-%d-%H:%M:%S") + f".{int(record.msecs):03d}"
        head = (f"[{record.levelname}] ME({record.process}:{record.thread},{record.processName}):"
                f"{ts} [{record.pathname}:{record.lineno}] [{record.module}] ")
        return head + record.getMessage()


def _env_level():
    v = os.environ.get("GLOG_v", "2")
    if v not in _gloglevel_to_name:
        raise ValueError(f"Incorrect log level: the value of GLOG_v must be one of "
                         f"{list(_gloglevel_to_name)}, but got '{v}'.")
    return _name_to_level[_gloglevel_to_name[v]]


def _get_logger():
    """The ``mindspore`` logger, configured from the environment on first use."""
    global _logger
    if _logger is not None:
        return _logger
    with _lock:
        if _logger is None:
            lg = logging.getLogger("mindspore")
            lg.propagate = False
            lg.setLevel(_env_level())
            fmt = _Formatter()
            if os.environ.get("GLOG_logtostderr", STD_ON) == STD_OFF:
                log_dir = os.path.realpath(os.environ.get("GLOG_log_dir", "."))
                os.makedirs(log_dir, exist_ok=True)
                fh = logging.handlers.RotatingFileHandler(
                    os.path.join(log_dir, f"mindspore.log.{os.getpid()}"),
                    maxBytes=int(os.environ.get("logger_maxBytes", MAX_BYTES)),
                    backupCount=int(os.environ.get("logger_backupCount", BACKUP_COUNT)))
                fh.name = "FileHandler"
                fh.setFormatter(fmt)
                lg.addHandler(fh)
                eh = logging.StreamHandler(sys.stderr)
                eh.name = "StreamHandler"
                eh.setLevel(_name_to_level[_gloglevel_to_name[
                    os.environ.get("GLOG_stderrthreshold", "2")]])
                eh.setFormatter(fmt)
                lg.addHandler(eh)
            else:
                sh = logging.StreamHandler(sys.stderr)
                sh.name = "StreamHandler"
                sh.setFormatter(fmt)
                lg.addHandler(sh)
            _logger = lg
    return _logger


def get_level():
    """The effective level as MindSpore's glog string: '0' DEBUG ... '4' CRITICAL."""
    return _level_to_glog.get(_get_logger().getEffectiveLevel())


def get_log_config():
    """Dict of the logger settings (``GLOG_v``, ``GLOG_logtostderr``, file settings)."""
    lg = _get_logger()
    handler = lg.handlers[0]
    cfg = {"GLOG_v": get_level(), "GLOG_logtostderr": STD_ON}
    if handler.name == "FileHandler":
        cfg["GLOG_logtostderr"] = STD_OFF
        cfg["GLOG_log_dir"] = os.path.split(handler.baseFilename)[0]
        cfg["logger_maxBytes"] = handler.maxBytes
        cfg["logger_backupCount"] = handler.backupCount
        cfg["GLOG_stderrthreshold"] = _level_to_glog.get(lg.handlers[1].level)
    return cfg


def debug(msg, *args, **kwargs):
    _get_logger().debug(msg, *args, stacklevel=2, **kwargs)


def info(msg, *args, **kwargs):
    _get_logger().info(msg, *args, stacklevel=2, **kwargs)


def warning(msg, *args, **kwargs):
    _get_logger().warning(msg, *args, stacklevel=2, **kwargs)


def error(msg, *args, **kwargs):
    _get_logger().error(msg, *args, stacklevel=2, **kwargs)


def critical(msg, *args, **kwargs):
    _get_logger().critical(msg, *args, stacklevel=2, **kwargs)


def vlog_print(level, module, submodule, file, line, message):
    """MindSpore's verbose-log hook; printed at DEBUG level here."""
    _get_logger().debug("[%s:%s] %s", file, line, message)
