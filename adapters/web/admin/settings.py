"""The workspace's own settings, read from the environment (names below) beside bot.settings.Settings."""

from __future__ import annotations

from urllib.parse import urlsplit

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ROLES: tuple[str, ...] = ("editor", "moderator", "exporter", "admin")


class WorkspaceConfigError(ValueError):
    """The workspace cannot run safely with these settings; the message says what to set."""


def _env(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class WorkspaceSettings(BaseSettings):
    """ADMIN_* environment variables; see README (moderator workspace)."""

    model_config = SettingsConfigDict(env_file=None, extra="ignore", populate_by_name=True)

    enabled: bool = Field(True, validation_alias=_env("ADMIN_ENABLED", "enabled"))
    oidc_issuer: str = Field("", validation_alias=_env("ADMIN_OIDC_ISSUER", "oidc_issuer"))
    oidc_client_id: str = Field("", validation_alias=_env("ADMIN_OIDC_CLIENT_ID", "oidc_client_id"))
    oidc_client_secret: str = Field(
        "", validation_alias=_env("ADMIN_OIDC_CLIENT_SECRET", "oidc_client_secret")
    )
    # Entra ID puts app roles in "roles"; values such as "Wegwijzer.Editor" count as "editor".
    oidc_role_claim: str = Field("roles", validation_alias=_env("ADMIN_OIDC_ROLE_CLAIM", "oidc_role_claim"))
    oidc_scopes: str = Field("openid profile", validation_alias=_env("ADMIN_OIDC_SCOPES", "oidc_scopes"))
    # The address staff use (https://…); the sign-in callback is <public_url>/admin/callback.
    public_url: str = Field("", validation_alias=_env("ADMIN_PUBLIC_URL", "public_url"))
    # On: whoever publishes must not be the author of any change being published.
    four_eyes: bool = Field(False, validation_alias=_env("ADMIN_FOUR_EYES", "four_eyes"))
    session_hours: float = Field(
        8.0, gt=0, le=24, validation_alias=_env("ADMIN_SESSION_HOURS", "session_hours")
    )
    # How often every instance looks for a newer published knowledge version.
    poll_seconds: float = Field(
        2.0, gt=0, le=300, validation_alias=_env("ADMIN_KNOWLEDGE_POLL_SECONDS", "poll_seconds")
    )

    @property
    def oidc_configured(self) -> bool:
        return bool(self.oidc_issuer.strip() and self.oidc_client_id.strip() and self.oidc_client_secret)

    def check(self, production: bool) -> None:
        """Production needs OpenID Connect over https; development may go without (local sign-in link)."""
        if not self.enabled:
            return
        if production and not self.oidc_configured:
            raise WorkspaceConfigError(
                "the moderator workspace needs OpenID Connect in production: set ADMIN_OIDC_ISSUER, "
                "ADMIN_OIDC_CLIENT_ID and ADMIN_OIDC_CLIENT_SECRET (or ADMIN_ENABLED=false)"
            )
        if self.oidc_configured:
            issuer = urlsplit(self.oidc_issuer)
            loopback = issuer.hostname in ("127.0.0.1", "localhost", "::1")
            if issuer.scheme != "https" and not (issuer.scheme == "http" and loopback and not production):
                raise WorkspaceConfigError("ADMIN_OIDC_ISSUER must be an https:// address")
        if production and self.public_url and not self.public_url.startswith("https://"):
            raise WorkspaceConfigError("ADMIN_PUBLIC_URL must be an https:// address in production")
