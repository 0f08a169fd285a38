"""JSON Schemas of every file kind, generated from the models, for editors' completion."""

from __future__ import annotations

import json
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


    def float_schema(self, schema: core_schema.FloatSchema) -> JsonSchemaValue:
        """A whole bound as a whole number (`"maximum": 1`), as newer versions of pydantic write it and older ones
        do not (`1.0`): the schemas are the same whichever version made them, so `ale schema --check` agrees."""
        result: dict[str, Any] = super().float_schema(schema)
        for bound in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            value = result.get(bound)
            if isinstance(value, float) and value.is_integer():
                result[bound] = int(value)
        return result


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
