"""The spaCy English pipeline, sentence splitting and the parse prefilter."""

from .pipeline import load_pipeline, model_name
from .sentences import SentenceSlice, split_sentences

__all__ = ["load_pipeline", "model_name", "split_sentences", "SentenceSlice"]
