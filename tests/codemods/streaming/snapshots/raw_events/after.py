# uses-configs
from openai import AsyncOpenAI, OpenAI
from assistant_configs import ASSISTANT_CONFIGS

client = OpenAI()
aclient = AsyncOpenAI()


def print_stream(thread_id: str, assistant_id: str) -> None:
    stream = client.responses.create(conversation=thread_id, stream=True, truncation="auto", **ASSISTANT_CONFIGS[assistant_id])
    for event in stream:
        if event.type == "response.output_text.delta":
            print(event.delta, end="", flush=True)
        elif event.type == "response.completed":
            print("\ndone:", event.response.id)
        elif event.type in ("response.failed", "response.incomplete"):
            print("\nfailed:", event.response.status)


async def aprint_stream(thread_id: str, assistant_id: str) -> None:
    stream = await aclient.responses.create(conversation=thread_id, stream=True, truncation="auto", **ASSISTANT_CONFIGS[assistant_id])
    # TODO(assistants-migrate): AM704 stream event 'thread.run.expired' never comes on a Responses stream; its branch is dead
    async for ev in stream:
        if ev.type == "response.created":
            print("started", ev.response.id)
        if ev.type == "response.output_text.delta":
            print(ev.delta, end="")
        if False:
            print("expired")
        if ev.type == "error":
            print(ev.message)
