"""Event coding: the CAMEO codebook, the lexicon, the sentence coder and the article coder."""

from .article import ArticleCoder, ArticleResult, explain_text
from .codebook import CameoCode, Codebook
from .coder import Candidate, CodingOptions, SentenceCoder
from .lexicon import Lexicon, Pattern

__all__ = [
    "ArticleCoder", "ArticleResult", "explain_text", "CameoCode", "Codebook",
    "Candidate", "CodingOptions", "SentenceCoder", "Lexicon", "Pattern",
]
