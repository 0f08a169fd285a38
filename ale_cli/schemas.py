"""JSON Schemas of every file kind, generated from the models, for editors' completion."""

from __future__ import annotations

import ast
import functools
import inspect
import json
import sys
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from ale_cli import models as m

# file kind → (model, the files it applies to, as globs in the data repository). The YAML extension matches a glob
# anywhere in a path (it puts **/ before it), so `sektorer/*.yaml` would take the sektorer of the periods too, and
# a leading ! leaves such files out.
KINDS: dict[str, tuple[type[BaseModel], tuple[str, ...]]] = {
    "ale": (m.AleConfig, ("ale.yaml",)),
    "verksamhetsplan": (m.Verksamhetsplan, ("verksamhetsplan/*.yaml",)),
    "namnd": (m.Nämnd, ("namnder/*/namnd.yaml",)),
    "sektor": (m.Sektor, ("sektorer/*.yaml", "!perioder/*/sektorer/*.yaml")),
    "namndplan": (m.Nämndplan, ("namnder/*/*/namndplan.yaml",)),
    "matt": (m.Måttlista, ("namnder/*/*/matt.yaml",)),
    "budget": (m.Budget, ("namnder/*/*/budget.yaml",)),
    "internkontrollplan": (m.Internkontrollplan, ("namnder/*/*/internkontrollplan.yaml",)),
    "dialoganteckning": (m.Dialoganteckning, ("perioder/*/enheter/*.yaml", "perioder/*/verksamheter/*.yaml",
                                               "perioder/*/sektorer/*.yaml")),
    "namnduppfoljning": (m.Nämnduppföljning, ("perioder/*/namnder/*.yaml",)),
    "dialog": (m.Dialog, ("perioder/*/dialoger/*.yaml",)),
    "team": (m.Teamrapport, ("perioder/*/team/*.yaml",)),
    "kalender": (m.Kalender, ("kalender/*.yaml",)),
}


class _Generator(GenerateJsonSchema):
    """Pydantic's JSON Schemas, with a mapping whose keys are ids (`mått: {meritvarde-ak9: 219}`) said as ale
    checks it: every key an id (ALE207), every value of the value's type. Pydantic says it with patternProperties,
    which leaves a key that is not an id, and its value, unchecked: the editor marked neither."""

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        result: dict[str, Any] = super().dict_schema(schema)
        patterns = result.pop("patternProperties", None)
        if patterns:
            [(pattern, values)] = patterns.items()
            result["propertyNames"] = {"pattern": pattern}
            result["additionalProperties"] = values
        return result

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        """Each key with the docstring under its field in models.py, which an editor shows when hovering over it."""
        result: dict[str, Any] = super().model_schema(schema)
        docstrings = field_docstrings(schema["cls"])
        for key, value in result.get("properties", {}).items():
            if key in docstrings:
                value["description"] = docstrings[key]
        return result

    def float_schema(self, schema: core_schema.FloatSchema) -> JsonSchemaValue:
        """A whole bound as a whole number (`"maximum": 1`), as newer versions of pydantic write it and older ones
        do not (`1.0`): the schemas are the same whichever version made them, so `ale schema --check` agrees."""
        result: dict[str, Any] = super().float_schema(schema)
        for bound in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            value = result.get(bound)
            if isinstance(value, float) and value.is_integer():
                result[bound] = int(value)
        return result


def field_docstrings(model: type[BaseModel]) -> dict[str, str]:
    """The docstring under each field of `model` (a string on the line after it), as pydantic's
    use_attribute_docstrings reads it."""
    return _docstrings(model.__module__).get(model.__qualname__, {})


@functools.cache
def _docstrings(module: str) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for node in ast.parse(inspect.getsource(sys.modules[module])).body:
        if isinstance(node, ast.ClassDef):
            fields = found.setdefault(node.name, {})
            for field, after in zip(node.body, node.body[1:], strict=False):
                if (isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name)
                        and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                        and isinstance(after.value.value, str)):
                    fields[field.target.id] = inspect.cleandoc(after.value.value)
    return found


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def render(kind: str) -> str:
    model, _ = KINDS[kind]
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              **model.model_json_schema(schema_generator=_Generator)}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def all_schemas() -> dict[str, str]:
    return {file_name(kind): render(kind) for kind in KINDS}


def vscode_settings(schema_folder: str) -> str:
    """`.vscode/settings.json` for the YAML extension: each schema mapped to its files."""
    mapping = {f"{schema_folder}/{file_name(kind)}": list(globs) for kind, (_, globs) in KINDS.items()}
    return json.dumps({"yaml.schemas": mapping}, ensure_ascii=False, indent=2) + "\n"
