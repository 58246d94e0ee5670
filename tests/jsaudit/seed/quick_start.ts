// The skill document's quick start ("3. Basic Assistant"), as a program.
import OpenAI from 'openai'

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY })

// 1. Create an assistant
const assistant = await openai.beta.assistants.create({ // expect: AM210
  name: "Math Tutor",
  instructions: "You are a helpful math tutor. Answer math questions clearly.",
  model: "gpt-4-1106-preview",
})

// 2. Create a thread (conversation)
const thread = await openai.beta.threads.create() // expect: AM301

// 3. Add a message
await openai.beta.threads.messages.create(thread.id, { // expect: AM401
  role: "user",
  content: "What is 12 * 34?",
})

// 4. Create and poll run
const run = await openai.beta.threads.runs.createAndPoll(thread.id, { // expect: AM501
  assistant_id: assistant.id,
})

// 5. Get messages
if (run.status === 'completed') {
  const messages = await openai.beta.threads.messages.list(thread.id) // expect: AM402
  console.log(messages.data[0].content[0].text.value) // expect: AM405
}
