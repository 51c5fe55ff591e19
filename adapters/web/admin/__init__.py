"""The moderator workspace at /admin: an aiohttp sub-app of server-rendered, auto-escaped pages."""

from adapters.web.admin.app import mount_workspace
from adapters.web.admin.settings import WorkspaceConfigError, WorkspaceSettings

__all__ = ["WorkspaceConfigError", "WorkspaceSettings", "mount_workspace"]
