"""A search index whose `beta.vector_stores.files` has `upload_and_poll`."""


class _Files:
    def upload_and_poll(self, vector_store_id: str, file: bytes) -> int:
        return len(file)


class _VS:
    files = _Files()


class _Beta:
    vector_stores = _VS()


class Index:
    beta = _Beta()


index = Index()
print(index.beta.vector_stores.files.upload_and_poll(vector_store_id="v", file=b"abc"))
