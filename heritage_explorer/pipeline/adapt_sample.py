"""The mined sample of an adaptation: verified neighbour pairs and their verdicts (issue #19).

The types alone, so that fine-tuning (:mod:`.adapt_finetune`) reads a sample without importing the
mining (:mod:`.adapt_mining`), which searches the collection.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, field
from pathlib import Path

from heritage_explorer.core.atomic import atomic_write_json, atomic_write_text


@dataclass(frozen=True)
class MinedPair:
    """Two neighbours in the base descriptor space and the verdict of the local matching."""

    a: int  # image ids, a < b
    b: int
    similarity: float  # base descriptor inner product
    inliers: int
    spread: float  # the smaller of the two inlier bounding-box fractions

    def kind(self, min_inliers: int, min_spread: float) -> str:
        if self.inliers >= min_inliers:
            return "positive" if self.spread >= min_spread else "unspread"
        return "negative"


@dataclass
class MinedSample:
    base: str
    local: str
    k: int
    min_inliers: int
    min_spread: float
    images: int
    pairs: list[MinedPair] = field(default_factory=list)
    candidates: int = 0  # neighbour pairs to verify; more than len(pairs) when time ran out
    verified_now: int = 0
    seconds: float = 0.0

    @property
    def complete(self) -> bool:
        return len(self.pairs) == self.candidates

    def of_kind(self, kind: str) -> list[MinedPair]:
        return [p for p in self.pairs if p.kind(self.min_inliers, self.min_spread) == kind]

    def summary(self) -> dict:
        return {"base": self.base, "local": self.local, "k": self.k, "min_inliers": self.min_inliers,
                "min_spread": self.min_spread, "images": self.images, "candidates": self.candidates,
                "verified": len(self.pairs), "verified_now": self.verified_now, "complete": self.complete,
                "positives": len(self.of_kind("positive")), "negatives": len(self.of_kind("negative")),
                "unspread": len(self.of_kind("unspread")), "seconds": round(self.seconds, 3)}

    def rows(self) -> list[dict]:
        return [{**asdict(p), "similarity": round(p.similarity, 6), "spread": round(p.spread, 6),
                 "kind": p.kind(self.min_inliers, self.min_spread)} for p in self.pairs]

    def write(self, directory: Path, catalog_paths: dict[int, str]) -> None:
        """``pairs.json`` and ``pairs.csv``: every verified pair with its inliers, spread and kind."""
        rows = [{**r, "path_a": catalog_paths.get(r["a"], ""), "path_b": catalog_paths.get(r["b"], "")}
                for r in self.rows()]
        atomic_write_json(directory / "pairs.json", {"sample": self.summary(), "pairs": rows})
        text = io.StringIO()
        columns = ["a", "b", "path_a", "path_b", "similarity", "inliers", "spread", "kind"]
        writer = csv.DictWriter(text, columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        atomic_write_text(directory / "pairs.csv", text.getvalue())
