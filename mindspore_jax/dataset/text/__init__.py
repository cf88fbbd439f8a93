"""``mindspore.dataset.text``: vocabularies, tokenizers and string transforms (numpy string arrays)."""

from .jieba import *  # noqa: F401,F403
from .jieba import __all__ as _j_all
from .sentencepiece import *  # noqa: F401,F403
from .sentencepiece import __all__ as _sp_all
from .tokenizers_bert import *  # noqa: F401,F403
from .tokenizers_bert import __all__ as _b_all
from .transforms_extra import *  # noqa: F401,F403
from .transforms_extra import __all__ as _x_all
from .transforms import *  # noqa: F401,F403
from .transforms import __all__ as _t_all
from .unicode_script import *  # noqa: F401,F403
from .unicode_script import __all__ as _us_all
from .utils import *  # noqa: F401,F403
from .utils import __all__ as _u_all

__all__ = (list(_t_all) + list(_u_all) + list(_b_all) + list(_sp_all) + list(_x_all) + list(_j_all)
           + list(_us_all))
