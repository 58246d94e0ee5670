"""Every assistants.create shape: function tools, file search with stores, json_schema, reasoning effort."""

from openai import OpenAI
from openai.types.beta import Assistant

client = OpenAI()

store = client.vector_stores.create(name="handbook")

researcher = client.beta.assistants.create(
    model="o3-mini",
    name="Researcher",
    description="Looks things up in the handbook",
    instructions="Cite the handbook.",
    tools=[
        {"type": "file_search", "file_search": {"max_num_results": 5, "ranking_options": {"ranker": "default_2024_08_21", "score_threshold": 0.5}}},
        {
            "type": "function",
            "function": {
                "name": "get_weather",
                "description": "Weather for a city",
                "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
            },
        },
    ],
    tool_resources={"file_search": {"vector_store_ids": [store.id]}},
    response_format={
        "type": "json_schema",
        "json_schema": {"name": "answer", "schema": {"type": "object", "properties": {}}, "strict": True},
    },
    reasoning_effort="medium",
    metadata={"team": "docs"},
)

plain = client.beta.assistants.create(model="gpt-4o", response_format="auto", top_p=0.5)
json_bot = client.beta.assistants.create(model="gpt-4o", response_format={"type": "json_object"})


def make_assistant() -> Assistant:
    return client.beta.assistants.create(model="gpt-4o-mini", name="Factory", instructions="Hi.")


helper = make_assistant()
helper_id = helper.id
client.beta.assistants.update(helper.id, instructions="Say hello.")
researcher = client.beta.assistants.update(assistant_id=researcher.id, temperature=0.3)

thread = client.beta.threads.create()
run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=helper_id, instructions="Override.")
run2 = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=researcher.id, model="o3")
print(plain.id, json_bot.id, run.status, run2.status)

for existing in client.beta.assistants.list(limit=20):
    print(existing.name)
client.beta.assistants.delete(plain.id)


def cleanup() -> None:
    client.beta.assistants.delete(json_bot.id)
