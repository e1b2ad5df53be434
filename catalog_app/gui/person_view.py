"""A person's page: name, name in their own script, external ids, their works in the catalog by role, and their
other works as an online source lists them, each added in one click.

Like the detail panel, every text from the catalog is shown as plain text and links are widgets that emit signals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from .detail_panel import ROLE_ORDER, FlowLayout, Link, ScrollPage, mix, plain_tooltip, scaled_font, text_label

if TYPE_CHECKING:
    from ..providers.base import CreditedWork


class Initials(QWidget):
    """A round badge with a person's initials (the catalog has no portraits)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        words = [w for w in name.replace("-", " ").split() if w]
        self.initials = "".join(w[0] for w in (words[:1] + words[-1:] if len(words) > 1 else words)).upper()
        self.setFixedSize(QSize(72, 72))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(mix(base, text, 0.1))
        painter.drawEllipse(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.setPen(mix(base, text, 0.6))
        painter.setFont(scaled_font(self.font(), 1.6, QFont.Weight.DemiBold))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.initials)


class PersonView(ScrollPage):
    """Who a person is and what they did in the works of this catalog; a work clicked → `work_activated`."""

    work_activated = Signal(int)
    #: (provider, its id, title): a work of the person's filmography the catalog lacks, to add.
    add_online = Signal(str, str, str)

    #: Works shown per role from an online source; the rest are counted ("and 12 more").
    ELSEWHERE_PER_ROLE = 25

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._person: dict[str, Any] | None = None
        self._column: QVBoxLayout | None = None
        self._elsewhere: QWidget | None = None
        self.clear()

    @property
    def person_id(self) -> int | None:
        key = (self._person or {}).get("id")
        return int(key[1:]) if isinstance(key, str) and key[:1] == "p" and key[1:].isdigit() else None

    def clear(self) -> None:
        self._person = None
        self.show_hint(self.tr("Select a person to see their works."))

    def _role_heading(self, role: str) -> str:
        """What the person did, as a heading over the works ("Director", "Voice roles")."""
        special = {"voice": self.tr("Voice roles"), "cast": self.tr("Acting"), "crew": self.tr("Crew")}
        return special.get(role) or self.role_label(role, 1)

    def show_person(self, person: dict[str, Any], works: list[tuple]) -> None:
        """Show a person ({"id": "p<id>", "name", "original_name", "external_ids"}) and their credits as
        `works_of_person` gives them: (work id, title, year, role, character)."""
        self._person = person
        column = self.new_body()
        self._column, self._elsewhere = column, None
        name = person.get("name") or ""

        header = QHBoxLayout()
        header.setSpacing(20)
        header.addWidget(Initials(name), 0, Qt.AlignmentFlag.AlignTop)
        info = QVBoxLayout()
        info.setSpacing(4)
        info.addWidget(text_label(name, factor=1.95, weight=QFont.Weight.Bold, selectable=True))
        if person.get("original_name") and person["original_name"] != name:
            info.addWidget(text_label(person["original_name"], factor=1.25, selectable=True))
        distinct = len({w[0] for w in works})
        info.addWidget(text_label(self.tr("No works in your catalog") if not distinct else
                                  self.tr("1 work in your catalog") if distinct == 1 else
                                  self.tr("{n} works in your catalog").format(n=distinct), muted=True))
        ids = self.external_id_links(person.get("external_ids") or {}, person=True)
        if ids:
            info.addSpacing(4)
            info.addLayout(self.flow(ids, 16, 4))
        info.addStretch(1)
        header.addLayout(info, 1)
        column.addLayout(header)

        by_role: dict[str, list[tuple]] = {}
        for row in works:
            by_role.setdefault(row[3] or "crew", []).append(row)
        roles = sorted(by_role, key=lambda r: ROLE_ORDER.index(r) if r in ROLE_ORDER else len(ROLE_ORDER))
        if roles:
            box = self.section(column, self.tr("In your catalog"))
            grid = self.rows()
            for role in roles:
                entries = QVBoxLayout()
                entries.setSpacing(5)
                for work_id, title, year, _role, character in by_role[role]:
                    line = FlowLayout(None, 8, 2)
                    text = self.tr("{title} ({year})").format(title=title, year=year) if year else str(title)
                    link = Link(text, int(work_id), wrap=True)
                    link.activated.connect(lambda w=int(work_id): self.work_activated.emit(w))
                    line.addWidget(link)
                    if character:
                        line.addWidget(text_label(self.tr("as {character}").format(character=character),
                                                  selectable=True))
                    entries.addLayout(line)
                self.add_row(grid, self._role_heading(role), entries)
            box.addLayout(grid)
        column.addStretch(1)
        self.show_body()

    def show_elsewhere(self, source: str, entries: list[tuple[CreditedWork, int | None]] | str) -> None:
        """Below the catalog's works: the person's works as `source` (a label, "TMDB") lists them, by role; those
        in the catalog link to it, the others have an "add" link. A str instead of entries is a line to show
        (looking them up, or why they could not be had)."""
        if self._column is None:
            return
        if self._elsewhere is not None:
            self._elsewhere.deleteLater()
        self._elsewhere = QWidget()
        column = QVBoxLayout(self._elsewhere)
        column.setContentsMargins(0, 0, 0, 0)
        box = self.section(column, self.tr("On {source}").format(source=source))
        if isinstance(entries, str):
            box.addWidget(text_label(entries, muted=True, selectable=True))
        elif not entries:
            box.addWidget(text_label(self.tr("No films or series listed."), muted=True))
        else:
            by_role: dict[str, list[tuple[CreditedWork, int | None]]] = {}
            for entry in entries:
                by_role.setdefault(entry[0].role, []).append(entry)
            grid = self.rows()
            for role in sorted(by_role, key=lambda r: ROLE_ORDER.index(r) if r in ROLE_ORDER else len(ROLE_ORDER)):
                lines = QVBoxLayout()
                lines.setSpacing(5)
                for credited, work_id in by_role[role][:self.ELSEWHERE_PER_ROLE]:
                    lines.addLayout(self._elsewhere_line(credited, work_id))
                hidden = len(by_role[role]) - self.ELSEWHERE_PER_ROLE
                if hidden > 0:
                    lines.addWidget(text_label(self.tr("and {n} more").format(n=hidden), muted=True))
                self.add_row(grid, self._role_heading(role), lines)
            box.addLayout(grid)
        self._column.insertWidget(self._column.count() - 1, self._elsewhere)  # above the closing stretch

    def _elsewhere_line(self, credited: CreditedWork, work_id: int | None) -> FlowLayout:
        work = credited.work
        text = self.tr("{title} ({year})").format(title=work.title, year=work.year) if work.year else work.title
        line = FlowLayout(None, 8, 2)
        if work_id is not None:
            link = Link(text, int(work_id), wrap=True)
            link.activated.connect(lambda w=int(work_id): self.work_activated.emit(w))
            line.addWidget(link)
        else:
            line.addWidget(text_label(text, selectable=True))
        if work.kind == "series":
            line.addWidget(text_label(self.kind_label(work.kind), muted=True, wrap=False))
        if credited.character:
            line.addWidget(text_label(self.tr("as {character}").format(character=credited.character),
                                      selectable=True))
        if work_id is None:
            add = Link(self.tr("add"), ("online", work.provider, work.ident))
            # The title comes from the source: a tooltip would read "<b>…" as markup
            add.setToolTip(plain_tooltip(self.tr("Add “{title}” to your catalog").format(title=work.title)))
            add.activated.connect(lambda w=work: self.add_online.emit(w.provider, w.ident, w.title))
            line.addWidget(add)
        return line
