// CommonJS: the client from require("openai"), held on `this` and passed in.
const OpenAI = require("openai");

class Support {
  constructor() {
    this.openai = new OpenAI();
  }

  async open(assistantId) {
    const thread = await this.openai.beta.threads.create(); // expect: AM301
    return this.openai.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId }); // expect: AM501
  }
}

async function helper(client, threadId) {
  const { messages } = client.beta.threads;
  return messages.list(threadId); // expect: AM402
}

module.exports = { Support, helper };
