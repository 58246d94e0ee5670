// JSX: a component that streams from a route and rebuilds the AssistantStream.
import { AssistantStream } from "openai/lib/AssistantStream";

export function Chat({ threadId }) {
  async function send(text) {
    const response = await fetch(`/api/threads/${threadId}/messages`, { method: "POST", body: text });
    const stream = AssistantStream.fromReadableStream(response.body); // expect: AM701
    stream.on("textDelta", (delta) => append(delta.value)); // expect: AM701
  }
  return <button onClick={() => send("hi")}>openai.beta.threads.create()</button>;
}
