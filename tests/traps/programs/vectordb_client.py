"""A vector database client with a `beta.vector_stores` namespace."""


class VectorStores:
    def create(self, name: str) -> dict:
        return {"name": name, "dims": 3}


class Beta:
    vector_stores = VectorStores()


class VectorDB:
    beta = Beta()


db = VectorDB()
store = db.beta.vector_stores.create(name="docs")
print(store["name"], store["dims"])
