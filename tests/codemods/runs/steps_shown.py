from openai import OpenAI

client = OpenAI()


def tutor(question: str) -> None:
    assistant = client.beta.assistants.create(name="Tutor", model="gpt-4o", instructions="Answer briefly.")
    thread = client.beta.threads.create()
    client.beta.threads.messages.create(thread_id=thread.id, role="user", content=question)
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant.id)
    # steps only shown: they become the response's output items, and the flow migrates
    steps = client.beta.threads.runs.steps.list(thread_id=thread.id, run_id=run.id, order="asc")
    print(f"{len(steps.data)} steps, first: {steps.data[0]}")
    for step in steps.data:
        details = step.step_details
        print(details)
    messages = client.beta.threads.messages.list(thread_id=thread.id)
    print(messages.data[0].content[0].text.value)


def inspect(thread_id: str, run_id: str) -> None:
    thread = client.beta.threads.retrieve(thread_id)
    # a step's own fields have no equivalent: this flow stays on the Assistants API
    steps = client.beta.threads.runs.steps.list(thread_id=thread.id, run_id=run_id)
    for step in steps.data:
        print(step.step_details.type, step.usage)


tutor("What is 2 + 2?")
