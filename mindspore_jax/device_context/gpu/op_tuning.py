"""``mindspore.device_context.gpu.op_tuning``: cuDNN algorithm choices. XLA autotunes its own
convolution algorithms, so the modes are validated and kept, not applied."""

from .._common import check_algo, warn_unless

_STATE = {}


def _set(api, mode):
    warn_unless("GPU")
    _STATE[api] = check_algo(api, mode)


def conv_fprop_algo(mode):
    _set("conv_fprop_algo", mode)


def conv_dgrad_algo(mode):
    _set("conv_dgrad_algo", mode)


def conv_wgrad_algo(mode):
    _set("conv_wgrad_algo", mode)
