"""A lookalike client built by a project factory in a function parameter default."""


class _Messages:
    def list(self, thread_id: str) -> list:
        return [f"{thread_id}:m1"]


class _Threads:
    messages = _Messages()


class _Beta:
    threads = _Threads()


class Mailbox:
    beta = _Beta()


def read(box: Mailbox = Mailbox()) -> list:
    return box.beta.threads.messages.list(thread_id="inbox")


print(read())
