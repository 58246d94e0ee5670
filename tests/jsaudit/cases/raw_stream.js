// `stream: true` on runs.create: the result is an async iterable of raw events, not a run.
import OpenAI from "openai";

const openai = new OpenAI();

export async function raw(threadId, assistantId) {
  const stream = await openai.beta.threads.runs.create(threadId, { assistant_id: assistantId, stream: true }); // expect: AM501
  for await (const event of stream) {
    switch (event.event) {
      case "thread.message.delta": // expect: AM703
        process.stdout.write(event.data.delta.content?.[0]?.text?.value ?? ""); // expect: AM703
        break;
      case "thread.run.step.created": // expect: AM703
        break;
    }
  }
  return stream.controller;
}
