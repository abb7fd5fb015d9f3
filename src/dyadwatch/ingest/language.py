"""Is an article in English? Non-English articles are rejected, and only when that is sure.

Two signals: the share of common English function words (a text where they are frequent
is English, whatever else it contains), then ``langdetect`` with a fixed seed, whose
answer counts only with a high probability and a text of some length. Short texts are
never rejected: one English sentence with no function words ("Russia attacked Ukraine.")
must get through.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..records import Article, Rejection

__all__ = ["detect_language", "language_rejection", "english_share"]

#: Languages the coder reads.
SUPPORTED = frozenset({"en"})
_MIN_WORDS = 12
_MIN_PROB = 0.95
_ENGLISH_SHARE = 0.12
_SAMPLE_CHARS = 3000
_SEED = 0
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_EN = frozenset("""
a about after against all also an and are as at be been before but by can could did do does
for from had has have he her his how i if in into is it its more most new not of on one or other
our out over said says she should so some than that the their them there these they this those to
under up was we were what when which while who will with would you your
""".split())


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text[:_SAMPLE_CHARS])]


def english_share(text: str) -> float:
    """Share of the words of ``text`` that are common English function words."""
    words = _words(text)
    return sum(w in _EN for w in words) / len(words) if words else 0.0


@lru_cache(maxsize=1)
def _factory():  # noqa: ANN202 - langdetect.DetectorFactory
    """A private langdetect factory with the bundled profiles and a fixed seed."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = _SEED
    return factory


def detect_language(text: str) -> tuple[str, float] | None:
    """The most likely language of ``text`` and its probability (``None`` if undecidable)."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(text[:_SAMPLE_CHARS])
    try:
        best = detector.get_probabilities()
    except LangDetectException:
        return None
    if not best:
        return None
    return best[0].lang, float(best[0].prob)


def language_rejection(article: Article) -> Rejection | None:
    """A rejection ``language XX not supported`` when ``article`` is surely not English, else ``None``."""
    text = article.text
    words = _words(text)
    if len(words) < _MIN_WORDS or english_share(text) >= _ENGLISH_SHARE:
        return None
    found = detect_language(text)
    if found is None:
        return None
    code, prob = found
    if code in SUPPORTED or prob < _MIN_PROB:
        return None
    return Rejection(
        article.origin or "",
        f"language {code} not supported",
        f"detected with probability {prob:.2f}; {english_share(text):.0%} English function words",
        text.encode("utf-8"),
    )
