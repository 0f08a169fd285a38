"""JSON Schemas of every file kind, generated from the models, for editors' completion."""

from __future__ import annotations

import json

from pydantic import BaseModel

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


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def render(kind: str) -> str:
    model, _ = KINDS[kind]
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def all_schemas() -> dict[str, str]:
    return {file_name(kind): render(kind) for kind in KINDS}


def vscode_settings(schema_folder: str) -> str:
    """`.vscode/settings.json` for the YAML extension: each schema mapped to its files."""
    mapping = {f"{schema_folder}/{file_name(kind)}": list(globs) for kind, (_, globs) in KINDS.items()}
    return json.dumps({"yaml.schemas": mapping}, ensure_ascii=False, indent=2) + "\n"
