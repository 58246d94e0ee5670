// The skill document's polling with a timeout and terminal-status check (error #3), as a program.
import OpenAI from 'openai'

const openai = new OpenAI()
declare const thread: { id: string }
let run = await openai.beta.threads.runs.create(thread.id, { assistant_id: process.env.ASSISTANT_ID! }) // expect: AM501

const maxAttempts = 60 // 60 seconds
let attempts = 0

while (attempts < maxAttempts) { // expect: AM504
  run = await openai.beta.threads.runs.retrieve(thread.id, run.id) // expect: AM503

  if (['completed', 'failed', 'cancelled', 'expired', 'requires_action'].includes(run.status)) {
    break
  }

  await new Promise(resolve => setTimeout(resolve, 1000))
  attempts++
}

if (attempts >= maxAttempts) {
  throw new Error('Run polling timeout')
}
