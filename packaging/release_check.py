"""The release check: the built .deb on a clean Debian 12, in a throw-away root made by debootstrap.

Run before each release (`make release-check`; tests/test_installer.py runs it too). As root, it:
 1. makes a minimal Debian 12 (debootstrap --variant=minbase): no Python, no desktop;
 2. installs the libraries the package Depends on, as any Debian desktop has them, then `dpkg -i` the .deb;
 3. as an ordinary user: `starlight --version`, `starlight --self-test`; every ELF file's libraries resolve;
 4. validates the menu entry (desktop-file-validate) and the AppStream metainfo, and finds its command and icon;
 5. starts the app for the first time (offscreen): the catalog and cache folders appear in the standard places;
 6. leaves an older Starlight's catalog in place, upgrades to a newer package: the upgrade leaves the person's
    files byte for byte, and the next start migrates the catalog with its automatic backup;
 7. removes, then purges the package: all its files are gone, the person's are untouched.
Prints one line a step with its time; exits 0 only if every step passed.

    sudo python packaging/release_check.py [--deb dist/starlight_X_amd64.deb] [--keep]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "packaging"))

from build_deb import OPTIONAL_ELF, PREFIX, build_deb, elf_files, project_version  # noqa: E402

from catalog_app import APP_ID  # noqa: E402

SUITE = "bookworm"
MIRROR = os.environ.get("STARLIGHT_DEBIAN_MIRROR", "http://deb.debian.org/debian")
USER = "tester"
HOME = Path("/home") / USER
#: Where QStandardPaths puts Starlight's files on Linux (organization and application are both "Starlight").
DATA = HOME / ".local/share/Starlight/Starlight"
CACHE = HOME / ".cache/Starlight/Starlight"
FIRST_START_SECONDS = 60


class Failed(Exception):
    pass


class Check:
    def __init__(self, deb: Path, root: Path) -> None:
        self.deb = deb
        self.root = root
        self.mounts: list[Path] = []

    # ---- running things ---------------------------------------------------------------------------------------

    def run(self, *command: str, check: bool = True, **kw) -> subprocess.CompletedProcess:
        result = subprocess.run(command, capture_output=True, text=True, **kw)
        if check and result.returncode != 0:
            raise Failed(f"{' '.join(command)} exited {result.returncode}:\n{result.stdout[-3000:]}"
                         f"{result.stderr[-3000:]}")
        return result

    def chroot(self, *command: str, check: bool = True, **kw) -> subprocess.CompletedProcess:
        env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8", "DEBIAN_FRONTEND": "noninteractive"}
        return self.run("chroot", str(self.root), *command, check=check, env=env, **kw)

    def as_user(self, *command: str, check: bool = True, **kw) -> subprocess.CompletedProcess:
        return self.run(*self.user_command(*command), check=check, **kw)

    def user_command(self, *command: str) -> list[str]:
        return ["chroot", f"--userspec={USER}:{USER}", str(self.root), "env", "-i", f"HOME={HOME}",
                "PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8", f"XDG_RUNTIME_DIR=/tmp/runtime-{USER}",
                *command]

    def inside(self, path: Path | str) -> Path:
        return self.root / str(path).lstrip("/")

    # ---- the steps --------------------------------------------------------------------------------------------

    def make_root(self) -> str:
        self.run("debootstrap", "--variant=minbase", SUITE, str(self.root), MIRROR)
        for source, kind in (("/dev", "bind"), ("/dev/pts", "bind"), ("proc", "proc")):
            target = self.inside(source if kind == "bind" else "/proc")
            if kind == "bind":
                self.run("mount", "--bind", source, str(target))
            else:
                self.run("mount", "-t", "proc", "proc", str(target))
            self.mounts.append(target)
            # Private: with shared propagation (systemd's default) a mount made under the root would also
            # appear on the machine's own /dev.
            self.run("mount", "--make-rprivate", str(target))
        shutil.copyfile("/etc/resolv.conf", self.inside("/etc/resolv.conf"))
        if self.chroot("sh", "-c", "command -v python3 || ls /usr/lib/python3*", check=False).returncode == 0:
            raise Failed("the clean root already has a Python")
        return f"Debian {self.inside('/etc/debian_version').read_text().strip()} minbase, no Python"

    def install(self) -> str:
        depends = self.run("dpkg-deb", "-f", str(self.deb), "Depends").stdout
        packages = [alt.split("|")[0].split("(")[0].strip() for alt in depends.split(",") if alt.strip()]
        self.chroot("apt-get", "update", "-q")
        self.chroot("apt-get", "install", "-y", "-q", "--no-install-recommends", *packages)
        shutil.copyfile(self.deb, self.inside(f"/tmp/{self.deb.name}"))
        self.chroot("dpkg", "-i", f"/tmp/{self.deb.name}")
        python = self.chroot("sh", "-c", "dpkg -l | grep -E '^ii +python3' || command -v python3", check=False)
        if python.returncode == 0:
            raise Failed(f"installing the package brought a Python along:\n{python.stdout}")
        self.chroot("useradd", "--create-home", "--shell", "/bin/sh", USER)
        runtime = self.inside(f"/tmp/runtime-{USER}")
        runtime.mkdir(mode=0o700)
        uid, gid = self.ids()
        os.chown(runtime, uid, gid)
        return f"{len(packages)} libraries from Depends, then dpkg -i {self.deb.name}"

    def ids(self) -> tuple[int, int]:
        for line in self.inside("/etc/passwd").read_text().splitlines():
            fields = line.split(":")
            if fields[0] == USER:
                return int(fields[2]), int(fields[3])
        raise Failed(f"no user {USER}")

    def version(self) -> str:
        printed = self.as_user("starlight", "--version").stdout.strip()
        if printed != f"Starlight {project_version()}":
            raise Failed(f"starlight --version printed {printed!r}")
        return printed

    def self_test(self) -> str:
        result = self.as_user("starlight", "--self-test", check=False)
        if result.returncode != 0:
            raise Failed(f"starlight --self-test exited {result.returncode}:\n{result.stdout}{result.stderr}")
        return result.stdout.strip().splitlines()[-1]

    def libraries(self) -> str:
        elf = elf_files(self.inside(f"/{PREFIX}"))
        missing = []
        for path in elf:
            inner = "/" + str(path.relative_to(self.root))
            if any(o in inner for o in OPTIONAL_ELF):
                continue
            out = self.chroot("ldd", inner, check=False).stdout
            missing += [f"{inner}: {line.strip()}" for line in out.splitlines() if "not found" in line]
        if missing:
            raise Failed("libraries not found:\n" + "\n".join(missing[:30]))
        return f"{len(elf)} ELF files, every library found"

    def menu_entry(self) -> str:
        desktop = self.inside(f"/usr/share/applications/{APP_ID}.desktop")
        self.run("desktop-file-validate", str(desktop))
        self.run("appstreamcli", "validate", "--no-net", str(self.inside(f"/usr/share/metainfo/{APP_ID}.metainfo.xml")))
        entry = dict(line.split("=", 1) for line in desktop.read_text().splitlines() if "=" in line)
        if self.as_user("sh", "-c", f"command -v {entry['Exec'].split()[0]}", check=False).returncode != 0:
            raise Failed(f"the menu entry's command {entry['Exec']!r} is not on the PATH")
        sizes = sorted(int(p.parent.parent.name.split("x")[0]) for p in
                       self.inside("/usr/share/icons/hicolor").glob(f"*x*/apps/{entry['Icon']}.png"))
        if sizes[:1] != [16] or sizes[-1:] != [512] or not list(
                self.inside("/usr/share/icons/hicolor/scalable/apps").glob(f"{entry['Icon']}.svg")):
            raise Failed(f"icon {entry['Icon']} not in hicolor at 16–512 px and scalable: {sizes}")
        return f"{desktop.name} and metainfo valid; Exec {entry['Exec']}, icon at {len(sizes)} sizes + SVG"

    def first_start(self, work: Path) -> str:
        env_command = self.user_command("env", "QT_QPA_PLATFORM=offscreen", "starlight")
        log = work / "first-start.log"
        catalog = self.inside(DATA / "catalog.sqlite")
        deadline = time.monotonic() + FIRST_START_SECONDS
        with log.open("w") as output:
            app = subprocess.Popen(env_command, stdout=output, stderr=subprocess.STDOUT)
            try:
                # The catalog (with the sample) is made before the window opens; the cache folder when the window
                # shows the first work's poster.
                while not (catalog.exists() and self.inside(CACHE).is_dir()):
                    if app.poll() is not None:
                        raise Failed(f"the app quit at its first start ({app.returncode}):\n{log.read_text()}")
                    if time.monotonic() > deadline:
                        raise Failed(f"after {FIRST_START_SECONDS} s: catalog {catalog.exists()}, cache "
                                     f"{self.inside(CACHE).is_dir()}")
                    time.sleep(0.2)
            finally:
                if app.poll() is None:
                    app.send_signal(signal.SIGTERM)
                    try:
                        app.wait(10)
                    except subprocess.TimeoutExpired:
                        app.kill()
                        app.wait()
        listed = self.as_user("starlight", "list").stdout
        if "Lost in Starlight" not in listed:
            raise Failed(f"the first start's catalog does not list the sample:\n{listed}")
        owner = self.inside(DATA / "catalog.sqlite").stat().st_uid
        if owner != self.ids()[0]:
            raise Failed(f"the catalog belongs to uid {owner}, not to {USER}")
        return f"{DATA}/catalog.sqlite ({len(listed.splitlines())} works) and {CACHE}/, owned by {USER}"

    def upgrade(self, work: Path) -> str:
        from catalog_app.store.db import open_database
        from catalog_app.store.migrations import LATEST
        from catalog_app.store.schema import migrate
        for old in self.inside(DATA).glob("catalog.sqlite*"):
            old.unlink()
        catalog = self.inside(DATA / "catalog.sqlite")
        db = open_database(str(catalog))
        migrate(db, upto=1)  # as the first release left it
        db.execute_sql("INSERT INTO work (kind, is_anime, title, original_title, sort_title, sort_key, added_at, "
                       "updated_at, version) VALUES ('film', 1, 'Lost in Starlight', '이 별에 필요한', "
                       "'Lost in Starlight', 'lost in starlight', '2025-06-01', '2025-06-01', 1)")
        db.close()
        uid, gid = self.ids()
        for path in [catalog, *catalog.parent.glob("catalog.sqlite-*")]:
            os.chown(path, uid, gid)
        before = self.home_files()
        newer = build_deb(self.inside(f"/{PREFIX}"), ROOT / "build" / "icons", work,
                          version=f"{project_version()}+release.check", compression="none")
        shutil.copyfile(newer, self.inside(f"/tmp/{newer.name}"))
        self.chroot("dpkg", "-i", f"/tmp/{newer.name}")
        installed = self.chroot("dpkg-query", "-W", "-f=${Version}", "starlight").stdout
        if installed != f"{project_version()}+release.check":
            raise Failed(f"after the upgrade dpkg has version {installed}")
        if self.home_files() != before:
            raise Failed("upgrading the package changed files in the person's home folder")
        listed = self.as_user("starlight", "list").stdout
        if "Lost in Starlight" not in listed:
            raise Failed(f"the migrated catalog does not list its work:\n{listed}")
        backups = list(self.inside(DATA / "backups").glob("catalog-before-schema-2-*.sqlite"))
        con = sqlite3.connect(catalog)
        version = con.execute("SELECT max(id) FROM schema_migration").fetchone()[0]
        con.close()
        if version != LATEST or len(backups) != 1:
            raise Failed(f"after the upgrade: schema {version} (want {LATEST}), backups {backups}")
        con = sqlite3.connect(backups[0])
        kept = con.execute("SELECT max(id) FROM schema_migration").fetchone()[0]
        con.close()
        return (f"{installed}: home untouched by dpkg; schema 1 → {version} at the next start, backup "
                f"{backups[0].name} (schema {kept})")

    def remove(self) -> str:
        files = [f for f in self.chroot("dpkg", "-L", "starlight").stdout.splitlines()
                 if f.startswith("/") and not self.inside(f).is_dir()]
        before = self.home_files()
        self.chroot("dpkg", "-r", "starlight")
        left = [f for f in files if self.inside(f).exists() or self.inside(f).is_symlink()]
        if left or self.inside(f"/{PREFIX}").exists():
            raise Failed(f"left after removal: {left[:10]} {self.inside(f'/{PREFIX}').exists()}")
        self.chroot("dpkg", "-P", "starlight")
        if self.chroot("dpkg-query", "-W", "starlight", check=False).returncode == 0:
            raise Failed("dpkg still knows the package after purging it")
        if self.home_files() != before:
            raise Failed("removing the package changed the person's files")
        return f"{len(files)} files gone; {len(before)} files in the home folder unchanged"

    def home_files(self) -> dict[str, str]:
        home = self.inside(HOME)
        return {str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(home.rglob("*")) if p.is_file()}

    def cleanup(self) -> bool:
        """Unmount what was mounted into the root; True when nothing is left mounted under it (only then may the
        root be deleted: a /dev still bound into it is the machine's own)."""
        for target in reversed(self.mounts):
            if subprocess.run(["umount", str(target)], capture_output=True).returncode != 0:
                subprocess.run(["umount", "--lazy", str(target)], capture_output=True)
        self.mounts = mounted_under(self.root)
        return not self.mounts


def mounted_under(folder: Path) -> list[Path]:
    """Mount points at or below `folder`, from the kernel's own list (whoever mounted them)."""
    inside = str(folder.resolve())
    with open("/proc/self/mountinfo") as f:
        points = [line.split()[4].replace("\\040", " ") for line in f]
    return [Path(p) for p in points if p == inside or p.startswith(inside + "/")]


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(f"stopped by signal {signum}")  # so that the mounts are undone on the way out


def newest_deb() -> Path:
    debs = sorted((ROOT / "dist").glob("starlight_*.deb"), key=lambda p: p.stat().st_mtime)
    if not debs:
        raise SystemExit("no .deb in dist/: run `make installer` first")
    return debs[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deb", type=Path, help="the package to check (default: the newest in dist/)")
    parser.add_argument("--keep", action="store_true", help="keep the throw-away root for a look afterwards")
    options = parser.parse_args(argv)
    if os.geteuid() != 0:
        raise SystemExit("the release check needs root (debootstrap, chroot, mount)")
    deb = (options.deb or newest_deb()).resolve()
    work = Path(tempfile.mkdtemp(prefix="starlight-release-check-"))
    check = Check(deb, work / "root")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGHUP, _stop)
    steps = [("clean Debian 12", check.make_root), ("dpkg -i", check.install), ("--version", check.version),
             ("--self-test", check.self_test), ("libraries", check.libraries), ("menu entry", check.menu_entry),
             ("first start", lambda: check.first_start(work)), ("upgrade", lambda: check.upgrade(work)),
             ("remove and purge", check.remove)]
    print(f"release check of {deb.name} ({deb.stat().st_size / 1e6:.1f} MB) in {work}")
    started = time.monotonic()
    failed = False
    try:
        for name, step in steps:
            t = time.monotonic()
            try:
                detail = step()
            except Failed as e:
                print(f"FAIL  {name:<17} {time.monotonic() - t:6.1f} s  {e}", flush=True)
                failed = True
                break
            print(f"ok    {name:<17} {time.monotonic() - t:6.1f} s  {detail}", flush=True)
    finally:
        unmounted = check.cleanup()
        if not options.keep and unmounted and not mounted_under(work):
            shutil.rmtree(work, ignore_errors=True)
        elif not unmounted:
            print(f"still mounted, left in place: {', '.join(map(str, check.mounts))}")
    print(f"{'FAILED' if failed else 'passed'} in {time.monotonic() - started:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
