"""Duplicate stories: wire copies of one story with small edits map to one story id.

Texts are compared by the Jaccard similarity of their word 5-shingles, estimated with
MinHash (``datasketch``) and looked up by LSH bands (the band count and width that
``datasketch.MinHashLSH`` picks for the threshold). Every article added gets a story id:
the article id of the first article of its cluster. The index is deterministic (fixed
seed and permutation scheme).

Where the signatures live is up to a :class:`SignatureStore`: in memory
(:class:`MemorySignatures`, the default; the whole index pickles, or saves with
:meth:`DuplicateIndex.to_bytes`), or in the run's DuckDB file
(:class:`dyadwatch.engines.stories.StoreSignatures`), so that a run's memory does not
grow with the number of articles it has seen.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Protocol

import numpy as np

__all__ = ["DuplicateIndex", "MemorySignatures", "SignatureStore", "shingles"]

_WORD = re.compile(r"\w+")
_SCHEME = "affine32"
_FORMAT = 2
_LSH_MARGIN = 0.1


def shingles(text: str, size: int = 5) -> set[str]:
    """The word ``size``-shingles of ``text`` (lower-cased, punctuation ignored).

    A text shorter than ``size`` words is one shingle, so it still matches only itself.
    """
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def _lsh_threshold(threshold: float) -> float:
    """The LSH band threshold: a little under the match threshold (candidates are checked
    afterwards), and within the range where datasketch can make at least two bands."""
    return min(0.9, max(0.1, threshold - _LSH_MARGIN))


class SignatureStore(Protocol):
    """Where a :class:`DuplicateIndex` keeps its articles' signatures and LSH band keys."""

    def story_of(self, article_id: str) -> str | None: ...

    def candidates(self, keys: list[int]) -> Iterable[tuple[str, str, np.ndarray]]:
        """(article id, story id, signature) of every article sharing a band key with ``keys``."""
        ...

    def insert(self, article_id: str, story: str, signature: np.ndarray, keys: list[int]) -> None: ...

    def __len__(self) -> int: ...


class MemorySignatures:
    """Signatures and bands in dictionaries (everything the index has seen stays in memory)."""

    def __init__(self) -> None:
        self.bands: dict[int, list[str]] = defaultdict(list)
        self.signatures: dict[str, np.ndarray] = {}
        self.stories: dict[str, str] = {}

    def story_of(self, article_id: str) -> str | None:
        return self.stories.get(article_id)

    def candidates(self, keys: list[int]) -> Iterable[tuple[str, str, np.ndarray]]:
        seen: set[str] = set()
        for k in keys:
            for aid in self.bands.get(k, ()):
                if aid not in seen:
                    seen.add(aid)
                    yield aid, self.stories[aid], self.signatures[aid]

    def insert(self, article_id: str, story: str, signature: np.ndarray, keys: list[int]) -> None:
        for k in keys:
            self.bands[k].append(article_id)
        self.signatures[article_id] = signature
        self.stories[article_id] = story

    def __len__(self) -> int:
        return len(self.stories)


class DuplicateIndex:
    """Cluster articles into stories by near-duplicate text.

    ``threshold`` is the estimated Jaccard similarity of word shingles at which two texts
    are the same story (0.7 by default); LSH bands find candidates, and a candidate counts
    only when its estimated similarity reaches the threshold. The best such candidate
    (ties: the smaller story id) decides the story.
    """

    def __init__(self, threshold: float = 0.7, num_perm: int = 128, shingle_size: int = 5, seed: int = 1,
                 store: SignatureStore | None = None) -> None:
        from datasketch import MinHashLSH

        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.seed = seed
        lsh = MinHashLSH(threshold=_lsh_threshold(threshold), num_perm=num_perm)
        self.bands, self.rows = lsh.b, lsh.r
        self.store: SignatureStore = store if store is not None else MemorySignatures()
        self._permutations = None

    # -- public -------------------------------------------------------------------------

    def signature(self, text: str) -> np.ndarray:
        """The MinHash signature of ``text``'s shingles (``num_perm`` unsigned integers)."""
        from datasketch import MinHash

        if self._permutations is None:
            self._permutations = MinHash(num_perm=self.num_perm, seed=self.seed, scheme=_SCHEME).permutations
        mh = MinHash(num_perm=self.num_perm, seed=self.seed, permutations=self._permutations, scheme=_SCHEME)
        sh = shingles(text, self.shingle_size)
        if sh:
            mh.update_batch([s.encode("utf-8") for s in sorted(sh)])
        return mh.hashvalues.astype(np.uint64)

    def band_keys(self, signature: np.ndarray) -> list[int]:
        """One signed 64-bit key per LSH band (the band's number and its rows, hashed)."""
        r = self.rows
        keys = []
        for b in range(self.bands):
            digest = hashlib.blake2b(signature[b * r : (b + 1) * r].tobytes(), digest_size=8, person=b.to_bytes(2, "little")).digest()
            keys.append(int.from_bytes(digest, "little", signed=True))
        return keys

    def add(self, article_id: str, text: str, signed: tuple[np.ndarray, list[int]] | None = None) -> str:
        """Add an article and return its story id (the id of its cluster's first article).

        Adding an id that is already in the index returns its story and changes nothing.
        ``signed`` is (:meth:`signature`, :meth:`band_keys`) of ``text`` where the caller
        has them already.
        """
        known = self.store.story_of(article_id)
        if known is not None:
            return known
        if signed is None:
            sig = self.signature(text)
            signed = sig, self.band_keys(sig)
        sig, keys = signed
        story = article_id
        best = -1.0
        for other, other_story, other_sig in self.store.candidates(keys):
            sim = float(np.mean(other_sig == sig))
            if sim >= self.threshold and (sim > best or (sim == best and other_story < story)):
                best, story = sim, other_story
        self.store.insert(article_id, story, sig, keys)
        return story

    def add_many(self, items: Iterable[tuple[str, str]]) -> list[str]:
        """:meth:`add` each ``(article_id, text)`` in order; the story ids in the same order."""
        return [self.add(aid, text) for aid, text in items]

    def story_of(self, article_id: str) -> str | None:
        """The story id of an article already added, else ``None``."""
        return self.store.story_of(article_id)

    def similarity(self, text_a: str, text_b: str) -> float:
        """Estimated Jaccard similarity of two texts' shingles (for diagnostics)."""
        return float(np.mean(self.signature(text_a) == self.signature(text_b)))

    def __len__(self) -> int:
        return len(self.store)

    def __contains__(self, article_id: object) -> bool:
        return isinstance(article_id, str) and self.store.story_of(article_id) is not None

    # -- persistence (of an index kept in memory) ----------------------------------------

    def to_bytes(self) -> bytes:
        """The whole index as bytes; :meth:`from_bytes` gives it back."""
        return pickle.dumps((_FORMAT, self.__getstate__()), protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def from_bytes(cls, data: bytes) -> "DuplicateIndex":
        """An index saved by :meth:`to_bytes` (only load bytes you wrote yourself: this unpickles)."""
        version, state = pickle.loads(data)  # noqa: S301 - the caller's own saved index
        if version != _FORMAT:
            raise ValueError(f"unknown DuplicateIndex format {version}")
        index = cls.__new__(cls)
        index.__setstate__(state)
        return index

    def __getstate__(self) -> dict:
        if not isinstance(self.store, MemorySignatures):
            raise TypeError("only an index kept in memory can be pickled; its store keeps the rest")
        state = dict(self.__dict__)
        state["_permutations"] = None  # rebuilt from the seed on demand
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
