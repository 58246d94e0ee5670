"""Before/after examples of the assistants, tools and runs rules: each `after` is exactly what
the engine writes for `before` (None: the rule only marks the site). Regenerate by running the
codemods over `before` when the rewrite changes."""

from __future__ import annotations

from assistants_migrate.findings import Example

EXAMPLES: dict[str, tuple[Example, ...]] = {
    'AM201': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nTOOLS = [{"type": "function", "function": {"name": "f", "parameters": {}}}]\nbot = client.beta.assistants.create(model="gpt-4o", tools=TOOLS)\n',
            after='from openai import OpenAI\nfrom openai.types.responses import ToolParam\nfrom typing import Any\nclient = OpenAI()\nTOOLS: list[ToolParam] = [{"type": "function", "name": "f", "parameters": {}, "strict": False}]\nbot: dict[str, Any] = {"model": "gpt-4o", "tools": TOOLS}\n',
        ),
    ),
    'AM202': (
        Example(
            before='from openai.types.beta import FunctionToolParam\n',
            after='from openai.types.responses import FunctionToolParam\n',
        ),
    ),
    'AM203': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nbot = client.beta.assistants.create(model="gpt-4o", tools=[{"type": "file_search"}])\n',
            after=None,
        ),
    ),
    'AM204': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nTOOLS = [{"type": "function", "function": {"name": "f"}}]\nc = client.chat.completions.create(model="gpt-4o", messages=[], tools=TOOLS)\nclient.beta.assistants.list()\n',
            after=None,
        ),
    ),
    'AM205': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nbot = client.beta.assistants.create(model="gpt-4o", tools=[{"type": "retrieval"}], tool_resources={"file_search": {"vector_store_ids": ["vs_1"]}})\n',
            after='from openai import OpenAI\nfrom typing import Any\nclient = OpenAI()\nbot: dict[str, Any] = {"model": "gpt-4o", "tools": [{"type": "file_search", "vector_store_ids": ["vs_1"]}]}\n',
        ),
    ),
    'AM210': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nassistant = client.beta.assistants.create(model="gpt-4o", name="Tutor", instructions="Be brief.", tools=[{"type": "code_interpreter"}])\n',
            after='from openai import OpenAI\nfrom typing import Any\nclient = OpenAI()\n# Assistant "Tutor"\nassistant: dict[str, Any] = {"model": "gpt-4o", "instructions": "Be brief.", "tools": [{"type": "code_interpreter", "container": {"type": "auto"}}]}\n',
        ),
    ),
    'AM211': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nbot = client.beta.assistants.create(model="gpt-4o", name="Bot")\nsave(bot.id)\n',
            after='from openai import OpenAI\nfrom assistant_configs import ASSISTANT_CONFIGS\nfrom typing import Any\nclient = OpenAI()\n# Assistant "Bot"\nbot: dict[str, Any] = {"model": "gpt-4o"}\nASSISTANT_CONFIGS["Bot"] = bot\n# TODO(assistants-migrate): AM211 no asst_ id any more: bot.id became the config\'s name "Bot"; re-key anything stored or compared by asst_ id\nsave("Bot")\n',
        ),
    ),
    'AM212': (
        Example(
            before='import os\nfrom openai import OpenAI\nclient = OpenAI()\nbot = client.beta.assistants.retrieve(os.environ["ASSISTANT_ID"])\n',
            after='import os\nfrom openai import OpenAI\nfrom assistant_configs import ASSISTANT_CONFIGS\nclient = OpenAI()\nbot = ASSISTANT_CONFIGS[os.environ["ASSISTANT_ID"]]\n',
        ),
    ),
    'AM213': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nbot = client.beta.assistants.create(model="gpt-4o")\nclient.beta.assistants.update(bot.id, instructions="Be brief.")\n',
            after='from openai import OpenAI\nfrom typing import Any\nclient = OpenAI()\nbot: dict[str, Any] = {"model": "gpt-4o"}\nbot.update({"instructions": "Be brief."})\n',
        ),
    ),
    'AM214': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nfor a in client.beta.assistants.list():\n    print(a.name)\n',
            after=None,
        ),
    ),
    'AM215': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nclient.beta.assistants.delete("asst_123")\n',
            after=None,
        ),
    ),
    'AM216': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\ntry:\n    bot = client.beta.assistants.retrieve(BOT_ID)\nexcept Exception:\n    bot = client.beta.assistants.create(model="gpt-4o")\n',
            after=None,
        ),
    ),
    'AM217': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nbot = client.beta.assistants.create(**settings)\n',
            after=None,
        ),
    ),
    'AM501': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nbot = client.beta.assistants.create(model="gpt-4o", instructions="Be brief.")\nrun = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id=bot.id, instructions="Be kind.", max_completion_tokens=500)\n',
            after='from openai import OpenAI\nfrom typing import Any\nclient = OpenAI()\nbot: dict[str, Any] = {"model": "gpt-4o", "instructions": "Be brief."}\nrun = client.responses.create(conversation=thread_id, truncation="auto", **{**bot, "instructions": "Be kind."}, max_output_tokens=500)\n',
        ),
    ),
    'AM502': (
        Example(
            before='import os\nfrom openai import OpenAI\nclient = OpenAI()\nrun = client.beta.threads.runs.create_and_poll(thread_id=t, assistant_id=os.environ["ASSISTANT_ID"])\n',
            after='import os\nfrom openai import OpenAI\nfrom assistant_configs import ASSISTANT_CONFIGS\nclient = OpenAI()\nrun = client.responses.create(conversation=t, truncation="auto", **ASSISTANT_CONFIGS[os.environ["ASSISTANT_ID"]])\n',
        ),
    ),
    'AM503': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nbot = client.beta.assistants.create(model="gpt-4o")\nrun = client.beta.threads.runs.create(thread_id=t, assistant_id=bot.id)\nrun = client.beta.threads.runs.poll(run.id, t)\n',
            after='from openai import OpenAI\nfrom typing import Any\nclient = OpenAI()\nbot: dict[str, Any] = {"model": "gpt-4o"}\nrun = client.responses.create(conversation=t, truncation="auto", **bot)\nrun = client.responses.retrieve(run.id)\n',
        ),
    ),
    'AM504': (
        Example(
            before='import time\nfrom openai import OpenAI\nclient = OpenAI()\nbot = client.beta.assistants.create(model="gpt-4o")\nrun = client.beta.threads.runs.create(thread_id=thread_id, assistant_id=bot.id)\nwhile run.status in ("queued", "in_progress"):\n    time.sleep(1)\n    run = client.beta.threads.runs.retrieve(run.id, thread_id=thread_id)\nprint(run.status)\n',
            after='from openai import OpenAI\nfrom typing import Any\nclient = OpenAI()\nbot: dict[str, Any] = {"model": "gpt-4o"}\nrun = client.responses.create(conversation=thread_id, truncation="auto", **bot)\nprint(run.status)\n',
        ),
    ),
    'AM516': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nbot = client.beta.assistants.create(model="gpt-4o")\nrun = client.beta.threads.runs.create(thread_id=thread_id, assistant_id=bot.id)\nwhile run.status != "completed":\n    print(run.status)\n    run = client.beta.threads.runs.retrieve(run.id, thread_id=thread_id)\n',
            after='from openai import OpenAI\nfrom typing import Any\nclient = OpenAI()\nbot: dict[str, Any] = {"model": "gpt-4o"}\nrun = client.responses.create(conversation=thread_id, truncation="auto", **bot, background=True)\nwhile run.status != "completed":\n    print(run.status)\n    run = client.responses.retrieve(run.id)\n',
        ),
    ),
    'AM505': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nclient.beta.threads.runs.cancel(run_id, thread_id=thread_id)\n',
            after=None,
        ),
    ),
    'AM506': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nruns = client.beta.threads.runs.list(thread_id=thread_id)\n',
            after=None,
        ),
    ),
    'AM507': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nclient.beta.threads.runs.update(run_id, thread_id=thread_id, metadata={"k": "v"})\n',
            after=None,
        ),
    ),
    'AM508': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nsteps = client.beta.threads.runs.steps.list(run_id, thread_id=thread_id)\n',
            after=None,
        ),
    ),
    'AM509': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nbot = client.beta.assistants.create(model="gpt-4o")\nrun = client.beta.threads.runs.create_and_poll(thread_id=t, assistant_id=bot.id, truncation_strategy={"type": "last_messages", "last_messages": 5})\n',
            after='from openai import OpenAI\nfrom typing import Any\nclient = OpenAI()\nbot: dict[str, Any] = {"model": "gpt-4o"}\n# TODO(assistants-migrate): AM509 truncation_strategy {"type": "last_messages", "last_messa... dropped: no equivalent, truncation="auto" used; trim items yourself to keep the last N\nrun = client.responses.create(conversation=t, truncation="auto", **bot)\n',
        ),
    ),
    'AM510': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nbot = client.beta.assistants.create(model="gpt-4o")\nrun = client.beta.threads.runs.create_and_poll(thread_id=t, assistant_id=bot.id, max_prompt_tokens=1000)\n',
            after='from openai import OpenAI\nfrom typing import Any\nclient = OpenAI()\nbot: dict[str, Any] = {"model": "gpt-4o"}\n# TODO(assistants-migrate): AM510 max_prompt_tokens=1000 dropped: no equivalent; see context_management or responses.input_tokens.count\nrun = client.responses.create(conversation=t, truncation="auto", **bot)\n',
        ),
    ),
    'AM511': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nrun = client.beta.threads.runs.create(thread_id=t, **params)\n',
            after=None,
        ),
    ),
    'AM512': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nbot = client.beta.assistants.create(model="gpt-4o")\nrun = client.beta.threads.create_and_run_poll(assistant_id=bot.id, thread={"messages": [{"role": "user", "content": "Hi"}]})\n',
            after='from openai import OpenAI\nfrom typing import Any\nclient = OpenAI()\nbot: dict[str, Any] = {"model": "gpt-4o"}\nrun_conversation = client.conversations.create(items=[{"role": "user", "content": "Hi"}])\nrun = client.responses.create(conversation=run_conversation.id, truncation="auto", **bot)\n',
        ),
    ),
    'AM513': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nbot = client.beta.assistants.create(model="gpt-4o")\nrun = client.beta.threads.runs.create_and_poll(thread_id=t, assistant_id=bot.id)\nprint(run.expires_at)\n',
            after='from openai import OpenAI\nfrom typing import Any\nclient = OpenAI()\nbot: dict[str, Any] = {"model": "gpt-4o"}\nrun = client.responses.create(conversation=t, truncation="auto", **bot)\n# TODO(assistants-migrate): AM513 run.expires_at has no Response equivalent\nprint(run.expires_at)\n',
        ),
    ),
    'AM514': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nbot = client.beta.assistants.create(model="gpt-4o", instructions="Be brief.")\nrun = client.beta.threads.runs.create_and_poll(thread_id=t, assistant_id=bot.id, additional_instructions="Use French.")\n',
            after='from openai import OpenAI\nfrom typing import Any\nclient = OpenAI()\nbot: dict[str, Any] = {"model": "gpt-4o", "instructions": "Be brief."}\nrun = client.responses.create(conversation=t, truncation="auto", **{**bot, "instructions": bot["instructions"] + "\\n\\n" + "Use French."})\n',
        ),
    ),
    'AM515': (
        Example(
            before='from openai import OpenAI\nclient = OpenAI()\nrun = client.beta.threads.runs.create(thread_id=t, assistant_id=a, **options)\nrun = client.beta.threads.runs.retrieve(run.id, thread_id=t)\n',
            after=None,
        ),
    ),
}
