"""The packaged app: the version, `--self-test`, the icons, the menu entry and metainfo, the .deb's layout, and
the release check (the real .deb installed on a clean Debian 12 in a throw-away root)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from helpers import ROOT, starlight

sys.path.insert(0, str(ROOT / "packaging"))

APP_ID = "org.starlight.Starlight"
with open(ROOT / "pyproject.toml", "rb") as _f:
    VERSION = tomllib.load(_f)["project"]["version"]


def needs(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} not installed: `make installer-tools` installs the packaging tools")


# ---- the version and the self-test --------------------------------------------------------------------------


def test_the_version_is_pyprojects():
    import catalog_app
    assert starlight("--version").stdout.strip() == f"Starlight {VERSION}"
    assert catalog_app.__version__ == VERSION


def test_without_pyproject_the_version_comes_from_the_installed_metadata(tmp_path):
    """As in a frozen build, which carries the package's metadata and no pyproject.toml."""
    from importlib.metadata import version
    (tmp_path / "catalog_app").mkdir()
    shutil.copyfile(ROOT / "catalog_app" / "__init__.py", tmp_path / "catalog_app" / "__init__.py")
    code = "import catalog_app; print(catalog_app.__file__); print(catalog_app.__version__)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    where, printed = result.stdout.split()
    assert Path(where).parent == tmp_path / "catalog_app"
    assert printed == version("starlight-catalog") == VERSION


def test_the_self_test_passes_without_touching_the_persons_files(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STARLIGHT_", "XDG_"))}
    env |= {"HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--self-test"], capture_output=True, text=True,
                            env=env, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    checks = [line for line in lines if line.startswith(("ok", "FAIL"))]
    assert checks and all(line.startswith("ok") for line in checks), result.stdout
    for name in ("application icon", "image formats", "Korean translation", "TLS certificates", "sample catalog",
                 "main window lists the catalog", "search “starl”: Lost in Starlight",
                 "detail panel shows the work", "poster decoded"):
        assert any(name in line for line in checks), (name, result.stdout)
    assert lines[-1].startswith("passed in")
    assert list(home.rglob("*")) == [], "the self-test wrote into the home folder"


def test_the_self_test_fails_and_says_what_when_a_piece_is_missing(tmp_path):
    code = ("import catalog_app.gui.app_resources as r; r.shipped_languages = lambda: []; "
            "import catalog_app.gui.self_test as t; t.SEARCH = 'no such work anywhere'; "
            "raise SystemExit(t.run_self_test())")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                            timeout=180)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAIL  translations: no .qm files" in result.stdout
    assert "FAIL  search “no such work anywhere”" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("FAILED: translations, search")


# ---- icons, menu entry, metainfo ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def icons(tmp_path_factory, qapp):  # qapp: drawing needs an application, and the other tests' is a QApplication
    from make_icons import make_icons
    out = tmp_path_factory.mktemp("icons")
    make_icons(out)
    return out


def test_icons_are_drawn_from_the_svg_at_every_size(icons):
    from PIL import Image
    from make_icons import ICO_SIZES, THEME_SIZES
    for size in THEME_SIZES:
        image = Image.open(icons / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png")
        assert image.size == (size, size) and image.mode == "RGBA"
        corner, middle = image.getpixel((0, 0)), image.getpixel((size // 2, size // 3))
        assert corner[3] == 0, "the rounded tile's corner is transparent"
        assert middle[3] == 255 and middle[:3] != (0, 0, 0), "the star is drawn"
    ico = Image.open(icons / f"{APP_ID}.ico")
    assert sorted(ico.info["sizes"]) == sorted((s, s) for s in ICO_SIZES)
    icns = Image.open(icons / f"{APP_ID}.icns")
    assert icns.format == "ICNS" and icns.size == (1024, 1024)
    svg = (icons / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").read_bytes()
    assert svg == (ROOT / "resources" / "icons" / f"{APP_ID}.svg").read_bytes()


def test_the_menu_entry_validates():
    needs("desktop-file-validate")
    path = ROOT / "resources" / "linux" / f"{APP_ID}.desktop"
    result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr
    entry = dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    assert entry["Exec"] == "starlight" and entry["Icon"] == APP_ID and entry["Terminal"] == "false"


def test_the_metainfo_validates_and_names_this_version():
    needs("appstreamcli")
    path = ROOT / "resources" / "linux" / f"{APP_ID}.metainfo.xml"
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "E:" not in result.stdout and "W:" not in result.stdout, result.stdout
    component = ET.parse(path).getroot()
    assert component.findtext("id") == APP_ID
    assert component.find("launchable").text == f"{APP_ID}.desktop"
    newest = component.find("releases/release")
    assert newest.get("version") == VERSION, "a new version needs its <release> in the metainfo"


# ---- the .deb's layout, on a stand-in for the frozen program ---------------------------------------------------


def _stand_in(tmp_path: Path, program: Path) -> Path:
    frozen = tmp_path / "frozen"
    (frozen / "_internal").mkdir(parents=True)
    shutil.copyfile(program, frozen / "starlight")
    (frozen / "starlight").chmod(0o755)
    (frozen / "_internal" / "data.txt").write_text("bundled data\n")
    return frozen


def _deb_files(deb: Path) -> dict[str, str]:
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    files = {}
    for line in listing.splitlines():
        mode, owner, *_rest, name = line.split(None, 5)
        files[name.removeprefix(".")] = f"{mode} {owner}"
    return files


def test_the_deb_installs_to_opt_with_a_launcher_menu_entry_icons_and_metainfo(tmp_path, icons):
    needs("dpkg-deb", "dpkg-shlibdeps")
    from build_deb import build_deb
    deb = build_deb(_stand_in(tmp_path, Path("/bin/true")), icons, tmp_path / "out", compression="gzip")
    assert deb.name.startswith(f"starlight_{VERSION}_") and deb.suffix == ".deb"

    def field(name: str) -> str:
        return subprocess.run(["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True,
                              check=True).stdout.strip()

    assert field("Package") == "starlight" and field("Version") == VERSION
    assert field("Recommends") == "fonts-noto-cjk"
    assert field("Depends").startswith("libc6"), "dpkg-shlibdeps read the program's libraries"
    control = subprocess.run(["dpkg-deb", "--ctrl-tarfile", str(deb)], capture_output=True, check=True).stdout
    names = subprocess.run(["tar", "-t"], input=control, capture_output=True, check=True).stdout.decode().split()
    assert sorted(n for n in names if n not in ("./",)) == ["./control"], "no maintainer scripts"

    files = _deb_files(deb)
    assert files["/opt/starlight/starlight"] == "-rwxr-xr-x root/root"
    assert files["/opt/starlight/_internal/data.txt"] == "-rw-r--r-- root/root"
    assert files["/usr/bin/starlight"] == "-rwxr-xr-x root/root"
    assert files[f"/usr/share/applications/{APP_ID}.desktop"] == "-rw-r--r-- root/root"
    assert f"/usr/share/metainfo/{APP_ID}.metainfo.xml" in files
    assert "/usr/share/doc/starlight/copyright" in files
    sizes = sorted(int(n.split("/")[5].split("x")[0]) for n in files if n.endswith(f"apps/{APP_ID}.png"))
    assert sizes == [16, 22, 24, 32, 48, 64, 128, 256, 512]
    assert f"/usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg" in files
    assert all(n.startswith(("/opt/starlight", "/usr/bin", "/usr/share")) or n in ("/", "/opt/", "/usr/")
               for n in files), sorted(files)

    tree = tmp_path / "tree"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tree)], check=True)
    assert (tree / "usr/bin/starlight").read_text().splitlines()[-1] == 'exec /opt/starlight/starlight "$@"'


def test_a_library_no_package_provides_is_one_clear_error(tmp_path, icons):
    needs("gcc", "dpkg-shlibdeps")
    (tmp_path / "gone.c").write_text("int gone(void) { return 0; }\n")
    (tmp_path / "main.c").write_text("int gone(void);\nint main(void) { return gone(); }\n")
    subprocess.run(["gcc", "-shared", "-fPIC", "-Wl,-soname,libstarlightgone.so.1", "-o",
                    str(tmp_path / "libstarlightgone.so.1"), str(tmp_path / "gone.c")], check=True)
    (tmp_path / "libstarlightgone.so").symlink_to("libstarlightgone.so.1")
    subprocess.run(["gcc", "-o", str(tmp_path / "program"), str(tmp_path / "main.c"), f"-L{tmp_path}",
                    "-lstarlightgone"], check=True)
    from build_deb import build_deb
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as failure:
        build_deb(_stand_in(tmp_path, tmp_path / "program"), icons, out, compression="gzip")
    assert str(failure.value) == "dpkg-shlibdeps failed: install the packages that hold libstarlightgone.so.1"
    assert list(out.iterdir()) == [], "nothing half-built is left"


def test_no_frozen_program_is_one_clear_error(tmp_path, icons):
    from build_deb import build_deb
    with pytest.raises(SystemExit, match="no frozen program there"):
        build_deb(tmp_path / "nothing", icons, tmp_path / "out")


# ---- the release check ------------------------------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="the release check needs root (chroot, mount)")
def test_release_check_installs_the_real_deb_on_a_clean_debian_12():
    """`make release-check`: builds the .deb (PyInstaller in .venv-installer) and runs packaging/release_check.py,
    which installs it with dpkg -i in a debootstrap root and checks it as a person would."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STARLIGHT_", "XDG_", "PYTEST"))}
    result = subprocess.run(["make", "-C", str(ROOT), "release-check"], capture_output=True, text=True, env=env,
                            timeout=1800)
    print(result.stdout[-6000:])
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    lines = result.stdout.splitlines()
    for step in ("clean Debian 12", "dpkg -i", "--version", "--self-test", "libraries", "menu entry", "first start",
                 "upgrade", "remove and purge"):
        assert any(line.startswith(f"ok    {step}") for line in lines), (step, result.stdout[-4000:])
    assert any(line.startswith("passed in") for line in lines)
    unpacked = sum(p.stat().st_size for p in (ROOT / "dist" / "starlight").rglob("*")
                   if p.is_file() and not p.is_symlink())
    assert unpacked < 150e6, f"the frozen folder is {unpacked / 1e6:.0f} MB (target: under 150 MB)"
