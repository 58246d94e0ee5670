"""Rules the engine itself emits: input it could not handle, and its own failures."""

from assistants_migrate.findings import Effort, Example, Rule, Severity, register

PARSE_ERROR = "AM001"
NOT_UTF8 = "AM002"
CODEMOD_CRASH = "AM003"
UNREADABLE = "AM004"
RENDER_GUARD = "AM005"
NOT_WRITTEN = "AM006"
TYPE_ERROR = "AM007"

register(
    Rule(
        id=PARSE_ERROR,
        title="File does not parse; left untouched",
        severity=Severity.WARNING,
        why="The file has a syntax error (or syntax newer than the parser knows), so no codemod could look at it. "
        "Any Assistants API use inside it is still there.",
        what_to_do="Fix the syntax error, or migrate this file by hand, then run the tool again.",
        autofix=False,
        effort=Effort.S,
        surface="engine",
        examples=(Example(before="def broken(:\n    client.beta.threads.create()\n"),),
    ),
    Rule(
        id=NOT_UTF8,
        title="File is not UTF-8; left untouched",
        severity=Severity.WARNING,
        why="The file's bytes are not valid UTF-8. Rewriting it could corrupt the text, so it was skipped.",
        what_to_do="Convert the file to UTF-8 (a UTF-8 BOM is fine), then run the tool again.",
        autofix=False,
        effort=Effort.S,
        surface="engine",
    ),
    Rule(
        id=CODEMOD_CRASH,
        title="Internal error in a codemod; file left untouched",
        severity=Severity.ERROR,
        why="A codemod raised an exception on this file. This is a bug in assistants-migrate, not in your code.",
        what_to_do="Migrate this file by hand and report the bug with the message shown.",
        autofix=False,
        effort=Effort.M,
        surface="engine",
    ),
    Rule(
        id=UNREADABLE,
        title="File could not be read; left untouched",
        severity=Severity.WARNING,
        why="Reading the file failed (permissions, a broken symlink, a device).",
        what_to_do="Make the file readable, or exclude it with --exclude.",
        autofix=False,
        effort=Effort.S,
        surface="engine",
    ),
    Rule(
        id=RENDER_GUARD,
        title="Internal error: the rewritten file would not parse; left untouched",
        severity=Severity.ERROR,
        why="The rewritten text failed to parse, so it was not written. This is a bug in assistants-migrate.",
        what_to_do="Migrate this file by hand and report the bug with the message shown.",
        autofix=False,
        effort=Effort.M,
        surface="engine",
    ),
    Rule(
        id=NOT_WRITTEN,
        title="Rewrite not written: the file would change beyond its content",
        severity=Severity.WARNING,
        why="The file is read-only, or belongs to an owner this process cannot give a rewritten file, or it "
        "changed while being rewritten. Writing it anyway would change its permissions or owner (the owner "
        "could lose access) or lose someone's edit, so it was left as it was.",
        what_to_do="Run the rewrite as the file's owner; for a read-only file, make it writable or pass --force; "
        "for a file that changed, run again.",
        autofix=False,
        effort=Effort.S,
        surface="engine",
    ),
    Rule(
        id=TYPE_ERROR,
        title="The rewrite introduced a type error (rewrite --verify)",
        severity=Severity.WARNING,
        why="mypy, run on the changed files before and after the rewrite against the installed openai, reports an "
        "error at this line that the original did not have: an attribute the new object lacks, a name that is "
        "gone, a call with arguments the new API does not take. Such a line usually fails at run time.",
        what_to_do="Fix the line by hand (the message names what mypy expected), or tell us: it is a gap in a "
        "codemod.",
        autofix=False,
        effort=Effort.S,
        surface="engine",
    ),
)
