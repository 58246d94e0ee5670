// Messages: create with attachments and metadata, list, retrieve, update, delete; text readers.
import OpenAI from "openai";

const openai = new OpenAI();

export async function ask(threadId: string, question: string, fileId: string): Promise<string> {
  await openai.beta.threads.messages.create(threadId, { // expect: AM401
    role: "user",
    content: question,
    attachments: [{ file_id: fileId, tools: [{ type: "code_interpreter" }] }], // expect: AM403
    metadata: { asked_by: "cli" }, // expect: AM404
  });
  const messages = await openai.beta.threads.messages.list(threadId, { order: "desc" }); // expect: AM402
  const first = messages.data[0];
  const one = await openai.beta.threads.messages.retrieve(threadId, first.id); // expect: AM408
  await openai.beta.threads.messages.update(threadId, one.id, { metadata: { seen: "1" } }); // expect: AM409
  await openai.beta.threads.messages.del(threadId, one.id); // expect: AM408
  if (first.content[0].type === "text") {
    return first.content[0].text.value; // expect: AM405
  }
  return messages.data[1]?.content[0]?.text.value ?? ""; // expect: AM405
}
