// The skill document's function calling (use case 4 and error #4), as a program.
import OpenAI from 'openai'

const openai = new OpenAI()
declare const thread: { id: string }
declare function executeTool(name: string, args: string): unknown

const tools = [
  { // expect: AM201
    type: "function",
    function: {
      name: "get_weather",
      description: "Get current weather",
      parameters: {
        type: "object",
        properties: {
          location: { type: "string" },
        },
        required: ["location"],
      },
    },
  },
]

const assistant = await openai.beta.assistants.create({ // expect: AM210
  model: "gpt-4o",
  tools,
})

const run = await openai.beta.threads.runs.createAndPoll(thread.id, { // expect: AM501
  assistant_id: assistant.id,
})

if (run.status === 'requires_action') { // expect: AM601
  const toolCalls = run.required_action.submit_tool_outputs.tool_calls // expect: AM602

  const toolOutputs = toolCalls.map(call => ({ // expect: AM604
    tool_call_id: call.id,
    output: JSON.stringify(executeTool(call.function.name, call.function.arguments)), // expect: AM603
  }))

  await openai.beta.threads.runs.submitToolOutputsAndPoll(thread.id, run.id, { // expect: AM605
    tool_outputs: toolOutputs,
  })
}
