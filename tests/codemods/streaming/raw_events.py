# uses-configs
from openai import AsyncOpenAI, OpenAI

client = OpenAI()
aclient = AsyncOpenAI()


def print_stream(thread_id: str, assistant_id: str) -> None:
    stream = client.beta.threads.runs.create(thread_id=thread_id, assistant_id=assistant_id, stream=True)
    for event in stream:
        if event.event == "thread.message.delta":
            print(event.data.delta.content[0].text.value, end="", flush=True)
        elif event.event == "thread.run.completed":
            print("\ndone:", event.data.id)
        elif event.event in ("thread.run.failed", "thread.run.incomplete"):
            print("\nfailed:", event.data.status)


async def aprint_stream(thread_id: str, assistant_id: str) -> None:
    stream = await aclient.beta.threads.runs.create(thread_id=thread_id, assistant_id=assistant_id, stream=True)
    async for ev in stream:
        if ev.event == "thread.run.created":
            print("started", ev.data.id)
        if ev.event == "thread.message.delta":
            print(ev.data.delta.content[0].text.value, end="")
        if ev.event == "thread.run.expired":
            print("expired")
        if ev.event == "error":
            print(ev.data.message)
