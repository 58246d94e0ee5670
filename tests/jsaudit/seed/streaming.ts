// The skill document's streaming chatbot (use case 5), as a program.
import OpenAI from 'openai'

const openai = new OpenAI()
declare const thread: { id: string }
declare const assistant: { id: string }

const stream = openai.beta.threads.runs.stream(thread.id, { // expect: AM701
  assistant_id: assistant.id,
})

for await (const event of stream) {
  if (event.event === 'thread.message.delta') { // expect: AM703
    process.stdout.write(event.data.delta.content[0].text.value) // expect: AM703
  }
}
