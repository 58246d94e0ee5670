"""A forum client with `beta.threads`: not OpenAI."""


class Threads:
    def __init__(self) -> None:
        self.items: list[str] = []

    def create(self, title: str = "untitled") -> str:
        self.items.append(title)
        return f"forum-thread-{len(self.items)}"


class Beta:
    def __init__(self) -> None:
        self.threads = Threads()


class Forum:
    def __init__(self) -> None:
        self.beta = Beta()


forum = Forum()
thread = forum.beta.threads.create(title="hello")
print(thread, forum.beta.threads.items)
