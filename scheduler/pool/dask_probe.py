"""Is a Dask scheduler really listening at an address? Asked with a deadline, in bytes.

A Dask client trusts what answers: an HTTP server that waits for a request
leaves it hanging for minutes (the connect timeout does not cover the
handshake), and a server that sends other bytes makes it read the first eight
as a message length and try to allocate that much (exabytes). A Dask
scheduler speaks first: on a new connection it writes its handshake, a small
message framed by its length as 8 little-endian bytes. So the probe connects,
waits at most the given seconds for those 8 bytes and checks the length is
that of a handshake; only then does the real client connect.
"""

from __future__ import annotations

import socket
import struct
import time
from urllib.parse import urlsplit

from scheduler.errors import InputError

HANDSHAKE_MAX_BYTES = 1 << 24  # a scheduler's handshake is a few hundred bytes


def probe_scheduler(address: str, seconds: float) -> None:
    """Return when a Dask scheduler answers at `address` (tcp://HOST:PORT) within `seconds`,
    else raise a one-line InputError saying what answered instead."""
    host, port = _host_port(address)
    if host is None or port is None:
        return  # another transport (tls://, inproc://): the client's own checks apply
    deadline = time.monotonic() + seconds
    try:
        with socket.create_connection((host, port), timeout=seconds) as conn:
            header = _read(conn, 8, deadline)
    except OSError as error:
        raise InputError(address, "", f"cannot reach the Dask scheduler "
                         f"({error.strerror or type(error).__name__})") from None
    if len(header) < 8:
        raise InputError(address, "", f"something listens there but says nothing a Dask "
                         f"scheduler says within {seconds:g} s (a web server?)")
    (length,) = struct.unpack("<Q", header)
    if not 0 < length <= HANDSHAKE_MAX_BYTES:
        raise InputError(address, "", "something answers there, but not as a Dask scheduler")


def _host_port(address: str) -> tuple[str | None, int | None]:
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme != "tcp":
        return None, None
    try:
        return parts.hostname, parts.port
    except ValueError:
        raise InputError(address, "", "not an address such as tcp://HOST:PORT") from None


def _read(conn: socket.socket, size: int, deadline: float) -> bytes:
    """Up to `size` bytes before the deadline (fewer if the peer stays quiet or closes)."""
    data = b""
    while len(data) < size:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        conn.settimeout(left)
        try:
            chunk = conn.recv(size - len(data))
        except TimeoutError:
            break
        if not chunk:
            break
        data += chunk
    return data
