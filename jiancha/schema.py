"""JSON Schema files generated from the pydantic models: the dataset's public contract."""

from __future__ import annotations

import json
from pathlib import Path

from .models import Article, Dataset, Mapping

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMAS = {
    "article.schema.json": Article,
    "dataset.schema.json": Dataset,
    "mapping.schema.json": Mapping,
}


def schema_documents() -> dict[str, str]:
    """File name → the schema's JSON text, exactly as committed under schema/."""
    docs = {}
    for name, model in SCHEMAS.items():
        schema = {"$schema": SCHEMA_DIALECT, **model.model_json_schema()}
        docs[name] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return docs


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_documents().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(directory: Path) -> list[str]:
    """Names of committed schema files that differ from what the models generate."""
    stale = []
    for name, text in schema_documents().items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale


def load_schema(directory: Path, name: str) -> dict:
    return json.loads((directory / name).read_text(encoding="utf-8"))
