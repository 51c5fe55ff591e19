"""The import picture of STYLE.md holds: bot -> dialogs, adapters -> knowledge; the SDK stays at the edge."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "dialogs", "adapters", "knowledge")
SDK = ("botbuilder", "botframework")
# Which of our packages each package may import.
ALLOWED = {
    "knowledge": {"knowledge"},
    "dialogs": {"dialogs", "knowledge"},
    "adapters": {"adapters", "knowledge"},
    "bot": {"bot", "dialogs", "adapters", "knowledge"},
}
# The only files that may import the Bot Framework SDK.
SDK_FILES = {"dialogs/_sdk.py"}
SDK_DIRS = ("adapters/teams/",)
FRAMEWORKS_FORBIDDEN_IN_KNOWLEDGE = (
    "aiohttp",
    "sqlalchemy",
    "alembic",
    "botbuilder",
    "botframework",
    "jinja2",
)


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def _files() -> list[Path]:
    return sorted(
        p for pkg in PACKAGES for p in (REPO / pkg).rglob("*.py") if "migrations/versions" not in str(p)
    )


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(REPO)))
def test_imports_follow_the_picture(path: Path) -> None:
    rel = path.relative_to(REPO).as_posix()
    package = rel.split("/")[0]
    problems = []
    for line, module in _imports(path):
        top = module.split(".")[0]
        if top in PACKAGES and top not in ALLOWED[package]:
            problems.append(
                f"{rel}:{line} imports {module}: {package}/ may import only {sorted(ALLOWED[package])}"
            )
        if top in SDK and rel not in SDK_FILES and not rel.startswith(SDK_DIRS):
            problems.append(
                f"{rel}:{line} imports the Bot Framework SDK ({module}); "
                "keep it in dialogs/_sdk.py or adapters/teams/"
            )
        if package == "knowledge" and top in FRAMEWORKS_FORBIDDEN_IN_KNOWLEDGE:
            problems.append(f"{rel}:{line} imports {module}: knowledge/ stays free of frameworks")
    assert not problems, "\n".join(problems)


def test_our_packages_are_the_ones_imported() -> None:
    """PyPI has unrelated packages named like ours; make sure these modules come from this repository."""
    import adapters
    import bot
    import dialogs
    import knowledge

    for module in (adapters, bot, dialogs, knowledge):
        assert Path(module.__file__).resolve().is_relative_to(REPO), module.__file__
