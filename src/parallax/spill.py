"""A run's working set on disk: pickled records in one temporary file, read back one at a time.

Between stages the pipeline keeps raw documents, repaired articles and analysed articles here,
so a large corpus never sits in memory whole: memory holds the references (offset, length) and
what grouping needs. The file is anonymous (in ``TMPDIR``) and vanishes when closed, even after
a crash; the page cache, not the process, holds what was read recently.
"""
from __future__ import annotations

import os
import pickle
import tempfile
from typing import Iterable, Sequence

from .errors import ParallaxError, message

Ref = tuple[int, int]  # offset, length


def dumps(obj) -> bytes:
    return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)


class Spill:
    def __init__(self, folder: str | None = None):
        self._folder = folder or tempfile.gettempdir()
        self._file = tempfile.TemporaryFile(dir=folder, buffering=0)
        self._fd, self._end = self._file.fileno(), 0

    def put(self, obj) -> Ref:
        return self.put_pickled(dumps(obj))

    def put_pickled(self, blob: bytes) -> Ref:
        """Store a record pickled elsewhere (by a worker, so this process need not unpickle and
        pickle it again)."""
        blob = memoryview(blob)
        ref = (self._end, len(blob))
        try:
            while blob:
                n = os.pwrite(self._fd, blob, self._end)
                blob, self._end = blob[n:], self._end + n
        except OSError as e:  # a full disk: say where the run needed room
            raise ParallaxError(message("spill_failed", folder=self._folder, error=e)) from None
        return ref

    def get(self, ref: Ref):
        return pickle.loads(self.get_pickled(ref))

    def get_pickled(self, ref: Ref) -> bytes:
        offset, length = ref
        return os.pread(self._fd, length, offset)

    def close(self) -> None:
        self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Spilled(Sequence):
    """A list whose items live in a :class:`Spill`; each ``[i]`` reads (and unpickles) one again."""

    def __init__(self, spill: Spill, items: Iterable = ()):
        self.spill, self.refs = spill, []
        for item in items:
            self.append(item)

    def append(self, item) -> None:
        self.refs.append(self.spill.put(item))

    def append_pickled(self, blob: bytes) -> None:
        self.refs.append(self.spill.put_pickled(blob))

    @property
    def pickled(self) -> Sequence[bytes]:
        """The same items, still pickled: to hand to a worker that unpickles them itself."""
        return _Pickled(self)

    def __len__(self) -> int:
        return len(self.refs)

    def __getitem__(self, i: int):
        return self.spill.get(self.refs[i])

    def __iter__(self):
        return (self.spill.get(r) for r in self.refs)


class _Pickled(Sequence):
    def __init__(self, spilled: Spilled):
        self.spilled = spilled

    def __len__(self) -> int:
        return len(self.spilled)

    def __getitem__(self, i: int) -> bytes:
        return self.spilled.spill.get_pickled(self.spilled.refs[i])
