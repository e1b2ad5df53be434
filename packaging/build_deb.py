"""Build Starlight's .deb from the frozen folder that PyInstaller made (packaging/starlight.spec).

The package puts the program in /opt/starlight, a `starlight` command in /usr/bin, the desktop entry, the icons
in the hicolor theme (16–512 px and the SVG) and the AppStream metainfo under /usr/share. It has no maintainer
scripts: Debian's triggers refresh the icon and menu caches, and nothing an installation, upgrade or removal
does can reach a person's catalog in their home folder. Depends come from dpkg-shlibdeps over every ELF file.

    python packaging/build_deb.py --frozen dist/starlight --icons build/icons --out dist
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from catalog_app import APP_ID  # noqa: E402

PACKAGE = "starlight"
PREFIX = Path("opt") / PACKAGE
MAINTAINER = "The Starlight team <starlight@localhost>"
RECOMMENDS = "fonts-noto-cjk"
#: Plugins Qt loads only when their libraries are there: they must not turn into hard dependencies. The Wayland
#: client-buffer integrations that serve a compositor, and Vulkan, which the app never draws with.
OPTIONAL_ELF = ("wayland-graphics-integration-client/libvulkan-server",
                "wayland-graphics-integration-client/libdrm-egl",
                "wayland-graphics-integration-client/libdmabuf-server", "platforms/libqminimal")
DESCRIPTION = """\
a catalog of the films, series and anime you watch and own
 Starlight keeps your own catalog of what you watched, want to watch and own,
 with everything known about each title: original titles in any script,
 directors, writers, voice cast with their characters, ratings, critics'
 quotes, keywords, setting, soundtrack, where to stream it, and links to
 other works. Fast from ten titles to a million, and usable offline.
 .
 Titles are filled in from TMDB, OMDb, TVmaze, Wikidata or MyAnimeList;
 Letterboxd, MyAnimeList, IMDb, Tellico and Kodi exports import directly.
 A household can share one catalog on PostgreSQL."""


def project_version() -> str:
    import catalog_app
    return catalog_app.__version__


def architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], check=True, capture_output=True,
                          text=True).stdout.strip()


def is_elf(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(4) == b"\x7fELF"


def elf_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p))


def library_dirs(folder: Path) -> list[Path]:
    """Every folder of the bundle holding a shared library: dpkg-shlibdeps takes them as the package's own."""
    return sorted({p.parent for p in folder.rglob("*.so*") if p.is_file()})


def shlib_depends(opt: Path) -> str:
    """The Depends that dpkg-shlibdeps finds for every ELF file under `opt` (the staged /opt/starlight)."""
    targets = [p for p in elf_files(opt) if not any(o in p.as_posix() for o in OPTIONAL_ELF)]
    with tempfile.TemporaryDirectory(prefix="starlight-shlibdeps-") as work:
        (Path(work) / "debian").mkdir()
        (Path(work) / "debian" / "control").write_text(
            f"Source: {PACKAGE}\n\nPackage: {PACKAGE}\nArchitecture: any\n")
        command = ["dpkg-shlibdeps", "-O", "--ignore-missing-info"]
        command += [f"-l{d}" for d in library_dirs(opt)] + [f"-e{p}" for p in targets]
        result = subprocess.run(command, cwd=work, capture_output=True, text=True)
    # A library found nowhere is an error for a versioned name and only a warning for a bare "libx.so": either
    # way the installed program could not start, so both stop the build.
    missing = sorted({line.split("cannot find library ")[1].split(" needed by")[0]
                      for line in result.stderr.splitlines() if "cannot find library " in line})
    if missing:
        raise SystemExit("dpkg-shlibdeps failed: install the packages that hold " + ", ".join(missing))
    if result.returncode != 0:
        raise SystemExit(f"dpkg-shlibdeps failed:\n{result.stderr}")
    for line in result.stdout.splitlines():
        if line.startswith("shlibs:Depends="):
            return line.removeprefix("shlibs:Depends=")
    raise SystemExit(f"dpkg-shlibdeps printed no Depends:\n{result.stdout}")


def bundled_components() -> list[str]:
    """What the frozen program carries, with each component's licence, from the build environment's metadata."""
    lines = [f"Python {sys.version.split()[0]}: PSF-2.0"]
    for dist in sorted(metadata.distributions(), key=lambda d: d.metadata["Name"].lower()):
        name = dist.metadata["Name"]
        if name.lower() in {"pip", "setuptools", "wheel", "pyinstaller", "pyinstaller-hooks-contrib", "pillow",
                            "altgraph", "packaging", "starlight-catalog"}:
            continue
        licence = dist.metadata.get("License-Expression") or next(
            (c.split(" :: ")[-1] for c in dist.metadata.get_all("Classifier") or [] if c.startswith("License ::")),
            None) or (dist.metadata.get("License") or "see its metadata").splitlines()[0][:80]
        lines.append(f"{name} {dist.version}: {licence}")
    return lines


def copyright_text(version: str) -> str:
    components = "\n".join(f" {line}" for line in bundled_components())
    return f"""Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Starlight
Comment: Starlight {version}, frozen with PyInstaller. It carries these components:
{components}

Files: *
Copyright: The Starlight team
License: GPL-3.0-or-later
 On Debian systems, the full text of the GNU General Public License version 3
 can be found in /usr/share/common-licenses/GPL-3.
"""


def _copy(source: Path, target: Path, mode: int = 0o644) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(mode)


def stage(frozen: Path, icons: Path, root: Path, version: str) -> None:
    """Lay the package's files out under `root` as they will be installed."""
    shutil.copytree(frozen, root / PREFIX, symlinks=True)
    launcher = root / "usr" / "bin" / PACKAGE
    launcher.parent.mkdir(parents=True)
    launcher.write_text(f"#!/bin/sh\n# Starlight lives in /{PREFIX}; this is its command.\n"
                        f'exec /{PREFIX}/{PACKAGE} "$@"\n')
    launcher.chmod(0o755)
    share = root / "usr" / "share"
    _copy(ROOT / "resources" / "linux" / f"{APP_ID}.desktop", share / "applications" / f"{APP_ID}.desktop")
    _copy(ROOT / "resources" / "linux" / f"{APP_ID}.metainfo.xml", share / "metainfo" / f"{APP_ID}.metainfo.xml")
    themed = sorted((icons / "hicolor").glob(f"*/apps/{APP_ID}.*"))
    if not themed:
        raise SystemExit(f"no icons in {icons}/hicolor: run packaging/make_icons.py first")
    for icon in themed:
        _copy(icon, share / "icons" / icon.relative_to(icons))
    doc = share / "doc" / PACKAGE / "copyright"
    doc.parent.mkdir(parents=True)
    doc.write_text(copyright_text(version))
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        executable = path.is_dir() or (path.stat().st_mode & 0o111)
        path.chmod(0o755 if executable else 0o644)


def installed_size_kib(root: Path) -> int:
    return sum(-(-p.lstat().st_size // 1024) for p in root.rglob("*") if not p.is_dir()) + len(
        [p for p in root.rglob("*") if p.is_dir()])


def control(version: str, arch: str, depends: str, size_kib: int) -> str:
    return (f"Package: {PACKAGE}\nVersion: {version}\nArchitecture: {arch}\nMaintainer: {MAINTAINER}\n"
            f"Installed-Size: {size_kib}\nDepends: {depends}\nRecommends: {RECOMMENDS}\nSection: video\n"
            f"Priority: optional\nDescription: {DESCRIPTION}\n")


def build_deb(frozen: Path, icons: Path, out: Path, version: str | None = None, compression: str = "xz") -> Path:
    """Stage, work out the dependencies, and pack `<out>/starlight_<version>_<arch>.deb` (written whole, then
    renamed into place)."""
    version = version or project_version()
    if not (frozen / PACKAGE).is_file():
        raise SystemExit(f"{frozen}: no frozen program there (run PyInstaller with packaging/starlight.spec)")
    arch = architecture()
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{PACKAGE}_{version}_{arch}.deb"
    with tempfile.TemporaryDirectory(prefix="starlight-deb-", dir=out) as work:
        root = Path(work) / "root"
        stage(frozen, icons, root, version)
        depends = shlib_depends(root / PREFIX)
        (root / "DEBIAN").mkdir()
        (root / "DEBIAN" / "control").write_text(control(version, arch, depends, installed_size_kib(root)))
        partial = Path(work) / target.name
        subprocess.run(["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", str(root), str(partial)],
                       check=True, stdout=subprocess.DEVNULL)
        os.replace(partial, target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frozen", type=Path, default=ROOT / "dist" / PACKAGE)
    parser.add_argument("--icons", type=Path, default=ROOT / "build" / "icons")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--version", help="the package's version (default: pyproject.toml's)")
    parser.add_argument("--compression", default="xz", choices=["xz", "gzip", "zstd", "none"])
    options = parser.parse_args(argv)
    print(build_deb(options.frozen, options.icons, options.out, options.version, options.compression))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
