"""The compiler's one piece of global state that the common layer must see.

``ACTIVE[0]`` is the innermost functionalization frame (``_graph/frame.py``) while a Cell or
function is traced for ``jit`` or differentiated, else None. Parameters report reads and writes
to it so that state is threaded through compiled code instead of leaking tracers.
"""

ACTIVE = [None]
