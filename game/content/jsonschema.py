"""The JSON Schema of a pack file, generated from the pydantic models."""

from __future__ import annotations

import json
from typing import Any

from game.content.schema import FORMAT_VERSION, PackFile

SCHEMA_ID = "korean-theater-pack.schema.json"


def schema_dict() -> dict[str, Any]:
    schema = PackFile.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = f"Korean Theater pack file (format {FORMAT_VERSION})"
    return schema


def schema_text() -> str:
    return json.dumps(schema_dict(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
