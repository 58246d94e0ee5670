"""A CI system's `run` objects with `status`, `required_action` and steps."""


class Steps:
    def list(self, run_id: str) -> list:
        return [run_id + "-step"]


class Run:
    def __init__(self) -> None:
        self.status = "requires_action"
        self.required_action = "approve"
        self.steps = Steps()


run = Run()
if run.status == "requires_action" and run.required_action:
    print("approve", run.steps.list(run_id="r1"))
