"""Read string metadata (such as the chat template) from a GGUF file's header, in pure Python.

The model itself runs in another process; the coach only needs a few header strings to pick the
prompt format, and reading them here keeps native code out of the coach's own process.
"""

from __future__ import annotations

import struct
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

# GGUF value types (gguf spec): sizes of the fixed-width ones, in bytes.
_FIXED = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}
_STRING, _ARRAY = 8, 9
_WANTED = ("general.name", "general.architecture", "tokenizer.chat_template")


class GGUFError(ValueError):
    """The file is not a readable GGUF file."""


def _u32(handle: BinaryIO) -> int:
    return struct.unpack("<I", _read(handle, 4))[0]


def _u64(handle: BinaryIO) -> int:
    return struct.unpack("<Q", _read(handle, 8))[0]


def _read(handle: BinaryIO, size: int) -> bytes:
    data = handle.read(size)
    if len(data) != size:
        raise GGUFError("the file ends inside its header")
    return data


def _string(handle: BinaryIO) -> str:
    return _read(handle, _u64(handle)).decode("utf-8", errors="replace")


def _skip(handle: BinaryIO, kind: int) -> None:
    if kind in _FIXED:
        handle.seek(_FIXED[kind], 1)
    elif kind == _STRING:
        handle.seek(_u64(handle), 1)
    elif kind == _ARRAY:
        inner, count = _u32(handle), _u64(handle)
        if inner in _FIXED:
            handle.seek(_FIXED[inner] * count, 1)
        else:
            for _ in range(count):
                _skip(handle, inner)
    else:
        raise GGUFError(f"unknown metadata type {kind}")


@lru_cache(maxsize=16)
def _cached(path: str, size: int, mtime: float) -> dict[str, str]:
    found: dict[str, str] = {}
    with open(path, "rb") as handle:
        if handle.read(4) != b"GGUF":
            raise GGUFError("it does not start with the GGUF magic bytes")
        version = _u32(handle)
        if version < 2:
            raise GGUFError(f"GGUF version {version} is too old")
        _u64(handle)  # tensor count
        for _ in range(_u64(handle)):
            key, kind = _string(handle), _u32(handle)
            if key in _WANTED and kind == _STRING:
                found[key] = _string(handle)
                if len(found) == len(_WANTED):
                    break
            else:
                _skip(handle, kind)
    return found


def read_metadata(path: Path) -> dict[str, str]:
    """The name, architecture and chat template a GGUF file declares (absent keys are left out)."""
    stat = path.stat()
    return dict(_cached(str(path), stat.st_size, stat.st_mtime))
