from openai import AssistantEventHandler, OpenAI
from typing_extensions import override
from openai.types.responses import ResponseInputParam

client = OpenAI()


# TODO(assistants-migrate): AM702 `on_event` uses `self` (the handler keeps state); rewrite it as a responses.stream event loop
class EventHandler(AssistantEventHandler):
    @override
    def on_event(self, event):
        if event.event == "thread.run.requires_action":
            run_id = event.data.id
            self.handle_requires_action(event.data, run_id)

    def handle_requires_action(self, data, run_id):
        tool_outputs: ResponseInputParam = []
        for tool in [item for item in data.output if item.type == "function_call"]:
            if tool.name == "get_current_temperature":
                tool_outputs.append({"type": "function_call_output", "call_id": tool.call_id, "output": "57"})
        self.submit_tool_outputs(tool_outputs, run_id)

    def submit_tool_outputs(self, tool_outputs, run_id):
        # TODO(assistants-migrate): AM702 handler `EventHandler`: the handler reads `self.current_run`, which AssistantEventHandler provided; Responses streams have no handler state; the stream stays on the Assistants API until it is rewritten as a responses.stream event loop
        with client.beta.threads.runs.submit_tool_outputs_stream(
            thread_id=self.current_run.thread_id,
            run_id=self.current_run.id,
            tool_outputs=tool_outputs,
            event_handler=EventHandler(),
        ) as stream:
            for text in stream.text_deltas:
                print(text, end="", flush=True)
            print()


def ask(thread_id: str) -> None:
    # TODO(assistants-migrate): AM702 handler `EventHandler`: the handler reads `self.current_run`, which AssistantEventHandler provided; Responses streams have no handler state; the stream stays on the Assistants API until it is rewritten as a responses.stream event loop
    with client.beta.threads.runs.stream(
        thread_id=thread_id,
        assistant_id="asst_weather",
        event_handler=EventHandler(),
    ) as stream:
        stream.until_done()
