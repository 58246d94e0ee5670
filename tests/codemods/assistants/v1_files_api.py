from openai import OpenAI


def remove_assistant_files(client):
    for assistant in client.beta.assistants.list():
        for file in client.beta.assistants.files.list(assistant_id=assistant.id):
            try:
                client.beta.assistants.files.delete(file_id=file.id, assistant_id=assistant.id)
            except Exception as e:
                print(e)


def message_file_ids(client):
    attached = client.beta.threads.messages.files.list(thread_id="thread_1", message_id="msg_1")
    return [f.id for f in attached]


if __name__ == "__main__":
    openai_client = OpenAI()
    remove_assistant_files(openai_client)
    print(message_file_ids(openai_client))
