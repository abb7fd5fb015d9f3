"""Exact, faster stand-ins for the two rule components at the end of the English pipeline.

The profile of the coder (``bench/throughput.py``, VOA corpus) showed spaCy's attribute
ruler and rule lemmatizer taking about as long as the parser on the sentences that are
parsed: the attribute ruler runs a :class:`~spacy.matcher.Matcher` with ~180 patterns
over every token, and the lemmatizer calls a Python method per token (its own cache
skips the base forms, which are most tokens). Both compute a function of a few token
attributes, so both can be memoised on those attributes and applied with one
``to_array`` / ``from_array`` per doc:

- :class:`FastAttributeRuler` evaluates each token pattern once per distinct
  (TAG, LOWER, DEP, …) signature, finds the same matches the Matcher finds (token
  patterns without operators, any length), and applies them in the order spaCy does
  (rule order, later rules win).
- :class:`FastLemmatizer` memoises the stock lemmatizer's own answer per (ORTH, POS,
  MORPH) — the key spaCy's rule lemmatizer caches on — and only asks it on a miss, with
  the lemma index as a set instead of a list (a miss was ~130 µs, a scan of 57,528 nouns).

Neither is a new model: a pattern set or lemmatizer mode they cannot reproduce exactly
makes :func:`accelerated` leave the stock component in place. ``tests/test_nlp_fast.py``
checks token-for-token equality with the stock components.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

import numpy
from spacy.attrs import DEP, IDS, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.lookups import Lookups, Table
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc

__all__ = ["FastAttributeRuler", "FastLemmatizer", "FastPipeline", "accelerated"]

#: token attributes a pattern may test (values read with ``Doc.to_array``, as the Matcher reads them)
_KEY_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "IS_SPACE", "IS_PUNCT",
                        "IS_ALPHA", "IS_DIGIT", "IS_UPPER", "IS_LOWER", "IS_TITLE"})
#: token attributes a rule may set (none of them lexical, so setting them on the token is all spaCy does)
_SET_ATTRS = (POS, TAG, MORPH, LEMMA, DEP)
#: memo sizes before they are emptied (they grow with the vocabulary, like spaCy's own caches)
_MAX_MEMO = 500_000


class _Unsupported(Exception):
    """A pattern the fast ruler does not reproduce (the stock component is kept)."""


class _Column:
    """One token attribute the patterns test: the values they name, and their regexes.

    Equality and set tests only tell apart the values some pattern names, so every other
    value is read as ``-1`` (no attribute value is negative); each regex adds a 0/1 column.
    A token's signature is then small and shared by many words."""

    def __init__(self, attr: int) -> None:
        self.attr = attr
        self.named: set[int] = set()
        self.regexes: list[re.Pattern] = []
        self.memo: dict[int, tuple[int, ...]] = {}

    def read(self, value: int, strings) -> tuple[int, ...]:
        out = self.memo.get(value)
        if out is None:
            out = (value if value in self.named else -1,) + tuple(int(bool(rx.search(strings[value]))) for rx in self.regexes)
            if len(self.memo) > _MAX_MEMO:
                self.memo.clear()
            self.memo[value] = out
        return out


def _test(col: _Column, value: object, strings) -> tuple[int, Callable[[int], bool]]:
    """One key of a token pattern as (column offset, test): 0 for the attribute's value,
    -k for its k-th regex bit (placed once the signature is laid out)."""
    if isinstance(value, dict):
        if len(value) != 1:
            raise _Unsupported(f"{value!r}")
        (op, arg), = value.items()
        if op in ("IN", "NOT_IN"):
            if not isinstance(arg, (list, tuple)) or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in arg):
                raise _Unsupported(f"{value!r}")
            ids = frozenset(get_string_id(v) for v in arg)
            col.named.update(ids)
            return 0, ((lambda v: v in ids) if op == "IN" else (lambda v: v not in ids))
        if op == "REGEX" and isinstance(arg, str):
            col.regexes.append(re.compile(arg))
            return -len(col.regexes), (lambda v: v == 1)  # a regex column, placed when the signature is laid out
        raise _Unsupported(f"{op}")
    if isinstance(value, bool):
        want = int(value)
    elif isinstance(value, str):
        want = strings.add(value)
    elif isinstance(value, int):
        want = value
    else:
        raise _Unsupported(f"{value!r}")
    col.named.add(want)
    return 0, (lambda v: v == want)


class FastAttributeRuler:
    """Applies an :class:`~spacy.pipeline.AttributeRuler`'s rules with the same result.

    Raises :class:`_Unsupported` (caught by :func:`accelerated`) for patterns with
    operators, extension attributes or attributes outside a small known set."""

    def __init__(self, ruler: AttributeRuler) -> None:
        strings = ruler.vocab.strings
        cols: dict[str, _Column] = {}
        raw: list[tuple[list[list[list[tuple[str, int, Callable[[int], bool]]]]], int, dict[int, int]]] = []
        for r, attrs in enumerate(ruler.attrs):
            if any(a not in _SET_ATTRS for a in attrs):
                raise _Unsupported(f"rule {r} sets {sorted(attrs)}")
            patterns = ruler.matcher.get(strings.add(str(r)))[1]
            pats = []
            for pat in patterns:
                if not pat:
                    raise _Unsupported(f"rule {r}: empty pattern")
                toks = []
                for spec in pat:
                    tests = []
                    for k, v in spec.items():
                        name = "ORTH" if k.upper() == "TEXT" else k.upper()
                        if name not in _KEY_ATTRS:
                            raise _Unsupported(f"rule {r}: key {k}")
                        col = cols.setdefault(name, _Column(IDS[name]))
                        pos, test = _test(col, v, strings)
                        tests.append((name, pos, test))
                    toks.append(tests)
                pats.append(toks)
            raw.append((pats, ruler.indices[r], dict(attrs)))
        # lay out the signature: per column its value, then its regex bits
        self._cols = list(cols.values())
        start: dict[str, int] = {}
        at = 0
        for name, col in cols.items():
            start[name] = at
            at += 1 + len(col.regexes)
        self._rules = [
            ([tuple(tuple((start[name] + (0 if pos == 0 else -pos), test) for name, pos, test in tests) for tests in toks)
              for toks in pats], index, attrs)
            for pats, index, attrs in raw
        ]
        self.name = ruler.name
        self._keys = [c.attr for c in self._cols]
        self._set = [a for a in _SET_ATTRS if any(a in attrs for _, _, attrs in self._rules)]
        self._row_memo: dict[tuple[int, ...], tuple[tuple[int, int, int], ...]] = {}
        self._sig_memo: dict[tuple[int, ...], tuple[tuple[int, int, int], ...]] = {}
        self._fold_memo: dict[tuple[int, ...], dict[int, int]] = {}

    def _hits(self, row: tuple[int, ...], strings) -> tuple[tuple[int, int, int], ...]:
        """(rule, pattern, position) for every pattern token a token with these values satisfies."""
        hits = self._row_memo.get(row)
        if hits is None:
            sig = sum((c.read(v, strings) for c, v in zip(self._cols, row)), ())
            hits = self._sig_memo.get(sig)
            if hits is None:
                hits = tuple((r, p, k) for r, (pats, _, _) in enumerate(self._rules) for p, pat in enumerate(pats)
                             for k, tests in enumerate(pat) if all(test(sig[col]) for col, test in tests))
                self._sig_memo[sig] = hits
            if len(self._row_memo) > _MAX_MEMO:
                self._row_memo.clear()
            self._row_memo[row] = hits
        return hits

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n or not self._set:
            return doc
        strings = doc.vocab.strings
        hits = [self._hits(tuple(row), strings) for row in doc.to_array(self._keys).reshape(n, -1).tolist()]
        # matches (rule, start, end); the Matcher finds every one, overlapping or not
        targets: dict[int, set[int]] = {}
        for i, h in enumerate(hits):
            for r, p, k in h:
                if k:
                    continue
                pat = self._rules[r][0][p]
                end = i + len(pat)
                if end > n or any((r, p, j) not in hits[i + j] for j in range(1, len(pat))):
                    continue
                index = self._rules[r][1]
                t = i + index if index >= 0 else end + index
                if not (i <= t < end):
                    raise ValueError(f"attribute ruler rule {r}: index {index} outside a match of {len(pat)} tokens")
                targets.setdefault(t, set()).add(r)
        if not targets:
            return doc
        arr = doc.to_array(self._set).reshape(n, -1)
        col = {a: j for j, a in enumerate(self._set)}
        for t, rules in targets.items():
            key = tuple(sorted(rules))
            final = self._fold_memo.get(key)
            if final is None:
                final = {}
                for r in key:  # spaCy applies matches sorted by rule: later rules win
                    final.update(self._rules[r][2])
                self._fold_memo[key] = final
            for a, v in final.items():
                arr[t, col[a]] = v
        doc.from_array(self._set, arr)
        return doc


class _IndexedLemmatizer:
    """What :meth:`Lemmatizer.rule_lemmatize` reads off ``self`` (``lookups``, ``cache``,
    ``is_base_form``), with each part of speech's lemma index as a set: the stock tables hold
    it as a list (57,528 nouns in en_core_web_sm), so ``form in index`` scans it. The stock
    method runs unchanged on this stand-in, so its answers are the same."""

    def __init__(self, stock: Lemmatizer) -> None:
        self.cache: dict = {}
        self.is_base_form = stock.is_base_form
        self.lookups = Lookups()
        for name in stock.lookups.tables:
            table = stock.lookups.get_table(name)
            if name == "lemma_index":
                indexed = Table(name=name)
                for key, value in table.items():
                    indexed[key] = frozenset(value) if isinstance(value, list) else value
                table = indexed
            self.lookups.set_table(name, table)
        self._rule = type(stock).rule_lemmatize

    def __call__(self, token) -> list[str]:
        if len(self.cache) > _MAX_MEMO:
            self.cache.clear()
        return self._rule(self, token)


class FastLemmatizer:
    """The stock rule (or lookup) lemmatizer's answers, memoised per (ORTH, POS, MORPH)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        kind = type(lemmatizer)
        if lemmatizer.mode not in ("rule", "lookup") or kind.__call__ is not Lemmatizer.__call__:
            raise _Unsupported(f"lemmatizer mode {lemmatizer.mode}")
        # the memo key is (ORTH, POS, MORPH): only for lemmatizers known to read nothing else
        if kind.is_base_form not in (Lemmatizer.is_base_form, EnglishLemmatizer.is_base_form) or (
                lemmatizer.mode == "rule" and kind.rule_lemmatize is not Lemmatizer.rule_lemmatize):
            raise _Unsupported(f"{kind.__name__} may read more of a token than its text, POS and morphology")
        if not lemmatizer._validated:
            lemmatizer._validate_tables()
        self.name = lemmatizer.name
        self.stock = lemmatizer
        self.overwrite = bool(lemmatizer.overwrite)
        self._lemmatize = _IndexedLemmatizer(lemmatizer) if lemmatizer.mode == "rule" else lemmatizer.lemmatize
        self._memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        out = arr[:, 3].copy()
        memo, strings = self._memo, doc.vocab.strings
        for i, (o, p, m, lem) in enumerate(arr.tolist()):
            if lem and not self.overwrite:
                continue
            key = (o, p, m)
            h = memo.get(key)
            if h is None:
                h = strings.add(self._lemmatize(doc[i])[0])
                if len(memo) > _MAX_MEMO:
                    memo.clear()
                memo[key] = h
            out[i] = h
        doc.from_array([LEMMA], out.astype(numpy.uint64))
        return doc


def _fast(name: str, component: object) -> Callable[[Doc], Doc] | None:
    try:
        if type(component) is AttributeRuler:
            return FastAttributeRuler(component)
        if isinstance(component, Lemmatizer):
            return FastLemmatizer(component)
    except _Unsupported:
        return None
    return None


class FastPipeline:
    """``nlp.pipe`` with the pipeline's trailing rule components replaced by their fast
    stand-ins; the docs it yields are annotated exactly as ``nlp.pipe`` would annotate them."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        tail: list[tuple[str, Callable[[Doc], Doc]]] = []
        for name, proc in reversed(nlp.pipeline):
            fast = _fast(name, proc)
            if fast is None:
                break
            tail.insert(0, (name, fast))
        self.tail = [f for _, f in tail]
        self.replaced = [n for n, _ in tail]

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        for doc in self.nlp.pipe(docs, batch_size=batch_size, disable=self.replaced):
            for f in self.tail:
                doc = f(doc)
            yield doc

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))


def accelerated(nlp: Language) -> FastPipeline:
    """A :class:`FastPipeline` over ``nlp`` (stock components where no stand-in applies)."""
    return FastPipeline(nlp)
