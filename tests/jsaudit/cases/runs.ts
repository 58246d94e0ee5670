// Runs: every runs method, run arguments without equivalent, polling loops, tool calls.
import OpenAI from "openai";

const openai = new OpenAI();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function callTool(name: string, args: string): string {
  return JSON.stringify({ name, args });
}

export async function run(threadId: string, assistantId: string) {
  let run = await openai.beta.threads.runs.create(threadId, { // expect: AM501
    assistant_id: assistantId,
    truncation_strategy: { type: "last_messages", last_messages: 5 }, // expect: AM509
    max_prompt_tokens: 2000, // expect: AM510
    additional_instructions: "Be brief.", // expect: AM514
  });
  while (run.status === "queued" || run.status === "in_progress") { // expect: AM504
    await sleep(1000);
    run = await openai.beta.threads.runs.retrieve(threadId, run.id); // expect: AM503
  }
  do { // expect: AM504
    run = await openai.beta.threads.runs.poll(threadId, run.id); // expect: AM503
  } while (["queued", "in_progress"].includes(run.status));

  if (run.status === "requires_action") { // expect: AM601
    const calls = run.required_action.submit_tool_outputs.tool_calls; // expect: AM602
    const outputs = calls.map((call) => ({ tool_call_id: call.id, output: callTool(call.function.name, call.function.arguments) })); // expect: AM603 AM604
    run = await openai.beta.threads.runs.submitToolOutputsAndPoll(threadId, run.id, { tool_outputs: outputs }); // expect: AM605
    await openai.beta.threads.runs.submitToolOutputs(threadId, run.id, { tool_outputs: [] }); // expect: AM605
  }
  const polled = await openai.beta.threads.runs.createAndPoll(threadId, { assistant_id: assistantId }); // expect: AM501
  await openai.beta.threads.runs.cancel(threadId, polled.id); // expect: AM505
  const all = await openai.beta.threads.runs.list(threadId); // expect: AM506
  await openai.beta.threads.runs.update(threadId, polled.id, { metadata: { k: "v" } }); // expect: AM507
  const steps = await openai.beta.threads.runs.steps.list(threadId, polled.id); // expect: AM508
  await openai.beta.threads.runs.steps.retrieve(threadId, polled.id, steps.data[0].id); // expect: AM508
  return all;
}
