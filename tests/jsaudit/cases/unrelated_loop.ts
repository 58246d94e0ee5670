// A file with Assistants calls may still hold loops that poll something else.
import OpenAI from "openai";

const openai = new OpenAI();
declare const queue: { get(id: string): Promise<{ status: string; id: string }> };

export async function both(threadId: string) {
  const thread = await openai.beta.threads.retrieve(threadId); // expect: AM301
  let job = await queue.get(thread.id);
  while (job.status === "queued") {
    job = await queue.get(job.id);
  }
  return job;
}
