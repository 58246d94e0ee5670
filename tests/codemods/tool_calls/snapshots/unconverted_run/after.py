"""Without --configs the run reads its config from assistant_configs (marked AM502); its tool loop follows it."""

from openai import OpenAI
from assistant_configs import ASSISTANT_CONFIGS

client = OpenAI()


def ask(thread_id: str, assistant_id: str) -> str:
    run = client.responses.create(conversation=thread_id, truncation="auto", **ASSISTANT_CONFIGS[assistant_id])
    if any(item.type == "function_call" for item in run.output):
        run = client.responses.create(
            conversation=thread_id,
            input=[{"type": "function_call_output", "call_id": tc.call_id, "output": "42"} for tc in [item for item in run.output if item.type == "function_call"]],
            truncation="auto",
            **ASSISTANT_CONFIGS[assistant_id],
        )
    return run.status
