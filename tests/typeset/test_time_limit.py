"""Typesetting gives up after its time limit, in the main process and in workers."""

from __future__ import annotations

import time

import pytest

from conftest import FIXTURES, invoke


# -- bounded work ------------------------------------------------------------------------


def slow(*args, **kwargs):
    time.sleep(5)


def endless(*args, **kwargs):
    while True:
        time.sleep(0.01)


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("target, runaway", [
    ("handbook.typeset.engine.HTML.render", slow),
    # WeasyPrint's SVG drawing swallows every exception, the time limit's included: the
    # limit is raised again until it gets out, so a figure that draws for minutes stops.
    ("weasyprint.svg.SVG.draw_node", endless),
])
def test_typesetting_time_limit(tmp_path, monkeypatch, jobs, target, runaway):
    """In this process (one job) and in the workers (two), a runaway unit is stopped."""
    monkeypatch.setattr(target, runaway)  # forked workers inherit it
    started = time.perf_counter()
    result = invoke("build", FIXTURES / "minimal", "--time-limit", "1", "--no-cache",
                    "--jobs", jobs, "-o", tmp_path / "x.pdf")
    assert time.perf_counter() - started < 20
    assert result.exit_code == 1, result.output
    assert "typesetting took longer than 1 s" in result.output
    assert not (tmp_path / "x.pdf").exists()
