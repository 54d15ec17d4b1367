"""WIOD 2016 (Release Nov 2016) industry codes and the industry groups of methods.md §2.

Codes are the 56 NIOT industry columns in file order (data-notes Part B §3). Groups are tuples of
codes, in WIOD order, so they can index a labelled coefficient matrix directly.
"""

from __future__ import annotations

WIOD56: tuple[str, ...] = (
    "A01", "A02", "A03", "B", "C10-C12", "C13-C15", "C16", "C17", "C18", "C19", "C20", "C21",
    "C22", "C23", "C24", "C25", "C26", "C27", "C28", "C29", "C30", "C31_C32", "C33", "D35",
    "E36", "E37-E39", "F", "G45", "G46", "G47", "H49", "H50", "H51", "H52", "H53", "I", "J58",
    "J59_J60", "J61", "J62_J63", "K64", "K65", "K66", "L68", "M69_M70", "M71", "M72", "M73",
    "M74_M75", "N", "O84", "P85", "Q", "R_S", "T", "U",
)  # fmt: skip

#: Manufacturing, C10-C12 … C33 (19 industries).
MANUFACTURING: tuple[str, ...] = WIOD56[WIOD56.index("C10-C12") : WIOD56.index("C33") + 1]

#: Producer-service sub-groups (methods.md §2).
PRODUCER_SERVICE_SUBGROUPS: dict[str, tuple[str, ...]] = {
    "trade": ("G45", "G46", "G47"),
    "transport_logistics": ("H49", "H50", "H51", "H52", "H53"),
    "information_ict": ("J58", "J59_J60", "J61", "J62_J63"),
    "finance": ("K64", "K65", "K66"),
    "real_estate": ("L68",),
    "professional_rd": ("M69_M70", "M71", "M72", "M73", "M74_M75"),
    "business_support": ("N",),
}

#: Producer services (22 industries), in WIOD order.
PRODUCER_SERVICES: tuple[str, ...] = tuple(
    c for c in WIOD56 if any(c in g for g in PRODUCER_SERVICE_SUBGROUPS.values())
)

#: Industries with structurally zero domestic output in China's WIOD NIOT (data-notes B §3).
CHINA_ZERO_OUTPUT: tuple[str, ...] = (
    "C33", "G45", "J58", "J59_J60", "K66", "M71", "M73", "T", "U",
)  # fmt: skip


def all_groups() -> dict[str, tuple[str, ...]]:
    """Named groups: ``manufacturing``, ``producer_services`` and each ``ps_<subgroup>``."""
    out = {"manufacturing": MANUFACTURING, "producer_services": PRODUCER_SERVICES}
    out.update({f"ps_{k}": v for k, v in PRODUCER_SERVICE_SUBGROUPS.items()})
    return out
