"""Code one article: split, match actors, prefilter, parse, resolve, code.

:class:`ArticleCoder` holds everything that is loaded once per process (the spaCy
pipeline, the dictionary and its matchers, the lexicon) and codes articles one at a time;
the engines call :meth:`ArticleCoder.code_article` in-process, in a process pool or on Ray.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language

from ..actors.dictionary import ActorDictionary
from ..actors.matcher import ActorMatcher
from ..actors.resolve import ActorResolver, SentenceContext
from ..nlp.fast import FastPipeline
from ..nlp.pipeline import load_pipeline, widen_tokenizer_cache
from ..nlp.prefilter import Prefilter
from ..geo.gazetteer import gazetteer
from ..geo.locate import dateline_of, place_by_article, place_events
from ..nlp.repairs import repair_parse
from ..nlp.sentences import same_tokenizer, split_sentences
from ..records import Article, Event
from .codebook import Codebook
from .coder import Candidate, CodingOptions, SentenceCoder
from .lexicon import Lexicon

__all__ = ["ArticleCoder", "ArticleResult", "SentenceTrace", "explain_text", "MAX_SENTENCE_TOKENS"]

#: sentences longer than this are not parsed (news sentences run to a few dozen tokens)
MAX_SENTENCE_TOKENS = 400


@dataclass(slots=True)
class SentenceTrace:
    """What happened to one sentence (for explain)."""

    index: int
    text: str
    parsed: bool
    prefilter_keep: bool = True
    ctx: SentenceContext | None = None
    candidates: list[Candidate] = field(default_factory=list)
    #: why a sentence the prefilter kept was not parsed (too long), or ""
    why_unparsed: str = ""


@dataclass(slots=True)
class ArticleResult:
    article: Article
    events: list[Event]
    n_sentences: int
    n_parsed: int
    traces: list[SentenceTrace] | None = None


class ArticleCoder:
    def __init__(
        self,
        options: CodingOptions | None = None,
        dictionary: ActorDictionary | None = None,
        nlp: Language | None = None,
        lexicon: Lexicon | None = None,
        prefilter: bool = True,
    ) -> None:
        self.nlp = widen_tokenizer_cache(nlp or load_pipeline())
        #: the same annotations as ``self.nlp.pipe``, with exact, faster rule components (nlp/fast.py)
        self.pipeline = FastPipeline(self.nlp)
        #: the model's tokenizer splits sentences too where its rules are the splitter's (one
        #: vocabulary and one tokenizer cache instead of two)
        self._split_tokenizer = self.nlp.tokenizer if same_tokenizer(self.nlp.tokenizer) else None
        self.dictionary = dictionary or ActorDictionary.bundled()
        self.lexicon = lexicon or Lexicon.bundled()
        self.codebook = Codebook.bundled()
        self.options = options or CodingOptions()
        self.matcher = ActorMatcher(self.dictionary, self.nlp.vocab, self.nlp.make_doc)
        self.prefilter = Prefilter(self.lexicon.trigger_index()) if prefilter else None
        self.coder = SentenceCoder(self.lexicon, self.codebook, self.options, self.dictionary.version)

    def code_article(self, article: Article, trace: bool = False, parse_all: bool = False) -> ArticleResult:
        """Code one article. ``trace`` keeps per-sentence traces; ``parse_all`` ignores the prefilter."""
        sentences = split_sentences(article.text, self._split_tokenizer)
        docs = [self.nlp.make_doc(s.text) for s in sentences]
        mentions = [self.matcher(d) for d in docs]
        keep = [
            self.prefilter is None or self.prefilter.keep(d, len(m))
            for d, m in zip(docs, mentions)
        ]
        wanted = keep
        if parse_all:
            keep = [True] * len(docs)
        # a bound on what one sentence may cost: a run-on "sentence" of thousands of tokens
        # (a list, a table flattened into text) is not parsed — coding it grew with the square
        # of its length (14 KB: 3.6 s, 28 KB: 13.3 s); its trace says why
        keep = [k and len(d) <= MAX_SENTENCE_TOKENS for k, d in zip(keep, docs)]
        to_parse = [d for d, k in zip(docs, keep) if k]
        # (lazily: a long article's parsed sentences are not all held at once)
        parsed = (repair_parse(d) for d in self.pipeline.pipe(to_parse, batch_size=64)) if to_parse else iter(())
        resolver = ActorResolver(self.dictionary, article.published, headline=article.title,
                                 article_countries=ActorResolver.countries_named(self.dictionary, mentions, article.published))
        dateline = dateline_of(article.text) if self.options.locate else None
        events: list[Event] = []
        traces: list[SentenceTrace] = []
        for s, d, m, k, w in zip(sentences, docs, mentions, keep, wanted):
            doc = next(parsed) if k else d
            ctx = SentenceContext(s.index, doc, s.start, m)
            resolver.observe(ctx)
            tr = SentenceTrace(s.index, s.text, k, w, ctx if trace else None)
            if not k and len(d) > MAX_SENTENCE_TOKENS:
                tr.why_unparsed = f"not parsed: {len(d)} tokens, over the bound of {MAX_SENTENCE_TOKENS} for one sentence"
            if k:
                evs, cands = self.coder.code(ctx, resolver, article)
                if evs and self.options.locate:
                    evs = place_events(evs, doc, s.start, gazetteer(), set(resolver.codes_seen), dateline)
                events.extend(evs)
                tr.candidates = cands
                root = next((t for t in doc if t.dep_ == "ROOT"), None)
                subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
                refs = resolver.resolve(subj, ctx) if subj is not None else []
                if refs and refs[0].code:
                    resolver.note_subject(ctx, refs[0])
                else:
                    resolver.note_unparsed(ctx)
            else:
                resolver.note_unparsed(ctx)
            if trace:
                traces.append(tr)
        if self.options.locate:
            events = place_by_article(events, gazetteer())
        return ArticleResult(article, events, len(sentences), sum(keep), traces if trace else None)


def explain_text(text: str, on: date | None = None, coder: ArticleCoder | None = None) -> ArticleResult:
    """Code a sentence or short text with full traces, parsing every sentence."""
    coder = coder or ArticleCoder()
    return coder.code_article(Article.from_text(text, published=on, origin="explain"), trace=True, parse_all=True)
