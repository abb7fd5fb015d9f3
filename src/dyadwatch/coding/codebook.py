"""The CAMEO codebook: code → name, Goldstein value, quad class, PLOVER type and mode."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from ..errors import DictionaryError, UsageError

__all__ = ["CameoCode", "Codebook", "PLOVER_TYPES"]

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


class Codebook:
    def __init__(self, codes: dict[str, CameoCode]) -> None:
        self.codes = codes

    @classmethod
    @functools.lru_cache(maxsize=1)
    def bundled(cls) -> "Codebook":
        text = (resources.files("dyadwatch.coding") / "data" / "cameo_codes.tsv").read_text("utf-8")
        codes: dict[str, CameoCode] = {}
        lines = [ln for ln in text.split("\n") if ln.strip() and not ln.startswith("#")]
        header = lines[0].split("\t")
        if header[:3] != ["code", "goldstein", "quad"]:
            raise DictionaryError(f"cameo_codes.tsv: unexpected header {header}")
        for ln in lines[1:]:
            code, gold, quad, ptype, pmode, pctx, name = (ln.split("\t") + [""] * 7)[:7]
            codes[code] = CameoCode(code, name, float(gold), int(quad), ptype or None, pmode or None, pctx or None)
        return cls(codes)

    def __contains__(self, code: str) -> bool:
        return code in self.codes

    def get(self, code: str) -> CameoCode:
        try:
            return self.codes[code]
        except KeyError:
            raise UsageError(f"{code!r} is not a CAMEO event code") from None

    def __iter__(self):
        return iter(self.codes.values())
