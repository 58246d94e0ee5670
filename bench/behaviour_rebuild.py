"""Rebuild the behavioural set (or the real-file corpus) from its references.

The repository stores only references (repo, commit, paths) in bench/behaviour/programs.toml and
bench/behaviour/files.toml; the programs themselves are third-party code and stay out of it.
Fetch each referenced repository first, then point this script at the fetched copies:

    SOURCES/owner+name/repo     a bare git directory (the layout of the search tool's `fetch`), or
    SOURCES/owner+name/         a git work tree or a plain checkout of the repository, or
    SOURCES/owner/name/         the same, one directory per owner.

A git source yields each path at the recorded commit (`git show COMMIT:PATH`); a plain checkout
is used as it is (the commit is not checked). Programs land in OUT/<name>/<path>; files of the
real-file corpus in OUT/<owner+name>/<path>.

Usage: python bench/behaviour_rebuild.py SOURCES OUT [--refs bench/behaviour/programs.toml]
Prints what is missing and exits 1 when anything is.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent


def source_of(sources: Path, repo: str) -> tuple[str, Path] | None:
    """("git", git dir) or ("tree", directory) for owner/name, or None."""
    flat = sources / repo.replace("/", "+")
    for kind, path in (("git", flat / "repo"), ("git", flat / ".git"), ("git", sources / repo / ".git")):
        if path.is_dir():
            return kind, path
    for path in (flat, sources / repo):
        if path.is_dir():
            return "tree", path
    return None


def read_at(src: tuple[str, Path], commit: str, path: str) -> bytes | None:
    kind, where = src
    if kind == "git":
        p = subprocess.run(["git", "--git-dir", str(where), "show", f"{commit}:{path}"], capture_output=True)
        return p.stdout if p.returncode == 0 else None
    f = where / path
    return f.read_bytes() if f.is_file() else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sources", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--refs", type=Path, default=HERE / "behaviour" / "programs.toml")
    args = ap.parse_args()
    refs = tomllib.loads(args.refs.read_text())
    entries = refs.get("program") or refs.get("file") or []
    missing = 0
    for e in entries:
        src = source_of(args.sources, e["repo"])
        dest = args.out / (e.get("name") or e["repo"].replace("/", "+"))
        paths = e.get("paths") or [e["path"]]
        for path in paths:
            data = read_at(src, e["commit"], path) if src else None
            if data is None:
                missing += 1
                print(f"missing: {e['repo']}@{e['commit'][:10]}:{path}", file=sys.stderr)
                continue
            (dest / path).parent.mkdir(parents=True, exist_ok=True)
            (dest / path).write_bytes(data)
    print(f"{len(entries)} entries, {missing} missing files -> {args.out}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
