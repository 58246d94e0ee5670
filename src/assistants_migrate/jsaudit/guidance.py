"""What to do about a rule in openai-node code, with a TypeScript before/after.

The catalogue's `what_to_do` and examples are written for Python and for what
`rewrite` does there ("Nothing: rewritten"); TypeScript/JavaScript files are only
audited, so each rule they can raise has its own text here, keyed by rule id.
The Python rules are not touched.
"""

from __future__ import annotations

from assistants_migrate.findings import Example, Finding, Rule

SCRIPT_LANGUAGES = ("typescript", "javascript")

# rule id -> what to do in openai-node code
WHAT_TO_DO: dict[str, str] = {
    "AM101": "Call `openai.vectorStores.*` (openai-node v5 moved vector stores out of `beta`; same methods, "
    "same arguments, e.g. `openai.vectorStores.fileBatches.uploadAndPoll(vsId, { files })`).",
    "AM201": "Flatten function tools for `openai.responses.create`: `{ type: \"function\", name, description, "
    "parameters, strict }` instead of `{ type: \"function\", function: { ... } }`; a `file_search` tool "
    "carries its `vector_store_ids`, `code_interpreter` needs `container: { type: \"auto\" }`.",
    "AM205": "Replace `{ type: \"retrieval\" }` (v1) by `{ type: \"file_search\", vector_store_ids: [vsId] }` "
    "with the files put in a vector store (`openai.vectorStores.create({ file_ids })`).",
    "AM210": "Keep the assistant's settings in code: a constant `{ model, instructions, tools, text, reasoning }` "
    "spread into every `openai.responses.create({ ...config, conversation, input })`. `assistants-migrate "
    "export` writes the settings of existing assistants.",
    "AM212": "Replace the lookup by the config object in code (`assistants-migrate export` writes one per "
    "`asst_` id); there is no assistant object to retrieve.",
    "AM213": "Change the config object in code instead; nothing server-side is read by `responses.create`.",
    "AM214": "Enumerate your in-code configs instead.",
    "AM215": "Remove the call once the old assistants are no longer needed.",
    "AM301": "Use `openai.conversations.create/retrieve/update/delete` (same arguments; the id is a `conv_` id). "
    "Migrate stored thread ids with `assistants-migrate import`.",
    "AM302": "Pass `items: [...]` to `openai.conversations.create` (at most 20; `input_text`/`input_image` parts, "
    "string content on assistant turns) instead of `messages`.",
    "AM303": "Conversations carry no tool resources: keep conversation -> vector stores / files in your app and pass "
    "`tools: [{ type: \"file_search\", vector_store_ids }]` on each `responses.create`.",
    "AM305": "Store the tool resources with the conversation id in your app and pass them as `tools` on each "
    "`responses.create`.",
    "AM401": "Use `openai.conversations.items.create(conversationId, { items: [{ type: \"message\", role, content }] })`, "
    "or pass the text as `input` of the next `responses.create` (saves a request).",
    "AM402": "Use `openai.conversations.items.list(conversationId, { order })` and keep items with "
    "`item.type === \"message\"`; text is in `part.text` of `output_text`/`input_text` parts.",
    "AM403": "file_search: add the file to a vector store (`openai.vectorStores.files.createAndPoll`) and pass "
    "`tools: [{ type: \"file_search\", vector_store_ids: [vsId] }]`; or put `{ type: \"input_file\", file_id }` in "
    "the content. code_interpreter: `{ type: \"code_interpreter\", container: { type: \"auto\", file_ids } }`.",
    "AM404": "Items have no metadata: keep it in your own store keyed by item id, or on the conversation.",
    "AM405": "Read `part.text` (a string) of parts with `type === \"output_text\"`; after `responses.create` the "
    "reply is `response.output_text`.",
    "AM408": "Use `openai.conversations.items.retrieve/delete(itemId, { conversation_id })`; check "
    "`item.type === \"message\"` before reading `content`.",
    "AM409": "Items are immutable: keep per-message data in your own store keyed by item id, or drop the call.",
    "AM413": "Move the call to `openai.conversations.items.*` by hand.",
    "AM501": "Call `openai.responses.create({ ...config, conversation: conversationId, input, truncation: \"auto\" })`: "
    "the result is final, no polling (`createAndPoll` becomes that one call).",
    "AM503": "Drop the retrieval/poll: a response from `responses.create` is already final "
    "(`openai.responses.retrieve(id)` for one made with `background: true`).",
    "AM504": "Remove the loop: `responses.create` returns a finished response (keep a loop only for "
    "`background: true` responses, polling `responses.retrieve`).",
    "AM505": "Drop the cancel, or create the response with `background: true` and call `openai.responses.cancel(id)`.",
    "AM506": "Remove active-run checks: a synchronous response is never left in progress; log response ids yourself "
    "if you need a history.",
    "AM507": "Pass `metadata` to `responses.create` instead.",
    "AM508": "Read the response's `output` items (messages, function calls, file search and code interpreter calls).",
    "AM509": "Use `truncation: \"auto\"`, or trim conversation items yourself (`conversations.items.delete`).",
    "AM510": "Responses has no input-token cap: use `truncation: \"auto\"` or count with `responses.inputTokens.count`.",
    "AM511": "Rewrite as `openai.responses.create({ conversation, input, truncation: \"auto\", ...config })`.",
    "AM512": "Create the conversation (`openai.conversations.create({ items })`), then "
    "`openai.responses.create({ ...config, conversation: conversation.id, input })`.",
    "AM514": "Put `additional_instructions` into `instructions` of this call and `additional_messages` into `input` "
    "(they become conversation items when the response completes).",
    "AM601": "Test for function calls instead of a status: "
    "`response.output.some((item) => item.type === \"function_call\")`.",
    "AM602": "Use `response.output.filter((item) => item.type === \"function_call\")`.",
    "AM603": "Use `item.call_id`, `item.name` and `item.arguments` (a JSON string, as before) of the "
    "`function_call` item.",
    "AM604": "Send `{ type: \"function_call_output\", call_id: item.call_id, output }` items.",
    "AM605": "Call `openai.responses.create({ ...config, conversation: conversationId, input: outputs })` with the "
    "configuration of the first call; loop while the new response has `function_call` items.",
    "AM701": "Use `openai.responses.stream({ ...config, conversation, input })` and either iterate it "
    "(`for await (const event of stream)`, branch on `event.type`) or attach `.on(\"response.output_text.delta\", "
    "(e) => e.delta)` handlers; `await stream.finalResponse()` gives the response.",
    "AM703": "Compare `event.type` with the Responses event names (`thread.message.delta` is "
    "`response.output_text.delta`, whose text is `event.delta`).",
    "AM704": "This event (or handler) has no Responses equivalent: decide what the code should do instead; "
    "often the branch can go.",
    "AM705": "Use `await stream.finalResponse()` (`response.output` for the messages, `response.output_text` for "
    "the text) instead of `finalRun()`/`finalMessages()`.",
    "AM706": "Create the conversation first, then `openai.responses.stream({ ...config, conversation, input })`.",
}

_QUICK_BEFORE = (
    'const run = await openai.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });\n'
    'if (run.status === "completed") {\n'
    "  const messages = await openai.beta.threads.messages.list(thread.id);\n"
    "  console.log(messages.data[0].content[0].text.value);\n"
    "}\n"
)
_QUICK_AFTER = (
    "const response = await openai.responses.create({ ...config, conversation: conversation.id, input, "
    'truncation: "auto" });\n'
    "console.log(response.output_text);\n"
)

# rule id -> a TypeScript example (before on the Assistants API, after on Responses/Conversations)
EXAMPLES: dict[str, Example] = {
    "AM101": Example(
        before="const batch = await openai.beta.vectorStores.fileBatches.uploadAndPoll(vs.id, { files });\n",
        after="const batch = await openai.vectorStores.fileBatches.uploadAndPoll(vs.id, { files });\n",
    ),
    "AM210": Example(
        before='const assistant = await openai.beta.assistants.create({ model: "gpt-4o", instructions: "Be brief." });\n',
        after='const config = { model: "gpt-4o", instructions: "Be brief." } as const;\n',
    ),
    "AM301": Example(
        before="const thread = await openai.beta.threads.create();\n",
        after="const conversation = await openai.conversations.create();\n",
    ),
    "AM401": Example(
        before='await openai.beta.threads.messages.create(thread.id, { role: "user", content: question });\n',
        after='await openai.conversations.items.create(conversation.id, {\n'
        '  items: [{ type: "message", role: "user", content: question }],\n});\n',
    ),
    "AM405": Example(before=_QUICK_BEFORE, after=_QUICK_AFTER),
    "AM501": Example(before=_QUICK_BEFORE, after=_QUICK_AFTER),
    "AM504": Example(
        before='while (run.status === "queued" || run.status === "in_progress") {\n'
        "  await sleep(1000);\n  run = await openai.beta.threads.runs.retrieve(thread.id, run.id);\n}\n",
        after="// gone: responses.create returns a finished response\n",
    ),
    "AM601": Example(
        before='const run = await openai.beta.threads.runs.createAndPoll(thread.id, { assistant_id });\nif (run.status === "requires_action") {\n  await handle(run);\n}\n',
        after='const response = await openai.responses.create({ ...config, conversation: conversation.id, input });\nif (response.output.some((item) => item.type === "function_call")) {\n  await handle(response);\n}\n',
    ),
    "AM605": Example(
        before="await openai.beta.threads.runs.submitToolOutputsAndPoll(thread.id, run.id, {\n"
        "  tool_outputs: calls.map((c) => ({ tool_call_id: c.id, output: run(c) })),\n});\n",
        after="response = await openai.responses.create({\n  ...config,\n  conversation: conversation.id,\n"
        '  input: calls.map((c) => ({ type: "function_call_output", call_id: c.call_id, output: run(c) })),\n});\n',
    ),
    "AM701": Example(
        before="openai.beta.threads.runs\n  .stream(thread.id, { assistant_id: assistant.id })\n"
        '  .on("textDelta", (delta) => process.stdout.write(delta.value ?? ""));\n',
        after="openai.responses\n  .stream({ ...config, conversation: conversation.id, input })\n"
        '  .on("response.output_text.delta", (event) => process.stdout.write(event.delta));\n',
    ),
    "AM703": Example(
        before='const stream = openai.beta.threads.runs.stream(thread.id, { assistant_id });\nfor await (const event of stream) {\n  if (event.event === "thread.message.delta") process.stdout.write(event.data.delta.content[0].text.value);\n}\n',
        after='const stream = openai.responses.stream({ ...config, conversation: conversation.id, input });\nfor await (const event of stream) {\n  if (event.type === "response.output_text.delta") process.stdout.write(event.delta);\n}\n',
    ),
}

EXAMPLES.update({
    "AM201": Example(
        before='await openai.beta.assistants.create({\n  model: "gpt-4o",\n  tools: [{ type: "function", function: { name: "get_weather", parameters } }],\n});\n',
        after='const config = {\n  model: "gpt-4o",\n  tools: [{ type: "function", name: "get_weather", parameters, strict: false }],\n};\n',
    ),
    "AM205": Example(
        before='await openai.beta.assistants.create({ model: "gpt-4o", tools: [{ type: "retrieval" }], file_ids: [fileId] });\n',
        after='const config = { model: "gpt-4o", tools: [{ type: "file_search", vector_store_ids: [store.id] }] };\n',
    ),
    "AM212": Example(
        before="const assistant = await openai.beta.assistants.retrieve(process.env.ASSISTANT_ID!);\n",
        after="const config = ASSISTANT_CONFIGS[process.env.ASSISTANT_ID!]; // written by assistants-migrate export\n",
    ),
    "AM213": Example(
        before='await openai.beta.assistants.update(assistant.id, { instructions: "Be brief." });\n',
        after='const config = { ...baseConfig, instructions: "Be brief." };\n',
    ),
    "AM214": Example(
        before="const page = await openai.beta.assistants.list();\n",
        after="const names = Object.keys(ASSISTANT_CONFIGS);\n",
    ),
    "AM215": Example(
        before="await openai.beta.assistants.del(assistant.id);\n",
        after="// nothing to delete: the config lives in code\n",
    ),
    "AM302": Example(
        before='await openai.beta.threads.create({ messages: [{ role: "user", content: "Hi" }] });\n',
        after='await openai.conversations.create({ items: [{ type: "message", role: "user", content: "Hi" }] });\n',
    ),
    "AM303": Example(
        before="await openai.beta.threads.create({ tool_resources: { file_search: { vector_store_ids: [vs] } } });\n",
        after="const conversation = await openai.conversations.create();\n"
        'saveTools(conversation.id, [{ type: "file_search", vector_store_ids: [vs] }]); // pass as `tools` on each response\n',
    ),
    "AM305": Example(
        before="await openai.beta.threads.update(threadId, { tool_resources: { code_interpreter: { file_ids } } });\n",
        after='saveTools(conversationId, [{ type: "code_interpreter", container: { type: "auto", file_ids } }]);\n',
    ),
    "AM402": Example(
        before="const messages = await openai.beta.threads.messages.list(thread.id);\n",
        after="const items = await openai.conversations.items.list(conversation.id);\n"
        'const messages = items.data.filter((item) => item.type === "message");\n',
    ),
    "AM403": Example(
        before='await openai.beta.threads.messages.create(thread.id, { role: "user", content: q, attachments: '
        '[{ file_id, tools: [{ type: "file_search" }] }] });\n',
        after="await openai.vectorStores.files.createAndPoll(store.id, { file_id });\n"
        'await openai.responses.create({ ...config, conversation, input: q, tools: [{ type: "file_search", '
        "vector_store_ids: [store.id] }] });\n",
    ),
    "AM404": Example(
        before='await openai.beta.threads.messages.create(thread.id, { role: "user", content: q, metadata: { source: "web" } });\n',
        after="const { data } = await openai.conversations.items.create(conversation.id, { items: [{ type: \"message\", "
        'role: "user", content: q }] });\nsaveMetadata(data[0].id, { source: "web" });\n',
    ),
    "AM408": Example(
        before="await openai.beta.threads.messages.del(thread.id, messageId);\n",
        after="await openai.conversations.items.delete(messageId, { conversation_id: conversation.id });\n",
    ),
    "AM409": Example(
        before='await openai.beta.threads.messages.update(thread.id, messageId, { metadata: { seen: "1" } });\n',
        after='saveMetadata(messageId, { seen: "1" });\n',
    ),
    "AM413": Example(
        before='const files = await openai.beta.threads.messages.files.list(thread.id, message.id); // v1\n',
        after='const item = await openai.conversations.items.retrieve(message.id, { conversation_id: conversation.id });\n',
    ),
    "AM503": Example(
        before="run = await openai.beta.threads.runs.retrieve(thread.id, run.id);\n",
        after="// nothing: the response from responses.create is final\n",
    ),
    "AM505": Example(
        before="await openai.beta.threads.runs.cancel(thread.id, run.id);\n",
        after="await openai.responses.cancel(response.id); // only for background: true responses\n",
    ),
    "AM506": Example(
        before="const runs = await openai.beta.threads.runs.list(thread.id);\n"
        "const active = runs.data.find((r) => [\"queued\", \"in_progress\"].includes(r.status));\n",
        after="// nothing: a synchronous response never stays in progress\n",
    ),
    "AM507": Example(
        before='await openai.beta.threads.runs.update(thread.id, run.id, { metadata: { k: "v" } });\n',
        after='await openai.responses.create({ ...config, conversation, input, metadata: { k: "v" } });\n',
    ),
    "AM508": Example(
        before="const steps = await openai.beta.threads.runs.steps.list(thread.id, run.id);\n",
        after="const steps = response.output; // messages, function calls, tool calls\n",
    ),
    "AM509": Example(
        before='await openai.beta.threads.runs.create(thread.id, {\n  assistant_id,\n  truncation_strategy: { type: "last_messages", last_messages: 5 },\n});\n',
        after='await openai.responses.create({ ...config, conversation: conversation.id, input, truncation: "auto" });\n',
    ),
    "AM510": Example(
        before='await openai.beta.threads.runs.create(thread.id, { assistant_id, max_prompt_tokens: 2000 });\n',
        after='await openai.responses.create({ ...config, conversation: conversation.id, input, truncation: "auto" });\n',
    ),
    "AM511": Example(
        before='await openai.beta.threads.runs.fetchAll(thread.id); // a runs method this audit does not know\n',
        after='await openai.responses.create({ ...config, conversation: conversation.id, input, truncation: "auto" });\n',
    ),
    "AM512": Example(
        before='const run = await openai.beta.threads.createAndRunPoll({ assistant_id, thread: { messages: [{ role: "user", '
        'content: q }] } });\n',
        after="const conversation = await openai.conversations.create();\n"
        "const response = await openai.responses.create({ ...config, conversation: conversation.id, input: q });\n",
    ),
    "AM514": Example(
        before='await openai.beta.threads.runs.create(thread.id, { assistant_id, additional_instructions: "Use French." });\n',
        after='await openai.responses.create({\n  ...config,\n  instructions: `${config.instructions}\\nUse French.`,\n  conversation: conversation.id,\n  input,\n});\n',
    ),
    "AM602": Example(
        before='const run = await openai.beta.threads.runs.createAndPoll(thread.id, { assistant_id });\nconst calls = run.required_action.submit_tool_outputs.tool_calls;\n',
        after='const response = await openai.responses.create({ ...config, conversation: conversation.id, input });\nconst calls = response.output.filter((item) => item.type === "function_call");\n',
    ),
    "AM603": Example(
        before='const run = await openai.beta.threads.runs.createAndPoll(thread.id, { assistant_id });\nconst calls = run.required_action.submit_tool_outputs.tool_calls;\nconst results = calls.map((call) => callTool(call.function.name, JSON.parse(call.function.arguments)));\n',
        after='const calls = response.output.filter((item) => item.type === "function_call");\nconst results = calls.map((call) => callTool(call.name, JSON.parse(call.arguments)));\n',
    ),
    "AM604": Example(
        before='const outputs = calls.map((call) => ({ tool_call_id: call.id, output: run(call) }));\nawait openai.beta.threads.runs.submitToolOutputsAndPoll(thread.id, runId, { tool_outputs: outputs });\n',
        after='const outputs = calls.map((call) => ({ type: "function_call_output", call_id: call.call_id, output: run(call) }));\nawait openai.responses.create({ ...config, conversation: conversation.id, input: outputs });\n',
    ),
    "AM704": Example(
        before='const stream = openai.beta.threads.runs.stream(thread.id, { assistant_id });\nstream.on("imageFileDone", (image) => showImage(image.file_id));\n',
        after='const stream = openai.responses.stream({ ...config, conversation: conversation.id, input });\n// no Responses event for a finished image file: read image files from response.output, or drop the handler\n',
    ),
    "AM705": Example(
        before='const stream = openai.beta.threads.runs.stream(thread.id, { assistant_id });\nconst run = await stream.finalRun();\nconst messages = await stream.finalMessages();\n',
        after='const stream = openai.responses.stream({ ...config, conversation: conversation.id, input });\nconst response = await stream.finalResponse();\nconst text = response.output_text;\n',
    ),
    "AM706": Example(
        before="const stream = openai.beta.threads.createAndRunStream({ assistant_id, thread: { messages } });\n",
        after="const conversation = await openai.conversations.create({ items });\n"
        "const stream = openai.responses.stream({ ...config, conversation: conversation.id, input });\n",
    ),
})


def what_to_do(rule: Rule) -> str:
    return WHAT_TO_DO.get(rule.id, rule.what_to_do)


def for_scripts(rule: Rule) -> tuple[str, Example] | None:
    """(what to do, example) in openai-node code, for a rule TypeScript/JavaScript files can get."""
    example = EXAMPLES.get(rule.id)
    return None if example is None else (what_to_do(rule), example)


def in_scripts(findings: list[Finding], rule: Rule) -> tuple[str, Example] | None:
    """The openai-node guidance of `rule` when some of `findings` of it are in TypeScript/JavaScript."""
    if not any(f.rule_id == rule.id and f.language in SCRIPT_LANGUAGES for f in findings):
        return None
    return for_scripts(rule)
