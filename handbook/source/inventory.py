"""What a library holds, by id, for ``handbook list`` and for scripts."""

from __future__ import annotations

from pathlib import Path

from .loader import load_library


def inventory(source: Path) -> dict[str, list[dict]]:
    """A list per kind; every item has an ``id`` and a ``title`` or ``name``."""
    library = load_library(source)
    return {
        "regions": [{"id": region.id, "name": region.name, "vertebrae": region.vertebrae,
                     "protocols": [protocol.id for protocol in region.protocols]}
                    for region in library.regions],
        "protocols": [{"id": protocol.id, "title": protocol.title, "region": region.id,
                       "method": protocol.method, "condition": protocol.condition}
                      for region, protocol in library.protocols()],
        "methods": [{"id": method.id, "name": method.name, "family": method.family}
                    for method in library.methods],
        "techniques": [{"id": technique.id, "name": technique.name,
                        "variants": [variant.id for variant in technique.variants]}
                       for technique in library.techniques],
        "contraindications": [{"id": item.id, "title": item.text, "tier": item.tier}
                              for item in library.contraindications],
        "red_flags": [{"id": flag.id, "title": flag.sign} for flag in library.red_flags.flags],
        "sources": [{"id": source.id, "title": source.title, "kind": source.kind}
                    for source in library.sources],
    }
