"""Another SDK's `Client()` with assistants and threads."""


class Assistants:
    def create(self, **kwargs: str) -> dict:
        return {"id": "bot-1", **kwargs}


class Beta:
    assistants = Assistants()


class Client:
    beta = Beta()


client = Client()
assistant = client.beta.assistants.create(name="helper", model="local")
print(assistant["id"], assistant["name"])
