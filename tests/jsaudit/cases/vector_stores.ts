// Vector stores: openai.beta.vectorStores and its files / fileBatches helpers.
import fs from "node:fs";
import OpenAI from "openai";

const openai = new OpenAI();

export async function index(paths: string[]) {
  const store = await openai.beta.vectorStores.create({ name: "Docs" }); // expect: AM101
  const files = paths.map((p) => fs.createReadStream(p));
  const batch = await openai.beta.vectorStores.fileBatches.uploadAndPoll(store.id, { files }); // expect: AM101
  await openai.beta.vectorStores.files.createAndPoll(store.id, { file_id: "file-1" }); // expect: AM101
  await openai.beta.vectorStores.files.create(store.id, { file_id: "file-2" }); // expect: AM101
  let current = await openai.beta.vectorStores.retrieve(store.id); // expect: AM101
  while (current.file_counts.in_progress > 0) {
    current = await openai.beta.vectorStores.retrieve(store.id); // expect: AM101
  }
  await openai.beta.vectorStores.del(store.id); // expect: AM101
  // not the Assistants API: vector stores at the top level (openai-node v5)
  await openai.vectorStores.list();
  return batch.status;
}
