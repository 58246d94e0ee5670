"""Another SDK's class (imported when installed, else a local stand-in) with `beta.assistants`,
in a file that imports openai: an instance of a class is never taken as the OpenAI client."""
from openai import OpenAI  # noqa: F401 - the file uses openai elsewhere

try:
    from vendor_agents import AgentClient  # type: ignore[import-not-found]
except ImportError:
    class _Assistants:
        def create(self, name: str) -> str:
            return f"agent:{name}"

    class _Beta:
        assistants = _Assistants()

    class AgentClient:  # type: ignore[no-redef]
        beta = _Beta()


def register(agents, name):
    return agents.beta.assistants.create(name=name)


agents = AgentClient()
print(register(agents, "helper"))
