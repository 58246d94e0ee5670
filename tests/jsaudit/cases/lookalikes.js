// JavaScript lookalikes, no "openai" anywhere in an import: nothing to report.
const forum = require("./forum");

// openai.beta.threads.runs.retrieve(threadId, runId)
const help = "openai.beta.assistants.create({ model })";

async function poll(job) {
  while (job.status === "in_progress") {
    job = await forum.threads.retrieve(job.id);
  }
  emitter.on("textDelta", (d) => console.log(d, help));
  return job.messages[0].content[0].text.value;
}

module.exports = { poll };
