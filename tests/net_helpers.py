"""Network helpers shared by the tests: a free loopback TCP port (the stack's own helper, which
keeps to MESDROITS_PORT_RANGE when it is set)."""

from api.stack import free_port

__all__ = ["free_port"]
