# uses-configs
from openai import AsyncOpenAI, OpenAI

client = OpenAI()
aclient = AsyncOpenAI()


def stream_answer(thread_id: str, assistant_id: str) -> None:
    with client.beta.threads.runs.stream(thread_id=thread_id, assistant_id=assistant_id, max_completion_tokens=200) as stream:
        for text in stream.text_deltas:
            print(text, end="", flush=True)
        print()
        messages = stream.get_final_messages()
        print(len(messages))


async def astream_answer(thread_id: str, assistant_id: str) -> None:
    async with aclient.beta.threads.runs.create_and_stream(thread_id=thread_id, assistant_id=assistant_id) as stream:
        async for text in stream.text_deltas:
            print(text, end="", flush=True)
        final = await stream.get_final_run()
        messages = await stream.get_final_messages()
        print(final.status, len(messages))
