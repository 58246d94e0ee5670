# uses-configs
from openai import AsyncOpenAI, OpenAI
from assistant_configs import ASSISTANT_CONFIGS

client = OpenAI()
aclient = AsyncOpenAI()


def stream_answer(thread_id: str, assistant_id: str) -> None:
    with client.responses.stream(conversation=thread_id, input=[], truncation="auto", **ASSISTANT_CONFIGS[assistant_id], max_output_tokens=200) as stream:
        for text in (event.delta for event in stream if event.type == "response.output_text.delta"):
            print(text, end="", flush=True)
        print()
        messages = [item for item in stream.get_final_response().output if item.type == "message"]
        print(len(messages))


async def astream_answer(thread_id: str, assistant_id: str) -> None:
    async with aclient.responses.stream(conversation=thread_id, input=[], truncation="auto", **ASSISTANT_CONFIGS[assistant_id]) as stream:
        async for text in (event.delta async for event in stream if event.type == "response.output_text.delta"):
            print(text, end="", flush=True)
        final = await stream.get_final_response()
        messages = [item for item in (await stream.get_final_response()).output if item.type == "message"]
        print(final.status, len(messages))
