from openai import OpenAI


def remove_assistant_files(client):
    # TODO(assistants-migrate): AM214 assistants.list has no Responses equivalent (assistants are in-code configs now): iterate your config dicts, or ASSISTANT_CONFIGS from assistant_configs.py (`assistants-migrate export` writes it)
    for assistant in client.beta.assistants.list():
        # TODO(assistants-migrate): AM205 assistants.files.list is the removed v1 assistant files API: files the assistant searches live in a vector store named in its file_search tool (vector_store_ids); manage them with vector_stores.files
        for file in client.beta.assistants.files.list(assistant_id=assistant.id):
            try:
                # TODO(assistants-migrate): AM205 assistants.files.delete is the removed v1 assistant files API: files the assistant searches live in a vector store named in its file_search tool (vector_store_ids); manage them with vector_stores.files
                client.beta.assistants.files.delete(file_id=file.id, assistant_id=assistant.id)
            except Exception as e:
                print(e)


def message_file_ids(client):
    # TODO(assistants-migrate): AM413 messages.files.list is the removed v1 message files API: read the message's attachments (conversation items carry input_file parts) instead
    attached = client.beta.threads.messages.files.list(thread_id="thread_1", message_id="msg_1")
    return [f.id for f in attached]


if __name__ == "__main__":
    openai_client = OpenAI()
    remove_assistant_files(openai_client)
    print(message_file_ids(openai_client))
