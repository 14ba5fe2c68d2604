"""The record types' JSON Schemas, generated from the pydantic models that validate them, so that an
editor checks a record file by the same rules as `katalog check`."""

from __future__ import annotations

from pydantic import BaseModel

from ..catalogue import Catalogue
from ..schema import Case, Principle
from .links import Links
from .records import dumps

DIALECT = "https://json-schema.org/draft/2020-12/schema"
CASE_SCHEMA = "case.schema.json"
"""The case file's schema in the data folder; `katalog new-case` names its address in a new file's first line."""
FROM_FILE_NAME = "id"
"""The field a record file does not write: the loader takes it from the file's name (validate.py)."""


def file_schema(model: type[BaseModel]) -> dict:
    """The model's schema as a record file must meet it: without the field its name gives."""
    schema = model.model_json_schema()
    schema["properties"] = {name: value for name, value in schema["properties"].items() if name != FROM_FILE_NAME}
    schema["required"] = [name for name in schema.get("required", []) if name != FROM_FILE_NAME]
    return schema


def schema_of(model: type[BaseModel], name: str, links: Links) -> bytes:
    address = links.data(name)
    return dumps({"$schema": DIALECT, **({"$id": address} if "://" in address else {}), **file_schema(model)})


def case_schema(catalogue: Catalogue, links: Links) -> bytes:
    return schema_of(Case, CASE_SCHEMA, links)


def principle_schema(catalogue: Catalogue, links: Links) -> bytes:
    return schema_of(Principle, "principle.schema.json", links)
