"""`python -m bot manifest build` writes a Teams app package that Microsoft's own schema accepts."""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from jsonschema import validators

from bot import manifest_cli

REPO = Path(__file__).resolve().parent.parent
MANIFEST = REPO / "manifest"
SCHEMAS = MANIFEST / "schema"
BOT_ID = "8d0f3c56-3d1e-4a5b-9c7d-2e6f1a0b9c84"
APP_ID = "1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9"
# Microsoft's schemas say draft-04 but use draft-06's `const` (manifestVersion): honour it too.
Validator = validators.extend(
    jsonschema.Draft4Validator, {"const": jsonschema.Draft6Validator.VALIDATORS["const"]}
)


def schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


MANIFEST_SCHEMA = Validator(schema("MicrosoftTeams.schema.json"), format_checker=jsonschema.FormatChecker())
LOCALIZATION_SCHEMA = Validator(schema("MicrosoftTeams.Localization.schema.json"))


def errors(validator: Any, document: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def run(*argv: str) -> int:
    """The command exactly as `python -m bot` parses it once bot/cli.py calls register()."""
    parser = argparse.ArgumentParser(prog="python -m bot")
    manifest_cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


@pytest.fixture
def no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MicrosoftAppId", "TEAMS_APP_ID", "APP_VERSION", "PUBLIC_URL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def package(tmp_path: Path, no_env: None) -> zipfile.ZipFile:
    out = tmp_path / "app.zip"
    code = run(
        "manifest", "build", "--bot-id", BOT_ID, "--app-id", APP_ID, "--version", "1.4.2",
        "--domain", "wegwijzer.example.org", "--out", str(out),
    )  # fmt: skip
    assert code == 0
    return zipfile.ZipFile(out)


def read(package: zipfile.ZipFile, name: str) -> Any:
    return json.loads(package.read(name).decode("utf-8"))


def test_the_schemas_are_microsofts_own_unchanged() -> None:
    readme = (SCHEMAS / "README.md").read_text(encoding="utf-8")
    assert "@microsoft/app-manifest` 1.1.2" in readme and "v1.22" in readme
    for path in SCHEMAS.glob("*.json"):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert digest in readme, f"{path.name} differs from the package"


def test_the_built_manifest_validates_against_the_official_schema(package: zipfile.ZipFile) -> None:
    manifest = read(package, "manifest.json")
    assert errors(MANIFEST_SCHEMA, manifest) == []
    assert manifest["manifestVersion"] == "1.22"
    assert manifest["$schema"].endswith("/teams/v1.22/MicrosoftTeams.schema.json")


def test_the_package_holds_exactly_the_manifest_icons_and_languages(package: zipfile.ZipFile) -> None:
    # Teams wants the files flat at the root of the zip.
    assert sorted(package.namelist()) == ["color.png", "en.json", "manifest.json", "nl.json", "outline.png"]
    manifest = read(package, "manifest.json")
    assert manifest["icons"] == {"color": "color.png", "outline": "outline.png"}
    assert manifest["localizationInfo"] == {
        "defaultLanguageTag": "nl",
        "defaultLanguageFile": "nl.json",
        "additionalLanguages": [{"languageTag": "en", "file": "en.json"}],
    }


def test_placeholders_are_filled_from_the_arguments(package: zipfile.ZipFile) -> None:
    manifest = read(package, "manifest.json")
    assert "{{" not in json.dumps(manifest)
    assert manifest["id"] == APP_ID
    assert manifest["version"] == "1.4.2"
    assert manifest["validDomains"] == ["wegwijzer.example.org"]
    assert manifest["bots"][0]["botId"] == BOT_ID
    assert manifest["composeExtensions"][0]["botId"] == BOT_ID


def test_placeholders_are_filled_from_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_env: None
) -> None:
    monkeypatch.setenv("MicrosoftAppId", BOT_ID.upper())
    monkeypatch.setenv("APP_VERSION", "2.0.0")
    monkeypatch.setenv("PUBLIC_URL", "https://Wegwijzer.Example.org/api/messages")
    assert run("manifest", "build", "--out", str(tmp_path / "app.zip")) == 0
    manifest = read(zipfile.ZipFile(tmp_path / "app.zip"), "manifest.json")
    # The Teams app id falls back to the bot id; GUIDs are written in lower case.
    assert (manifest["id"], manifest["bots"][0]["botId"]) == (BOT_ID, BOT_ID)
    assert manifest["version"] == "2.0.0"
    assert manifest["validDomains"] == ["wegwijzer.example.org"]
    assert errors(MANIFEST_SCHEMA, manifest) == []


def test_without_a_domain_the_list_is_empty_and_still_valid(tmp_path: Path, no_env: None) -> None:
    assert run("manifest", "build", "--bot-id", BOT_ID, "--out", str(tmp_path / "app.zip")) == 0
    manifest = read(zipfile.ZipFile(tmp_path / "app.zip"), "manifest.json")
    assert manifest["validDomains"] == []
    assert manifest["version"] == manifest_cli.package_version()
    assert errors(MANIFEST_SCHEMA, manifest) == []


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        ((), "MicrosoftAppId"),  # no bot id at all: the package would not reach the bot
        (("--bot-id", "not-a-guid"), "MicrosoftAppId"),
        (("--bot-id", BOT_ID, "--app-id", "x"), "TEAMS_APP_ID"),
        (("--bot-id", BOT_ID, "--version", "1.0"), "1.2.3"),  # Teams wants three numbers
        (("--bot-id", BOT_ID, "--version", "v1.0.0"), "1.2.3"),
        (("--bot-id", BOT_ID, "--domain", "https://x.org/path"), "not a domain"),  # a URL, not a host
        (("--bot-id", BOT_ID, "--domain", "localhost"), "not a domain"),
    ],
)
def test_bad_settings_are_refused_and_no_zip_is_written(
    argv: tuple[str, ...], says: str, tmp_path: Path, no_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "app.zip"
    assert run("manifest", "build", *argv, "--out", str(out)) == 2
    assert says in capsys.readouterr().err
    assert not out.exists()


def test_the_same_inputs_give_the_same_zip(tmp_path: Path, no_env: None) -> None:
    built = []
    for name in ("a.zip", "b.zip"):
        out = str(tmp_path / name)
        assert run("manifest", "build", "--bot-id", BOT_ID, "--version", "1.0.0", "--out", out) == 0
        built.append((tmp_path / name).read_bytes())
    assert built[0] == built[1]


@pytest.mark.parametrize("name", ["nl.json", "en.json"])
def test_localisation_files_validate_and_name_manifest_strings(package: zipfile.ZipFile, name: str) -> None:
    manifest, strings = read(package, "manifest.json"), read(package, name)
    assert errors(LOCALIZATION_SCHEMA, strings) == []
    assert strings["$schema"].endswith("/teams/v1.22/MicrosoftTeams.Localization.schema.json")
    for key, text in strings.items():
        if key != "$schema":
            assert isinstance(at(manifest, key), str), f"{name}: {key} names no string in the manifest"
            assert text.strip()


def test_dutch_is_the_default_and_english_translates_every_string(package: zipfile.ZipFile) -> None:
    manifest, nl, en = (read(package, n) for n in ("manifest.json", "nl.json", "en.json"))
    # The default language file says what the manifest says: the two can never disagree.
    assert all(at(manifest, key) == text for key, text in nl.items() if key != "$schema")
    assert set(en) == set(nl)
    # Only the name and 'Help' read the same in both languages.
    assert {nl[k] for k in nl if k != "$schema" and en[k] == nl[k]} == {"Wegwijzer", "Help"}
    # Every user-facing string of the manifest is in the files, so nothing stays Dutch for English users.
    assert set(nl) - {"$schema"} == set(localizable(manifest))


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("manifestVersion",), "1.21"),  # const: the schema file belongs to one version
        (("bots", 0, "botId"), "not-a-guid"),
        (("name", "short"), "W" * 31),
        (("accentColor",), "blue"),
        (("developer", "privacyUrl"), "http//nope"),
        (("composeExtensions", 0, "commands", 0, "title"), "x" * 33),
        (("bots", 0, "commandLists", 0, "commands", 0, "colour"), "red"),  # unknown property
    ],
)
def test_the_schema_check_is_live(package: zipfile.ZipFile, path: tuple[Any, ...], value: Any) -> None:
    """Negative controls: a validator that accepts anything would pass the tests above."""
    broken = copy.deepcopy(read(package, "manifest.json"))
    target = broken
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert errors(MANIFEST_SCHEMA, broken)


def test_the_builder_refuses_what_the_schema_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    manifest = manifest_cli.build_manifest(BOT_ID, APP_ID, "1.0.0", [])
    assert manifest_cli.problems(manifest) == []
    manifest["name"]["short"] = "W" * 31
    assert any("name/short" in p for p in manifest_cli.problems(manifest))


def test_the_template_keeps_its_placeholders() -> None:
    """The source in git stays a template: ids and versions come from the settings, never from a commit."""
    text = (MANIFEST / "manifest.json").read_text(encoding="utf-8")
    assert set(re.findall(r"\{\{\w+\}\}", text)) == {
        "{{BOT_ID}}", "{{TEAMS_APP_ID}}", "{{VERSION}}", "{{VALID_DOMAINS}}"
    }  # fmt: skip
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", text, re.I), "a real GUID in the template"


def test_personal_chat_is_the_main_scope(package: zipfile.ZipFile) -> None:
    manifest = read(package, "manifest.json")
    assert manifest["defaultInstallScope"] == "personal"
    assert manifest["bots"][0]["scopes"][0] == "personal"
    command = manifest["composeExtensions"][0]["commands"][0]
    assert (command["type"], command["context"], command["fetchTask"]) == ("action", ["compose"], True)
    assert command["title"] == "Controleer op inclusieve taal"


# ---------------------------------------------------------------- helpers
def at(document: Any, key: str) -> Any:
    """The value at a localisation key such as 'bots[0].commandLists[1].commands[2].title'."""
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", key):
        index = part[1:-1] if part.startswith("[") else None
        try:
            document = document[int(index)] if index is not None else document[part]
        except (KeyError, IndexError, TypeError):
            return None
    return document


def localizable(manifest: dict[str, Any]) -> list[str]:
    """The manifest's user-facing strings that the localisation schema lets us translate."""
    keys = [f"{a}.{b}" for a in ("name", "description") for b in ("short", "full")]
    for i, command_list in enumerate(manifest["bots"][0]["commandLists"]):
        for j, _ in enumerate(command_list["commands"]):
            keys += [f"bots[0].commandLists[{i}].commands[{j}].{f}" for f in ("title", "description")]
    for j, _ in enumerate(manifest["composeExtensions"][0]["commands"]):
        keys += [f"composeExtensions[0].commands[{j}].{f}" for f in ("title", "description")]
    return keys
