"""Small pieces of wording the brief's templates share: numbers, counts, quotes, verbs."""

from __future__ import annotations

__all__ = ["signed", "plural", "snippet", "verb_of", "arrow"]

#: what a sender did, by CAMEO code (the most specific first) or root, in the past tense
_VERBS = {
    "051": "praised", "057": "signed an agreement", "139": "gave an ultimatum",
    "01": "commented", "02": "appealed", "03": "expressed intent to cooperate", "04": "consulted",
    "05": "engaged diplomatically", "06": "cooperated materially", "07": "provided aid", "08": "yielded",
    "09": "investigated", "10": "demanded", "11": "criticised", "12": "rejected", "13": "threatened",
    "14": "protested", "15": "showed force", "16": "reduced relations", "17": "coerced",
    "18": "assaulted", "19": "fought", "20": "used mass violence",
}


def signed(x: float, digits: int = 1) -> str:
    """``-4.8`` → ``"−4.8"``, ``1.2`` → ``"+1.2"`` (a true minus sign, as in print)."""
    return f"{x:+.{digits}f}".replace("-", "\u2212")


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else words or word + 's'}"


def arrow(source: str | None, target: str | None) -> str:
    return f"{source or '?'}\u2192{target or '?'}"


def verb_of(cameo: str) -> str:
    """The past-tense verb for a CAMEO code: ``"051"`` → ``"praised"``, ``"1384"`` → ``"threatened"``."""
    return _VERBS.get(cameo[:3]) or _VERBS.get(cameo[:2], "acted")


def snippet(sentence: str, trigger: str | None, width: int = 70) -> str:
    """The words around ``trigger`` in ``sentence`` (the whole sentence when short), with … where cut."""
    text = " ".join((sentence or "").split())
    if len(text) <= 2 * width:
        return text
    at = text.find(trigger) if trigger else -1
    if at < 0:
        return text[: 2 * width].rsplit(" ", 1)[0] + "…"
    lo, hi = max(0, at - width), min(len(text), at + len(trigger or "") + width)
    part = text[lo:hi]
    if lo > 0:
        part = "…" + part.split(" ", 1)[-1]
    if hi < len(text):
        part = part.rsplit(" ", 1)[0] + "…"
    return part
