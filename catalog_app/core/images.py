"""What an image file is, read from its first bytes only: type and size in pixels, without decoding it.

Used before an image from outside (a provider, an import, a dropped file) is kept: a file that is not a PNG, JPEG,
GIF or WebP image, or that declares more pixels than we accept, is refused before anything decodes it. The
20000×20000 PNG that would take 1.6 GB to decode is refused from its 24-byte header. A JPEG is also walked marker
by marker (not decoded) to its end, so that one cut short is refused rather than shown with its bottom grey.
"""

from __future__ import annotations

import re
import struct

from .errors import InputError

#: Largest image accepted, in bytes and in pixels a side.
MAX_IMAGE_BYTES = 20 * 2**20
MAX_IMAGE_SIDE = 12_000

_JPEG_SIZE_MARKERS = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
# In a JPEG scan, 0xFF followed by 0x00 (stuffing) or a restart marker is data; anything else ends the scan.
# One 0xFF, not a run of them: the match ends at the same place (fill bytes are 0xFF too), and a pattern that
# starts with a literal byte is searched for quickly (a 20 MB scan: 6 ms, against 140 ms for "\xff+").
_JPEG_MARKER_AFTER_SCAN = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


def sniff_image(data: bytes) -> tuple[str, int, int]:
    """(media type, width, height) of an image from its header; None-free: raises InputError for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24 and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return "image/png", width, height
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return "image/gif", width, height
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP" and len(data) >= 30:
        return ("image/webp", *_webp_size(data))
    if data.startswith(b"\xff\xd8"):
        return ("image/jpeg", *_jpeg_size(data))
    raise InputError("is not an image Starlight can show (PNG, JPEG, WebP or GIF)", "image")


def check_image(data: bytes, where: str) -> tuple[str, int, int]:
    """`sniff_image`, also refusing files and pictures over the limits and JPEGs cut short; `where` names the file
    or address."""
    if len(data) > MAX_IMAGE_BYTES:
        raise InputError(f"is {len(data) / 2**20:.0f} MB; images may be at most {MAX_IMAGE_BYTES // 2**20} MB", where)
    try:
        mime, width, height = sniff_image(data)
    except InputError as e:
        raise InputError(e.message, where) from e
    if not (0 < width <= MAX_IMAGE_SIDE and 0 < height <= MAX_IMAGE_SIDE):
        raise InputError(f"is {width}×{height} pixels; images may be at most {MAX_IMAGE_SIDE} pixels a side", where)
    # A download or a copy cut short keeps its header; Qt would paint the missing rows grey without a word.
    if mime == "image/jpeg" and not jpeg_is_complete(data):
        raise InputError("is a JPEG file cut short (it does not reach its end marker)", where)
    return mime, width, height


def _webp_size(data: bytes) -> tuple[int, int]:
    chunk = data[12:16]
    if chunk == b"VP8X":
        width = 1 + int.from_bytes(data[24:27], "little")
        height = 1 + int.from_bytes(data[27:30], "little")
        return width, height
    if chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)
    if chunk == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    raise InputError("is a WebP file of a kind Starlight does not read", "image")


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """Walk the JPEG segments to the frame header that holds the size."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            break
        marker = data[at + 1]
        if marker == 0xFF:  # padding
            at += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            at += 2
            continue
        length = int.from_bytes(data[at + 2:at + 4], "big")
        if marker in _JPEG_SIZE_MARKERS and at + 9 <= len(data):
            height, width = struct.unpack(">HH", data[at + 5:at + 9])
            return width, height
        if length < 2:
            break
        at += 2 + length
    raise InputError("is a JPEG file without a readable size (truncated?)", "image")


def jpeg_is_complete(data: bytes) -> bool:
    """True when a JPEG's markers run from SOI to EOI.

    Qt decodes a JPEG cut short without an error (only a warning), painting the missing rows grey; walking the
    markers is how a truncated download is told from a whole file. Bytes after EOI (motion photos) are fine.
    """
    if data[:2] != b"\xff\xd8":
        return False
    pos, end = 2, len(data)
    while pos + 1 < end:
        if data[pos] != 0xFF:
            return False
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte before a marker
            pos += 1
            continue
        if marker == 0xD9:
            return True
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            pos += 2
            continue
        if pos + 4 > end:
            return False
        pos += 2 + int.from_bytes(data[pos + 2:pos + 4], "big")
        if marker == 0xDA:  # entropy-coded data runs to the next marker that is neither a stuffed 0xFF nor a restart
            found = _JPEG_MARKER_AFTER_SCAN.search(data, pos)
            if found is None:
                return False
            pos = found.end() - 2
    return False
