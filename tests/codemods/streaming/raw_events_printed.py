"""Raw run events printed whole: after the rewrite they are Responses events (class 7, a note)."""

from openai import OpenAI

client = OpenAI()


def show(thread_id: str) -> None:
    assistant = client.beta.assistants.create(model="gpt-4o", instructions="Be brief.")
    stream = client.beta.threads.runs.create(thread_id=thread_id, assistant_id=assistant.id, stream=True)
    for event in stream:
        print(event.model_dump_json(indent=2))
