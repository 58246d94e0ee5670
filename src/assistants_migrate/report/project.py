"""Where a report's findings live: the project, its git state, and links to the source.

`ProjectInfo.discover(paths)` asks git (when the working directory is inside a work
tree) for the top level, HEAD's commit and branch, and the `origin` remote. Finding
paths are relative to the working directory; `repo_path` makes them relative to the
repository's top level, which SARIF (`%SRCROOT%`) and source links need.

A source link template holds `{path}` (repository-relative, URL-encoded), `{line}` and
`{commit}`. Without `--source-url`, a GitHub or GitLab `origin` gives
`https://github.com/ORG/REPO/blob/{commit}/{path}#L{line}`.

The absolute locations (top level, working directory) are kept for computing paths and
are never rendered: reports stay the same on every machine.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

_SCP_REMOTE = re.compile(r"^(?:[\w.-]+@)?(?P<host>[\w.-]+):(?P<path>[^/].*?)(?:\.git)?/?$")
_URL_REMOTE = re.compile(r"^(?:https?|ssh|git)://(?:[^@/]+@)?(?P<host>[\w.-]+)(?::\d+)?/(?P<path>.+?)(?:\.git)?/?$")


@dataclass(frozen=True)
class ProjectInfo:
    name: str = ""
    root: str = "."  # what was scanned, relative to the repository top level (or as typed)
    commit: str = ""  # full hash of HEAD
    branch: str = ""  # "" when detached or outside git
    dirty: bool = False  # uncommitted changes (a rewrite's report describes them)
    source_url: str = ""  # template with {path}, {line}, {commit}; "" = no links
    top_level: str = ""  # absolute; never rendered
    cwd: str = ""  # absolute; never rendered

    @property
    def short_commit(self) -> str:
        return self.commit[:12]

    def repo_path(self, path: str) -> str:
        """A finding's path relative to the repository top level (as given outside git)."""
        if not self.top_level or not self.cwd:
            return path
        absolute = os.path.realpath(os.path.join(self.cwd, path))
        rel = os.path.relpath(absolute, self.top_level)
        if rel == ".." or rel.startswith(".." + os.sep):
            return path  # outside the repository: leave it as it was given
        return rel.replace(os.sep, "/")

    def link(self, path: str, line: int = 0) -> str:
        """The source URL of a finding, or ""."""
        if not self.source_url:
            return ""
        url = self.source_url.replace("{path}", quote(self.repo_path(path), safe="/-._~"))
        url = url.replace("{commit}", self.commit or "HEAD").replace("{line}", str(max(line, 1)))
        if line < 1:
            url = re.sub(r"#L?1$", "", url)
        return url

    @classmethod
    def discover(cls, paths: Sequence[str], *, source_url: str | None = None, name: str | None = None) -> ProjectInfo:
        """Facts about the repository that holds the scanned paths (the first that is in one),
        wherever the run started."""
        cwd = os.getcwd()
        top, where = "", cwd
        for raw in [*paths, "."]:
            candidate = os.path.abspath(raw)
            directory = candidate if os.path.isdir(candidate) else os.path.dirname(candidate)
            top = _git(directory, "rev-parse", "--show-toplevel") if os.path.isdir(directory) else ""
            if top:
                where = directory
                break
        if not top:
            return cls(name=name or _project_name(cwd, cwd), root=_roots(paths, None, cwd), source_url=source_url or "")
        top = os.path.realpath(top)
        commit = _git(where, "rev-parse", "--verify", "-q", "HEAD")
        branch = _git(where, "symbolic-ref", "-q", "--short", "HEAD")
        dirty = bool(_git(where, "status", "--porcelain", "--untracked-files=no"))
        if source_url is None:
            source_url = remote_blob_url(_git(where, "remote", "get-url", "origin")) if commit else ""
        return cls(
            name=name or _project_name(top, top),
            root=_roots(paths, top, os.path.realpath(cwd)),
            commit=commit,
            branch=branch,
            dirty=dirty,
            source_url=source_url,
            top_level=top,
            cwd=os.path.realpath(cwd),
        )


def _git(cwd: str, *args: str) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return ""
    return proc.stdout.strip() if proc.returncode == 0 else ""


def _roots(paths: Sequence[str], top: str | None, cwd: str) -> str:
    shown = []
    for raw in paths:
        if top is None:
            shown.append(raw)
            continue
        rel = os.path.relpath(os.path.realpath(os.path.join(cwd, raw)), top)
        shown.append(raw if rel.startswith("..") else rel.replace(os.sep, "/"))
    return ", ".join(shown) or "."


def _project_name(top: str, cwd: str) -> str:
    try:
        import tomllib
    except ImportError:  # Python 3.10: the directory's name will do
        return os.path.basename(top.rstrip(os.sep)) or top
    for base in dict.fromkeys((cwd, top)):
        try:
            with open(os.path.join(base, "pyproject.toml"), "rb") as fh:
                name = tomllib.load(fh).get("project", {}).get("name")
        except (OSError, tomllib.TOMLDecodeError):
            continue
        if isinstance(name, str) and name.strip():
            return name.strip()
    return os.path.basename(top.rstrip(os.sep)) or top


def remote_blob_url(remote: str) -> str:
    """A blob URL template for a GitHub or GitLab remote; "" for other hosts."""
    remote = remote.strip()
    match = _URL_REMOTE.match(remote) or _SCP_REMOTE.match(remote)
    if not match:
        return ""
    host, repo = match.group("host").lower(), match.group("path").strip("/")
    if not repo or ".." in repo.split("/"):
        return ""
    if host == "github.com" or host.startswith("github."):
        return f"https://{host}/{repo}/blob/{{commit}}/{{path}}#L{{line}}"
    if host == "gitlab.com" or host.startswith("gitlab."):
        return f"https://{host}/{repo}/-/blob/{{commit}}/{{path}}#L{{line}}"
    return ""
