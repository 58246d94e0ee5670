"""Without --configs the run reads its config from assistant_configs (marked AM502); its tool loop follows it."""

from openai import OpenAI

client = OpenAI()


def ask(thread_id: str, assistant_id: str) -> str:
    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id=assistant_id)
    if run.status == "requires_action":
        run = client.beta.threads.runs.submit_tool_outputs_and_poll(
            thread_id=thread_id,
            run_id=run.id,
            tool_outputs=[{"tool_call_id": tc.id, "output": "42"} for tc in run.required_action.submit_tool_outputs.tool_calls],
        )
    return run.status
