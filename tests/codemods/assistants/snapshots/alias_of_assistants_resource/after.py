from openai import AsyncOpenAI

ai = AsyncOpenAI()


async def create_assistant(name: str, instructions: str):
    assistants = ai.beta.assistants
    # TODO(assistants-migrate): AM217 assistants.create through the alias assistants (= beta.assistants) is left as it was: assistants have no Responses successor; its settings become a dict of Responses parameters (model, instructions, tools) spread into responses.create
    return await assistants.create(name=name, instructions=instructions, model="gpt-4o-mini")


async def retrieve_assistant(assistant_id: str):
    assistants = ai.beta.assistants
    # TODO(assistants-migrate): AM212 assistants.retrieve through the alias assistants (= beta.assistants) is left as it was: assistants have no Responses successor; look the config up in your code (or ASSISTANT_CONFIGS from assistant_configs.py, which `assistants-migrate export` writes)
    return await assistants.retrieve(assistant_id=assistant_id)


async def list_assistants():
    assistants = ai.beta.assistants
    # TODO(assistants-migrate): AM214 assistants.list through the alias assistants (= beta.assistants) is left as it was: assistants have no Responses successor; iterate your config dicts (or ASSISTANT_CONFIGS)
    return [a.id async for a in assistants.list()]


async def delete_assistant(assistant_id: str):
    assistants = ai.beta.assistants
    # TODO(assistants-migrate): AM215 assistants.delete through the alias assistants (= beta.assistants) is left as it was: assistants have no Responses successor; keep it while old assistants exist, then remove it
    return await assistants.delete(assistant_id=assistant_id)
