"""Duplicate stories: wire copies of one story with small edits map to one story id.

Texts are compared by the Jaccard similarity of their word 5-shingles, estimated with
MinHash and looked up with LSH (``datasketch``). Every article added gets a story id:
the article id of the first article of its cluster. The index is deterministic (fixed
seed and permutation scheme) and can be saved with :meth:`DuplicateIndex.to_bytes` (or
pickled) so a run can carry it over to the next one.
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Iterable

import numpy as np

__all__ = ["DuplicateIndex", "shingles"]

_WORD = re.compile(r"\w+")
_SCHEME = "affine32"
_FORMAT = 1
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


class DuplicateIndex:
    """Cluster articles into stories by near-duplicate text.

    ``threshold`` is the estimated Jaccard similarity of word shingles at which two texts
    are the same story (0.7 by default); LSH finds candidates, and a candidate counts only
    when its estimated similarity reaches the threshold. The best such candidate decides
    the story.
    """

    def __init__(self, threshold: float = 0.7, num_perm: int = 128, shingle_size: int = 5, seed: int = 1) -> None:
        from datasketch import MinHashLSH

        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.seed = seed
        self._lsh = MinHashLSH(threshold=_lsh_threshold(threshold), num_perm=num_perm)
        self._signatures: dict[str, np.ndarray] = {}
        self._story: dict[str, str] = {}
        self._permutations = None

    # -- public -------------------------------------------------------------------------

    def add(self, article_id: str, text: str) -> str:
        """Add an article and return its story id (the id of its cluster's first article).

        Adding an id that is already in the index returns its story and changes nothing.
        """
        if article_id in self._story:
            return self._story[article_id]
        mh = self._minhash(text)
        story = article_id
        best = -1.0
        for other in self._lsh.query(mh):
            sim = float(np.mean(self._signatures[other] == mh.hashvalues))
            if sim >= self.threshold and (sim > best or (sim == best and self._story[other] < story)):
                best, story = sim, self._story[other]
        self._lsh.insert(article_id, mh)
        self._signatures[article_id] = mh.hashvalues.copy()
        self._story[article_id] = story
        return story

    def add_many(self, items: Iterable[tuple[str, str]]) -> list[str]:
        """:meth:`add` each ``(article_id, text)`` in order; the story ids in the same order."""
        return [self.add(aid, text) for aid, text in items]

    def story_of(self, article_id: str) -> str | None:
        """The story id of an article already added, else ``None``."""
        return self._story.get(article_id)

    def similarity(self, text_a: str, text_b: str) -> float:
        """Estimated Jaccard similarity of two texts' shingles (for diagnostics)."""
        return float(self._minhash(text_a).jaccard(self._minhash(text_b)))

    def __len__(self) -> int:
        return len(self._story)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._story

    # -- persistence --------------------------------------------------------------------

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
        state = dict(self.__dict__)
        state["_permutations"] = None  # rebuilt from the seed on demand
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    # -- internals ----------------------------------------------------------------------

    def _minhash(self, text: str):  # noqa: ANN202 - datasketch.MinHash
        from datasketch import MinHash

        if self._permutations is None:
            self._permutations = MinHash(num_perm=self.num_perm, seed=self.seed, scheme=_SCHEME).permutations
        mh = MinHash(num_perm=self.num_perm, seed=self.seed, permutations=self._permutations, scheme=_SCHEME)
        sh = shingles(text, self.shingle_size)
        if sh:
            mh.update_batch([s.encode("utf-8") for s in sorted(sh)])
        return mh
