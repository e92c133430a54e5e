"""One handbook, from a protocols folder to a file on disk: options → source → edition →
render → typeset → file.

An unchanged rebuild is answered from the cache before anything heavy is
imported: the key covers every input file, the layouts, the options and the
package's code.  Nothing is written unless the whole build succeeded.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .clock import source_epoch
from .files import scan_folder
from .resources import LAYOUTS
from .scratch import scratch
from .typeset.cache import Cache, default_folder, digest, folder_digest

if TYPE_CHECKING:
    from .render.document import Handbook
    from .typeset.pool import Runner
    from .typeset.tasks import Metadata, UnitDocument


@dataclass(frozen=True)
class BuildOptions:
    source: Path
    output: Path
    format: str = "pdf"
    audience: str = "therapist"
    #: The leaflet in large print (16 pt) for patients with low vision.
    large_print: bool = False
    regions: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    paper: str = "a4"
    duplex: bool = False
    booklet: bool = False
    bleed: float = 0.0
    marks: bool = False
    variant: str | None = None
    #: With a structure tree (everything but a booklet, whose sheets hold two pages each).
    tagged: bool = True
    time_limit: float = 600.0
    jobs: int | None = None
    cache_folder: Path | None = field(default_factory=default_folder)
    #: Build a withdrawn edition all the same (for the archive).
    allow_withdrawn: bool = False
    #: The earlier edition (a folder, or REVISION:FOLDER): its changes follow the contents.
    previous: str | None = None

    def key(self) -> str:
        """What the output depends on, apart from the files themselves."""
        relevant = {name: value for name, value in asdict(self).items()
                    if name not in ("source", "output", "time_limit", "jobs", "cache_folder")}
        return json.dumps(relevant, sort_keys=True, default=str)


@dataclass(frozen=True)
class BuildResult:
    output: Path
    pages: int | None
    seconds: float
    #: URLs the sandbox refused to fetch, whichever path typeset them.
    refused: tuple[str, ...] = ()
    sheets: int | None = None
    #: Advice for whoever prints the file (a booklet too thick to staple), and what the
    #: build says about the edition's control data today (a review due, a draft).
    warnings: tuple[str, ...] = ()
    from_cache: bool = False
    units_typeset: int | None = None
    units_cached: int | None = None
    pdf: bytes = field(default=b"", repr=False)
    #: The page of every anchor, when typeset unit by unit (the live preview's contents).
    page_numbers: dict[str, int] = field(default_factory=dict, repr=False)


@scratch()  # WeasyPrint's font copies go in the run's own folder, removed at its end
def build(options: BuildOptions, runner: Runner | None = None) -> BuildResult:
    """Read, validate, select, render, typeset and write; nothing is written on failure.

    ``runner`` keeps its worker processes (WeasyPrint loaded) across builds: the live
    preview passes one; a plain build starts its own."""
    started = time.perf_counter()
    cache = Cache(options.cache_folder)
    key = _output_key(options) if options.cache_folder else ""
    hit = _cached_output(cache, key, options) if key else None
    if hit is not None:
        from .files import write_atomically

        metadata, data = hit
        write_atomically(options.output, data)
        return BuildResult(options.output, metadata["pages"], time.perf_counter() - started,
                           refused=tuple(metadata["refused"]), sheets=metadata["sheets"],
                           from_cache=True, warnings=tuple(metadata["warnings"])
                           + _warnings(options.source, *metadata["control"]))
    result, data, control = _build(options, cache, runner)
    if key:
        cache.put("outputs", key, {"pages": result.pages, "sheets": result.sheets,
                                   "refused": result.refused, "warnings": result.warnings,
                                   "control": control}, data)
        cache.prune()
    return dataclasses.replace(result, seconds=time.perf_counter() - started, pdf=b"",
                               warnings=result.warnings + _warnings(options.source, *control))


def _control(library) -> list:
    """The edition's status and review date, as the output cache keeps them."""
    control = library.edition.control
    return [control.status, control.review_by.isoformat()] if control else [None, None]


def _warnings(source: Path, status: str | None, review_by: str | None) -> tuple[str, ...]:
    """The control warnings of today, each naming the edition's file."""
    from .edition.control import control_warnings
    from .errors import display_path

    due = datetime.date.fromisoformat(review_by) if review_by else None
    where = display_path(source / "handbook.yaml")
    return tuple(f"{where}: {warning}"
                 for warning in control_warnings(status, due, datetime.date.today()))


def _build(options: BuildOptions, cache: Cache, runner: Runner | None = None
           ) -> tuple[BuildResult, bytes, list]:
    unit_by_unit = options.format == "pdf" and options.variant != "pdf/a-3u"
    if not unit_by_unit:
        return _build_with(options, cache, None)
    if runner is not None:
        runner.begin()
        return _build_with(options, cache, runner)
    from .typeset.pool import Runner

    with Runner(cache, options.jobs) as runner:
        runner.start()  # the workers load WeasyPrint while this process validates
        return _build_with(options, cache, runner)


def _build_with(options: BuildOptions, cache: Cache, runner: Runner | None
                ) -> tuple[BuildResult, bytes, list]:
    from .edition.control import withdrawn
    from .errors import ContentError, Problem, display_path
    from .render.guard import budget
    from .source.loader import load_library

    library = load_library(options.source)
    reason = withdrawn(library.edition)
    if reason and not options.allow_withdrawn:
        raise ContentError([Problem(display_path(options.source / "handbook.yaml"), 0, 0, (
            f"{reason}, so it is not built; build it with --allow-withdrawn only for the "
            "archive (every page then says it is withdrawn)"))])
    with budget(options.time_limit):  # rendering keeps to the build's time limit
        return (*_render_and_write(library, options, runner), _control(library))


def _render_and_write(library, options: BuildOptions, runner: Runner | None
                      ) -> tuple[BuildResult, bytes]:
    from .edition.selection import select
    from .files import write_atomically
    from .render.document import Handbook
    from .render.paper import PAPERS, SHEETS, PageSetup

    selection = select(library, options.regions, options.methods)
    changes = None
    if options.previous:
        from .edition.changes import compare_editions

        changes = compare_editions(options.previous, str(options.source))
    epoch = source_epoch(library.edition.date)
    modified = datetime.datetime.fromtimestamp(epoch, datetime.UTC).date()
    setup = PageSetup(PAPERS[options.paper], duplex=options.duplex or options.booklet,
                      bleed=options.bleed, marks=options.marks, booklet=options.booklet,
                      large_print=options.large_print)
    handbook = Handbook(selection, setup=setup, modified=modified,
                        embed_fonts=options.format == "html", audience=options.audience,
                        changes=changes)
    if options.format == "html":
        data = handbook.document().encode("utf-8")
        write_atomically(options.output, data)
        return BuildResult(options.output, None, 0.0), data
    result = _typeset(handbook, options, runner, epoch)
    data, sheets, warnings = result.pdf, None, ()
    if options.bleed or options.marks:
        from .typeset.marks import finish_for_print

        data = finish_for_print(data, options.bleed, options.marks)
    if options.booklet:
        from .typeset.imposition import impose

        _, width, height = SHEETS[PAPERS[options.paper].booklet_sheet]
        data = impose(data, (width, height))
        sheets = -(-result.pages // 4)
        warnings = _binding_advice(result.pages, sheets,
                                   [region.id for region in selection.regions])
    write_atomically(options.output, data)
    return dataclasses.replace(result, sheets=sheets, warnings=warnings), data


def _binding_advice(pages: int, sheets: int, regions: list[str]) -> tuple[str, ...]:
    """A booklet too thick to saddle-stitch: say so, and how else to print it."""
    from .typeset.imposition import SADDLE_STITCH_PAGES

    if pages <= SADDLE_STITCH_PAGES:
        return ()
    choices = ["have it bound as a book (perfect binding): build it with --duplex instead of "
               "--booklet, a plain double-sided PDF with chapters on right-hand pages"]
    if len(regions) > 1:
        volumes = ", ".join(f"--region {region}" for region in regions)
        choices.insert(0, f"split it into volumes, one booklet per region: {volumes}")
    return (f"{pages} pages on {sheets} sheets is more than a saddle stitch holds well "
            f"(about {SADDLE_STITCH_PAGES} pages, {SADDLE_STITCH_PAGES // 4} sheets); "
            + "; or ".join(choices) + ".",)


def _typeset(handbook: Handbook, options: BuildOptions, runner: Runner | None,
             epoch: int) -> BuildResult:
    """PDF/A is typeset as one document; the rest, PDF/UA included, unit by unit.  Both
    are tagged, but for a booklet, which imposition cannot keep tagged.

    The result's ``pdf`` holds the document, before any imposition."""
    tagged = (options.tagged or options.variant == "pdf/ua-1") and not options.booklet
    if runner is None:
        from .typeset.whole import print_pdf

        printed = print_pdf(handbook.document(), allowed=[options.source], epoch=epoch,
                            time_limit=options.time_limit, variant=options.variant,
                            tagged=tagged)
        return BuildResult(options.output, printed.pages, 0.0, printed.refused, pdf=printed.pdf)
    from .typeset.units import TypesetOptions, typeset

    typeset_result = typeset(
        typesettable(handbook), metadata_of(handbook, conformance=options.variant),
        TypesetOptions(allowed=(str(options.source.resolve()),), epoch=epoch,
                       time_limit=options.time_limit, tagged=tagged), runner)
    return BuildResult(options.output, typeset_result.pages, 0.0, typeset_result.refused,
                       pdf=typeset_result.pdf, units_typeset=typeset_result.units_typeset,
                       units_cached=typeset_result.units_cached,
                       page_numbers=typeset_result.numbers)


def typesettable(handbook: Handbook) -> UnitDocument:
    """The rendered handbook as the plain data typesetting works on."""
    from .edition import anchors

    placeholders = {anchor: 0 for anchor in handbook.numbered_anchors()}
    booklet = {}
    if handbook.setup.booklet:  # chapters open on the right, the rest on the next page
        chapters = {entry.anchor for entry in handbook.contents if entry.level == 1}
        booklet = dict(right_hand_units=frozenset({anchors.COVER, anchors.CONTENTS, *chapters}),
                       left_stylesheet=handbook.stylesheet(page_numbers=False, first="left"),
                       back_cover=anchors.BACK_COVER)
    return unit_document(
        handbook, handbook.units(page_numbers=placeholders), outline=handbook.contents,
        contents_unit=anchors.CONTENTS,
        numbered_contents=lambda numbers: handbook.html([handbook.contents_unit(numbers)], None),
        unnumbered=frozenset({anchors.COVER, anchors.BACK_COVER}), **booklet)


def unit_document(handbook: Handbook, units, *, outline=(), contents_unit: str | None = None,
                  numbered_contents=None, unnumbered: frozenset[str] = frozenset(),
                  personal: frozenset[str] = frozenset(), **booklet) -> UnitDocument:
    """Rendered units as the plain data typesetting works on (a handbook, or a plan)."""
    from .typeset.tasks import Footer, FooterPlace, OutlineEntry, UnitDocument

    return UnitDocument(
        units=tuple((unit.name, handbook.html([unit], None)) for unit in units),
        stylesheet=handbook.stylesheet(page_numbers=False),
        duplex=handbook.setup.duplex,
        outline=tuple(OutlineEntry(entry.level, entry.title, entry.anchor) for entry in outline),
        contents_unit=contents_unit,
        numbered_contents=numbered_contents or (lambda numbers: ""),
        footer=Footer(handbook.page_number_text(), *handbook.running_type(),
                      handbook.setup.duplex,
                      {name: FooterPlace(*place) for name, place in
                       handbook.footer_places().items()}, handbook.mark_place()),
        unnumbered_units=unnumbered, personal_units=personal, **booklet)


def metadata_of(handbook: Handbook, title: str | None = None,
                conformance: str | None = None) -> Metadata:
    from .typeset.tasks import Metadata

    edition = handbook.selection.library.edition
    return Metadata(
        title=title or handbook.context["document_title"], authors=tuple(edition.authors),
        subject=" ".join(edition.subject.split()), keywords=tuple(edition.keywords),
        creator=f"handbook {handbook.context['version']}", language=edition.language,
        created="D:" + edition.date.strftime("%Y%m%d"),
        modified="D:" + handbook.modified.strftime("%Y%m%d"), conformance=conformance)


def _output_key(options: BuildOptions) -> str:
    """The finished file's key: every entry of the folder, the layouts, the options.  No key
    ("" : no lookup, no store) when the folder holds anything a build would refuse, so the
    cache never answers for a folder a fresh build would not accept."""
    if not options.source.is_dir() or options.previous:
        return ""  # an earlier edition may be a git revision: its changes are not keyed
    scan = scan_folder(options.source)
    if scan.refused:
        return ""
    return digest("output", options.key(), scan.digest, folder_digest(LAYOUTS),
                  os.environ.get("SOURCE_DATE_EPOCH", ""))


def _cached_output(cache: Cache, key: str, options: BuildOptions) -> tuple[dict, bytes] | None:
    """A whole finished file for ``key``, or None (a malformed entry is removed)."""
    entry = cache.get("outputs", key)
    if entry is None:
        return None
    metadata, data = entry
    pages, sheets, refused, warnings, control = (metadata.get(name) for name in (
        "pages", "sheets", "refused", "warnings", "control"))
    expected = b"<!DOCTYPE html>" if options.format == "html" else b"%PDF"
    if (not data.startswith(expected) or not isinstance(refused, list)
            or not isinstance(warnings, list)
            or not (isinstance(control, list) and len(control) == 2
                    and all(value is None or isinstance(value, str) for value in control))
            or not (pages is None or isinstance(pages, int))
            or not (sheets is None or isinstance(sheets, int))):
        cache.discard("outputs", key)
        return None
    return entry
