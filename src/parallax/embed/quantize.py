"""The MiniLM that runs at analysis time: the packaged model with its matrix products in int8.

The packaged file stores int8 weights but turns them back into floats and multiplies in float32.
Here its constants are folded (onnxruntime's basic graph optimisation) and its MatMul weights
re-quantized per output channel, with activations quantized on the fly (``quantize_dynamic``), so
the products run as integer arithmetic: about 1.6 times faster on one core. Sentence vectors
keep a cosine of 0.99 on average (0.977 at worst, over 640 test leads) with the float ones, and
story grouping on both gold sets came out the same.
"""
from __future__ import annotations

import logging
import tempfile
from pathlib import Path

FORMAT = 1  # bump when the recipe changes, so old caches are rebuilt


def file_name() -> str:
    from .cache import model_key

    return f"minilm-{model_key()}-int8-v{FORMAT}.onnx"


def build(path: Path) -> None:
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from .cache import source_model

    with tempfile.TemporaryDirectory(prefix="parallax-") as tmp:
        folded = str(Path(tmp) / "folded.onnx")
        opts = ort.SessionOptions()
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        opts.optimized_model_filepath = folded
        ort.InferenceSession(source_model(), opts, providers=["CPUExecutionProvider"])
        logging.disable(logging.WARNING)  # the quantizer advises a pre-processing step this graph does not need
        try:
            quantize_dynamic(folded, str(path), weight_type=QuantType.QInt8, per_channel=True)
        finally:
            logging.disable(logging.NOTSET)
