"""Without --configs the run stays an Assistants run: its tool loop must stay too."""

from openai import OpenAI

client = OpenAI()


def ask(thread_id: str, assistant_id: str) -> str:
    # TODO(assistants-migrate): AM502 assistant id known only at run time: run `export` and rewrite with --configs, or pass model/instructions/tools yourself
    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id=assistant_id)
    if run.status == "requires_action":
        # TODO(assistants-migrate): AM606 Tool outputs submitted for a run whose model configuration is not known here
        run = client.beta.threads.runs.submit_tool_outputs_and_poll(
            thread_id=thread_id,
            run_id=run.id,
            tool_outputs=[{"tool_call_id": tc.id, "output": "42"} for tc in run.required_action.submit_tool_outputs.tool_calls],
        )
    return run.status
