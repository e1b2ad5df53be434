# The two commands of the README: `make run` starts the app, `make test` runs every test.
# Each sets itself up: a virtual environment in .venv on a supported Python (scripts/find-python),
# with the project installed in it; the install is redone only when pyproject.toml changes.
# `make installer` builds the Linux package (dist/starlight_<version>_<arch>.deb) in a virtual environment of its
# own (.venv-installer: the app's dependencies and the freezer, no test tools), and `make release-check` installs
# that package on a clean Debian 12 in a throw-away root and checks it (root only).

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

INSTALLER_VENV := .venv-installer
IPY := $(INSTALLER_VENV)/bin/python
ISTAMP := $(INSTALLER_VENV)/.installed
# The build's tools, and the libraries Qt's plugins link to: dpkg-shlibdeps must find each to name its package.
DEB_BUILD_PACKAGES := dpkg-dev desktop-file-utils appstream libegl1 libgl1 libfontconfig1 libdbus-1-3 \
	libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
	libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-glx0 libwayland-client0 \
	libwayland-cursor0 libwayland-egl1

.PHONY: run test bench bench-gui screenshots clean-venv installer installer-tools release-check \
	update-translations

$(PY):
	"$$(scripts/find-python)" -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(PY) scripts/build_translations.py
	$(PY) main.py $(ARGS)

test: $(STAMP)
	$(PY) scripts/build_translations.py
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/import_speed.py

bench-gui: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/gui_speed.py

screenshots: $(STAMP)
	$(PY) scripts/build_translations.py
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py

$(IPY):
	"$$(scripts/find-python)" -m venv $(INSTALLER_VENV)

$(ISTAMP): pyproject.toml | $(IPY)
	$(IPY) -m pip install --quiet --upgrade pip
	$(IPY) -m pip install --quiet -e ".[postgres,installer]"
	touch $(ISTAMP)

installer-tools:
	scripts/need-debian-packages $(DEB_BUILD_PACKAGES) debootstrap

installer: $(ISTAMP) installer-tools
	$(IPY) scripts/build_translations.py
	QT_QPA_PLATFORM=offscreen $(IPY) packaging/make_icons.py build/icons >/dev/null
	rm -rf dist/starlight
	$(IPY) -m PyInstaller --noconfirm --log-level ERROR --distpath dist --workpath build/pyinstaller \
		packaging/starlight.spec
	$(IPY) packaging/build_deb.py --frozen dist/starlight --icons build/icons --out dist
	@du -sh dist/starlight | sed 's/\t.*/ unpacked (dist\/starlight)/'

release-check: installer
	$(IPY) packaging/release_check.py

# Collects the interface's strings from the code into resources/translations/*.ts (translations kept).
update-translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -no-obsolete -locations relative $$(find catalog_app -name '*.py' | sort) \
		-ts resources/translations/*.ts

clean-venv:
	rm -rf $(VENV) $(INSTALLER_VENV)
