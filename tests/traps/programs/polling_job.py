"""A job runner polled until done: `in_progress` / `queued` are everyday statuses."""
import itertools


class Job:
    def __init__(self) -> None:
        self.ticks = itertools.count()
        self.status = "queued"

    def refresh(self) -> "Job":
        self.status = "completed" if next(self.ticks) > 2 else "in_progress"
        return self


job = Job()
while job.status in ("queued", "in_progress", "requires_action"):
    job = job.refresh()
print(job.status)
