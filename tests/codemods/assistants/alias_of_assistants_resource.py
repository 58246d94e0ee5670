from openai import AsyncOpenAI

ai = AsyncOpenAI()


async def create_assistant(name: str, instructions: str):
    assistants = ai.beta.assistants
    return await assistants.create(name=name, instructions=instructions, model="gpt-4o-mini")


async def retrieve_assistant(assistant_id: str):
    assistants = ai.beta.assistants
    return await assistants.retrieve(assistant_id=assistant_id)


async def list_assistants():
    assistants = ai.beta.assistants
    return [a.id async for a in assistants.list()]


async def delete_assistant(assistant_id: str):
    assistants = ai.beta.assistants
    return await assistants.delete(assistant_id=assistant_id)
