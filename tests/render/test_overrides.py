"""A clinic's layouts/ folder overrides shipped templates and adds CSS, in the sandbox; an
error in an override is reported at its line, never as a traceback."""

from __future__ import annotations

from conftest import invoke


def override(folder, name: str, text: str) -> None:
    path = folder / "layouts" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_an_override_replaces_a_shipped_partial(minimal_copy, tmp_path):
    override(minimal_copy, "parts/how-to-use.html.j2",
             '<section class="unit chapter" id="{{ anchors.part(\'how-to-use\') }}">'
             "<h1>Our own way in</h1><p>{{ edition.disclaimer }}</p></section>\n")
    override(minimal_copy, "clinic.css", "h1 { letter-spacing: 0.02em; }\n")
    target = tmp_path / "out.html"
    result = invoke("build", minimal_copy, "--format", "html", "-o", target)
    assert result.exit_code == 0, result.output
    page = target.read_text()
    assert "<h1>Our own way in</h1>" in page and "letter-spacing: 0.02em" in page
    assert invoke("build", minimal_copy, "-o", tmp_path / "out.pdf").exit_code == 0


def test_an_error_in_an_override_is_reported_at_its_line(minimal_copy, tmp_path):
    override(minimal_copy, "parts/how-to-use.html.j2", "<section>\n{% if %}\n</section>\n")
    result = invoke("build", minimal_copy, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "layouts/parts/how-to-use.html.j2:2:1: template syntax error" in result.output


def test_an_override_cannot_reach_python(minimal_copy, tmp_path):
    override(minimal_copy, "parts/how-to-use.html.j2",
             "<section>\n{{ edition.__class__.__mro__[1].__subclasses__() }}\n</section>\n")
    result = invoke("build", minimal_copy, "--format", "html", "-o", tmp_path / "out.html")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "layouts/parts/how-to-use.html.j2:2:1:" in result.output
    assert "subclasses" not in (tmp_path / "out.html").read_text() if (
        tmp_path / "out.html").exists() else True


def test_clinic_css_cannot_close_its_style_element(minimal_copy, tmp_path):
    override(minimal_copy, "clinic.css", "h1 { color: red; }\n</style><script>x()</script>\n")
    result = invoke("build", minimal_copy, "--format", "html", "-o", tmp_path / "out.html")
    assert result.exit_code == 1
    assert "layouts/clinic.css:2:1: a '<' cannot appear in a stylesheet" in result.output
