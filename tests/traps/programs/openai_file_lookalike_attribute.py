"""`self.tracker`: a None placeholder, then a local lookalike, in a file that imports openai."""
from openai import OpenAI  # noqa: F401 - the file uses openai elsewhere


class _Runs:
    def retrieve(self, run_id: str, thread_id: str) -> dict:
        return {"run": run_id, "thread": thread_id, "status": "done"}


class _Threads:
    runs = _Runs()


class _Beta:
    threads = _Threads()


class JobTracker:
    beta = _Beta()


class Worker:
    def __init__(self) -> None:
        self.tracker = None

    def start(self) -> None:
        self.tracker = JobTracker()

    def status(self) -> str:
        return self.tracker.beta.threads.runs.retrieve("r1", thread_id="t1")["status"]


worker = Worker()
worker.start()
print(worker.status())
