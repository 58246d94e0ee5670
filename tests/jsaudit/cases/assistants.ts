// Assistants: every method of openai.beta.assistants, tool shapes and v1 file_ids.
import OpenAI from "openai";

const openai = new OpenAI();

const tools = [
  { type: "function", function: { name: "get_weather", parameters: { type: "object", properties: {} } } }, // expect: AM201
  { type: "retrieval" }, // expect: AM205
  { type: "code_interpreter" },
];

export async function setUp(): Promise<string> {
  const assistant = await openai.beta.assistants.create({ // expect: AM210
    model: "gpt-4o",
    instructions: "Answer briefly.",
    tools,
    file_ids: ["file-1"], // expect: AM205
  });
  const again = await openai.beta.assistants.retrieve(assistant.id); // expect: AM212
  await openai.beta.assistants.update(again.id, { instructions: "Answer in French." }); // expect: AM213
  const page = await openai.beta.assistants.list({ limit: 20 }); // expect: AM214
  for (const old of page.data) {
    await openai.beta.assistants.del(old.id); // expect: AM215
  }
  await openai.beta.assistants.delete(assistant.id); // expect: AM215
  return assistant.id;
}
