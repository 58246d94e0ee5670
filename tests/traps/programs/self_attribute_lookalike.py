"""`self.client` that is not OpenAI's."""


class Runs:
    def create_and_poll(self, thread_id: str, assistant_id: str) -> dict:
        return {"status": "completed", "thread": thread_id, "assistant": assistant_id}


class Threads:
    runs = Runs()


class Beta:
    threads = Threads()


class HomeClient:
    beta = Beta()


class Bot:
    def __init__(self) -> None:
        self.client = HomeClient()

    def ask(self) -> str:
        run = self.client.beta.threads.runs.create_and_poll(thread_id="t", assistant_id="a")
        return run["status"]


print(Bot().ask())
