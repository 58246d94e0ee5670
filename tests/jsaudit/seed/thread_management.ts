// The skill document's "thread already has active run" check (error #1), as a program.
import OpenAI from 'openai'

const openai = new OpenAI()
declare const thread: { id: string }
declare const assistantId: string

// Get runs and check status
const runs = await openai.beta.threads.runs.list(thread.id) // expect: AM506
const activeRun = runs.data.find(r => ['in_progress', 'queued'].includes(r.status))

if (activeRun) {
  // Cancel or wait
  await openai.beta.threads.runs.cancel(thread.id, activeRun.id) // expect: AM505
}

// Now create new run
const run = await openai.beta.threads.runs.create(thread.id, { assistant_id: assistantId }) // expect: AM501
console.log(run.id)
