"""An OpenAI client and a lookalike in the same file: only the client's calls are OpenAI's."""
from openai import OpenAI


class Board:
    class beta:  # noqa: N801 - mimics an SDK namespace
        class threads:  # noqa: N801
            @staticmethod
            def create(title: str) -> str:
                return f"board:{title}"


board = Board()


def openai_side() -> str:
    client = OpenAI(api_key="unused")
    return client.beta.threads.create().id


print(board.beta.threads.create(title="x"))
