"""A thread id written in the code names a thread stored on the Assistants API: its flow stays there (class 2)."""

from openai import OpenAI

client = OpenAI()
THREAD_ID = "thread_YV1PizI9aZAdqwerty"


def main() -> None:
    client.beta.threads.messages.create(thread_id=THREAD_ID, role="user", content="hi")
    run = client.beta.threads.runs.create_and_poll(thread_id=THREAD_ID, assistant_id="asst_abc")
    print(run.status)


main()
