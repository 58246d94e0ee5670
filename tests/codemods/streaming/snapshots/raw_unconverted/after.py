from openai import OpenAI
from assistant_configs import ASSISTANT_CONFIGS

client = OpenAI()


def print_stream(thread_id: str, assistant_id: str) -> None:
    # no --configs: the run reads its config from assistant_configs, and the loop over its events follows
    stream = client.responses.create(conversation=thread_id, stream=True, truncation="auto", **ASSISTANT_CONFIGS[assistant_id])
    for event in stream:
        if event.type == "response.output_text.delta":
            print(event.delta, end="", flush=True)
