"""Reading a text file that does not say its encoding, line by line, never whole.

Spreadsheets and older tools write UTF-8 (with or without its byte-order mark), Windows-1252 or, for Korean
catalogs, EUC-KR. `detect_encoding` tells which from the first megabyte (charset-normalizer, limited to those
candidates, decides between the two legacy ones); `DecodedLines` then decodes line by line, so a file that changes
encoding half-way (two files pasted together) is refused at the line where it does, and a "line" of a gigabyte
(a binary file, a file of NUL bytes) is refused once it passes MAX_LINE_BYTES.
"""

from __future__ import annotations

from typing import BinaryIO, Iterator

from ...core.errors import InputError

#: The encodings a text file is read in, as shown to the person (the mapping step lets them pick another).
ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "euc-kr")
ENCODING_LABELS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (with BOM)", "cp1252": "Windows-1252 (Western)",
                   "euc-kr": "EUC-KR (Korean)"}
#: What is read to tell the encoding (a preview reads no more either).
SAMPLE_BYTES = 1 << 20
#: A table row is never this long; past it the file is not a table (and is not read on to its end).
MAX_LINE_BYTES = 1 << 20
_CHUNK = 1 << 16


def detect_encoding(sample: bytes) -> str:
    """The encoding of a file from its first bytes: one of ENCODINGS."""
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    head = _whole_lines(sample)
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as e:
        failure = e.start
    from charset_normalizer import from_bytes
    best = from_bytes(head, cp_isolation=["cp1252", "euc_kr"], preemptive_behaviour=False).best()
    if best is not None and best.encoding.replace("_", "-") == "euc-kr":
        return "euc-kr"
    # Whole lines of UTF-8 text before the first byte that is not: two files pasted together. Reading it all as
    # Windows-1252 would garble the first part without a word; as UTF-8, the reader stops at the line that differs.
    # (EUC-KR's byte pairs can pass for UTF-8 by chance, so this is not asked of Korean text.)
    before = head[:head.rfind(b"\n", 0, failure) + 1]
    return "utf-8" if not before.isascii() else "cp1252"


def _whole_lines(sample: bytes) -> bytes:
    """The sample up to its last line break, so a character cut at the end of the sample is not held against it."""
    if len(sample) < SAMPLE_BYTES:
        return sample
    end = sample.rfind(b"\n")
    return sample[:end + 1] if end > 0 else sample


class DecodedLines:
    """The lines of a seekable binary stream as text (each with its line break), read in blocks.

    Without an `encoding`, it is told from the first megabyte; when that is plain ASCII, again at the first other
    byte (the first accented title may come late). `encoding` says the one in use.

    Iterating raises:
        InputError: a line that is not text in the encoding the lines before it were read in (the file mixes
            encodings), a NUL byte, or a line longer than MAX_LINE_BYTES.
    """

    def __init__(self, stream: BinaryIO, name: str, encoding: str | None = None, plain: bool = False) -> None:
        self.stream = stream
        self.name = name
        #: The encoding was guessed from ASCII alone, which any encoding would have read (`plain`: the caller's
        #: `encoding` was such a guess, made earlier).
        self.plain = plain
        if encoding is None:
            sample = stream.read(SAMPLE_BYTES)
            stream.seek(0)
            encoding, self.plain = detect_encoding(sample), sample.isascii()
        self.encoding = encoding

    def __iter__(self) -> Iterator[str]:
        stream, name = self.stream, self.name
        number = 0
        pending = b""
        encoding = self.encoding
        if encoding in ("utf-8", "utf-8-sig"):  # the mark is not text, whichever of the two was chosen
            if stream.read(3) != b"\xef\xbb\xbf":
                stream.seek(0)
            encoding = "utf-8"
        while True:
            block = stream.read(_CHUNK)
            if not block:
                break
            pending += block
            start = 0
            while True:
                end = pending.find(b"\n", start)
                if end < 0:
                    break
                number += 1
                line = pending[start:end + 1]
                if self.plain and not line.isascii():
                    encoding = self._again(pending[start:pending.rfind(b"\n") + 1])
                yield _decode(line, name, number, encoding)
                start = end + 1
            pending = pending[start:]
            if len(pending) > MAX_LINE_BYTES:
                raise InputError(f"a line is longer than {MAX_LINE_BYTES // 1024:,} KiB; this is not a table",
                                 f"{name} line {number + 1}")
        if pending:
            if self.plain and not pending.isascii():
                encoding = self._again(pending)
            yield _decode(pending, name, number + 1, encoding)

    def _again(self, text: bytes) -> str:
        self.encoding, self.plain = detect_encoding(text), False
        return "utf-8" if self.encoding == "utf-8-sig" else self.encoding


def _decode(line: bytes, name: str, number: int, encoding: str) -> str:
    if b"\x00" in line:
        raise InputError("holds a NUL byte; this is not a text file", f"{name} line {number}")
    try:
        return line.decode(encoding)
    except UnicodeDecodeError as e:
        bad = line[e.start:e.start + 4]
        raise InputError(f"is not {ENCODING_LABELS[encoding]} text like the lines before it (bytes {bad!r}): the "
                         "file mixes encodings. Save it in one encoding (UTF-8) and import it again",
                         f"{name} line {number}") from e
