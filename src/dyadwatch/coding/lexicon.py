"""The event lexicon: verb and noun patterns with their CAMEO codes, and complement frames.

A verb pattern is a verb lemma plus words that must hang off it in the dependency parse
(a particle, a preposition, the head of its object or a word attached to that object):
``impose sanction``, ``call on``, ``declare talk over``. The longest matching pattern wins.
A noun pattern is a noun lemma, optionally with a modifier (``peace talk``).
"""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

from ..errors import DictionaryError
from .codebook import Codebook
from .modality import MESSAGE_VERBS, MUST_AUX, SPEECH_VERBS

__all__ = ["Pattern", "Lexicon", "inflections", "MONEY", "CURRENCIES"]

FLAGS = frozenset({"complement", "recip", "swap", "notarget", "negative", "none"})


@dataclass(frozen=True, slots=True)
class Pattern:
    kind: str  # "verb" | "noun"
    code: str
    head: str
    extras: tuple[str, ...]
    flags: frozenset[str]
    example: str
    line: int

    @property
    def pid(self) -> str:
        """Stable pattern id, e.g. ``verb:impose sanction→163``."""
        return f"{self.kind}:{' '.join((self.head, *self.extras)) if self.kind == 'verb' else ' '.join((*self.extras, self.head))}→{self.code}"

    @property
    def text(self) -> str:
        return " ".join((self.head, *self.extras)) if self.kind == "verb" else " ".join((*self.extras, self.head))


#: the lexicon's word for an amount of money as an object ("provide money": "provided $5 million
#: to …"), and the currency words and signs that make an amount money
MONEY = "money"
CURRENCIES = frozenset("""dollar dollars euro euros pound pounds yen yuan renminbi rupee rupees ruble rubles rouble
roubles krone kroner krona kronor franc francs dinar dinars riyal riyals dirham dirhams shekel shekels won lira
peso pesos naira rand real reais shilling shillings $ € £ ¥ ₹ ₽""".split())

class Lexicon:
    def __init__(self, verbs: list[Pattern], nouns: list[Pattern], frames: dict[str, dict[str, str]], version: str) -> None:
        self.verbs: dict[str, list[Pattern]] = defaultdict(list)
        self.nouns: dict[str, list[Pattern]] = defaultdict(list)
        for p in verbs:
            self.verbs[p.head].append(p)
        for p in nouns:
            self.nouns[p.head].append(p)
        for d in (self.verbs, self.nouns):
            for lst in d.values():
                lst.sort(key=lambda p: (-len(p.extras), p.line))
        self.frames = frames
        self.version = version

    @classmethod
    @functools.lru_cache(maxsize=1)
    def bundled(cls) -> "Lexicon":
        base = resources.files("dyadwatch.coding") / "data"
        codebook = Codebook.bundled()
        texts = {n: (base / n).read_text("utf-8") for n in ("verbs.tsv", "nouns.tsv", "frames.tsv")}
        digest = hashlib.sha256("".join(texts.values()).encode()).hexdigest()[:12]
        verbs = _patterns(texts["verbs.tsv"], "verb", ["code", "pattern", "flags", "example"], codebook, "verbs.tsv")
        nouns = _patterns(texts["nouns.tsv"], "noun", ["code", "noun", "flags", "example"], codebook, "nouns.tsv")
        frames: dict[str, dict[str, str]] = defaultdict(dict)
        for n, ln in _lines(texts["frames.tsv"], ["frame", "content", "code"], "frames.tsv"):
            frame, content, code = ln[:3]
            if code not in codebook:
                raise DictionaryError(f"frames.tsv:{n}: {code} is not a CAMEO code")
            frames[frame][content] = code
        return cls(verbs, nouns, dict(frames), digest)

    def lemma_candidates(self, lemma: str, lower: str) -> tuple[str, ...]:
        """The model's lemma, then repairs for its known slips: "staged" → "stag" (→ stage),
        "forgave" left as is (→ forgive)."""
        lemma = lemma.lower()
        out = [lemma]
        if lemma not in self.verbs:
            out.append(lemma + "e")
            irregular = _PAST_TO_LEMMA.get(lower)
            if irregular:
                out.append(irregular)
            for suffix in ("ed", "d", "ing", "s"):
                if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
                    out.append(lower[: -len(suffix)])
        return tuple(out)

    def verb_patterns(self, lemma: str, lower: str) -> list[Pattern] | None:
        """The verb patterns of a word: those of the first of :meth:`lemma_candidates` that has any."""
        for c in self.lemma_candidates(lemma, lower):
            pats = self.verbs.get(c)
            if pats:
                return pats
        return None

    def noun_patterns(self, lemma: str, lower: str) -> list[Pattern] | None:
        """The noun patterns of a word, by its lemma or else its surface form."""
        return self.nouns.get(lemma.lower()) or self.nouns.get(lower)

    def frame_code(self, frame_code: str, content_code: str) -> str | None:
        """The code of a frame (``130`` threaten …) applied to a complement's code."""
        table = self.frames.get(frame_code[:2], {})
        for n in range(len(content_code), 1, -1):
            hit = table.get(content_code[:n])
            if hit:
                return hit
        return None

    def trigger_index(self) -> dict[str, list[tuple[bool, tuple[frozenset[str], ...]]]]:
        """Surface form of a trigger head → for each of its patterns, whether it needs a
        second actor and the surface forms each extra word may take (all must occur in a
        sentence for the pattern to be possible). No pattern needs a second actor now: a
        statement with no addressee is a one-sided 010 (SentenceCoder, issue 15)."""
        index: dict[str, list[tuple[bool, tuple[frozenset[str], ...]]]] = defaultdict(list)
        for table, verb in ((self.verbs, True), (self.nouns, False)):
            for lemma, pats in table.items():
                need = [(False, tuple(frozenset(inflections(w, verb=True) | inflections(w, verb=False)
                                                | (CURRENCIES if w == MONEY else set())) for w in p.extras)) for p in pats]
                forms = inflections(lemma, verb=verb) | ({lemma + "e"} if verb else set())
                for f in forms:
                    index[f].extend(need)
        # "X said that Y must …" is a demand whatever Y must do (SentenceCoder._reported_demand)
        must = (True, (frozenset(MUST_AUX),))
        for lemma in SPEECH_VERBS | MESSAGE_VERBS:
            for f in inflections(lemma, verb=True):
                index[f].append(must)
        return dict(index)


def _lines(text: str, header: list[str], label: str):
    rows = [(n, ln) for n, ln in enumerate(text.split("\n"), 1) if ln.strip() and not ln.lstrip().startswith("#")]
    if not rows or rows[0][1].split("\t")[: len(header)] != header:
        raise DictionaryError(f"{label}: header must be {header}")
    for n, ln in rows[1:]:
        cells = [c.strip() for c in ln.split("\t")]
        cells += [""] * (len(header) - len(cells))
        yield n, cells


def _patterns(text: str, kind: str, header: list[str], codebook: Codebook, label: str) -> list[Pattern]:
    out = []
    for n, (code, pattern, flags, example, *_rest) in _lines(text, header, label):
        if code not in codebook:
            raise DictionaryError(f"{label}:{n}: {code!r} is not a CAMEO code")
        words = pattern.lower().split()
        if not words:
            raise DictionaryError(f"{label}:{n}: empty pattern")
        fl = frozenset(f.strip() for f in flags.split(",") if f.strip())
        if fl - FLAGS:
            raise DictionaryError(f"{label}:{n}: unknown flag(s) {sorted(fl - FLAGS)}")
        if kind == "verb":
            head, extras = words[0], tuple(words[1:])
        else:
            head, extras = words[-1], tuple(words[:-1])
        out.append(Pattern(kind, code, head, extras, fl, example, n))
    return out


_IRREGULAR = {
    "arise": "arose arisen", "bear": "bore borne", "beat": "beaten", "become": "became", "begin": "began begun",
    "bid": "bid", "bind": "bound", "bite": "bit bitten", "blow": "blew blown", "break": "broke broken",
    "bring": "brought", "build": "built", "burn": "burnt", "buy": "bought", "catch": "caught", "choose": "chose chosen",
    "come": "came", "cut": "cut", "deal": "dealt", "do": "did done does", "draw": "drew drawn", "drive": "drove driven",
    "eat": "ate eaten", "fall": "fell fallen", "feel": "felt", "fight": "fought", "find": "found", "flee": "fled",
    "fly": "flew flown", "forbid": "forbade forbidden", "forgive": "forgave forgiven", "freeze": "froze frozen",
    "get": "got gotten", "give": "gave given", "go": "went gone goes", "hang": "hung", "have": "had has",
    "hear": "heard", "hide": "hid hidden", "hit": "hit", "hold": "held", "hurt": "hurt", "keep": "kept",
    "lay": "laid", "lead": "led", "leave": "left", "lend": "lent", "let": "let", "lose": "lost", "make": "made",
    "mean": "meant", "meet": "met", "overrun": "overran", "overthrow": "overthrew overthrown", "pay": "paid",
    "put": "put", "quit": "quit", "rise": "rose risen", "run": "ran", "say": "said", "see": "saw seen",
    "seek": "sought", "sell": "sold", "send": "sent", "set": "set", "shake": "shook shaken", "shoot": "shot",
    "shut": "shut", "sink": "sank sunk", "slay": "slew slain", "speak": "spoke spoken", "spend": "spent",
    "split": "split", "spread": "spread", "stand": "stood", "steal": "stole stolen", "strike": "struck stricken",
    "swear": "swore sworn", "take": "took taken", "teach": "taught", "tear": "tore torn", "tell": "told",
    "think": "thought", "throw": "threw thrown", "undertake": "undertook undertaken", "uphold": "upheld",
    "understand": "understood", "withdraw": "withdrew withdrawn", "withhold": "withheld", "win": "won",
    "write": "wrote written", "forsake": "forsook forsaken", "shed": "shed", "upset": "upset", "overcome": "overcame",
    "mislead": "misled", "rebuild": "rebuilt", "retake": "retook retaken", "foresee": "foresaw foreseen",
    "wage": "waged", "be": "is was were been are", "child": "children", "person": "people",
}
_VOWELS = set("aeiou")
#: irregular past forms back to their lemma ("forgave" → "forgive"); "un"/"re" prefixes too
_PAST_TO_LEMMA = {f: lemma for lemma, forms in _IRREGULAR.items() for f in forms.split()}
_PAST_TO_LEMMA.update({p + f: p + lemma for lemma, forms in _IRREGULAR.items() for f in forms.split() for p in ("un", "re")})


def inflections(lemma: str, verb: bool) -> set[str]:
    """Surface forms of a lemma, generously (a prefilter may over-accept, never under-accept)."""
    w = lemma.lower()
    out = {w, w + "s", w + "es"}
    out.update(_IRREGULAR.get(w, "").split())
    if w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        out.update({w[:-1] + "ies", w[:-1] + "ied"})
    if w.endswith(("s", "x", "z", "ch", "sh")):
        out.add(w + "es")
    if w.endswith("f"):
        out.add(w[:-1] + "ves")
    if w.endswith("fe"):
        out.add(w[:-2] + "ves")
    if verb:
        stem = w[:-1] if w.endswith("e") else w
        out.update({stem + "ed", stem + "ing", w + "d", w + "ed", w + "ing"})
        if len(w) >= 3 and w[-1] not in _VOWELS | {"w", "x", "y"} and w[-2] in _VOWELS and w[-3] not in _VOWELS:
            out.update({w + w[-1] + "ed", w + w[-1] + "ing"})
        if w.endswith("ie"):
            out.add(w[:-2] + "ying")
        if w.endswith("c"):
            out.update({w + "ked", w + "king"})
    return out
