"""Draw the two Teams app icons (a signpost, 'wegwijzer') as PNG files, with nothing but the standard library.

    python manifest/make_icons.py        # writes manifest/color.png and manifest/outline.png

color.png: 192×192, a white signpost on the municipality's blue, fully opaque.
outline.png: 32×32, the same signpost in white on a transparent background (Teams' rule).
Edges are anti-aliased by supersampling; the output is the same on every run.
"""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
BLUE = (0x00, 0x46, 0x99)  # Amsterdam blue; also the manifest's accentColor
WHITE = (0xFF, 0xFF, 0xFF)
SAMPLES = 4  # per axis: 16 samples per pixel

Point = tuple[float, float]
# The signpost in a unit square (x right, y down): a pole on a foot, a sign pointing right, one left.
SHAPES: tuple[tuple[Point, ...], ...] = (
    ((0.455, 0.16), (0.545, 0.16), (0.545, 0.84), (0.455, 0.84)),
    ((0.34, 0.82), (0.66, 0.82), (0.66, 0.88), (0.34, 0.88)),
    ((0.20, 0.22), (0.70, 0.22), (0.81, 0.32), (0.70, 0.42), (0.20, 0.42)),
    ((0.30, 0.48), (0.80, 0.48), (0.80, 0.68), (0.30, 0.68), (0.19, 0.58)),
)


def _inside(x: float, y: float, polygon: tuple[Point, ...]) -> bool:
    """Even-odd rule."""
    found = False
    j = len(polygon) - 1
    for i, (xi, yi) in enumerate(polygon):
        xj, yj = polygon[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            found = not found
        j = i
    return found


def coverage(size: int, margin: float) -> list[list[float]]:
    """How much of each pixel the signpost covers (0..1); margin shrinks the drawing towards the centre."""
    scale = 1.0 - 2 * margin
    grid = []
    for row in range(size):
        line = []
        for col in range(size):
            hits = 0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    u = ((col + (sx + 0.5) / SAMPLES) / size - margin) / scale
                    v = ((row + (sy + 0.5) / SAMPLES) / size - margin) / scale
                    hits += any(_inside(u, v, shape) for shape in SHAPES)
            line.append(hits / SAMPLES**2)
        grid.append(line)
    return grid


def png(width: int, height: int, rows: list[bytes], color_type: int) -> bytes:
    """A PNG file: 8 bits per channel, colour type 2 (RGB) or 6 (RGBA), no filtering."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in rows)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def color_icon(size: int = 192) -> bytes:
    rows = []
    for line in coverage(size, margin=0.12):
        row = bytearray()
        for c in line:
            row += bytes(round(b + (w - b) * c) for b, w in zip(BLUE, WHITE, strict=True))
        rows.append(bytes(row))
    return png(size, size, rows, color_type=2)


def outline_icon(size: int = 32) -> bytes:
    rows = []
    for line in coverage(size, margin=0.0):
        row = bytearray()
        for c in line:
            row += bytes((*WHITE, round(255 * c)))
        rows.append(bytes(row))
    return png(size, size, rows, color_type=6)


def main(out: Path = HERE) -> int:
    (out / "color.png").write_bytes(color_icon())
    (out / "outline.png").write_bytes(outline_icon())
    print(f"wrote {out / 'color.png'} and {out / 'outline.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE))
