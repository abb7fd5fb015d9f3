"""What the words around a bare surname say: whether it is part of someone else's name
("Quillon Barrow", "Scott Bessent"), the office title before it ("President Lai", "Secretary
of State Rubio") or after it ("the Bush administration"), and whether a title fits one of a
person's roles. Which person the surname then stands for is the resolver's decision, from
what the article has named before and the date.
"""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Doc

from .dictionary import TITLES, ActorEntry
from .matcher import Mention
from .phrases import NOT_ACTORS, SentenceContext

__all__ = ["COMMON_WORD_SURNAMES", "other_given_name", "given_name_before", "surname_after", "title_of", "title_fits"]

#: surnames that are also common English words or month names: resolved only after a full mention
COMMON_WORD_SURNAMES = frozenset("""
may march april june august fox bishop green gates cook hunt straw brown martin rice ban han gil young king
long rich white black gray grey wood woods hill lord price stone field hall rose love little short bell
park sun moon rain snow cash chase hope joy major sharp strong swift wise baker carter cole frank grant
hope lee sale rule page ward west north south east day week may christian muslim moslem jewish catholic harris
""".split())
#: words inside a name that are not a given name ("Omar El Bashir", "Jose Eduardo dos Santos")
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "de", "da", "dos", "das", "do", "van", "von", "der", "del", "la", "le", "di"})
#: words before a name that are no office: they never license a bare surname
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "madam"})
#: royal titles: monarchs go by given or regnal names ("King Hassan"), so they license no surname
_ROYAL_TITLES = frozenset({"king", "queen", "prince", "princess", "emir", "sultan", "sheikh", "pope"})
_MILITARY_TITLES = frozenset({"gen", "general", "lt", "col", "colonel", "maj", "major", "adm", "admiral", "sgt", "capt", "captain"})
#: office nouns after a surname that stand for that person's government ("the Bush administration")
_OFFICE_AFTER = frozenset({"administration", "government", "cabinet", "regime"})


def other_given_name(m: Mention, ctx: SentenceContext, agents: Container[str]) -> bool:
    """"Quillon Barrow" is not Adama Barrow, "Scott Bessent" not Guy Scott: the bare
    surname is part of someone else's name."""
    return given_name_before(m, ctx, agents) or surname_after(m, ctx)


def surname_after(m: Mention, ctx: SentenceContext) -> bool:
    """"Scott Bessent": a capitalised name right after the surname makes it a given name."""
    nxt = ctx.doc[m.end] if m.end < len(ctx.doc) else None
    return (nxt is not None and nxt.pos_ == "PROPN" and (nxt.is_title or nxt.is_upper) and nxt.i not in ctx.by_token
            and nxt.lower_ not in NOT_ACTORS and nxt.lower_ not in _OFFICE_AFTER)


def given_name_before(m: Mention, ctx: SentenceContext, agents: Container[str]) -> bool:
    """"Quillon Barrow", "Ahmed Sharif": a capitalised word before a bare surname that is
    neither a title, an agent word (of ``agents``) nor another actor's name is someone
    else's given name (a word that is only a surname itself, "Ahmed", is a given name here)."""
    if m.start == 0:
        return False
    prev = ctx.doc[m.start - 1]
    if not (prev.is_title or prev.is_upper) or prev.pos_ != "PROPN":
        return False
    held = ctx.by_token.get(prev.i)
    if held is not None and not all(v == "surname" for _, v in held.candidates):
        return False
    if prev.lower_.rstrip(".") in TITLES or prev.lower_ in agents or prev.lower_ in _NAME_PARTICLES or prev.lower_ in NOT_ACTORS:
        return False  # "President Bashir", "Sudan's army Bashir", "on Monday Bashir"
    if m.start >= 3 and ctx.doc[m.start - 2].lower_ == "of" and ctx.doc[m.start - 3].lower_.rstrip(".") in TITLES:
        return False  # "Secretary of State Rubio", "Minister of Defence Shoigu": the end of a title
    return True


def title_of(m: Mention, doc: Doc) -> list[str]:
    """The office words right before a surname ("Prime Minister", "Lt. Gen.", "Secretary
    of State", "Vice-President"), or ["administration"] for one right after it ("the
    Bush administration"); lower case, without dots."""
    words: list[str] = []
    i = m.start - 1
    while i >= 0:
        t = doc[i]
        w = t.lower_.rstrip(".")
        if w in TITLES:
            words.insert(0, w)
            i -= 1
        elif t.text in ("-", "\u2011") and words and i > 0:
            i -= 1  # "Vice-President"
        elif w == "state" and i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ == "secretary":
            words[:0] = ["secretary", "of", "state"]
            i -= 3
        else:
            break
    if not words and m.end < len(doc) and doc[m.end].lower_ in _OFFICE_AFTER:
        words = ["administration"]
    return words


def title_fits(words: list[str], entry: ActorEntry) -> bool:
    """Whether an office title ("president", "prime minister", "foreign minister", "gen")
    fits one of a person's roles (at any date)."""
    ws = set(words)
    office_words = [w for w in words if w not in _HONORIFICS and w not in ("acting", "of")]
    if not office_words or ws & _ROYAL_TITLES:
        return False
    office = office_words[-1]
    roles = [(r.role or "").lower() for r in entry.roles]

    def held(*keys: str, unless: tuple[str, ...] = ()) -> bool:
        return any(any(k in r for k in keys) and not any(x in r for x in unless) for r in roles)

    if "vice" in ws:
        return held("vice")
    if "deputy" in ws:
        return held("deputy")
    if "secretary" in ws and "general" in ws:
        return held("secretary-general", "secretary general", "general secretary")
    if office == "president":
        return held("head of state", "president", unless=("vice",))
    if office == "administration":
        return held("head of state", "head of government", "president", unless=("vice",))
    if "prime" in ws or office in ("premier", "chancellor"):
        return held("head of government", "prime minister", "premier", "chancellor")
    if office in ("minister", "secretary"):
        if "foreign" in ws or "state" in ws:
            return held("foreign minister")
        if ws & {"defence", "defense"}:
            return held("defence minister", "defense minister")
        if "interior" in ws:
            return held("interior minister")
        return held("minister", "head of government", "secretary")
    if office in _MILITARY_TITLES:
        return any(r.sector == "MIL" for r in entry.roles) or held("chief", "commander", "army")
    if office in ("leader", "chairman", "chair", "ayatollah"):
        return held("leader", "head of state", "head of government", "general secretary", "chair")
    return held(office)
