"""Dataset pipeline callbacks (``DSCallback``, ``WaitedDSCallback``) and flow control
(``sync_wait`` / ``sync_update``: ``SyncWaitDataset``, ``BlockReleasePair``).

The pipeline runs in the consumer's thread (rows are pulled on demand), so nothing ever runs ahead
of the training loop: ``map(callbacks=...)`` calls ``ds_step_begin``/``ds_step_end`` around each row
the map processes, strictly in order (MindSpore's worker threads may interleave them), with
MindSpore's ``ds_run_context`` numbers. A blocked ``sync_wait`` cannot be released by another thread
here, so where MindSpore would wait (and, after ``get_callback_timeout()``, warn and disable the lock)
this warns and disables the lock at once; ``WaitedDSCallback`` does not wait either (the training
step that would release it has already run when the next row is pulled).
"""

import logging

from .engine.datasets import Dataset, _check_type

_log = logging.getLogger("mindspore_jax.dataset")


class _DSRunContext:
    """What the ``ds_*`` methods receive: ``cur_epoch_num``, ``cur_step_num_in_epoch``, ``cur_step_num``."""

    def __init__(self, epoch, step_in_epoch, step):
        self.cur_epoch_num = epoch
        self.cur_step_num_in_epoch = step_in_epoch
        self.cur_step_num = step


def _check_step_size(step_size):
    _check_type("step_size", step_size, int)
    if not 1 <= step_size <= 2147483647:
        raise ValueError("Input step_size is not within the required interval of [1, 2147483647].")


class DSCallback:
    """Base of dataset callbacks: override some of ``ds_begin``, ``ds_epoch_begin``, ``ds_epoch_end``,
    ``ds_step_begin``, ``ds_step_end`` and pass instances to ``Dataset.map(callbacks=...)``.
    Step methods run every ``step_size`` rows (rows 1, 1+step_size, ... of each epoch)."""

    def __init__(self, step_size=1):
        _check_step_size(step_size)
        self.step_size = step_size

    def ds_begin(self, ds_run_context):
        """Called once, before the first epoch."""

    def ds_epoch_begin(self, ds_run_context):
        """Called before each epoch."""

    def ds_epoch_end(self, ds_run_context):
        """Called after each epoch."""

    def ds_step_begin(self, ds_run_context):
        """Called before a row is processed."""

    def ds_step_end(self, ds_run_context):
        """Called after a row is processed."""

    def _hooks(self):
        """{event: bound method} of the overridden methods (MindSpore's ``create_runtime_obj``)."""
        out = {}
        for name in ("ds_begin", "ds_epoch_begin", "ds_epoch_end", "ds_step_begin", "ds_step_end"):
            if getattr(type(self), name) is not getattr(DSCallback, name):
                out[name] = getattr(self, name)
        if not out:
            raise AttributeError(
                "Inheriting Callback class without overriding any methods, check the usage of "
                "user defined Callback."
            )
        return out

    def create_runtime_obj(self):
        return self._hooks()


def _train_callback_base():
    from ..train.callback import Callback

    return Callback


class WaitedDSCallback(_train_callback_base(), DSCallback):
    """A dataset callback synchronized with training: ``sync_epoch_begin`` / ``sync_step_begin`` get the
    training ``run_context`` of the previous epoch / step (pass the same object to ``Model.train``'s
    callbacks and to ``map(callbacks=...)``)."""

    def __init__(self, step_size=1):
        super().__init__()
        _check_step_size(step_size)
        self.step_size = step_size
        self.step_run_context = None
        self.epoch_run_context = None
        self.training_ended = False

    def sync_epoch_begin(self, train_run_context, ds_run_context):
        """Called before each epoch after the first, with the training context of the last epoch."""

    def sync_step_begin(self, train_run_context, ds_run_context):
        """Called before each step after the first, with the training context of the last step."""

    def epoch_end(self, run_context):
        self.epoch_run_context = run_context

    def ds_epoch_begin(self, ds_run_context):
        if ds_run_context.cur_epoch_num > 1:
            self.sync_epoch_begin(self.epoch_run_context, ds_run_context)

    def step_end(self, run_context):
        self.step_run_context = run_context

    def ds_step_begin(self, ds_run_context):
        if ds_run_context.cur_step_num > self.step_size:
            self.sync_step_begin(self.step_run_context, ds_run_context)

    def _hooks(self):
        out = {}
        if type(self).sync_step_begin is not WaitedDSCallback.sync_step_begin:
            out["ds_step_begin"] = self.ds_step_begin
        if type(self).sync_epoch_begin is not WaitedDSCallback.sync_epoch_begin:
            out["ds_epoch_begin"] = self.ds_epoch_begin
        if not out:
            raise AttributeError(
                "Inheriting Callback class without overriding any methods, check the usage of "
                "user defined Callback."
            )
        return out

    def create_runtime_obj(self):
        return self._hooks()

    def end(self, run_context):
        self.epoch_end(run_context)
        self.step_end(run_context)
        self.training_ended = True


def check_map_callbacks(callbacks):
    """The list of DSCallbacks given to ``map`` (TypeError for anything else)."""
    if callbacks is None:
        return []
    cbs = list(callbacks) if isinstance(callbacks, (list, tuple)) else [callbacks]
    for cb in cbs:
        if not isinstance(cb, DSCallback):
            raise TypeError(
                f"Argument callbacks with value {cb} is not of type [<class 'DSCallback'>], "
                f"but got {type(cb)}."
            )
    return cbs


def with_callbacks(callbacks, ctx, node, rows):
    """Rows of one epoch of ``node`` with its callbacks' hooks called around each row."""
    cbs = [(cb, cb._hooks()) for cb in check_map_callbacks(callbacks)]
    states = ctx.__dict__.setdefault("_ds_callbacks", {})
    st = states.setdefault(id(node), {"begun": False, "epoch": 0, "step": 0})

    def fire(event, ctx_args, step_in_epoch=None):
        for cb, hooks in cbs:
            if event in hooks and (step_in_epoch is None or (step_in_epoch - 1) % cb.step_size == 0):
                hooks[event](_DSRunContext(*ctx_args))

    if not st["begun"]:
        st["begun"] = True
        fire("ds_begin", (0, 0, 0))
    st["epoch"] += 1
    epoch, n = st["epoch"], 0
    fire("ds_epoch_begin", (epoch, 0, st["step"]))
    for row in rows:
        n += 1
        st["step"] += 1
        fire("ds_step_begin", (epoch, n, st["step"]), n)
        yield row
        fire("ds_step_end", (epoch, n, st["step"]), n)
    fire("ds_epoch_end", (epoch, n, st["step"]))


# ------------------------------------------------------------------ sync_wait / sync_update
class BlockReleasePair:
    """The blocking condition of a ``SyncWaitDataset``: ``init_release_rows`` rows pass, then each
    ``release_func`` (``sync_update``) lets more through and calls ``callback(data)``."""

    def __init__(self, init_release_rows, callback=None):
        if isinstance(init_release_rows, int) and init_release_rows <= 0:
            raise ValueError("release_rows need to be greater than 0.")
        self.row_count = -init_release_rows
        self.callback = callback
        self.default_rows = init_release_rows
        self.disable = False

    def __deepcopy__(self, memodict):
        return self

    def reset(self):
        self.row_count = -self.default_rows

    def update_batched_size(self, batch_size):
        if isinstance(batch_size, int) and batch_size <= 0:
            raise ValueError("batch_size need to be greater than 0.")
        self.row_count *= batch_size
        self.default_rows *= batch_size

    def block_func(self):
        if not (self.row_count < 0 or self.disable):
            # MindSpore waits get_callback_timeout() seconds for another thread's sync_update, then warns
            # and disables the lock; nothing else runs while the consumer pulls a row here.
            _log.warning(
                "Timeout happened in sync_wait, maybe dataset.sync_update(condition=...) is not added "
                "after dataset.create_dict_iterator(...), now disabling lock."
            )
            self.disable = True
        self.row_count += 1
        return True

    def release_func(self, pass_rows=None, data=None):
        if pass_rows is None:
            pass_rows = self.default_rows
        self.row_count -= pass_rows
        if self.callback is not None:
            self.callback(data)

    def disable_lock(self):
        self.disable = True


def _sync_notifiers(node):
    out = {}
    for c in node.children:
        out.update(_sync_notifiers(c))
    if isinstance(node, SyncWaitDataset):
        out[node._condition_name] = node._pair.release_func
    return out


def _disable_sync(node):
    for c in node.children:
        _disable_sync(c)
    if isinstance(node, SyncWaitDataset):
        node._pair.disable_lock()


class SyncWaitDataset(Dataset):
    """``dataset.sync_wait(condition_name, num_batch, callback)``: lets ``num_batch`` batches through per
    epoch, then one more ``num_batch`` per ``sync_update(condition_name)``."""

    def __init__(self, input_dataset, condition_name, num_batch, callback=None):
        super().__init__(input_dataset)
        _check_type("condition_name", condition_name, str)
        _check_type("num_batch", num_batch, int)
        if num_batch <= 0:
            raise ValueError("num_batch need to be greater than 0.")
        self._condition_name = condition_name
        self._pair = BlockReleasePair(num_batch, callback)
        if condition_name in _sync_notifiers(self.children[0]):
            raise RuntimeError("Condition name is already in use.")
        self._batched = False

    def _apply_batch_size(self):
        """A batch right above multiplies the rows per release by its batch size (as in MindSpore)."""
        if self._batched:
            return
        self._batched = True
        from .engine.datasets import BatchDataset

        for p in self.parent:
            if isinstance(p, BatchDataset) and isinstance(p.batch_size, int):
                self._pair.update_batched_size(p.batch_size)
                break

    def _epoch(self, ctx):
        self._apply_batch_size()
        self._pair.reset()
        for row in self.children[0]._epoch(ctx):
            self._pair.block_func()
            yield row

    def _size(self):
        return self.children[0]._size()

    def get_sync_notifiers(self):
        return _sync_notifiers(self)

    def is_sync(self):
        return True

    def update_sync_batch_size(self, batch_size):
        self._pair.update_batched_size(batch_size)

    def disable_sync(self):
        self._pair.disable_lock()


def sync_wait(dataset, condition_name, num_batch=1, callback=None):
    """``Dataset.sync_wait``."""
    return SyncWaitDataset(dataset, condition_name, num_batch, callback)


def sync_update(dataset, condition_name, num_batch=None, data=None):
    """``Dataset.sync_update``: releases ``num_batch`` batches (default: the sync_wait's) of the condition
    and calls its callback with ``data``."""
    if (not isinstance(num_batch, int) and num_batch is not None) or (
        isinstance(num_batch, int) and num_batch <= 0
    ):
        _disable_sync(dataset)
        raise RuntimeError(f"Sync_update batch size can only be positive integer, got: {num_batch}.")
    notifiers = _sync_notifiers(dataset)
    if not isinstance(condition_name, str):
        raise TypeError(
            f"Argument condition_name with value {condition_name} is not of type str, "
            f"but got {type(condition_name)}."
        )
    if condition_name not in notifiers:
        _disable_sync(dataset)
        raise RuntimeError("Condition name not found.")
    if num_batch is not None:
        num_batch *= dataset.get_batch_size()
    notifiers[condition_name](num_batch, data)


__all__ = ["DSCallback", "WaitedDSCallback", "SyncWaitDataset", "BlockReleasePair"]
