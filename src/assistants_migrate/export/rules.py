"""Data rules (AM8xx) emitted by export and import. Findings use path=<object id>, line 0."""

from __future__ import annotations

from assistants_migrate.findings import Effort, Rule, Severity, register

W, E, N = Severity.WARNING, Severity.ERROR, Severity.NOTE

RULES = register(
    Rule(
        "AM801", "Object gone (404): not in the archive", W,
        "The server answered 404: the object was deleted or expired (threads unused for a long time "
        "expired), or the host no longer serves this path.",
        "Check whether the id is still used by your application; if the data matters, look for another copy.",
        False, Effort.S, "export",
    ),
    Rule(
        "AM802", "File bytes not downloadable: parsed text kept instead", W,
        "Files of purpose assistants/user_data (and fine-tune, evals) cannot be downloaded (400). "
        "For files in a vector store the archive keeps the parsed text from the vector-store file "
        "content endpoint, which is not the original file.",
        "Keep your own originals of uploaded files; re-upload them from there when you recreate vector stores.",
        False, Effort.M, "export",
    ),
    Rule(
        "AM803", "Vector-store file content truncated (has_more)", W,
        "The parsed-content endpoint returned has_more=true and documents no way to fetch the next page, "
        "so only the first page of parsed text is in the archive.",
        "Keep the original file; the parsed text in the archive is incomplete.",
        False, Effort.M, "export",
    ),
    Rule(
        "AM804", "Host no longer serves the Assistants API", E,
        "Assistants paths (/assistants, /threads) answer 404: the API was sunset on 2026-08-26. "
        "Only files and vector stores could be exported.",
        "Export threads from a host that still serves them (an Azure gateway, a compatible server, an "
        "earlier archive), or rebuild history from your own database.",
        False, Effort.L, "export",
    ),
    Rule(
        "AM805", "Object could not be exported", E,
        "The server refused the request with a permanent error, or transient errors outlasted the retry budget.",
        "Read the message, fix the cause (permissions, ids) and run export again; finished objects are skipped.",
        False, Effort.M, "export",
    ),
    Rule(
        "AM806", "File content not archived", W,
        "The file's bytes cannot be downloaded and no vector store holds parsed text for it, "
        "so the archive keeps only its metadata.",
        "Keep your own original of this file.",
        False, Effort.M, "export",
    ),
    Rule(
        "AM810", "Code interpreter steps cannot be replayed into a conversation", W,
        "code_interpreter_call items need a server-side container; the archived inputs and outputs "
        "(logs, images) are kept but not carried into the conversation.",
        "Read them from the archive if the application needs them.",
        False, Effort.M, "import",
    ),
    Rule(
        "AM811", "File search steps cannot be replayed into a conversation", W,
        "file_search_call items need server-generated ids; queries and results stay in the archive only.",
        "Nothing to do unless the application showed search results to users.",
        False, Effort.S, "import",
    ),
    Rule(
        "AM812", "Per-message metadata is lost in the conversation", N,
        "Conversation items have no metadata field; message metadata stays in the archive only.",
        "If the application reads message metadata, keep a side table keyed by conversation item.",
        False, Effort.M, "import",
    ),
    Rule(
        "AM813", "Message timestamps and provenance are lost in the conversation", N,
        "Items get server-set creation times and no run_id/assistant_id; originals stay in the archive.",
        "Read original timestamps from the archive when needed.",
        False, Effort.S, "import",
    ),
    Rule(
        "AM814", "Message attachments are not carried", W,
        "Attachments configured tools per message; conversations have no equivalent. The file ids stay "
        "in the archive.",
        "Pass file_search vector stores or code_interpreter container files on each responses.create call.",
        False, Effort.M, "import",
    ),
    Rule(
        "AM815", "Message content not carried (images on assistant turns, unknown blocks, empty text)", W,
        "Assistant turns are replayed as string content, so images they contained (code interpreter "
        "output) and unknown content blocks are dropped.",
        "Keep the archived images if users need to see them.",
        False, Effort.S, "import",
    ),
    Rule(
        "AM816", "Annotations (citations, file paths) are not carried", N,
        "Replayed assistant text is a plain string; file_citation and file_path annotations stay in the archive.",
        "Nothing to do unless the application renders citations from history.",
        False, Effort.S, "import",
    ),
    Rule(
        "AM817", "Thread metadata did not fit conversation metadata", W,
        "Conversation metadata holds at most 16 string pairs (keys <= 64, values <= 512 characters); "
        "the importer's own keys come first.",
        "Keep the thread metadata in the archive or a side table.",
        False, Effort.S, "import",
    ),
    Rule(
        "AM818", "Conversation create had an unknown outcome: an empty conversation may be left", W,
        "A create request may have reached the server but no answer was recorded (timeout, 5xx, dropped "
        "connection or a crash). There is no way to list conversations, so the importer cannot find it. "
        "It creates conversations empty (metadata only) and adds the items afterwards, so such a leftover "
        "holds no items: its metadata names the thread (source_thread_id) and the attempt (import_token).",
        "Nothing to do for the import (the thread is created again and finished). If you keep an inventory "
        "of conversations, an empty one with the listed import_token can be deleted.",
        False, Effort.S, "import",
    ),
    Rule(
        "AM820", "Thread tool resources are not carried into the conversation", W,
        "Conversations carry no tool configuration: the thread's vector stores and code-interpreter files "
        "(`tool_resources`) no longer apply by themselves.",
        "Pass them on each `responses.create` for this conversation (file_search `vector_store_ids`, "
        "code_interpreter `container.file_ids`); keep the thread -> resources mapping next to the map CSV.",
        False, Effort.M, "import",
    ),
    Rule(
        "AM819", "Thread could not be imported", E,
        "The server refused a create or append with a permanent error, or the conversation's items did not "
        "match what the ledger expected.",
        "Read the message; fix the cause and run import again.",
        False, Effort.M, "import",
    ),
)
