// Lookalikes in a file that never imports "openai": nothing here is the Assistants API.
import { Forum } from "./forum";

const forum = new Forum();
// openai.beta.threads.create()
/* await openai.beta.threads.runs.createAndPoll(thread.id, { assistant_id }) */
const docs = "call openai.beta.threads.create() to start";
const template = `openai.beta.assistants.create(${docs})`;

export async function lookalikes(job: { status: string; id: string }, stream: NodeJS.EventEmitter) {
  await forum.threads.create({ title: "beta" });
  const reply = await forum.threads.messages.list();
  console.log(reply.items[0].content[0].text.value);
  while (job.status === "queued" || job.status === "in_progress") {
    job = await forum.jobs.retrieve(job.id);
  }
  stream.on("textDelta", (d: string) => console.log(d));
  if (job.status === "requires_action") console.log("blocked");
  return { tool_call_id: job.id, output: template };
}
