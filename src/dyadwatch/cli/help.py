"""Help pages that read like a manual: ``--db FILE``, ``--top N``, a flag with no type at all.

Typer shows each parameter's Python type (``<bool>``, ``<list[Path]>``); these command
classes show the option's metavar where it has one, a plain word for its type where it
has none (``N``, ``X``, ``PATH``, ``TEXT``), and nothing for flags and arguments.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperCommand, TyperGroup

__all__ = ["HelpCommand", "HelpGroup"]

_TYPE_WORDS = {"int": "N", "float": "X", "Path": "PATH", "str": "TEXT", "datetime": "DATE"}


def _type_word(param: Any) -> str | None:
    if isinstance(param, TyperArgument) or getattr(param, "is_flag", False):
        return None
    if param.metavar:
        return param.metavar
    bare = param.bare_type()
    inner = bare[5:-1] if bare.startswith("list[") else bare
    return _TYPE_WORDS.get(inner, "VALUE")


def _argument_usage(param: TyperArgument) -> str:
    name = param.display_name_raw.upper()
    name = name if param.required else f"[{name}]"
    return name + ("..." if param.nargs != 1 else "")


def _plain(params: list[Any]) -> list[Any]:
    for param in params:
        if getattr(param, "_dyadwatch_plain", False):
            continue
        word = _type_word(param)
        param.display_type_rich = lambda ctx, word=word: word
        if isinstance(param, TyperArgument):
            param._usage_display_name = lambda p=param: _argument_usage(p)
        param._dyadwatch_plain = True
    return params


class HelpCommand(TyperCommand):
    def get_params(self, ctx: Any) -> list[Any]:
        return _plain(super().get_params(ctx))


class HelpGroup(TyperGroup):
    def get_params(self, ctx: Any) -> list[Any]:
        return _plain(super().get_params(ctx))
