"""Duck-typed objects read with getattr."""
from types import SimpleNamespace

thread = SimpleNamespace(id="local", tool_resources=None)
print(getattr(thread, "tool_resources", None), thread.id)
