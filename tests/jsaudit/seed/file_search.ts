// The skill document's document Q&A with RAG (use case 2), as a program.
import OpenAI from 'openai'

const openai = new OpenAI()
declare const file: { id: string }

// 1. Create vector store and upload files
const vectorStore = await openai.beta.vectorStores.create({ // expect: AM101
  name: "Company Docs",
})

await openai.beta.vectorStores.files.create(vectorStore.id, { // expect: AM101
  file_id: file.id,
})

// 2. Create assistant with file search
const assistant = await openai.beta.assistants.create({ // expect: AM210
  model: "gpt-4o",
  tools: [{ type: "file_search" }],
  tool_resources: {
    file_search: { vector_store_ids: [vectorStore.id] },
  },
})
console.log(assistant.id)
