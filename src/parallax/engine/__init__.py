"""Engines run the pipeline's per-partition and per-story tasks: in this process, on local
worker processes, or on a Dask cluster. The tasks are the same plain functions everywhere and the
partitions never depend on the engine or its worker count, so every engine yields the same report.

An engine has ``map(fn, items, *shared)`` -> iterator of ``fn(item, *shared)`` in input order
(``shared`` is sent to each worker once where the engine can), and ``close()``. ``items`` is read
lazily, a few tasks ahead of the workers, so a corpus streamed from disk stays there.
"""
from __future__ import annotations

import os
from collections import deque
from itertools import islice
from typing import Callable, Iterable, Iterator


class InlineEngine:
    """Runs every task in this process (one worker: no start-up cost, the easiest to debug)."""

    def map(self, fn: Callable, items: Iterable, *shared) -> Iterator:
        return (fn(item, *shared) for item in items)

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def windowed(submit: Callable, items: Iterable, window: int, result: Callable = lambda task: task.result()) -> Iterator:
    """``result(submit(item))`` for each item in input order, with at most ``window`` tasks in
    flight: an item is taken from ``items`` only when an earlier task is done."""
    it = iter(items)
    pending = deque(submit(item) for item in islice(it, window))
    while pending:
        value = result(pending.popleft())
        pending.extend(submit(item) for item in islice(it, 1))
        yield value


def warm() -> None:
    """Load the spaCy pipeline and the embedding model once, when a worker starts. A worker's
    ONNX session and numpy's BLAS use one thread each, as the engine runs one worker per core:
    with BLAS on every core, two workers' spinning threads starved each other, and the compare
    stage took 2.4 times as long (1k news-length articles, 2 workers)."""
    from threadpoolctl import threadpool_limits

    from .. import embed
    from ..annotate.nlp import load_nlp

    threadpool_limits(1)
    embed.THREADS = 1
    load_nlp()
    embed._model()


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def make_engine(kind: str = "local", workers: int | None = None, scheduler: str | None = None):
    """``local`` with N worker processes (1: inline), or ``dask`` on ``scheduler`` (None: a LocalCluster)."""
    workers = workers or default_workers()
    if kind == "dask":
        from .dask import DaskEngine

        return DaskEngine(scheduler, workers)
    if workers <= 1:
        return InlineEngine()
    from .local import LocalEngine

    return LocalEngine(workers)
