// The skill document's vector store indexing wait (error #2), as a program.
import fs from 'node:fs'
import OpenAI from 'openai'

const openai = new OpenAI()
declare const vectorStore: { id: string }

// Upload file (the Files API stays as it is)
const file = await openai.files.create({
  file: fs.createReadStream('document.pdf'),
  purpose: 'assistants',
})

// Add to vector store
await openai.beta.vectorStores.files.create(vectorStore.id, { // expect: AM101
  file_id: file.id,
})

// Wait for indexing (poll file_counts)
let vs = await openai.beta.vectorStores.retrieve(vectorStore.id) // expect: AM101
while (vs.file_counts.in_progress > 0) {
  await new Promise(resolve => setTimeout(resolve, 1000))
  vs = await openai.beta.vectorStores.retrieve(vectorStore.id) // expect: AM101
}
