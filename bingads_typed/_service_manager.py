"""What the Reporting and Bulk service managers are built from, in one place.

Who calls (the authorization data), where (the environment), the service clients' options
(they serve the file transfers too), the poll interval, the working folder and the largest
download accepted. Each manager adds its own service client and operations.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bingads_typed.authorization import AuthorizationData

WORKING_NAME = "BingAdsSDKPython"
"""The folder under the system's temp folder that managers work in by default (as upstream)."""


class ServiceManagerBase:
    """The state a manager keeps besides its service client (see the module docstring)."""

    def __init__(
        self,
        authorization_data: AuthorizationData | None,
        poll_interval_in_milliseconds: int,
        environment: str,
        working_directory: str | os.PathLike[str] | None,
        max_download_bytes: int,
        options: dict[str, Any],
    ) -> None:
        self._authorization_data = authorization_data
        self._environment = environment
        self._options = options
        self.poll_interval_in_milliseconds: int = poll_interval_in_milliseconds
        self.working_directory: Path = Path(
            working_directory
            if working_directory is not None
            else Path(tempfile.gettempdir()) / WORKING_NAME
        )
        self.max_download_bytes: int = max_download_bytes

    @property
    def options(self) -> dict[str, Any]:
        """The client options this manager was built with."""
        return dict(self._options)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(environment={self._environment!r})"
