"""A dict-backed workflow with `required_action` and `submit_tool_outputs` keys."""
workflow = {"status": "requires_action", "required_action": {"submit_tool_outputs": {"tool_calls": []}}}
if workflow["status"] == "requires_action":
    calls = workflow["required_action"]["submit_tool_outputs"]["tool_calls"]
    print(len(calls))
