"""Strings and comments that mention the Assistants API."""
# client.beta.threads.create() is how the old API started a conversation
DOC = "call client.beta.threads.runs.create(thread_id=..., assistant_id=...)"
EXAMPLE = 'openai.beta.assistants.create(model="gpt-4o")'
print(len(DOC) > 10, EXAMPLE.startswith("openai"))
