"""A clinic's layouts/ folder, attacked: an override that tries to run code, read a file,
or exhaust time or memory is stopped, and reported as ``file:line: message`` naming it.

Each attack is one small template, as someone mailing a protocols folder could write.
"""

from __future__ import annotations

import time

import pytest

from conftest import invoke

OVERRIDE = "layouts/parts/how-to-use.html.j2"


def attack(folder, template: str, *options: str, name: str = OVERRIDE, limit: int = 3):
    """Build ``folder`` with ``template`` as an override; the result and the seconds.

    ``limit`` is the build's --time-limit: 3 s where the time limit is what is tested, more
    where a size or memory limit must fire first however busy the machine is.
    """
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template)
    started = time.perf_counter()
    result = invoke("build", folder, "--format", "html", "-o", folder.parent / "out.html",
                    "--time-limit", str(limit), *options)
    return result, time.perf_counter() - started


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("the-secret-words")
    return path


@pytest.mark.parametrize("template", [
    "{{ edition.parse_file('%s') }}",                                      # reads any file
    "{{ edition.parse_raw('x', proto='pickle', allow_pickle=True) }}",     # unpickles
    "{{ edition.model_validate_json('{}') }}",
    "{{ edition.__class__.__mro__ }}",
    "{{ anchors.part.__globals__ }}",
    "{{ refs.__self__.selection.library }}",
    "{{ regions[0].protocols[0].__class__ }}",
    "{{ citation.__call__.__globals__ }}",
    "{{ forms.screening.model_copy() }}",
    "{{ lipsum(10**5) }}",
])
def test_an_override_reaches_no_method_and_no_file(minimal_copy, secret, template):
    """Templates get inert records: no model, no method, no helper's insides."""
    result, _ = attack(minimal_copy, "<section>\n" + template.replace("%s", str(secret)) +
                       "\n</section>\n")
    assert result.exit_code == 1, result.output
    assert f"{OVERRIDE}:2:1:" in result.output and "Traceback" not in result.output
    assert "the-secret-words" not in result.output
    assert "internal error" not in result.output


def test_the_context_a_template_sees_holds_no_live_object(minimal_copy):
    """Every value of every unit's context is a record, a helper or a plain value."""
    from handbook.edition.selection import select
    from handbook.render.document import Handbook
    from handbook.render.inert import Helper, Record
    from handbook.source.loader import load_library

    handbook = Handbook(select(load_library(minimal_copy)))
    seen = []

    def walk(value):
        seen.append(type(value))
        if isinstance(value, Record):
            for name in value:
                walk(value[name])
        elif isinstance(value, tuple):
            for item in value:
                walk(item)
        else:
            assert isinstance(value, (str, int, float, bool, type(None), Helper)), type(value)

    for value in handbook.template_values({"protocol": handbook.regions[0].protocols[0]}).values():
        walk(value)
    assert Record in seen and Helper in seen


@pytest.mark.parametrize("template, message", [
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
     "rendering took longer than 3 s"),
    ("{% set s = 'a'.center(99999) %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
     "rendering took longer than 3 s"),
    ("{% macro m() %}{% for i in range(100000) %}{{ i }}{% endfor %}{{ m() }}{% endmacro %}"
     "{{ m() }}", "without end"),
    ("{{ 'a' * 10**9 }}", "longer than 4,000,000 characters"),
    ("{{ [1] * 10**9 }}", "longer than 4,000,000 characters"),
    ("{{ 2 ** (10 ** 9) }}", "far too large"),
    ("{{ '%999999999s' % 'a' }}", "wider"),
    ("{{ '{:>999999999}'.format(1) }}", "wider"),
    ("{{ 'a'.center(999999999) }}", "too large for a template"),
    ("{{ ('a' * 3000000)|replace('a', 'bb') }}", "longer than"),
    ("{{ ('a' * 100000)|indent('b' * 99999) }}", "longer than"),
    ("{{ range(100000)|join('x' * 99999) }}", "longer than"),
    ("{% set ns = namespace(x='abcdefgh') %}{% for i in range(40) %}"
     "{% set ns.x = ns.x ~ ns.x %}{% endfor %}", "longer than"),
    ("{% set x %}{% for i in range(100000) %}{{ 'y' * 3999999 }}{% endfor %}{% endset %}",
     "writes more than 64 MB"),
    ("{{ ('\t' * 20000).expandtabs(99999)|length }}", "more than 1 GB of memory"),
    ('{% include "parts/how-to-use.html.j2" %}', "includes itself"),
    ("{% from 'macros.html.j2' import confirm_list %}"  # a shipped macro, fed by an override
     "{{ confirm_list(['y' * 99999] * 700) }}", "writes more than 64 MB"),
])
def test_an_override_cannot_exhaust_time_or_memory(minimal_copy, template, message):
    timed = "longer than 3 s" in message or "without end" in message
    result, seconds = attack(minimal_copy, "<section>\n" + template + "\n</section>\n",
                             limit=3 if timed else 120)
    assert result.exit_code == 1, result.output
    assert f"{OVERRIDE}:2:1: " in result.output and message in result.output, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert seconds < 60 or not timed  # generous: the point is that it ends, at the limit


def test_the_pdf_build_keeps_the_render_to_its_time_limit(minimal_copy, tmp_path):
    (minimal_copy / "layouts/parts").mkdir(parents=True)
    (minimal_copy / OVERRIDE).write_text(
        "<section>{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
        "{% endfor %}</section>\n")
    result = invoke("build", minimal_copy, "-o", tmp_path / "out.pdf", "--time-limit", "2",
                    "--jobs", "1")
    assert result.exit_code == 1
    assert "rendering took longer than 2 s" in result.output
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize("link", [OVERRIDE, "layouts/clinic.css"])
def test_a_layout_linked_to_a_file_outside_is_refused(minimal_copy, secret, link):
    path = minimal_copy / link
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(secret)
    result = invoke("build", minimal_copy, "--format", "html", "-o",
                    minimal_copy.parent / "out.html")
    assert result.exit_code == 1
    assert f"{link}: this layout file is a link to a place outside" in result.output
    assert "the-secret-words" not in result.output
    assert not (minimal_copy.parent / "out.html").exists()


def test_a_layouts_folder_linked_outside_is_refused(minimal_copy, tmp_path):
    outside = tmp_path / "elsewhere"
    (outside / "parts").mkdir(parents=True)
    (outside / "parts" / "how-to-use.html.j2").write_text("<section>the-secret-words</section>")
    (minimal_copy / "layouts").symlink_to(outside)
    result = invoke("build", minimal_copy, "--format", "html", "-o", tmp_path / "out.html")
    assert result.exit_code == 1
    assert "layouts: the layouts folder is a link to a place outside" in result.output


def test_a_folder_of_layouts_linked_outside_is_refused(minimal_copy, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "how-to-use.html.j2").write_text("<section>the-secret-words</section>")
    (minimal_copy / "layouts").mkdir()
    (minimal_copy / "layouts" / "parts").symlink_to(outside)
    result = invoke("build", minimal_copy, "--format", "html", "-o", tmp_path / "out.html")
    assert result.exit_code == 1, result.output
    assert f"{OVERRIDE}: this layout file is a link" in result.output


def test_an_oversized_template_is_refused(minimal_copy):
    result, _ = attack(minimal_copy, "<section>" + "x" * 1_100_000 + "</section>")
    assert result.exit_code == 1
    assert f"{OVERRIDE}: this layout file is larger than 1 MB" in result.output


def test_shipped_templates_render_under_the_guards_unchanged(minimal_copy, tmp_path):
    """The guards cost the shipped layouts nothing: an override that only repeats the
    shipped partial gives the same page as none."""
    from handbook.resources import LAYOUTS

    plain = tmp_path / "plain.html"
    assert invoke("build", minimal_copy, "--format", "html", "-o", plain).exit_code == 0
    shipped = (LAYOUTS / "parts" / "how-to-use.html.j2").read_text()
    result, _ = attack(minimal_copy, shipped)
    assert result.exit_code == 0, result.output
    assert (minimal_copy.parent / "out.html").read_text() == plain.read_text()
