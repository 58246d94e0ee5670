"""An unannotated `client` parameter in a file that never imports openai."""


class FakeRuns:
    def create(self, thread_id: str, assistant_id: str) -> str:
        return f"{thread_id}:{assistant_id}"


class FakeThreads:
    runs = FakeRuns()

    def create(self) -> str:
        return "t1"


class FakeBeta:
    threads = FakeThreads()


class FakeClient:
    beta = FakeBeta()


def start(client):
    thread = client.beta.threads.create()
    return client.beta.threads.runs.create(thread_id=thread, assistant_id="a1")


print(start(FakeClient()))
