"""Fixtures shared by the test modules: objects a test asks for by name.

Paths are plain constants in tests/support/paths.py; what lives here is made anew for
the tests that ask: a click runner, and a Dask cluster on loopback per module.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from tests.support.dask_local import local_cluster

# The tests read English whatever the machine's locale (an `id_ID` desktop would otherwise
# turn every command Indonesian); tests of the language choice pass their own environment.
os.environ["EKTP_LANG"] = "en"


@pytest.fixture
def runner() -> CliRunner:
    """Runs `ektp-sched` in this process: `runner.invoke(cli, [...])`."""
    return CliRunner()


@pytest.fixture(scope="module")
def dask_address() -> Iterator[str]:
    """A real two-worker Dask cluster on loopback, shared by one module's tests."""
    with local_cluster() as address:
        yield address
