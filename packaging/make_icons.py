"""Render every icon the packages need from the one SVG in resources/icons.

Writes, under the output folder: `hicolor/<N>x<N>/apps/<id>.png` for the freedesktop icon theme (16–512 px),
`hicolor/scalable/apps/<id>.svg`, `<id>.ico` (Windows: 16–256 px in one file) and `<id>.icns` (macOS).
Qt draws the SVG at each size (small sizes are drawn, not shrunk); Pillow packs the .ico and .icns.

    python packaging/make_icons.py build/icons
"""

from __future__ import annotations

import os
import sys
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from catalog_app import APP_ID  # noqa: E402

SOURCE = ROOT / "resources" / "icons" / f"{APP_ID}.svg"
#: The hicolor theme's usual sizes: the desktop's panels and menus pick among them.
THEME_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZE = 1024


def render(size: int) -> bytes:
    """The icon drawn at `size` pixels a side, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def make_icons(out: Path) -> list[Path]:
    from PIL import Image
    from PySide6.QtGui import QGuiApplication
    if QGuiApplication.instance() is None:
        make_icons.app = QGuiApplication(["make_icons"])  # painting needs one, for as long as this runs
    written: list[Path] = []
    pngs = {size: render(size) for size in sorted(set(THEME_SIZES) | set(ICO_SIZES) | {ICNS_SIZE})}
    for size in THEME_SIZES:
        path = out / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        write(path, pngs[size])
        written.append(path)
    scalable = out / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    write(scalable, SOURCE.read_bytes())
    written.append(scalable)

    images = {size: Image.open(BytesIO(pngs[size])) for size in pngs}
    for suffix, base, sizes, extra in ((".ico", 256, ICO_SIZES, {}), (".icns", ICNS_SIZE, (), {})):
        buffer = BytesIO()
        if suffix == ".ico":
            # Each size drawn from the SVG, not Pillow's shrinking of the largest.
            extra = {"sizes": [(s, s) for s in sizes], "append_images": [images[s] for s in sizes if s != base]}
        images[base].save(buffer, format=suffix[1:].upper(), **extra)
        path = out / f"{APP_ID}{suffix}"
        write(path, buffer.getvalue())
        written.append(path)
    return written


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    target = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "build" / "icons")
    for p in make_icons(target):
        print(p.relative_to(target))
