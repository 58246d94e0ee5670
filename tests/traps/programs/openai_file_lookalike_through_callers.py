"""A lookalike vector database passed down two unannotated parameters (by keyword, then by
position) in a file that imports openai: every visible caller passes the lookalike."""
import openai  # noqa: F401 - the file uses openai elsewhere


class _VectorStores:
    def __init__(self) -> None:
        self.names: list[str] = []

    def create(self, name: str) -> dict:
        self.names.append(name)
        return {"id": f"vs-{len(self.names)}", "name": name}


class _Beta:
    def __init__(self) -> None:
        self.vector_stores = _VectorStores()


class VectorDB:
    def __init__(self) -> None:
        self.beta = _Beta()


def make_store(db, name):
    return db.beta.vector_stores.create(name=name)


def setup(database):
    return make_store(database, "docs")


print(setup(database=VectorDB())["id"])
