"""Every assistants.create shape: function tools, file search with stores, json_schema, reasoning effort."""

from openai import OpenAI
from openai.types.beta import Assistant
from typing import Any

client = OpenAI()

store = client.vector_stores.create(name="handbook")

# Assistant "Researcher": Looks things up in the handbook
researcher: dict[str, Any] = {
    "model": "o3-mini",
    "instructions": "Cite the handbook.",
    "tools": [
        {"type": "file_search", "vector_store_ids": [store.id], "max_num_results": 5, "ranking_options": {"ranker": "auto", "score_threshold": 0.5}},
        {
            "type": "function",
            "name": "get_weather",
            "description": "Weather for a city",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
            "strict": False,
        },
    ],
    "text": {"format": {"type": "json_schema", "name": "answer", "schema": {"type": "object", "properties": {}}, "strict": True}},
    "reasoning": {"effort": "medium"},
    "metadata": {"team": "docs"},
}

plain: dict[str, Any] = {"model": "gpt-4o", "top_p": 0.5}
json_bot: dict[str, Any] = {"model": "gpt-4o", "text": {"format": {"type": "json_object"}}}


def make_assistant() -> dict[str, Any]:
    # Assistant "Factory"
    return {"model": "gpt-4o-mini", "instructions": "Hi."}


helper = make_assistant()
helper_id = "Factory"
helper.update({"instructions": "Say hello."})
researcher = {**researcher, "temperature": 0.3}

thread = client.conversations.create()
run = client.responses.create(conversation=thread.id, truncation="auto", **{**helper, "instructions": "Override."})
run2 = client.responses.create(conversation=thread.id, truncation="auto", **{**researcher, "model": "o3"})
# TODO(assistants-migrate): AM211 no asst_ id any more: plain.id became "plain", the variable's name, as the assistant's name= is not a literal; store, compare and look up configs by this key, not by an asst_ id
print("plain", "json_bot", run.status, run2.status)

# TODO(assistants-migrate): AM214 assistants.list has no Responses equivalent (assistants are in-code configs now): iterate your config dicts, or ASSISTANT_CONFIGS from assistant_configs.py (`assistants-migrate export` writes it)
for existing in client.beta.assistants.list(limit=20):
    print(existing.name)


def cleanup() -> None:
    pass
