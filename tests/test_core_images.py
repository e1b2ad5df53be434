"""Image headers: type and size read without decoding; what is too big, truncated or not an image is refused."""

from __future__ import annotations

import struct
import time
import zlib

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage, QImageWriter

from catalog_app.core.errors import InputError
from catalog_app.core.images import check_image, sniff_image


def encoded(fmt: str, width: int = 37, height: int = 53) -> bytes:
    """An image encoded by Qt's own writers: real files, not hand-made headers."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#1d3557"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, fmt)
    return bytes(data.data())


@pytest.mark.parametrize("fmt, mime", [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("WEBP", "image/webp")])
def test_type_and_size_come_from_the_header(fmt, mime):
    if fmt.lower().encode() not in [bytes(f.data()) for f in QImageWriter.supportedImageFormats()]:
        pytest.skip(f"this Qt has no {fmt} writer")
    assert sniff_image(encoded(fmt)) == (mime, 37, 53)
    assert check_image(encoded(fmt, 600, 900), "poster.x") == (mime, 600, 900)


def huge_png_header(side: int = 20000) -> bytes:
    """The 48 KiB PNG of the hostile-input list: a real signature and IHDR declaring side×side, then zeros."""
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 6, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return (b"\x89PNG\r\n\x1a\n" + chunk).ljust(48 * 1024, b"\0")


def test_a_png_declaring_20000_pixels_a_side_is_refused_at_once():
    data = huge_png_header()
    start = time.perf_counter()
    with pytest.raises(InputError, match="20000×20000 pixels; images may be at most 12000") as e:
        check_image(data, "https://image.example/p.png")
    assert time.perf_counter() - start < 0.010
    assert e.value.where == "https://image.example/p.png"


@pytest.mark.parametrize("data, words", [
    (b"<!DOCTYPE html><html>Not found</html>", "is not an image"),
    (b"", "is not an image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "without a readable size"),  # a JPEG cut off before its frame header
])
def test_what_is_not_a_readable_image_is_named(data, words):
    with pytest.raises(InputError, match=words):
        check_image(data, "cover.jpg")


def test_a_truncated_jpeg_keeps_its_size_when_the_header_survived():
    """The size is in the first segments; a file cut off later is found when decoded (the poster cache)."""
    whole = encoded("JPEG", 64, 48)
    assert sniff_image(whole[: len(whole) // 2]) == ("image/jpeg", 64, 48)


def test_a_file_over_20_mb_is_refused_before_reading_its_header():
    with pytest.raises(InputError, match="is 21 MB; images may be at most 20 MB"):
        check_image(encoded("PNG") + b"\0" * (21 * 2**20), "big.png")
