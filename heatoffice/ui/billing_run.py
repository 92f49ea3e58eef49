"""开票: the season billing run on the worker thread, with a progress dialog that can cancel it
(the run is one transaction: cancelled, nothing is billed)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from heatoffice.auth.actor import Actor
from heatoffice.billing.run import RunResult, run_season_billing
from heatoffice.errors import UserError
from heatoffice.seasons.queries import SeasonInfo
from heatoffice.ui import formats
from heatoffice.ui.feedback import inform, show_error
from heatoffice.ui.worker import Progress, Task


class BillingRun(QObject):
    """One run of one season; ``done(RunResult | None)`` after its message is shown."""

    done = Signal(object)

    def __init__(self, actor: Actor, season: SeasonInfo, parent: QWidget):
        super().__init__(parent)
        self.actor = actor
        self.season = season
        self.page = parent
        self.result: RunResult | None = None
        self.task: Task | None = None

    def work(self, progress: Progress) -> RunResult:
        return run_season_billing(self.actor, self.season.id, progress=progress)

    def start(self) -> Task:
        self.task = Task(self.work, self.tr("Billing season {season}…").format(
            season=self.season.name), self.page)
        self.task.finished.connect(self._finished)
        self.task.error.connect(self._failed)
        return self.task.start()

    def _finished(self, result: RunResult) -> None:
        self.result = result
        inform(self.page, self.tr(
            "Season {season} billed: {billed} bills, total {total}. {skipped} accounts are "
            "not billable (pending, closed, no area or connected after the season).").format(
                season=self.season.name, billed=result.billed, total=formats.money(result.total),
                skipped=result.skipped))
        self.done.emit(result)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError) and exc.code == "cancelled":
            inform(self.page, self.tr("Billing of season {season} cancelled: no bill was "
                                      "issued.").format(season=self.season.name))
        else:
            show_error(self.page, exc)
        self.done.emit(None)
