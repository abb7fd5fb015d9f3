"""Is an article in English? Non-English articles are rejected, and only when that is sure.

First the script: a text whose letters are mostly not Latin (Chinese, Arabic, Cyrillic …)
is not English, however short (words are no measure there: Chinese has no spaces). Then
two signals: the share of common English function words (a text where they are frequent
is English, whatever else it contains), then ``langdetect`` with a fixed seed, whose
answer counts only with a high probability and a text of some length. Short Latin-script
texts are never rejected: one English sentence with no function words ("Russia attacked
Ukraine.") must get through.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
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
#: a text with fewer letters than this is not judged by its script
_MIN_LETTERS = 8
#: under this share of Latin letters, a text is not English
_MIN_LATIN = 0.5
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_EN = frozenset("""
a about after against all also an and are as at be been before but by can could did do does
for from had has have he her his how i if in into is it its more most new not of on one or other
our out over said says she should so some than that the their them there these they this those to
under up was we were what when which while who will with would you your
""".split())


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text[:_SAMPLE_CHARS])]


def _scripts(text: str) -> Counter:
    """How many letters of ``text`` (its first 3,000 characters) are in each script, by the
    first word of their Unicode names (LATIN, CJK, ARABIC, CYRILLIC, HANGUL …)."""
    return Counter(unicodedata.name(c, "UNKNOWN").split(" ", 1)[0] for c in text[:_SAMPLE_CHARS] if c.isalpha())


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
    by_script = _scripts(text)
    letters = sum(by_script.values())
    if letters >= _MIN_LETTERS and by_script["LATIN"] / letters < _MIN_LATIN:
        return _script_rejection(article, by_script, letters)
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


def _script_rejection(article: Article, by_script: Counter, letters: int) -> Rejection:
    """The rejection of a text mostly in a script other than Latin, named by langdetect's
    code where it is sure (``language zh-cn not supported``), else by the script."""
    script, count = next((s, n) for s, n in by_script.most_common() if s != "LATIN")
    found = detect_language(article.text)
    code = found[0] if found is not None and found[1] >= _MIN_PROB else None
    reason = f"language {code} not supported" if code else f"{script.lower()} script not supported"
    return Rejection(
        article.origin or "",
        reason,
        f"{count / letters:.0%} of its {letters} letters are in the {script} script,"
        f" {by_script['LATIN'] / letters:.0%} Latin; only English is coded",
        article.text.encode("utf-8"),
    )
