"""Teams' icon rules, read from the PNG files: colour 192×192, outline 32×32 white on transparent."""

from __future__ import annotations

import importlib.util
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot import manifest_cli

MANIFEST = Path(__file__).resolve().parent.parent / "manifest"
CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # PNG colour type -> channels (grey, RGB, grey+alpha, RGBA)


@dataclass(frozen=True)
class Image:
    width: int
    height: int
    color_type: int
    pixels: list[tuple[int, ...]]  # row by row; RGBA whatever the file's colour type

    def at(self, x: int, y: int) -> tuple[int, ...]:
        return self.pixels[y * self.width + x]


def decode_png(data: bytes) -> Image:
    """A small PNG reader (8-bit, not interlaced; every filter type), with CRC checks."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"bad CRC in {kind!r}"
        chunks.append((kind, body))
        pos += 12 + length
    assert chunks[0][0] == b"IHDR" and chunks[-1][0] == b"IEND"
    width, height, depth, color_type, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    assert depth == 8 and interlace == 0 and color_type in CHANNELS, "only 8-bit, non-interlaced"
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    bpp, stride = CHANNELS[color_type], width * CHANNELS[color_type]
    rows: list[bytearray] = []
    prior = bytearray(stride)
    for y in range(height):
        line = raw[y * (stride + 1) : (y + 1) * (stride + 1)]
        row = _unfilter(line[0], bytearray(line[1:]), prior, bpp)
        rows.append(row)
        prior = row
    pixels = [_rgba(row[i : i + bpp], color_type) for row in rows for i in range(0, stride, bpp)]
    return Image(width, height, color_type, pixels)


def _unfilter(kind: int, row: bytearray, prior: bytearray, bpp: int) -> bytearray:
    for i in range(len(row)):
        left = row[i - bpp] if i >= bpp else 0
        up, up_left = prior[i], prior[i - bpp] if i >= bpp else 0
        if kind == 1:
            row[i] = (row[i] + left) & 0xFF
        elif kind == 2:
            row[i] = (row[i] + up) & 0xFF
        elif kind == 3:
            row[i] = (row[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            p = left + up - up_left
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
            row[i] = (row[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else up_left)) & 0xFF
    return row


def _rgba(px: bytes | bytearray, color_type: int) -> tuple[int, ...]:
    if color_type == 0:
        return (px[0], px[0], px[0], 255)
    if color_type == 4:
        return (px[0], px[0], px[0], px[1])
    return (*px[:3], px[3] if color_type == 6 else 255)


def icon(name: str) -> Image:
    return decode_png((MANIFEST / name).read_bytes())


def test_the_colour_icon_is_192_square_and_opaque() -> None:
    image = icon("color.png")
    assert (image.width, image.height) == (192, 192)
    assert all(p[3] == 255 for p in image.pixels), "the colour icon needs a full background"
    assert len({p[:3] for p in image.pixels}) > 2, "more than one colour: it is not blank"


def outline_rule_breaks(image: Image) -> list[str]:
    """What breaks Teams' outline rule: 32×32, white only, on a transparent background."""
    found = []
    if (image.width, image.height) != (32, 32):
        found.append(f"{image.width}×{image.height}, not 32×32")
    if image.color_type not in (4, 6):
        found.append("no alpha channel")
    if any(p[3] > 0 and p[:3] != (255, 255, 255) for p in image.pixels):
        found.append("a pixel that is not white")
    if sum(1 for p in image.pixels if p[3] == 0) <= len(image.pixels) // 2:
        found.append("not mostly transparent")
    return found


def test_the_outline_icon_is_32_square_white_on_transparent() -> None:
    image = icon("outline.png")
    assert outline_rule_breaks(image) == []
    assert sum(1 for p in image.pixels if p[3] == 255) > 50, "the drawing itself is solid"
    assert all(image.at(x, y)[3] == 0 for x, y in ((0, 0), (31, 0), (0, 31), (31, 31)))


def test_an_outline_with_colour_or_no_transparency_is_caught() -> None:
    script = _icon_script()
    clear = bytes(4 * 32)
    grey = script.png(32, 32, [bytes((128, 128, 128, 255)) + clear[4:]] + [clear] * 31, color_type=6)
    assert outline_rule_breaks(decode_png(grey)) == ["a pixel that is not white"]
    opaque = script.png(32, 32, [bytes((255, 255, 255)) * 32] * 32, color_type=2)
    assert outline_rule_breaks(decode_png(opaque)) == ["no alpha channel", "not mostly transparent"]
    assert outline_rule_breaks(decode_png(script.color_icon())) == [
        "192×192, not 32×32", "no alpha channel", "a pixel that is not white", "not mostly transparent"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("png", "problem"),
    [
        # A decoder that accepted anything would pass the tests above; these prove it reads the file.
        (b"GIF89a", "not a PNG"),
        (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + bytes(13) + b"\0\0\0\0", "bad CRC"),
    ],
)
def test_the_reader_refuses_what_is_not_a_good_png(png: bytes, problem: str) -> None:
    with pytest.raises(AssertionError, match=problem):
        decode_png(png)


def test_the_reader_undoes_every_filter() -> None:
    """Image editors save with filters 1-4; a replacement icon must be read right too."""
    rows = [
        b"\x01" + bytes((10, 20, 30, 40, 5, 5, 5, 5)),  # Sub: the second pixel adds the first
        b"\x02" + bytes((1, 1, 1, 1, 2, 2, 2, 2)),  # Up: adds the row above
        b"\x03" + bytes((2, 2, 2, 2, 0, 0, 0, 0)),  # Average of left and up
        b"\x04" + bytes((0, 0, 0, 0, 1, 1, 1, 1)),  # Paeth
    ]
    image = decode_png(_png_chunks(2, 4, b"".join(rows)))
    assert image.pixels == [
        (10, 20, 30, 40), (15, 25, 35, 45),
        (11, 21, 31, 41), (17, 27, 37, 47),
        (7, 12, 17, 22), (12, 19, 27, 34),
        (7, 12, 17, 22), (13, 20, 28, 35),
    ]  # fmt: skip


def _png_chunks(width: int, height: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def test_the_committed_icons_are_what_the_script_draws() -> None:
    """manifest/make_icons.py is the source: running it again changes nothing."""
    script = _icon_script()
    assert (MANIFEST / "color.png").read_bytes() == script.color_icon()
    assert (MANIFEST / "outline.png").read_bytes() == script.outline_icon()


def test_the_package_carries_the_same_icons(tmp_path: Path) -> None:
    bot_id = "8d0f3c56-3d1e-4a5b-9c7d-2e6f1a0b9c84"
    manifest = manifest_cli.build_manifest(bot_id, bot_id, "1.0.0", [])
    package = zipfile.ZipFile(manifest_cli.write_package(manifest, tmp_path / "app.zip"))
    for name in ("color.png", "outline.png"):
        assert package.read(name) == (MANIFEST / name).read_bytes()
    assert manifest_cli.png_size(package.read("color.png")) == (192, 192)
    assert manifest_cli.png_size(package.read("outline.png")) == (32, 32)


def _icon_script():
    spec = importlib.util.spec_from_file_location("make_icons", MANIFEST / "make_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
