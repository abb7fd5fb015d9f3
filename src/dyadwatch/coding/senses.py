"""Word senses read from the argument structure: the lemma alone is not the event.

* "called the envoy *a liar*", "called the plan *reckless*": an evaluation (111 / 051), not a
  phone call; "a group *calling itself* …" is no event at all.
* "*committed* abuses" is no commitment: "commit" is an intent to cooperate only with what it
  commits to ("committed to peace", "committed to withdraw").
* "*returned* to the negotiating table" is no release: "return" releases only what it has as
  its object; "returned fire" is fighting.
* "was *struck* by a cyclone": a natural hazard is no attacker; "legislation *targeting* Turkey"
  is a sanction, not an attack.
* "*received* the delegation" is hosting a visit; "received intelligence" is not.
* "*refused* to condemn X" is no rejection of X: refusing a conflictual act is not cooperation
  refused; "declined to comment" is 011.
* "prosecutors *ordered* the arrest of X", "ordered troops to withdraw": an order that a body
  gives its own apparatus is the act ordered (173, 087), not a demand made of X.

Each rule returns the code to use, or ``None`` for no event, with the reason ``explain`` shows.
The evaluative words that decide "call X Y" are data: ``data/evaluative.tsv``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import resources

from spacy.tokens import Token

from ..errors import DictionaryError

__all__ = ["verb_sense", "framed_sense", "HAZARDS", "evaluative", "FORCE_ROOTS"]

#: natural hazards and accidents: "struck by a cyclone", "an earthquake hit …"
HAZARDS = frozenset({
    "cyclone", "hurricane", "typhoon", "storm", "earthquake", "quake", "tsunami", "flood", "flooding",
    "drought", "wildfire", "fire", "blaze", "landslide", "mudslide", "avalanche", "heatwave", "heat",
    "tornado", "lightning", "eruption", "volcano", "disease", "virus", "pandemic", "epidemic", "outbreak",
    "cholera", "famine", "accident", "crash", "rain", "snow", "wind", "winds", "monsoon", "weather",
})
_REFUSALS = frozenset({"12"})
#: verbs of command: what their holder orders done is done by the holder's own apparatus
_COMMANDS = frozenset({"order", "direct", "authorize", "authorise"})
#: material acts a command carries out (material cooperation and conflict, force posture)
_COMMANDED_ROOTS = frozenset({"07", "08", "15", "16", "17", "18", "19", "20"})


@functools.lru_cache(maxsize=1)
def evaluative() -> dict[str, str]:
    """Word → CAMEO code of calling someone or something that word (``data/evaluative.tsv``)."""
    text = (resources.files("dyadwatch.coding") / "data" / "evaluative.tsv").read_text("utf-8")
    out: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("word\t"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or not parts[1].strip():
            raise DictionaryError(f"evaluative.tsv:{n}: expected 'word<TAB>code'")
        out[parts[0].strip().lower()] = parts[1].strip()
    return out


def _predicate(tok: Token) -> Token | None:
    """What "call" says its object is: "called X *a liar*", "called the plan *reckless*" (the
    last such word: the model may read both the object and the predicate as predicates,
    "called [Pakistan's assertions] [baseless]")."""
    preds = [c for c in tok.children if c.dep_ in ("oprd", "acomp") or (c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("ADJ", "NOUN"))]
    if preds:
        return preds[-1]
    for c in tok.children:
        if c.dep_ == "ccomp":
            attr = next((g for g in c.children if g.dep_ in ("attr", "acomp")), None)
            if attr is not None:
                return attr
    return None


#: what is claimed: calling it false is denying it
_CLAIMS = frozenset({"allegation", "accusation", "assertion", "claim", "charge", "report", "statement", "remark", "comment",
                     "assessment", "suggestion", "rumor", "rumour"})
#: words that call a claim false
_FALSE = frozenset({"baseless", "unfounded", "groundless", "false", "untrue", "fabricated", "fabrication", "lie", "lies",
                    "fake", "nonsense", "absurd", "ridiculous", "slander", "slanderous", "fiction", "misleading"})


def _called(tok: Token, pred: Token) -> Token | None:
    """What "call" calls ``pred``: its object, or a first predicate before it (the model may read
    both as predicates: "called [Pakistan's assertions] [baseless]")."""
    dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if dobj is not None:
        return dobj
    return next((c for c in tok.children if c.i < pred.i and c.dep_ in ("oprd", "xcomp", "ccomp") and c.pos_ == "NOUN"), None)


def _call(tok: Token) -> tuple[str | None, str] | None:
    dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if dobj is not None and dobj.lower_ in ("itself", "themselves", "himself", "herself"):
        return None, f"'{tok.text} {dobj.text}': a name, not an event"
    pred = _predicate(tok)
    if pred is not None:
        # (and what an apposition after it calls it: "called [Britain's ambassador] [a very stupid guy]")
        heads = [pred, *(c for c in pred.children if c.dep_ == "appos")]
        words = [w for h in heads for w in (h.lemma_.lower(), h.lower_, *(c.lower_ for c in h.children if c.dep_ in ("amod", "compound")))]
        lex = evaluative()
        code = next((lex[w] for w in words if w in lex), None)
        if code is None:
            return None, f"'{tok.text} … {pred.text}': says what something is, not a call"
        called = _called(tok, pred)
        if called is not None and called.lemma_.lower() in _CLAIMS and any(w in _FALSE for w in words):
            # "called Pakistan's assertions baseless": a denial of the claims, not an accusation
            return "016", f"'{tok.text} {called.text} … {pred.text}': a denial of what is claimed (016), not a call"
        return code, f"'{tok.text} … {pred.text}': an evaluation ({code}), not a call"
    for c in tok.children:
        if c.dep_ in ("advcl", "xcomp", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "for" for g in c.children):
            return "020", f"'{tok.text} for … to {c.text}': an appeal"
    if dobj is None and not any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
        return None, f"'{tok.text}' with no one called: not a phone call"
    return None  # "Biden called Xi on Tuesday": a phone call


def _commit(tok: Token) -> tuple[str | None, str] | None:
    if any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
        return None  # the frame reads it
    if any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
        return None
    if any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children) or tok.tag_ != "VBN":
        return None, f"'{tok.text}' with an object ('committed abuses') is no commitment to anything"
    return None


def _return(tok: Token) -> tuple[str | None, str] | None:
    dobj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if dobj is not None and dobj.lemma_.lower() == "fire":
        return "190", "'returned fire': fighting"
    if dobj is None:
        return None, f"'{tok.text}' with no object: going back, not returning something"
    return None


#: what "received" may take as a visitor ("received the delegation"); anything else received is
#: aid, weapons, a letter …, coded by its own row or not at all
_VISITORS = frozenset({"delegation", "envoy", "minister", "president", "leader", "visitor", "counterpart", "ambassador",
                       "official", "officials", "delegate", "king", "prince", "premier", "chancellor", "secretary", "guest"})


def _receive(tok: Token) -> tuple[str | None, str] | None:
    dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if dobj is None or dobj.pos_ == "PROPN" or dobj.lemma_.lower() in _VISITORS:
        return None  # "Xi received Lula": hosting a visit
    return None, f"'{tok.text} … {dobj.text}': something received, not a visitor hosted"


def _accept(tok: Token) -> tuple[str | None, str] | None:
    """ "accepted Qatar's terms" yields; "how well people accepted them", "accepted the award"
    (a person or a pronoun accepted, not terms) is no concession."""
    dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if dobj is not None and (dobj.pos_ == "PRON" or dobj.lemma_.lower() in _PEOPLE_ACCEPTED):
        return None, f"'{tok.text} {dobj.text}': someone accepted, not terms yielded to"
    return None


#: what accepting is no concession to
_PEOPLE_ACCEPTED = frozenset("""people person family families child children migrant migrants newcomer newcomers student students
award prize honour honor nomination position job post role""".split())


def _troops_arrive(tok: Token) -> tuple[str | None, str] | None:
    """ "Peacekeepers arrived in Mali", "a contingent of peacekeeping troops arrived": a
    peacekeeping force deployed (074), not a visit."""
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and any(t.lower_.startswith(("peacekeep", "peace-keep")) for t in subj.subtree):
        return "074", f"'{subj.text} {tok.text}': peacekeepers deployed, not a visit"
    return None


def verb_sense(tok: Token, head: str, code: str, extras: tuple[str, ...],
               code_of: Callable[[int], str | None] = lambda i: None) -> tuple[str | None, str] | None:
    """The sense of a verb trigger where its arguments decide it: ``(code or None, reason)``;
    ``None`` where no rule applies and the pattern's code stands. ``code_of`` gives the code the
    lexicon gives another token of the sentence (None: no trigger)."""
    if head == "call" and code == "041" and not extras:
        return _call(tok)
    if head == "commit" and code == "030" and not extras:
        return _commit(tok)
    if head == "return" and code == "084" and not extras:
        return _return(tok)
    if head == "receive" and code == "043" and not extras:
        return _receive(tok)
    if head == "accept" and code == "080" and not extras:
        return _accept(tok)
    if code == "042":
        return _troops_arrive(tok)
    if head == "target" and code[:2] == "19":
        return _target(tok)
    if head == "claim" and code == "015" and not extras:
        return _claim(tok, code_of)
    if code[:2] in ("14", "15", "17", "18", "19", "20"):
        agents = [g for c in tok.children if c.dep_ in ("nsubj", "agent", "csubj") for g in ([c] if c.dep_ != "agent" else [x for x in c.children if x.dep_ == "pobj"])]
        if any(a.lemma_.lower() in HAZARDS for a in agents):
            a = next(a for a in agents if a.lemma_.lower() in HAZARDS)
            return None, f"'{a.text}' is a natural hazard or an accident, not an actor"
    return None


#: the roots of an act of force, whose claim by its doer is a claim of responsibility
FORCE_ROOTS = frozenset({"18", "19", "20"})


def _claim(tok: Token, code_of: Callable[[int], str | None]) -> tuple[str | None, str] | None:
    """ "The Houthis claimed that they had attacked the airport": a claim of responsibility (015)
    where the claimant says it did an act of force itself (a clause the lexicon codes 18-20); any
    other claim ("claimed the vote was rigged", "claimed victory") is no event of this pattern."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    for c in tok.children:
        if c.dep_ != "ccomp" or (code_of(c.i) or "")[:2] not in FORCE_ROOTS:
            continue
        doer = next((g for g in c.children if g.dep_ == "nsubj"), None)
        if doer is not None and (doer.pos_ == "PRON" or (subj is not None and doer.lemma_ == subj.lemma_)):
            return None  # the pattern's code stands: a claim of responsibility
    return None, f"'{tok.text}': a claim, not a claim of responsibility for an act of force"


#: instruments that "target" someone without force: "legislation targeting Turkey", "sanctions target banks"
_MEASURES = frozenset({"legislation", "law", "bill", "sanction", "measure", "tariff", "restriction", "rule", "regulation",
                       "resolution", "order", "decree", "ban", "embargo", "probe", "investigation", "campaign", "policy"})


def _target(tok: Token) -> tuple[str | None, str] | None:
    """ "legislation targeting Turkey" is a sanction (163), not an attack: what targets decides."""
    agent = tok.head if tok.dep_ == "acl" else next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if agent is not None and agent.lemma_.lower() in _MEASURES:
        if agent.lemma_.lower() in ("probe", "investigation", "campaign", "policy"):
            return None, f"a {agent.text} that targets someone is no use of force"
        return "163", f"'{agent.text}' targeting someone is a sanction (163), not force"
    return None


_COMMENT = frozenset({"comment", "elaborate", "speak", "say", "talk", "confirm", "discuss", "disclose", "reveal", "specify"})


#: the orderer's own apparatus: "ordered troops to withdraw", "ordered police to arrest …"
_APPARATUS = frozenset({"troop", "force", "army", "military", "police", "soldier", "officer", "official", "authority",
                        "ministry", "agency", "unit", "navy", "commander", "guard", "prosecutor", "minister", "government"})


def _orders_other(verb: Token, content: Token) -> bool:
    """ "ordered Ukraine to leave", "ordered the newspaper to suspend publication": the order
    is given to another party (a demand of it), not to the orderer's own troops or police."""
    return any(c.dep_ in ("dobj", "dative") and c.i != content.i and c.lemma_.lower() not in _APPARATUS
               for c in verb.children)


def framed_sense(frame_code: str, content_code: str, content: Token | None = None) -> tuple[str | None, str] | None:
    """A refusal of a conflictual act ("refused to condemn X") is no rejection of X; a refusal
    to speak ("declined to comment") is 011; an order of a material act is that act."""
    if content is not None and content.head.lemma_.lower() in _COMMANDS and content_code[:2] in _COMMANDED_ROOTS \
            and not _orders_other(content.head, content):
        return content_code, f"an order to carry out '{content.text}' is the act ordered ({content_code})"
    if frame_code[:2] not in _REFUSALS:
        return None
    if content_code[:2] == "01" and (content is None or content.lemma_.lower() in _COMMENT):
        return "011", "a refusal to comment (011)"
    if content_code[:2] >= "09":
        return None, f"refusing a conflictual act ({content_code}) is not a rejection of its target"
    return None
