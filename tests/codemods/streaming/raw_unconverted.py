from openai import OpenAI

client = OpenAI()


def print_stream(thread_id: str, assistant_id: str) -> None:
    # no --configs: the run reads its config from assistant_configs, and the loop over its events follows
    stream = client.beta.threads.runs.create(thread_id=thread_id, assistant_id=assistant_id, stream=True)
    for event in stream:
        if event.event == "thread.message.delta":
            print(event.data.delta.content[0].text.value, end="", flush=True)
