// Plain JavaScript: the polling loop the SDK's own examples used before createAndPoll.
const OpenAI = require("openai");

const openai = new OpenAI();

async function ask(threadId, assistantId) {
  await openai.beta.threads.messages.create(threadId, { role: "user", content: "Hello" }); // expect: AM401
  let run = await openai.beta.threads.runs.create(threadId, { assistant_id: assistantId }); // expect: AM501
  for (let i = 0; i < 60 && run.status !== "completed"; i++) { // expect: AM504
    if (["queued", "in_progress"].includes(run.status)) {
      await new Promise((r) => setTimeout(r, 500));
    }
    run = await openai.beta.threads.runs.retrieve(threadId, run.id); // expect: AM503
  }
  const messages = await openai.beta.threads.messages.list(threadId); // expect: AM402
  return messages.data[0].content[0].text.value; // expect: AM405
}

module.exports = { ask };
