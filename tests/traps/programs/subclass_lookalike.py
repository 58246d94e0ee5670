"""A project class that has `beta.threads`, built by a factory."""


class _Threads:
    def create(self) -> str:
        return "local-thread"

    def delete(self, thread_id: str) -> bool:
        return thread_id == "local-thread"


class _Beta:
    threads = _Threads()


class Service:
    beta = _Beta()


def make_service() -> Service:
    return Service()


svc = make_service()
tid = svc.beta.threads.create()
print(svc.beta.threads.delete(thread_id=tid))
