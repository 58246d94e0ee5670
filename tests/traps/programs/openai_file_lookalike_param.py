"""A file that imports openai, and a local lookalike handed to an unannotated parameter: its only
visible caller passes the lookalike, so the parameter is not taken as the OpenAI client."""
from openai import OpenAI  # noqa: F401 - the file uses openai elsewhere


class _Threads:
    def create(self, title: str = "untitled") -> str:
        return f"board-thread:{title}"


class _Beta:
    threads = _Threads()


class Board:
    beta = _Beta()


def post(board, title):
    return board.beta.threads.create(title=title)


print(post(Board(), "hello"))
