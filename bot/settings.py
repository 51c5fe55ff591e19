"""The one settings object: read from the environment once, passed down."""

from __future__ import annotations

import ipaddress
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_KNOWLEDGE_DIR = REPO_ROOT / "knowledge" / "content"


class SettingsError(ValueError):
    """The settings cannot run safely; the message says why and what to set."""


class Settings(BaseSettings):
    """Environment names follow ../shared/spec/CONTRACT.md; the rest are ours."""

    model_config = SettingsConfigDict(env_file=None, extra="ignore", populate_by_name=True)

    host: str = Field("127.0.0.1", validation_alias=AliasChoices("HOST", "host"))
    port: int = Field(3978, ge=0, le=65535, validation_alias=AliasChoices("PORT", "port"))
    database_url: str = Field(
        "sqlite+aiosqlite:///var/bot.db", validation_alias=AliasChoices("DATABASE_URL", "database_url")
    )
    microsoft_app_id: str = Field("", validation_alias=AliasChoices("MicrosoftAppId", "microsoft_app_id"))
    microsoft_app_password: str = Field(
        "", validation_alias=AliasChoices("MicrosoftAppPassword", "microsoft_app_password")
    )
    microsoft_app_type: str = Field(
        "", validation_alias=AliasChoices("MicrosoftAppType", "microsoft_app_type")
    )
    microsoft_app_tenant_id: str = Field(
        "", validation_alias=AliasChoices("MicrosoftAppTenantId", "microsoft_app_tenant_id")
    )
    allow_unauthenticated: bool = Field(
        False, validation_alias=AliasChoices("ALLOW_UNAUTHENTICATED", "allow_unauthenticated")
    )
    knowledge_dir: Path = Field(
        DEFAULT_KNOWLEDGE_DIR, validation_alias=AliasChoices("KNOWLEDGE_DIR", "knowledge_dir")
    )
    log_level: str = Field("INFO", validation_alias=AliasChoices("LOG_LEVEL", "log_level"))
    # Teams messages are at most ~28 KB; cards and invoke payloads add a little.
    max_message_bytes: int = Field(
        256 * 1024, ge=16 * 1024, validation_alias=AliasChoices("MAX_MESSAGE_BYTES", "max_message_bytes")
    )
    # Dialog state that has not been touched for this long is deleted.
    state_ttl_minutes: int = Field(
        30, ge=1, validation_alias=AliasChoices("STATE_TTL_MINUTES", "state_ttl_minutes")
    )

    @property
    def development_mode(self) -> bool:
        """No bot credentials: requests are not authenticated (CONTRACT.md)."""
        return not self.microsoft_app_id.strip()

    @property
    def host_is_loopback(self) -> bool:
        if self.host in ("localhost", ""):
            return self.host == "localhost"
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False

    def check_safe_to_serve(self) -> None:
        """Refuse an unauthenticated bot that anyone on the network could reach."""
        if self.development_mode and not self.host_is_loopback and not self.allow_unauthenticated:
            raise SettingsError(
                f"HOST={self.host} is not a loopback address and MicrosoftAppId is empty: "
                "anyone on the network could talk to the bot without authentication. "
                "Set MicrosoftAppId/MicrosoftAppPassword, listen on 127.0.0.1, or set "
                "ALLOW_UNAUTHENTICATED=true if you really mean it."
            )

    @property
    def sqlite_path(self) -> Path | None:
        """The database file for a SQLite URL (relative to the working directory), else None."""
        prefix = "sqlite+aiosqlite:///"
        if not self.database_url.startswith(prefix):
            return None
        rest = self.database_url[len(prefix) :]
        return None if rest in ("", ":memory:") else Path(rest)
