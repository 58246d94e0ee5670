// Streaming: AssistantStream handlers, helpers, raw events, streams passed in and rebuilt from fetch.
import OpenAI from "openai";
import { AssistantStream } from "openai/lib/AssistantStream";

const openai = new OpenAI();

export async function chained(threadId: string, assistantId: string) {
  const run = await openai.beta.threads.runs // expect: AM701
    .stream(threadId, { assistant_id: assistantId })
    .on("textCreated", () => process.stdout.write("\nassistant > ")) // expect: AM701
    .on("textDelta", (delta) => process.stdout.write(delta.value ?? "")) // expect: AM701
    .on("toolCallCreated", (call) => console.log(call.type)) // expect: AM701
    .on("runStepDelta", (step) => console.log(step.id)) // expect: AM701
    .on("imageFileDone", (image) => console.log(image.file_id)) // expect: AM704
    .on("end", () => console.log("done"))
    .finalRun(); // expect: AM705
  return run.id;
}

export async function held(threadId: string, assistantId: string) {
  const stream = openai.beta.threads.runs.createAndStream(threadId, { assistant_id: assistantId }); // expect: AM701
  stream.on("messageDone", (message) => console.log(message.id)); // expect: AM701
  const messages = await stream.finalMessages(); // expect: AM705
  return messages.length;
}

export async function raw(threadId: string, assistantId: string) {
  const stream = await openai.beta.threads.runs.stream(threadId, { assistant_id: assistantId }); // expect: AM701
  for await (const event of stream) {
    if (event.event === "thread.message.delta") { // expect: AM703
      const part = event.data.delta.content?.[0];
      if (part?.type === "text") process.stdout.write(part.text?.value ?? "");
    }
    switch (event.event) {
      case "thread.run.step.delta": // expect: AM704
        break;
      case "thread.run.completed": // expect: AM703
        return;
    }
  }
}

export function passedIn(stream: AssistantStream) {
  stream.on("toolCallDelta", (delta) => console.log(delta.index)); // expect: AM701
}

export function fromFetch(body: ReadableStream) {
  const stream = AssistantStream.fromReadableStream(body); // expect: AM701
  stream.on("textDone", (text) => console.log(text.value)); // expect: AM701
}
