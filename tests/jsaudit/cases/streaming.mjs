// ES module JavaScript: a stream with handlers and a raw event loop.
import OpenAI from "openai";

const openai = new OpenAI();

export function handlers(threadId, assistantId) {
  return openai.beta.threads.runs // expect: AM701
    .stream(threadId, { assistant_id: assistantId })
    .on("textDelta", (delta) => process.stdout.write(delta.value)) // expect: AM701
    .on("toolCallDone", (call) => console.log(call.id)); // expect: AM701
}

export async function events(threadId, assistantId) {
  const stream = openai.beta.threads.runs.stream(threadId, { assistant_id: assistantId }); // expect: AM701
  for await (const event of stream) {
    if (event.event === "thread.message.delta") { // expect: AM703
      process.stdout.write(event.data.delta.content[0].text.value); // expect: AM703
    }
    if ("thread.run.requires_action" === event.event) { // expect: AM703
      console.log(event.data.required_action.submit_tool_outputs.tool_calls.length); // expect: AM602
    }
  }
}
