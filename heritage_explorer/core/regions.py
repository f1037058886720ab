"""A region of an image: the box ``x, y, w, h`` a region query searches with (issue #21 part 1).

Boxes are in pixels of the image as a person sees it (EXIF orientation applied, the frame of
:func:`~.imageio.probe` and of the catalog's width and height), before any resize a method does:
column ``x`` to ``x + w - 1`` and row ``y`` to ``y + h - 1``. The same type carries where a
region was found in a result image (:func:`Box.clipped`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from heritage_explorer.core.errors import HeritageError

_BOX_TEXT = re.compile(r"\s*(-?\d+)\s*,\s*(-?\d+)\s*,\s*(-?\d+)\s*,\s*(-?\d+)\s*")


class InvalidRegionError(HeritageError):
    """A region that cannot be searched with: malformed, empty, negative or outside its image."""


@dataclass(frozen=True)
class Box:
    """An axis-aligned box in pixels: ``x``, ``y`` its top-left pixel, ``w`` × ``h`` its size."""

    x: int
    y: int
    w: int
    h: int

    def __str__(self) -> str:
        return f"{self.x},{self.y},{self.w},{self.h}"

    def to_json(self) -> list[int]:
        return [self.x, self.y, self.w, self.h]

    @property
    def area(self) -> int:
        return max(self.w, 0) * max(self.h, 0)

    def intersection(self, other: Box) -> int:
        """Pixels the two boxes share."""
        w = min(self.x + self.w, other.x + other.w) - max(self.x, other.x)
        h = min(self.y + self.h, other.y + other.h) - max(self.y, other.y)
        return max(w, 0) * max(h, 0)

    def iou(self, other: Box) -> float:
        """Intersection over union (0 for two empty boxes)."""
        shared = self.intersection(other)
        union = self.area + other.area - shared
        return shared / union if union > 0 else 0.0

    @staticmethod
    def from_extent(x0: float, y0: float, x1: float, y1: float, size: tuple[int, int]) -> Box | None:
        """The pixels covered by the continuous extent [x0, x1] × [y0, y1] (pixel ``i`` spans
        [i, i + 1)), clipped to an image of ``size = (width, height)``; None when nothing is left."""
        width, height = size
        x0, y0, x1, y1 = (round(v) if abs(v - round(v)) < 1e-6 else v for v in (x0, y0, x1, y1))  # float noise
        left, top = max(0, math.floor(x0)), max(0, math.floor(y0))
        right, bottom = min(width, math.ceil(x1)), min(height, math.ceil(y1))
        if right <= left or bottom <= top:
            return None
        return Box(left, top, right - left, bottom - top)


def parse_box(text: str) -> Box:
    """``"x,y,w,h"`` (four integers) as a :class:`Box`; validity against an image is :func:`check_box`'s."""
    match = _BOX_TEXT.fullmatch(text)
    if match is None:
        raise InvalidRegionError(f"region {text!r}: expected four integers x,y,w,h in pixels of the query image, "
                                 "e.g. 120,40,300,200")
    return Box(*(int(v) for v in match.groups()))


def check_box(box: Box, size: tuple[int, int], image: str | Path) -> Box:
    """``box`` when it is a non-empty box inside an image of ``size = (width, height)``, else one
    :class:`InvalidRegionError` naming the image, its size and the box."""
    width, height = size
    if box.w <= 0 or box.h <= 0:
        why = "is empty or negative (width and height must be at least 1 pixel)"
    elif box.x < 0 or box.y < 0 or box.x + box.w > width or box.y + box.h > height:
        why = (f"is outside the image (it spans columns {box.x}..{box.x + box.w - 1} and rows "
               f"{box.y}..{box.y + box.h - 1}; the image has columns 0..{width - 1} and rows 0..{height - 1})")
    else:
        return box
    raise InvalidRegionError(f"{image}: region x,y,w,h = {box} {why}; the image is {width}×{height} pixels")
