# uses-configs
"""Stream a run's answer to the terminal with an event handler."""

from openai import OpenAI
from assistant_configs import ASSISTANT_CONFIGS

client = OpenAI()


def main(thread_id: str, assistant_id: str) -> None:
    with client.responses.stream(
        conversation=thread_id,
        input=[],
        truncation="auto",
        **{**ASSISTANT_CONFIGS[assistant_id], "instructions": "Please address the user as Jane Doe."},
    ) as stream:
        try:
            for event in stream:
                if event.type == "response.output_item.added" and event.item.type in ("function_call", "file_search_call", "code_interpreter_call"):  # was on_tool_call_created
                    print(f"\nassistant > {event.item.type[:-5]}\n", flush=True)
                elif event.type == "response.content_part.added" and event.part.type == "output_text":  # was on_text_created
                    print("\nassistant > ", end="", flush=True)
                elif event.type == "response.output_text.delta":  # was on_text_delta
                    print(event.delta, end="", flush=True)
                elif event.type == "response.output_text.done":  # was on_text_done
                    print(f"\n[{len(event.text)} characters]")
        finally:  # was on_end
            print("-- end of stream --")
