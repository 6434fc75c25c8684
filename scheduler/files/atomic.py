"""Atomic file output: the new file appears whole in one rename, or not at all.

A crash, a kill -9 or a bad input half-way never leaves a half-written file,
and an existing file is only replaced once the new one is complete. The data
is written to an unnamed file (Linux `O_TMPFILE`) in the target's folder, so a
writer killed before the end leaves nothing behind; it then gets a name of our
own (`.<target>.<pid>.<random>.ektp-tmp`) and is renamed onto the target. A
writer killed between those two steps (microseconds), or a file system without
unnamed files, can leave such a name: the next write to the same target
removes those whose process is gone.

Outputs go to regular files only: a device, a FIFO or a folder (or a symlink to
one) is refused, never replaced; a symlink to a regular file is followed, so
the file it points to is replaced and the link stays. The target's folder must
exist: a mistyped path is an error, not a new folder tree.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from scheduler.errors import InputError

TEMP_SUFFIX = ".ektp-tmp"


def output_problem(path: str | Path) -> str | None:
    """Why `path` cannot receive an output file, or None when it can."""
    if str(path) == "":
        return "an empty file name"
    if str(path).startswith(("/dev/", "/proc/")):
        return "a device or stream, not a file: outputs go to regular files only"
    target = Path(path)
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        parent = target.resolve().parent
        if not parent.is_dir():
            return f"the folder {parent} does not exist (create it first)"
        return None
    except OSError as error:
        return f"cannot use it: {error.strerror}"
    if stat.S_ISDIR(mode):
        return "it is a folder, not a file"
    if not stat.S_ISREG(mode):
        return "it is a device or pipe, not a regular file: outputs go to files only"
    return None


def write_atomic(path: str | Path, write: Callable[[Path], None]) -> None:
    """Call `write(tmp_path)` and move the result onto `path` in one rename.

    InputError (nothing written) when `path` cannot receive a file (`output_problem`).
    """
    problem = output_problem(path)
    if problem is not None:
        raise InputError(str(path), "", problem)
    target = Path(path).resolve()  # a symlink to a regular file: replace what it points to
    _remove_stale_temps(target)
    fd = _unnamed_file(target.parent)
    if fd is None:
        _write_named(target, write)
        return
    try:
        write(Path(f"/proc/self/fd/{fd}"))
        os.fsync(fd)
        named = _temp_name(target)
        _link(fd, named)
    finally:
        os.close(fd)
    try:
        os.replace(named, target)
    except BaseException:
        named.unlink(missing_ok=True)
        raise


def _unnamed_file(folder: Path) -> int | None:
    """An open, nameless file in `folder`, or None where the file system has none."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag:
        return None
    umask = os.umask(0)
    os.umask(umask)
    try:
        return os.open(folder, flag | os.O_WRONLY, 0o666 & ~umask)
    except OSError as error:
        if error.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
            return None
        raise


def _link(fd: int, name: Path) -> None:
    """Give the unnamed file open at `fd` a name: linkat(/proc/self/fd/N, AT_SYMLINK_FOLLOW).

    Python calls plain link() (which does not follow the /proc link) unless a
    directory fd is given, so one is: it is ignored for an absolute path.
    """
    root = os.open("/", os.O_RDONLY)
    try:
        os.link(f"/proc/self/fd/{fd}", name, src_dir_fd=root, follow_symlinks=True)
    finally:
        os.close(root)


def _write_named(target: Path, write: Callable[[Path], None]) -> None:
    """The fallback: a named temporary file beside the target, removed on any failure."""
    named = _temp_name(target)
    umask = os.umask(0)
    os.umask(umask)
    os.close(os.open(named, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 & ~umask))
    try:
        write(named)
        os.replace(named, target)
    except BaseException:
        named.unlink(missing_ok=True)
        raise


def _temp_name(target: Path) -> Path:
    return target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}"


def _remove_stale_temps(target: Path) -> None:
    """Remove our temporary names for `target` whose writing process no longer runs."""
    for temp in target.parent.glob(f".{target.name}.*{TEMP_SUFFIX}"):
        pid_text = temp.name[len(target.name) + 2:].split(".", 1)[0]
        if pid_text.isdigit() and not _running(int(pid_text)):
            temp.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
