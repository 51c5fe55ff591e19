"""`python -m bot manifest build`: the Teams app package (zip) an administrator uploads.

manifest/manifest.json is a template: its placeholders are filled from the settings (bot id,
Teams app id, version, valid domains), the result is checked against Microsoft's schema
(vendored in manifest/schema/) and written, with the icons and the localisation files, as a zip.
"""

from __future__ import annotations

import argparse
import json
import re
import struct
import sys
import zipfile
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field

from bot.settings import REPO_ROOT, Settings

MANIFEST_DIR = REPO_ROOT / "manifest"
SCHEMA_DIR = MANIFEST_DIR / "schema"
ICON_SIZES = {"color": (192, 192), "outline": (32, 32)}
GUID = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
DOMAIN = re.compile(r"^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?::\d{1,5})?$")
ALL_DOMAINS = "{{VALID_DOMAINS}}"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the same inputs give the same zip, byte for byte


class ManifestError(Exception):
    """The package cannot be built as asked; the message says what to set."""


class ManifestSettings(Settings):
    """The settings plus what only the app package needs (same environment, same rules)."""

    teams_app_id: str = Field("", validation_alias=AliasChoices("TEAMS_APP_ID", "teams_app_id"))
    app_version: str = Field("", validation_alias=AliasChoices("APP_VERSION", "app_version"))
    public_url: str = Field("", validation_alias=AliasChoices("PUBLIC_URL", "public_url"))


def package_version() -> str:
    try:
        return metadata.version("wegwijzer")
    except metadata.PackageNotFoundError:
        return "0.0.0"


def valid_domains(public_url: str, extra: list[str]) -> list[str]:
    """The bot's public host (from PUBLIC_URL) and any --domain, as bare host names, each once."""
    found = [urlsplit(public_url).netloc if "//" in public_url else public_url] if public_url else []
    domains: list[str] = []
    for domain in (d.strip().lower() for d in [*found, *extra]):
        if not DOMAIN.match(domain):
            raise ManifestError(f"not a domain name: {domain!r} (give a host such as bot.example.org)")
        if domain not in domains:
            domains.append(domain)
    return domains


def fill(template: Any, values: dict[str, str], domains: list[str]) -> Any:
    """The template with each "{{NAME}}" filled in; a list item "{{VALID_DOMAINS}}" becomes the domains."""
    if isinstance(template, dict):
        return {k: fill(v, values, domains) for k, v in template.items()}
    if isinstance(template, list):
        items: list[Any] = []
        for item in template:
            items.extend(domains if item == ALL_DOMAINS else [fill(item, values, domains)])
        return items
    if isinstance(template, str):
        for name, value in values.items():
            template = template.replace("{{" + name + "}}", value)
    return template


def build_manifest(bot_id: str, app_id: str, version: str, domains: list[str]) -> dict[str, Any]:
    if not GUID.match(bot_id):
        raise ManifestError(
            "the bot id must be the bot's Microsoft App ID (a GUID): set MicrosoftAppId or pass --bot-id"
        )
    if not GUID.match(app_id):
        raise ManifestError("the Teams app id must be a GUID: set TEAMS_APP_ID or pass --app-id")
    if not SEMVER.match(version):
        raise ManifestError(f"a version looks like 1.2.3, not {version!r}: set APP_VERSION or --version")
    template = json.loads((MANIFEST_DIR / "manifest.json").read_text(encoding="utf-8"))
    values = {"BOT_ID": bot_id.lower(), "TEAMS_APP_ID": app_id.lower(), "VERSION": version}
    manifest = fill(template, values, domains)
    left = re.findall(r"\{\{\w+\}\}", json.dumps(manifest))
    if left:
        raise ManifestError(f"manifest/manifest.json has placeholders nobody fills: {sorted(set(left))}")
    return manifest


def package_files(manifest: dict[str, Any]) -> list[str]:
    """The files beside manifest.json that the manifest names: icons and localisation files."""
    names = [manifest["icons"]["color"], manifest["icons"]["outline"]]
    info = manifest.get("localizationInfo", {})
    if info.get("defaultLanguageFile"):
        names.append(info["defaultLanguageFile"])
    names += [lang["file"] for lang in info.get("additionalLanguages", [])]
    return names


def png_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def problems(manifest: dict[str, Any]) -> list[str]:
    """What Teams would refuse: the official schema (when jsonschema is installed), files, icon sizes."""
    found = [f"{name} is missing" for name in package_files(manifest) if not (MANIFEST_DIR / name).is_file()]
    for kind, size in ICON_SIZES.items():
        path = MANIFEST_DIR / manifest["icons"][kind]
        if path.is_file() and png_size(path.read_bytes()) != size:
            found.append(f"the {kind} icon must be a {size[0]}×{size[1]} PNG")
    try:
        from jsonschema import Draft4Validator, Draft6Validator, validators
    except ImportError:  # a production install without the test extras: the tests did check it
        print("note: jsonschema is not installed, so the schema check is skipped", file=sys.stderr)
        return found
    validator_class = validators.extend(Draft4Validator, {"const": Draft6Validator.VALIDATORS["const"]})
    checks = [("manifest.json", manifest, "MicrosoftTeams.schema.json")]
    checks += [
        (name, _read_json(MANIFEST_DIR / name), "MicrosoftTeams.Localization.schema.json")
        for name in package_files(manifest)
        if name.endswith(".json") and (MANIFEST_DIR / name).is_file()
    ]
    for name, document, schema_file in checks:
        for error in validator_class(_read_json(SCHEMA_DIR / schema_file)).iter_errors(document):
            where = "/".join(str(p) for p in error.absolute_path) or "(top)"
            found.append(f"{name}: {where}: {error.message}")
    return found


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def write_package(manifest: dict[str, Any], out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as package:
        entries = [("manifest.json", (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode())]
        entries += [(name, (MANIFEST_DIR / name).read_bytes()) for name in package_files(manifest)]
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            package.writestr(info, data)
    return out


def cmd_build(args: argparse.Namespace) -> int:
    settings = ManifestSettings()
    bot_id = (args.bot_id or settings.microsoft_app_id).strip()
    version = (args.version or settings.app_version or package_version()).strip()
    try:
        domains = valid_domains(settings.public_url.strip(), args.domain or [])
        app_id = (args.app_id or settings.teams_app_id or bot_id).strip()
        manifest = build_manifest(bot_id, app_id, version, domains)
    except ManifestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    found = problems(manifest)
    if found:
        print("error: the app package would not be valid:\n  " + "\n  ".join(found), file=sys.stderr)
        return 2
    out = write_package(manifest, args.out or Path("dist") / f"wegwijzer-teams-{version}.zip")
    shown = ", ".join(domains) or "none"
    print(f"wrote {out} (manifest {manifest['manifestVersion']}, version {version}, valid domains: {shown})")
    return 0


def register(subparsers: Any) -> None:
    """Add `manifest build` to the main parser's subparsers."""
    manifest = subparsers.add_parser("manifest", help="the Teams app package")
    sub = manifest.add_subparsers(dest="manifest_command", required=True)
    build = sub.add_parser("build", help="fill manifest/manifest.json from the settings and write the zip")
    build.add_argument("--bot-id", help="the bot's Microsoft App ID (default: MicrosoftAppId)")
    build.add_argument("--app-id", help="the Teams app id (default: TEAMS_APP_ID, else the bot id)")
    build.add_argument("--version", help="the app version, x.y.z (default: APP_VERSION, else the package's)")
    build.add_argument(
        "--domain", action="append", help="a valid domain besides PUBLIC_URL's host (may be repeated)"
    )
    build.add_argument("--out", type=Path, help="the zip (default: dist/wegwijzer-teams-VERSION.zip)")
    build.set_defaults(func=cmd_build)
