"""Which network addresses an import may connect to, checked where the connection is made.

A IIIF manifest from the web is untrusted: its image URLs (and its redirects) may point at the
user's own network — the router, an intranet server, a cloud metadata service at
``169.254.169.254``. So every connection an import makes resolves the host name once, refuses
loopback, private, link-local, multicast, unspecified, reserved and other non-public addresses
(IPv4 and IPv6, looking inside IPv4-mapped, NAT64 and 6to4 IPv6 addresses), and connects to
the address it checked — never resolving the name again, so an answer that changes between the
check and the connection (DNS rebinding) cannot slip through. The HTTP ``Host`` header and the
TLS server name (SNI, certificate check) stay the host name. Redirects open new connections,
so each is checked the same way.

The user may allow hosts explicitly (``--allow-host``, the app's Settings): a name allows
whatever it resolves to, an address or a network (``10.1.0.0/16``) allows those addresses
whatever name led to them.
"""

from __future__ import annotations

import argparse
import ipaddress
import re
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from heritage_explorer.core.errors import HeritageError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_HOST_NAME = re.compile(r"^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$")
ALLOW_HINT = "--allow-host"


class RefusedAddressError(HeritageError):
    """A connection refused because its address is not public and its host was not allowed."""

    def __init__(self, host: str, address: str, reason: str):
        self.host = host
        self.address = address
        self.reason = reason
        shown = address if host == address else f"{address} (the address of {host})"
        super().__init__(
            f"refused: {shown} is {reason}; allow it with {ALLOW_HINT} {host} "
            "(or in the app's Settings, Allowed hosts)"
        )


def address_refusal(address: str | IPAddress) -> str | None:
    """Why ``address`` must not be connected to without the user's leave (``"a loopback address"``,
    ...), or None for a public address. IPv4 addresses carried inside IPv6 ones (``::ffff:a.b.c.d``,
    NAT64 ``64:ff9b::a.b.c.d``, 6to4 ``2002:AABB:CCDD::``) are judged by the IPv4 address too."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or (ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in _NAT64 else None)
        if embedded is not None:
            return address_refusal(embedded)
        if ip.sixtofour is not None and (reason := address_refusal(ip.sixtofour)) is not None:
            return reason
    checks = (
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_reserved, "a reserved address"),
        (ip.is_private, "a private address"),
        (not ip.is_global, "not a public address"),
    )
    return next((reason for refused, reason in checks if refused), None)


def host_argument(text: str) -> str:
    """An ``--allow-host`` value checked when the command line is read (an argparse ``type``)."""
    try:
        NetworkGuard.allowing([text])
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    return text


@dataclass(frozen=True)
class NetworkGuard:
    """The hosts the user allowed; :meth:`resolve` gives the addresses a connection may use."""

    names: frozenset[str] = frozenset()
    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    @classmethod
    def allowing(cls, hosts: Iterable[str] = ()) -> NetworkGuard:
        """A guard allowing ``hosts``: names, addresses (``127.0.0.1``, ``[::1]``) or networks.
        Raises ValueError naming an entry that is none of them."""
        names: set[str] = set()
        networks = []
        for entry in hosts:
            text = entry.strip().lower().rstrip(".")
            bare = text[1:-1] if text.startswith("[") and text.endswith("]") else text
            try:
                networks.append(ipaddress.ip_network(bare, strict=False))
                continue
            except ValueError:
                pass
            ascii_name = _ascii_name(text)
            if ascii_name is None or not _HOST_NAME.match(ascii_name):
                raise ValueError(f"{entry!r} is not a host name, an IP address or a network (like 10.1.0.0/16)")
            names.add(ascii_name)
        return cls(frozenset(names), tuple(networks))

    def allows_address(self, ip: IPAddress) -> bool:
        mapped = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) else None
        return any(ip in net or (mapped is not None and mapped in net) for net in self.networks)

    def resolve(self, host: str, port: int) -> list[tuple[socket.AddressFamily, tuple]]:
        """Resolve ``host`` once; (family, socket address) of each address this guard lets a
        connection use, in the resolver's order. Raises :class:`RefusedAddressError` when none."""
        name = host.strip("[]").lower().rstrip(".")
        try:
            answers = socket.getaddrinfo(name, port, 0, socket.SOCK_STREAM)
        except UnicodeError as exc:
            raise OSError(f"invalid host name {host!r}: {exc}") from exc
        usable, refused = [], None
        for family, _kind, _proto, _canon, sockaddr in answers:
            ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
            reason = address_refusal(ip)
            if reason is None or _ascii_name(name) in self.names or self.allows_address(ip):
                usable.append((family, sockaddr))
            elif refused is None:
                refused = (str(ip), reason)
        if not usable and refused is not None:
            raise RefusedAddressError(name, *refused)
        if not usable:
            raise OSError(f"no address found for {host!r}")
        return usable

    def connector(self) -> Callable[..., socket.socket]:
        """A drop-in for :func:`socket.create_connection` that connects only to the addresses
        :meth:`resolve` vetted (what ``http.client`` connections call to open their socket)."""

        def create_connection(
            address: tuple[str, int], timeout: object = socket._GLOBAL_DEFAULT_TIMEOUT,  # type: ignore[attr-defined]
            source_address: tuple[str, int] | None = None, **_: object,
        ) -> socket.socket:
            host, port = address
            last: OSError | None = None
            for family, sockaddr in self.resolve(host, port):
                sock = socket.socket(family, socket.SOCK_STREAM)
                try:
                    if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:  # type: ignore[attr-defined]
                        sock.settimeout(timeout)  # type: ignore[arg-type]
                    if source_address is not None:
                        sock.bind(source_address)
                    sock.connect(sockaddr)
                    return sock
                except OSError as exc:
                    sock.close()
                    last = exc
            assert last is not None
            raise last

        return create_connection



def _ascii_name(name: str) -> str | None:
    """A host name in its ASCII (IDNA) form, as DNS sees it; None when it has none."""
    if name.isascii():
        return name
    try:
        return name.encode("idna").decode("ascii")
    except UnicodeError:
        return None
