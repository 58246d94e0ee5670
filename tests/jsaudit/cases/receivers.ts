// Receivers: class fields, constructor parameters, typed parameters, aliases, optional chains.
import OpenAI, { AzureOpenAI } from "openai";

declare function getClient(): Promise<OpenAI>;

export class Bot {
  private openai = new OpenAI();
  #azure = new AzureOpenAI({ apiVersion: "2024-10-21" });

  constructor(private readonly client: OpenAI) {}

  async start(assistantId: string) {
    const thread = await this.openai.beta.threads.create(); // expect: AM301
    await this.client.beta.threads.messages.create(thread.id, { role: "user", content: "hi" }); // expect: AM401
    await this.#azure.beta.assistants.retrieve(assistantId); // expect: AM212
    return this.openai!.beta?.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId }); // expect: AM501
  }
}

export async function passedIn(client: OpenAI, threadId: string) {
  return client.beta.threads.messages.list(threadId); // expect: AM402
}

export async function aliases(openai: OpenAI, threadId: string) {
  const threads = openai.beta.threads;
  const { runs, messages: msgs } = openai.beta.threads;
  const beta = openai.beta;
  const { assistants } = beta;
  await threads.retrieve(threadId); // expect: AM301
  await runs.list(threadId); // expect: AM506
  await msgs.list(threadId); // expect: AM402
  await beta.vectorStores.list(); // expect: AM101
  await assistants.list(); // expect: AM214
  await (await getClient()).beta.threads.del(threadId); // expect: AM301
}
