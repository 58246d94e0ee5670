"""A task queue whose tasks can be `requires_action`."""
from dataclasses import dataclass, field


@dataclass
class Task:
    status: str = "requires_action"
    output: list = field(default_factory=list)


task = Task()
if task.status == "requires_action":
    print("task needs a human")
while task.status == "requires_action":
    task.status = "done"
print(task.status)
