#!/usr/bin/env python3
"""Draws the Teams app icons with the standard library only (no ImageMagick needed): two overlapping rings —
calculative and relational trust — on the accent colour (color.png, 192x192) and in white on transparent
(outline.png, 32x32, as Teams requires). Anti-aliased by 4x4 supersampling. Run: python3 manifest/teams/make-icons.py"""
import math
import struct
import zlib
from pathlib import Path

ACCENT = (0x1F, 0x5F, 0x8B)
WHITE = (255, 255, 255)


def png(path, size, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(size)) for y in range(size))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    Path(path).write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
                           + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def coverage(size, x, y, inside):
    hits = sum(inside((x + (i + 0.5) / 4) / size, (y + (j + 0.5) / 4) / size) for i in range(4) for j in range(4))
    return hits / 16


def rings(u, v, radius, width):
    """Two overlapping rings side by side, in unit coordinates."""
    return any(abs(math.hypot(u - cx, v - 0.5) - radius) <= width / 2 for cx in (0.38, 0.62))


def rounded_square(u, v, r=0.18):
    dx, dy = max(abs(u - 0.5) - (0.5 - r), 0), max(abs(v - 0.5) - (0.5 - r), 0)
    return math.hypot(dx, dy) <= r


def color_pixel(x, y):
    bg = coverage(192, x, y, rounded_square)
    fg = coverage(192, x, y, lambda u, v: rings(u, v, 0.2, 0.07))
    rgb = tuple(round(WHITE[i] * fg + ACCENT[i] * (1 - fg)) for i in range(3))
    return (*rgb, round(255 * max(bg, fg)))


def outline_pixel(x, y):
    return (*WHITE, round(255 * coverage(32, x, y, lambda u, v: rings(u, v, 0.24, 0.11))))


here = Path(__file__).parent
png(here / "color.png", 192, color_pixel)
png(here / "outline.png", 32, outline_pixel)
