from openai import OpenAI
from typing import Any

client = OpenAI()


def tutor(question: str) -> None:
    # Assistant "Tutor"
    assistant: dict[str, Any] = {"model": "gpt-4o", "instructions": "Answer briefly."}
    thread = client.conversations.create()
    client.conversations.items.create(thread.id, items=[{"type": "message", "role": "user", "content": question}])
    run = client.responses.create(conversation=thread.id, truncation="auto", **assistant)
    # steps only shown: they become the response's output items, and the flow migrates
    # TODO(assistants-migrate): AM508 run steps became the response's output items (messages, function calls, tool calls): what this code prints of them changes shape
    steps = run.output
    # TODO(assistants-migrate): AM012 `steps` is the response's output (items) now, not run steps: this output changes shape
    print(f"{len(steps)} steps, first: {steps[0]}")
    for step in steps:
        details = step
        # TODO(assistants-migrate): AM012 `details` is the response's output (items) now, not run steps: this output changes shape
        print(details)
    print(run.output_text)


def inspect(thread_id: str, run_id: str) -> None:
    # TODO(assistants-migrate): AM011 thread flow kept on the Assistants API, blocked by threads.runs.steps.list (line 24): rewrite that by hand (a stored thread id: import the thread and use its conversation id), then run the rewrite again
    thread = client.beta.threads.retrieve(thread_id)
    # a step's own fields have no equivalent: this flow stays on the Assistants API
    steps = client.beta.threads.runs.steps.list(thread_id=thread.id, run_id=run_id)
    for step in steps.data:
        # TODO(assistants-migrate): AM012 `step` is the response's output (items) now, not run steps: this output changes shape
        print(step.step_details.type, step.usage)


tutor("What is 2 + 2?")
