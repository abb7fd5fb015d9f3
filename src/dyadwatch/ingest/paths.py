"""The files a list of input paths names: directories walked in sorted order; what cannot
be read as a file (a missing path, a broken or looping symlink, a symlink to a directory
inside a walk) comes out as a :class:`~dyadwatch.records.Rejection` naming it."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

from ..records import Rejection

__all__ = ["input_files", "NOT_FOUND"]

#: The reason of a named input that does not exist (the CLI exits non-zero on it).
NOT_FOUND = "not found"
_SKIP_NAMES = {".DS_Store"}


def input_files(path: Path) -> Iterator[Path | Rejection]:
    """The files ``path`` names, in order, or the rejections of what cannot be read."""
    if path.is_dir():
        yield from _walk(path)
    elif path.is_file():
        yield path
    elif path.exists():
        yield Rejection(str(path), "not a file", "not a regular file (a device, socket or pipe)")
    else:
        problem = _link_problem(path)
        yield Rejection(str(path), NOT_FOUND, problem[1] if problem else "no such file or directory")


def _walk(folder: Path) -> Iterator[Path | Rejection]:
    for child in sorted(folder.rglob("*")):
        if child.name in _SKIP_NAMES or child.name.startswith("."):
            continue
        if child.is_symlink():
            problem = _link_problem(child)
            if problem is not None:
                yield Rejection(str(child), *problem)
                continue
            if child.is_dir():
                yield Rejection(str(child), "not followed", "a symlink to a directory inside a directory is not"
                                " followed (it could loop); name it as an input to read it")
                continue
        if child.is_file():
            yield child
        elif not child.is_dir():
            yield Rejection(str(child), "not a file", "not a regular file (a device, socket or pipe)")


def _link_problem(path: Path) -> tuple[str, str] | None:
    """What is wrong with the symlink ``path``, as (reason, detail); ``None`` when it is no
    symlink, or one that leads to something."""
    if not path.is_symlink():
        return None
    try:
        target = os.readlink(path)
    except OSError as exc:
        return "broken symlink", f"a symlink that cannot be read ({exc.strerror})"
    try:
        os.stat(path)
    except FileNotFoundError:
        return "broken symlink", f"a symlink to {target}, which does not exist"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop", f"a symlink to {target} that leads back to itself (too many levels of symbolic links)"
        return "broken symlink", f"a symlink to {target}, which cannot be read ({exc.strerror})"
    return None
