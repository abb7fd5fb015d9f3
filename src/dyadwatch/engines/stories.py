"""Wire copies: articles that retell a story already coded (MinHash/LSH over word
shingles) are linked to that story instead of being coded again, so their events count
once while the number of articles and outlets that carried the story is kept (the
``stories`` view).

The index lives in the store (tables ``story_signatures`` and ``story_bands``), so
incremental and resumed runs see what earlier runs saw, and a run holds in memory only
the articles it has linked since its last write plus the candidates of the articles it
is reading: its memory does not grow with the corpus."""

from __future__ import annotations

import pickle
from collections import defaultdict
from collections.abc import Iterable

import numpy as np
import pyarrow as pa

from ..ingest.dedup import DuplicateIndex
from ..records import Article, Rejection
from ..store.duck import Store

__all__ = ["StoreSignatures", "StoryLinker"]

#: where versions before the store tables kept the whole index (read once, then moved)
_LEGACY_KEY = "duplicate_index"


class StoreSignatures:
    """A :class:`~dyadwatch.ingest.dedup.SignatureStore` over the store's tables.

    Inserts wait in memory until :meth:`flush`; :meth:`prefetch` answers the lookups of a
    chunk of articles with two queries instead of two per article."""

    def __init__(self, store: Store) -> None:
        self.con = store.con
        self._pending: dict[str, tuple[str, np.ndarray, list[int]]] = {}
        self._pending_bands: dict[int, list[str]] = defaultdict(list)
        self._stories: dict[str, str | None] = {}  # prefetched: article id → story (None: not signed)
        self._rows: dict[str, tuple[str, np.ndarray]] = {}  # prefetched candidates
        self._bands: dict[int, list[str]] = {}  # prefetched band key → article ids
        self._count: int | None = None

    # -- lookups ------------------------------------------------------------------------
    def prefetch(self, article_ids: Iterable[str], keys: Iterable[int]) -> None:
        """Read the stories of ``article_ids`` and every article sharing a band key with ``keys``."""
        self._stories.clear()
        self._rows.clear()
        self._bands.clear()
        ids = list(article_ids)
        if ids:
            self._stories.update(dict.fromkeys(ids))
            rows = self.con.execute("SELECT article_id, story_id FROM story_signatures WHERE article_id IN (SELECT unnest(?))", [ids]).fetchall()
            self._stories.update(rows)
        keys = list(set(keys))
        if keys:
            self._bands.update((k, []) for k in keys)
            for band, aid, story, sig in self._fetch(keys):
                self._bands[band].append(aid)
                self._rows[aid] = (story, sig)

    def _fetch(self, keys: list[int]) -> list[tuple[int, str, str, np.ndarray]]:
        rows = self.con.execute(
            "SELECT b.band, s.article_id, s.story_id, s.signature FROM story_bands b "
            "JOIN story_signatures s ON s.article_id = b.article_id WHERE b.band IN (SELECT unnest(?))", [keys]).fetchall()
        return [(band, aid, story, np.frombuffer(sig, dtype=np.uint64)) for band, aid, story, sig in rows]

    def story_of(self, article_id: str) -> str | None:
        if article_id in self._pending:
            return self._pending[article_id][0]
        if article_id in self._stories:
            return self._stories[article_id]
        row = self.con.execute("SELECT story_id FROM story_signatures WHERE article_id = ?", [article_id]).fetchone()
        return row[0] if row else None

    def candidates(self, keys: list[int]) -> Iterable[tuple[str, str, np.ndarray]]:
        seen: set[str] = set()
        missing = [k for k in keys if k not in self._bands]
        fetched = self._fetch(missing) if missing else []
        stored = [(aid, *self._rows[aid]) for k in keys if k in self._bands for aid in self._bands[k]]
        stored += [(aid, story, sig) for _, aid, story, sig in fetched]
        pending = [(aid, self._pending[aid][0], self._pending[aid][1]) for k in keys for aid in self._pending_bands.get(k, ())]
        for aid, story, sig in stored + pending:
            if aid not in seen:
                seen.add(aid)
                yield aid, story, sig

    # -- writes -------------------------------------------------------------------------
    def insert(self, article_id: str, story: str, signature: np.ndarray, keys: list[int]) -> None:
        self._pending[article_id] = (story, signature, keys)
        for k in keys:
            self._pending_bands[k].append(article_id)

    def flush(self) -> None:
        """Write the signatures added since the last flush (one transaction)."""
        if not self._pending:
            return
        ids = list(self._pending)
        sigs = pa.table({"article_id": ids, "story_id": [self._pending[a][0] for a in ids],
                         "signature": pa.array([self._pending[a][1].tobytes() for a in ids], pa.binary())})
        bands = pa.table({"band": pa.array([k for a in ids for k in self._pending[a][2]], pa.int64()),
                          "article_id": [a for a in ids for _ in self._pending[a][2]]})
        self.con.execute("BEGIN TRANSACTION")
        self.con.register("_sigs", sigs)
        self.con.register("_bands", bands)
        self.con.execute("INSERT INTO story_signatures SELECT article_id, story_id, signature FROM _sigs")
        self.con.execute("INSERT INTO story_bands SELECT band, article_id FROM _bands")
        self.con.unregister("_sigs")
        self.con.unregister("_bands")
        self.con.execute("COMMIT")
        if self._count is not None:
            self._count += len(ids)
        self._pending.clear()
        self._pending_bands.clear()

    def __len__(self) -> int:
        if self._count is None:
            self._count = self.con.execute("SELECT count(*) FROM story_signatures").fetchone()[0]
        return self._count + len(self._pending)


class StoryLinker:
    def __init__(self, store: Store, threshold: float = 0.7) -> None:
        self.store = store
        self.signatures = StoreSignatures(store)
        self.index = DuplicateIndex(threshold=threshold, store=self.signatures)
        self._signed: dict[str, tuple[np.ndarray, list[int]]] = {}
        self._move_legacy_index()

    @staticmethod
    def _text(article: Article) -> str:
        return f"{article.title or ''}\n{article.text}"

    def prepare(self, items: Iterable[Article | Rejection]) -> None:
        """Sign a chunk of articles and read what the store knows about them at once."""
        self._signed = {}
        for a in items:
            if isinstance(a, Article):
                sig = self.index.signature(self._text(a))
                self._signed[a.article_id] = (sig, self.index.band_keys(sig))
        self.signatures.prefetch(self._signed, [k for _, keys in self._signed.values() for k in keys])

    def story_of(self, article: Article) -> str:
        """The story id: the article's own id, or that of the first article of its story."""
        return self.index.add(article.article_id, self._text(article), self._signed.get(article.article_id))

    def save(self) -> None:
        self.signatures.flush()

    def _move_legacy_index(self) -> None:
        """Stores written before the index had tables kept it as one pickled blob: move it."""
        raw = self.store.get_state(_LEGACY_KEY)
        if raw is None:
            return
        _version, state = pickle.loads(raw)  # noqa: S301 - written by this program into this store
        for aid, sig in state.get("_signatures", {}).items():
            if self.index.story_of(aid) is None:
                sig = np.asarray(sig, dtype=np.uint64)
                self.signatures.insert(aid, state["_story"][aid], sig, self.index.band_keys(sig))
        self.signatures.flush()
        self.store.con.execute("DELETE FROM state WHERE key = ?", [_LEGACY_KEY])
