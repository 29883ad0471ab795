"""Bytes for what the store keeps: spaCy ``Doc`` objects and float32 vectors.

A ``Doc`` is saved with ``DocBin(store_user_data=True)``, so entities, span
groups (``quotes``, ``dates``, ``numbers``) and the ``Span._``/``Doc._``
extension values recoupe sets (kept in ``doc.user_data``) all survive.
"""

from __future__ import annotations

import numpy as np
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from ..errors import StoreError
from ..model import register_extensions


def doc_to_bytes(doc: Doc) -> bytes:
    """Serialize one annotated ``Doc`` (tokens, parse, entities, span groups, ``_`` values)."""
    docbin = DocBin(store_user_data=True)
    docbin.add(doc)
    return bytes(docbin.to_bytes())


def doc_from_bytes(data: bytes, vocab: Vocab) -> Doc:
    """Inverse of :func:`doc_to_bytes`; ``vocab`` is the pipeline's (``nlp.vocab``)."""
    register_extensions()
    try:
        docs = list(DocBin(store_user_data=True).from_bytes(data).get_docs(vocab))
    except (ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"corrupt serialized Doc: {exc}") from exc
    if len(docs) != 1:
        raise StoreError(f"expected one serialized Doc, found {len(docs)}")
    return docs[0]


def vector_to_bytes(vector: np.ndarray) -> tuple[bytes, int]:
    """A 1-D vector as little-endian float32 bytes, and its length."""
    arr = np.ascontiguousarray(vector, dtype="<f4")
    if arr.ndim != 1 or arr.size == 0:
        raise StoreError(f"an article vector must be 1-D and non-empty, got shape {arr.shape}")
    return arr.tobytes(), int(arr.shape[0])


def matrix_to_bytes(matrix: np.ndarray) -> tuple[bytes, int, int]:
    """A 2-D matrix (one row per sentence) as float32 bytes, rows and columns."""
    arr = np.ascontiguousarray(matrix, dtype="<f4")
    if arr.ndim != 2:
        raise StoreError(f"a sentence matrix must be 2-D, got shape {arr.shape}")
    return arr.tobytes(), int(arr.shape[0]), int(arr.shape[1])


def matrix_from_bytes(data: bytes, rows: int, dim: int) -> np.ndarray:
    """A writable float32 ``(rows, dim)`` matrix from :func:`matrix_to_bytes` bytes."""
    if len(data) != rows * dim * 4:
        raise StoreError(f"vector data has {len(data)} bytes, expected {rows}x{dim} float32")
    return np.frombuffer(data, dtype="<f4").astype(np.float32).reshape(rows, dim)
