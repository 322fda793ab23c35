"""Reference pieces in the student's namespace, for the length of one check.

Where an exercise builds on another (``get_vgg`` calls ``CifarVGG`` and ``vgg_init_``, the
trainer calls ``update`` and ``evaluate``), the check puts the course's reference pieces in
place of the student's, so that one mistake costs points in its own exercise only.
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

_MISSING = object()


@contextlib.contextmanager
def swapped(namespace: dict[str, Any], **pieces: Any) -> Iterator[None]:
    """Bind ``pieces`` in ``namespace``; afterwards restore (or remove) what was there."""
    saved = {name: namespace.get(name, _MISSING) for name in pieces}
    namespace.update(pieces)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is _MISSING:
                namespace.pop(name, None)
            else:
                namespace[name] = value
