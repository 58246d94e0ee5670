"""Basic Q&A: create an assistant, a thread, a message, run it, read the answer."""

from openai import OpenAI
from typing import Any

client = OpenAI()

# Assistant "Math Tutor"
assistant: dict[str, Any] = {
    "instructions": "You are a personal math tutor. Answer briefly.",
    "model": "gpt-4o",
    "tools": [{"type": "code_interpreter", "container": {"type": "auto"}}],
    "temperature": 0.2,
}
# TODO(assistants-migrate): AM211 no asst_ id any more: assistant.id became the config's name 'Math Tutor': this output changes
print(f"Created assistant {'Math Tutor'}")

thread = client.conversations.create()
client.conversations.items.create(thread.id, items=[{"type": "message", "role": "user", "content": "What is 3x + 11 = 14?"}])

run = client.responses.create(
    conversation=thread.id,
    truncation="auto",
    **{**assistant, "instructions": "Address the user as Jane Doe."},
)

if run.status == "completed":
    print(run.output_text)
else:
    print("run ended with", run.status, run.error)
print("tokens:", run.usage.input_tokens, run.usage.output_tokens)
