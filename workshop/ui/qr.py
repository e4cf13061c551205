"""QR codes for join links: SVG for screens (sharp at any size), PNG for downloads."""

from __future__ import annotations

import io
from functools import lru_cache

import segno


@lru_cache(maxsize=64)
def qr_svg(url: str) -> str:
    """The QR code of a join link as inline SVG markup, dark on white for any projector."""
    svg: str = segno.make(url, error="m").svg_inline(
        scale=8, border=2, dark="#111111", light="#ffffff"
    )
    return svg


@lru_cache(maxsize=64)
def qr_png(url: str, scale: int = 10) -> bytes:
    """The same QR code as PNG (segno writes PNG itself, no imaging library needed)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
