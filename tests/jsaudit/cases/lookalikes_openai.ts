// Lookalikes in files that do use the API: chat completions, unrelated objects and loops.
import OpenAI from "openai";

const openai = new OpenAI();
const forum = { threads: { create: async () => ({ id: "t" }) } };

export async function chat(question: string) {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o",
    messages: [{ role: "user", content: question }],
    tools: [{ type: "function", function: { name: "f", parameters: {} } }],
  });
  await forum.threads.create();
  await openai.beta.chat.completions.parse({ model: "gpt-4o", messages: [] });
  return completion.choices[0].message.content;
}
