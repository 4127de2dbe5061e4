"""Work on a whole file at once (hundreds of thousands of rows): the cyclic garbage collector paused meanwhile.

Reading 500 000 rows makes millions of small objects, none of them in a reference cycle; the collector would walk
all the live ones again and again (a third of the time). Objects are still freed by reference counting; the
collector runs as usual again afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
