// Threads: create with messages and tool resources, retrieve, update, delete, createAndRun*.
import OpenAI from "openai";

const client = new OpenAI();

export async function threads(assistantId: string, storeId: string) {
  const thread = await client.beta.threads.create({ // expect: AM301
    messages: [ // expect: AM302
      {
        role: "user",
        content: "Summarise the report.",
        attachments: [{ file_id: "file-1", tools: [{ type: "file_search" }] }], // expect: AM403
        metadata: { source: "upload" }, // expect: AM404
      },
    ],
    tool_resources: { file_search: { vector_store_ids: [storeId] } }, // expect: AM303
    metadata: { user: "u-1" },
  });
  const same = await client.beta.threads.retrieve(thread.id); // expect: AM301
  await client.beta.threads.update(same.id, { metadata: { topic: "report" } }); // expect: AM301
  await client.beta.threads.update(same.id, { tool_resources: { code_interpreter: { file_ids: [] } } }); // expect: AM301 AM305
  const run = await client.beta.threads.createAndRun({ assistant_id: assistantId, thread: { messages: [] } }); // expect: AM512
  const polled = await client.beta.threads.createAndRunPoll({ // expect: AM512
    assistant_id: assistantId,
    thread: { tool_resources: { file_search: { vector_store_ids: [storeId] } } }, // expect: AM303
  });
  const stream = client.beta.threads.createAndRunStream({ assistant_id: assistantId }); // expect: AM706
  await client.beta.threads.del(thread.id); // expect: AM301
  return [run.id, polled.id, stream];
}

export async function codeFiles(fileId: string) {
  // files of the code interpreter's sandbox are tool resources, not message attachments
  return client.beta.threads.create({ tool_resources: { code_interpreter: { file_ids: [fileId] } } }); // expect: AM301 AM303
}
