"""What a kind's form does beyond its declaration (:mod:`desktop.forms.declared`).

Most kinds need nothing: their form is their declaration. A kind that needs more says
so here, in one class: an editor of its own for a field (an issue's newsletter, chosen
from the office's titles or typed new), what happens once the fields are laid out (a
case's requester category suggested from the name typed), on a new record (a new
issue is in Japanese) or on one loaded, and whether the dates in the era are shown
under the fields in Japanese (the kinds whose own dates are not a table of sessions).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QWidget

from db.schema.enums import RequesterCategory
from db.schema.fields import Field
from db.schema.kinds import RecordKind
from desktop.kit.tasks import Task

if TYPE_CHECKING:
    from desktop.forms.declared import DeclaredForm


class FormHooks:
    """A kind without hooks: each method does nothing (a subclass overrides some)."""

    era_span_shown = False  # in Japanese, the dates in the era under the fields

    def editor(self, form: DeclaredForm, f: Field) -> QWidget | None:
        """The kind's own editor for ``f`` (it has ``value()`` and ``set_value()``),
        or None for the editor of the field's type."""
        return None

    def ready(self, form: DeclaredForm) -> None:
        """The fields are laid out (no values loaded yet)."""

    def blank(self, form: DeclaredForm) -> None:
        """A new record's editors are at their declared defaults."""

    def loaded(self, form: DeclaredForm, values: Any) -> None:
        """A record's values were loaded into the form."""


class DatesShown(FormHooks):
    """Its dates in the era under the fields (an event's legs, a case's dates)."""

    era_span_shown = True


class TitleBox(QComboBox):
    """A newsletter's title: one of the office's, or a new one typed (a new title
    makes a new newsletter)."""

    def __init__(self) -> None:
        super().__init__()
        self.setEditable(True)

    def value(self) -> str:
        return self.currentText()

    def set_value(self, title: Any) -> None:
        self.setCurrentText(title or "")

    def show_titles(self, titles: list[str]) -> None:
        typed = self.currentText()
        self.clear()
        self.addItems(titles)
        self.setCurrentText(typed)


class IssueHooks(FormHooks):
    """An issue names its newsletter by title, chosen from the office's (read in the
    background whenever the office changes); a new issue is in Japanese. Its date field
    shows the era itself (:mod:`desktop.forms.date_field`): no span repeats it."""

    def editor(self, form: DeclaredForm, f: Field) -> QWidget | None:
        return TitleBox() if f.name == "title" else None

    def ready(self, form: DeclaredForm) -> None:
        form.office.currentIndexChanged.connect(lambda _i: self._titles(form))
        self._titles(form)

    def blank(self, form: DeclaredForm) -> None:
        form.editor("languages").set_value(("ja",))

    def _titles(self, form: DeclaredForm) -> None:
        from db.read.lookups import newsletter_titles

        db, code = form.db, form.office.currentData()
        box: TitleBox = form.editor("title")

        def show(titles: list[str]) -> None:
            if code == form.office.currentData():  # not another office chosen meanwhile
                box.show_titles(titles)

        Task(form, lambda: newsletter_titles(db, code)).success(show).run()


class CaseHooks(FormHooks):
    """The requester's category is suggested from the name typed (and what was
    confirmed before), read in the background, until the person picks one. Its start
    and end show the era themselves (:mod:`desktop.forms.date_field`): no span repeats
    them under the form (an event's span sums up its legs)."""

    def ready(self, form: DeclaredForm) -> None:
        form.category_touched = False  # type: ignore[attr-defined]
        category: QComboBox = form.editor("requester_category")
        category.activated.connect(lambda _i: setattr(form, "category_touched", True))
        form.editor("requester").textEdited.connect(lambda text: self._suggest(form, text))

    def blank(self, form: DeclaredForm) -> None:
        """Until a name is typed, the category is "other" (not the list's first)."""
        category: QComboBox = form.editor("requester_category")
        category.setCurrentIndex(category.findData(RequesterCategory.OTHER.value))

    def loaded(self, form: DeclaredForm, values: Any) -> None:
        form.category_touched = bool(values.requester)  # type: ignore[attr-defined]

    def _suggest(self, form: DeclaredForm, text: str) -> None:
        if getattr(form, "category_touched", False):
            return
        from db.read.lookups import suggested_category

        db = form.db

        def show(found: RequesterCategory) -> None:
            if getattr(form, "category_touched", False):
                return
            if text != form.editor("requester").text():  # typed on meanwhile
                return
            category: QComboBox = form.editor("requester_category")
            category.setCurrentIndex(category.findData(found.value))

        Task(form, lambda: suggested_category(db, text)).success(show).run()


# The kinds with hooks; every other kind's form is its declaration alone.
HOOKS: dict[str, FormHooks] = {
    RecordKind.SUPPORT_CASE: CaseHooks(),
    RecordKind.EVENT_BOOTH: DatesShown(),
    RecordKind.JETAA_EVENT: DatesShown(),
    RecordKind.NEWSLETTER_ISSUE: IssueHooks(),
}


def hooks_of(kind: str) -> FormHooks:
    return HOOKS.get(kind) or FormHooks()
