"""N local worker processes, each loading the spaCy pipeline and the embedding model once."""
from __future__ import annotations

import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator

from . import InlineEngine, warm, windowed


class LocalEngine(InlineEngine):
    def __init__(self, workers: int):
        # spawn, not fork: the parent may already hold ONNX/BLAS thread pools that fork would break
        self.pool = ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn"), initializer=warm)
        self.window = 2 * workers  # a task queued behind each running one keeps every worker busy

    def map(self, fn: Callable, items: Iterable, *shared) -> Iterator:
        call = _Call(fn, shared)
        return windowed(lambda item: self.pool.submit(call, item), items, self.window)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


class _Call:
    """``fn(item, *shared)`` as a picklable callable."""

    def __init__(self, fn: Callable, shared: tuple):
        self.fn, self.shared = fn, shared

    def __call__(self, item):
        return self.fn(item, *self.shared)
