"""数据导入: choose the kind and the file, map the columns, preview the problems, import.

The steps run top to bottom on one page: the kind (only those the role may import) and the
file with its sheet; the mapping of the kind's columns to the file's (found from the headers
or remembered for the sheet's layout; the clerk corrects it and may remember it); the
preview (counts, new communities, each problem by row, column and reason); then "Import all
valid rows" or "Cancel", and the rejected rows saved to .xlsx. Reading, checking and
importing run on a worker thread with progress and Cancel.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from heatoffice import glossary
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can
from heatoffice.errors import UserError
from heatoffice.imports import files, kinds, reader, service
from heatoffice.ui import formats
from heatoffice.ui.changes import perform
from heatoffice.ui.feedback import show_error
from heatoffice.ui.lazy_model import LazyTableModel
from heatoffice.ui.tables import fixed_rows, make_table, make_widget_table
from heatoffice.ui.worker import Progress, Task


class ImportPage(QWidget):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.preview: service.Preview | None = None
        self.report: service.Report | None = None
        self.task: Task | None = None
        self.last_rejects = ""

        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for name in kinds.names():
            kind = kinds.get(name)
            if can(actor, kind.permission):
                self.kind.addItem(glossary.label("import_kind", name), name)
        self.path = QLineEdit()
        self.path.setObjectName("path")
        self.path.setPlaceholderText(self.tr("Excel (.xlsx) or CSV file"))
        self.choose = QPushButton(self.tr("Choose file…"))
        self.sheet = QComboBox()
        self.sheet.setObjectName("sheet")
        self.sheet.setMinimumContentsLength(10)
        self.new_communities = QCheckBox(self.tr("Register new communities"))
        self.new_communities.setObjectName("create")
        # payments: who collected them (a bank, a WeChat/Alipay service, the post office);
        # references are unique per source, and a mapping remembered is that source's profile
        self.source = QLineEdit()
        self.source.setObjectName("source")
        self.source.setPlaceholderText(self.tr("collected by"))
        self.source.setMaxLength(32)
        self.source.setMaximumWidth(120)
        self.read_button = QPushButton(self.tr("Read and check"))
        self.read_button.setObjectName("read")
        self.template = QPushButton(self.tr("Template…"))
        self.template.setObjectName("template")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Import")))
        top.addWidget(self.kind)
        top.addWidget(self.path, 1)
        top.addWidget(self.choose)
        top.addWidget(QLabel(self.tr("Sheet")))
        top.addWidget(self.sheet)
        top.addWidget(self.new_communities)
        top.addWidget(self.source)
        top.addWidget(self.read_button)
        top.addWidget(self.template)

        # the mapping: the kind's columns (rows) -> a column of the file
        self.mapping = make_widget_table([self.tr("Column"), self.tr("Column in the file")],
                                         (110, 170), 1)
        self.mapping.setObjectName("mapping")
        self.recheck = QPushButton(self.tr("Check again"))
        self.recheck.setObjectName("recheck")
        self.remember = QPushButton(self.tr("Remember for this layout"))
        self.remember.setObjectName("remember")
        mapping_box = QGroupBox(self.tr("Columns"))
        mapping_layout = QVBoxLayout(mapping_box)
        mapping_layout.addWidget(self.mapping, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.recheck)
        buttons.addWidget(self.remember)
        mapping_layout.addLayout(buttons)
        mapping_box.setFixedWidth(320)

        # the preview: counts and each problem
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.problems = LazyTableModel(
            [self.tr("Row"), self.tr("Column"), self.tr("Reason")], fixed_rows([]),
            has_key=False, parent=self)
        self.problem_table = make_table(self.problems, (60, 150, 500), 2)
        self.problem_table.setObjectName("problems")
        preview_box = QGroupBox(self.tr("Preview"))
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addWidget(self.summary)
        preview_layout.addWidget(self.problem_table, 1)

        middle = QHBoxLayout()
        middle.addWidget(mapping_box)
        middle.addWidget(preview_box, 1)

        self.import_button = QPushButton(self.tr("Import all valid rows"))
        self.import_button.setObjectName("import")
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setObjectName("cancel")
        self.save_rejects = QPushButton(self.tr("Save rejected rows…"))
        self.save_rejects.setObjectName("rejects")
        self.result = QLabel()
        self.result.setObjectName("result")
        self.result.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.result, 1)
        bottom.addWidget(self.save_rejects)
        bottom.addWidget(self.cancel)
        bottom.addWidget(self.import_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)

        self.choose.clicked.connect(self.choose_file)
        self.path.editingFinished.connect(self.load_sheets)
        self.kind.currentIndexChanged.connect(self.kind_changed)
        self.read_button.clicked.connect(lambda: self.read_file(use_mapping=False))
        self.recheck.clicked.connect(lambda: self.read_file(use_mapping=True))
        self.remember.clicked.connect(self.remember_mapping)
        self.import_button.clicked.connect(self.run_import)
        self.cancel.clicked.connect(self.clear)
        self.save_rejects.clicked.connect(self.ask_rejects)
        self.template.clicked.connect(self.ask_template)
        self.kind_changed()

    # -- choosing ----------------------------------------------------------------------------
    def current_kind(self) -> str:
        return self.kind.currentData() or ""

    def kind_changed(self) -> None:
        self.new_communities.setVisible(self.current_kind() == "accounts")
        self.source.setVisible(self.current_kind() == "payments")
        self.clear()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("File to import"), str(Path.home()),
            self.tr("Excel or CSV (*.xlsx *.csv)"))
        if path:
            self.path.setText(path)
            self.load_sheets()

    def load_sheets(self) -> None:
        self.sheet.clear()
        path = self.path.text().strip()
        if not path:
            return
        try:
            names = reader.sheet_names(path)
        except UserError as exc:
            self.result.setText(exc.message())
            return
        self.sheet.addItems(names)

    def clear(self) -> None:
        """Cancel: forget the file read; nothing was written."""
        self.preview = None
        self.report = None
        self.mapping.setRowCount(0)
        self.problems.reset_query(fixed_rows([]))
        self.summary.setText("")
        self.result.setText("")
        self.refresh_buttons()

    def refresh_buttons(self) -> None:
        kind = self.current_kind()
        available = bool(kind) and kinds.get(kind).available
        self.read_button.setEnabled(available)
        ready = self.preview is not None and self.report is None
        self.import_button.setEnabled(ready and bool(self.preview and self.preview.valid_rows))
        self.cancel.setEnabled(ready)
        self.recheck.setEnabled(ready)
        self.remember.setEnabled(ready)
        self.save_rejects.setEnabled(self.preview is not None
                                     and bool(self.preview.problem_rows))
        self.template.setEnabled(bool(kind))
        if kind and not available:
            self.result.setText(UserError("imports.not_available", kind=glossary.term(
                "import_kind", kind)).message())

    # -- reading -----------------------------------------------------------------------------
    def chosen_mapping(self) -> dict[str, int]:
        out = {}
        for row in range(self.mapping.rowCount()):
            combo, item = self.mapping.cellWidget(row, 1), self.mapping.item(row, 0)
            if (isinstance(combo, QComboBox) and item is not None
                    and combo.currentData() is not None):
                out[item.data(256)] = int(combo.currentData())
        return out

    def read_file(self, *, use_mapping: bool) -> Task | None:
        path = self.path.text().strip()
        if not path:
            self.result.setText(UserError("validation.required", field="file").message())
            return None
        kind, sheet = self.current_kind(), self.sheet.currentText() or None
        mapping = self.chosen_mapping() if use_mapping else None
        create = self.new_communities.isChecked()
        source = self.source.text().strip() if kind == "payments" else ""

        def work(progress: Progress) -> service.Preview:
            return service.preview(self.actor, kind, path, sheet=sheet, mapping=mapping,
                                   source=source, create_communities=create,
                                   progress=progress)

        self.report = None
        self.result.setText("")
        task = Task(work, self.tr("Reading and checking the file…"), self)
        task.finished.connect(self.show_preview)
        task.error.connect(lambda exc: show_error(self, exc))
        self.task = task.start()
        return self.task

    def show_preview(self, preview: service.Preview) -> None:
        self.preview = preview
        self.fill_mapping(preview)
        self.problems.reset_query(fixed_rows(self.problem_rows(preview)))
        self.summary.setText(self.summary_text(preview))
        self.refresh_buttons()

    def fill_mapping(self, preview: service.Preview) -> None:
        columns = preview.kind.columns
        self.mapping.setRowCount(len(columns))
        for row, column in enumerate(columns):
            label = glossary.label("field", column.key) + (" *" if column.required else "")
            item = QTableWidgetItem(label)
            item.setData(256, column.key)
            self.mapping.setItem(row, 0, item)
            combo = QComboBox()
            combo.addItem("—", None)
            for i, header in enumerate(preview.headers):
                combo.addItem(header or self.tr("(column {n})").format(n=i + 1), i)
            at = preview.mapping.get(column.key)
            combo.setCurrentIndex(0 if at is None else at + 1)
            self.mapping.setCellWidget(row, 1, combo)

    @staticmethod
    def problem_rows(preview: service.Preview) -> list[tuple]:
        return [(p.row, p.header, p.reason()) for p in preview.problems]

    def summary_text(self, preview: service.Preview) -> str:
        text = self.tr("{file}, sheet {sheet}, header in row {header}: {read} rows read, "
                       "{skipped} skipped (blank, total, header repeated), {valid} valid, "
                       "{rejected} with problems.").format(
            file=preview.file, sheet=preview.sheet, header=preview.header_row,
            read=preview.read, skipped=len(preview.skipped), valid=len(preview.valid_rows),
            rejected=len(preview.problem_rows))
        new = preview.context.notes.get("new_communities") or {}
        if new:
            names = "、".join(new)
            if preview.context.create_communities:
                text += " " + self.tr("Communities registered on import: {names}.").format(
                    names=names)
            else:
                text += " " + self.tr("Communities not registered: {names} (tick \"Register "
                                      "new communities\" and check again).").format(names=names)
        totals = preview.context.notes.get("totals")
        if totals:  # the ledger's kinds: the file's money, to reconcile with the bank's slip
            text += " " + self.tr("File total {total}.").format(
                total=formats.money(totals["file"]))
        return text

    # -- importing ---------------------------------------------------------------------------
    def run_import(self) -> Task | None:
        preview = self.preview
        if preview is None:
            return None

        def work(progress: Progress) -> service.Report:
            return service.commit(self.actor, preview, valid_only=True, progress=progress)

        task = Task(work, self.tr("Importing…"), self)
        task.finished.connect(self.show_result)
        task.error.connect(lambda exc: show_error(self, exc))
        self.task = task.start()
        return self.task

    def show_result(self, report: service.Report) -> None:
        self.report = report
        assert self.preview is not None
        self.problems.reset_query(fixed_rows(self.problem_rows(self.preview)))
        text = self.tr("Imported {imported} of {read} rows; {skipped} skipped, "
                       "{rejected} rejected.").format(
            imported=report.imported, read=report.read, skipped=report.skipped,
            rejected=report.rejected)
        totals = self.preview.context.notes.get("totals")
        if totals:
            text += " " + self.tr("Reconciliation: file total {total}, imported {imported}, "
                                  "not imported {rest}.").format(
                total=formats.money(totals["file"]), imported=formats.money(totals["imported"]),
                rest=formats.money(totals["file"] - totals["imported"]))
        self.result.setText(text)
        self.refresh_buttons()

    def remember_mapping(self) -> None:
        if self.preview is None:
            return
        try:
            perform(service.remember_mapping, self.actor, self.preview.kind.name,
                    self.preview.headers, self.chosen_mapping(),
                    source=self.preview.context.source)
        except UserError as exc:
            show_error(self, exc)
            return
        self.result.setText(self.tr("The mapping is remembered for files laid out like this "
                                    "one."))

    def write_rejects(self, path: str) -> int:
        assert self.preview is not None
        count = files.write_rejects(self.preview, path)
        self.last_rejects = path
        self.result.setText(self.tr("{count} rejected rows saved to {path}.").format(
            count=count, path=path))
        return count

    def ask_rejects(self) -> None:
        if self.preview is None:
            return
        suggested = str(Path(self.preview.path).with_name(
            Path(self.preview.file).stem + self.tr("-rejected") + ".xlsx"))
        path = self._save_path(suggested)
        if path:
            try:
                self.write_rejects(path)
            except UserError as exc:
                show_error(self, exc)

    def ask_template(self) -> None:
        kind = self.current_kind()
        name = glossary.label("import_kind", kind) + self.tr("-template") + ".xlsx"
        path = self._save_path(str(Path.home() / name))
        if path:
            try:
                files.write_template(kind, path)
            except UserError as exc:
                show_error(self, exc)
                return
            self.result.setText(self.tr("Template saved to {path}.").format(path=path))

    def _save_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as"), suggested,
                                              self.tr("Excel files (*.xlsx)"))
        if path and not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        return path
