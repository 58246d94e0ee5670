from openai import OpenAI

client = OpenAI()

for assistant in client.beta.assistants.list():
    for file in client.beta.assistants.files.list(assistant_id=assistant.id):
        try:
            client.beta.assistants.files.delete(file_id=file.id, assistant_id=assistant.id)
        except Exception as e:
            print(e)

attached = client.beta.threads.messages.files.list(thread_id="thread_1", message_id="msg_1")
print([f.id for f in attached])
