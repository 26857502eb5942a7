"""The same tasks on a Dask distributed cluster: partitions and story batches become futures."""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

from ..errors import ParallaxError, message
from . import InlineEngine, warm, windowed


class DaskEngine(InlineEngine):
    def __init__(self, scheduler: str | None, workers: int):
        from distributed import Client, LocalCluster

        self.cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="20s")
            else:
                self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                            host="127.0.0.1", dashboard_address=None)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as e:
            raise ParallaxError(message("scheduler_unreachable", address=scheduler or "LocalCluster", error=e)) from None
        self.client.run(warm)  # every worker loads the models once, before the first task

    def map(self, fn: Callable, items: Iterable, *shared) -> Iterator:
        # shared data (corpus counts) travels to each worker once, not with every task
        # hash=False: a fresh key each map, so a value scattered again (the options) never races
        # the release of the same key from the previous map
        shared = [self.client.scatter(s, broadcast=True, hash=False) for s in shared]
        window = 2 * max(sum(self.client.nthreads().values()), 1)
        return windowed(lambda item: self.client.submit(fn, item, *shared, pure=False), items, window, _take)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _take(future):
    value = future.result()
    future.release()  # the cluster forgets the result once it is here
    return value
