from openai import OpenAI

client = OpenAI()


def print_stream(thread_id: str, assistant_id: str) -> None:
    # no --configs: the run stays, and so does the loop over its events
    # TODO(assistants-migrate): AM706 assistant id known only at run time: run `export` and rewrite with --configs, or pass model/instructions/tools yourself
    stream = client.beta.threads.runs.create(thread_id=thread_id, assistant_id=assistant_id, stream=True)
    for event in stream:
        if event.event == "thread.message.delta":
            print(event.data.delta.content[0].text.value, end="", flush=True)
