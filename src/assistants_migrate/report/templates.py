"""Jinja2 environments for the HTML and Markdown reports, and their filters.

Both environments escape every `{{ ... }}` by default:

- HTML uses jinja2's autoescape (markupsafe), so `</script>` or `{{ 7*7 }}` in a
  snippet or message is text, never markup or template code (values are never
  templates: jinja2 does not re-evaluate them).
- Markdown uses a `finalize` hook that escapes Markdown and inline HTML in every
  value that is not explicitly marked safe by one of the filters below (which
  escape what they wrap themselves).

The templates and the CSS/JS they inline live in the `assistants_migrate.reports`
package (the `reports/` folder of the repository).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from assistants_migrate.report.effort import hours_range

TEMPLATE_PACKAGE = "assistants_migrate.reports"


def read_asset(name: str) -> str:
    """The text of a template or static asset shipped in `assistants_migrate.reports`."""
    return resources.files(TEMPLATE_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def _load(name: str) -> str | None:
    try:
        return read_asset(name)
    except (FileNotFoundError, IsADirectoryError):
        return None


# ---------------------------------------------------------------- shared filters


def paragraphs(text: str) -> list[str]:
    """Split prose on blank lines; single newlines inside a paragraph become spaces."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return []
    return [" ".join(line.strip() for line in block.splitlines()) for block in re.split(r"\n\s*\n", text)]


def safe_url(url: str) -> str:
    """The URL when it is an absolute http(s) URL, else "" (no javascript:, data:, ...)."""
    url = (url or "").strip()
    if not url or any(ch in url for ch in "\n\r\t \"'<>`"):
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return url


_CODE_SPLIT = re.compile(r"(`+)(.+?)\1", re.DOTALL)


def split_inline_code(text: str) -> list[tuple[bool, str]]:
    """[(is_code, text)] for prose that marks code with backticks, as the rule catalogue does."""
    pieces: list[tuple[bool, str]] = []
    pos = 0
    for m in _CODE_SPLIT.finditer(text):
        if m.start() > pos:
            pieces.append((False, text[pos : m.start()]))
        pieces.append((True, m.group(2)))
        pos = m.end()
    if pos < len(text):
        pieces.append((False, text[pos:]))
    return pieces


# ---------------------------------------------------------------- HTML


def html_inline_code(text: str) -> Markup:
    out = Markup("")
    for is_code, piece in split_inline_code(text or ""):
        out += Markup("<code>%s</code>") % piece if is_code else escape(piece)
    return out


def csp_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@functools.lru_cache(maxsize=1)
def html_env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_load),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(paragraphs=paragraphs, safe_url=safe_url, inline_code=html_inline_code, plain=plain, hours=hours_range)
    return env


@functools.lru_cache(maxsize=1)
def html_assets() -> tuple[Markup, Markup]:
    """The CSS and JS inlined into the page. They are our own files, checked to be
    unable to close their element early."""
    css = read_asset("report.css")
    js = read_asset("report.js")
    if "</style" in css.lower() or "</script" in js.lower() or "<!--" in js:
        raise ValueError("report.css / report.js must not contain a closing tag or <!--")
    return Markup(css), Markup(js)


# ---------------------------------------------------------------- Markdown

# Characters with a meaning anywhere in GitHub-flavoured Markdown text.
_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
# Characters that start a block (heading, list, quote, ...) at the start of a line.
_MD_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+[.)])(?=\s|$)")


def md_escape(value: Any) -> str:
    """Escape text for one line of GitHub-flavoured Markdown (paragraph or table cell).

    Newlines become spaces, `&`, `<`, `>` become entities (no inline HTML), Markdown
    punctuation is backslash-escaped (a `|` cannot end a table cell), and `{{`
    stays as it is (the value is never a template).
    """
    text = str(value)
    text = re.sub(r"\s*[\r\n]+\s*", " ", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_LINE_START.sub(r"\1\\\2", text)
    return text


def md_code(value: Any, cell: bool = False) -> Markup:
    """An inline code span that holds any text: the fence is longer than any run of
    backticks inside. In a table cell a `|` still ends the cell, so it is escaped."""
    text = re.sub(r"[\r\n]+", " ", str(value))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.endswith(" ") and text.strip()):
        text = f" {text} "
    if cell:
        text = text.replace("|", "\\|")
    return Markup(f"{fence}{text}{fence}")


def md_fence(text: str, info: str = "") -> Markup:
    """A fenced code block whose fence no line of `text` can close."""
    text = (text or "").replace("\r\n", "\n").rstrip("\n")
    runs = re.findall(r"^\s*(`{3,}|~{3,})", text, flags=re.MULTILINE)
    longest = max((len(r) for r in runs if r.startswith("`")), default=0)
    fence = "`" * max(3, longest + 1)
    return Markup(f"{fence}{info}\n{text}\n{fence}")


def plain(text: str) -> str:
    """Prose with its backtick code marks removed (for places that cannot hold markup)."""
    return "".join(piece for _, piece in split_inline_code(text or ""))


def md_inline_code(text: str, cell: bool = False) -> Markup:
    out = []
    for is_code, piece in split_inline_code(text or ""):
        out.append(str(md_code(piece, cell)) if is_code else md_escape(piece))
    return Markup("".join(out))


def md_link(label: Any, url: str) -> Markup:
    url = safe_url(url)
    text = label if isinstance(label, Markup) else md_escape(label)
    if not url:
        return Markup(text)
    url = url.replace("(", "%28").replace(")", "%29")
    return Markup(f"[{text}]({url})")


def md_snippet_text(fv: Any) -> str:
    """A finding's snippet as plain text with line numbers; `>` marks the finding's lines."""
    lines = fv.snippet
    width = max((len(str(line.number)) for line in lines if line.number), default=0)
    out = []
    for line in lines:
        if line.number is None:
            out.append(line.text)
        else:
            out.append(f"{'>' if line.marked else ' '} {line.number:>{width}} | {line.text}".rstrip())
    return "\n".join(out)


def tidy_markdown(text: str) -> str:
    """Collapse runs of blank lines outside fenced code blocks; end with one newline."""
    out: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        stripped = line.strip()
        if fence is None:
            m = re.match(r"^(`{3,}|~{3,})", stripped)
            if m:
                fence = m.group(1)
            elif not stripped:
                if out and not out[-1].strip():
                    continue
                line = ""
        elif stripped.startswith(fence) and not stripped.strip(fence[0]):
            fence = None
        out.append(line)
    while out and not out[0].strip():
        out.pop(0)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out) + "\n"


def _md_finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return md_escape(value)


@functools.lru_cache(maxsize=1)
def md_env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_load),
        autoescape=False,
        finalize=_md_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        paragraphs=paragraphs,
        safe_url=safe_url,
        inline_code=md_inline_code,
        code=md_code,
        fence=md_fence,
        link=md_link,
        snippet_text=md_snippet_text,
        raw=Markup,  # only for literal Markdown written in the template itself
        hours=hours_range,
        html=lambda value: Markup(escape(str(value))),  # text inside an HTML block (<summary>): entities, no Markdown
    )
    return env
