"""Progress bars and messages (rich on stderr), or silence for library use and tests."""

from __future__ import annotations

import sys
import threading
from typing import Any


class NullUI:
    def __enter__(self) -> NullUI:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def phase(self, kind: str, total: int | None) -> None:
        pass

    def total(self, kind: str, total: int) -> None:
        pass

    def advance(self, kind: str, n: int = 1) -> None:
        pass

    def message(self, text: str) -> None:
        pass

    def table(self, title: str, columns: list[str], rows: list[list[Any]]) -> None:
        pass


class PrintUI(NullUI):
    """Plain lines on stderr (for --quiet-progress or when rich is unavailable)."""

    def message(self, text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    def table(self, title: str, columns: list[str], rows: list[list[Any]]) -> None:
        print(title, file=sys.stderr)
        print("  ".join(columns), file=sys.stderr)
        for row in rows:
            print("  ".join(str(c) for c in row), file=sys.stderr)


class RichUI(NullUI):
    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.console = Console(stderr=True)
        self.progress = Progress(
            TextColumn("{task.description:<20}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self.console,
            transient=False,
        )
        self._tasks: dict[str, Any] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> RichUI:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def phase(self, kind: str, total: int | None) -> None:
        with self._lock:
            if kind not in self._tasks:
                self._tasks[kind] = self.progress.add_task(kind, total=total)
            else:
                self.progress.update(self._tasks[kind], total=total)

    def total(self, kind: str, total: int) -> None:
        self.phase(kind, total)

    def advance(self, kind: str, n: int = 1) -> None:
        with self._lock:
            task = self._tasks.get(kind)
            if task is None:
                task = self._tasks[kind] = self.progress.add_task(kind, total=None)
            self.progress.advance(task, n)

    def message(self, text: str) -> None:
        from rich.markup import escape

        self.progress.console.print(escape(text))

    def table(self, title: str, columns: list[str], rows: list[list[Any]]) -> None:
        from rich.table import Table

        table = Table(title=title)
        for i, col in enumerate(columns):
            table.add_column(col, justify="left" if i == 0 else "right")
        for row in rows:
            table.add_row(*[str(c) for c in row])
        self.console.print(table)
