"""Actors: the bundled dictionary, mention matching and date- and document-aware resolution."""

from .dictionary import ActorDictionary, ActorEntry, Role
from .matcher import ActorMatcher, Mention
from .resolve import ActorResolver, SentenceContext

__all__ = ["ActorDictionary", "ActorEntry", "Role", "ActorMatcher", "Mention", "ActorResolver", "SentenceContext"]
