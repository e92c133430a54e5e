"""Templates under a time limit and a size limit, whoever wrote them.

A clinic's template override is text from a stranger: ``{% for i in range(10**5) %}``
nested twice runs for hours, ``'a' * 10**9`` takes gigabytes, a template that includes
itself never ends.  Jinja's sandbox stops none of that, so the environment here adds
the checks at the few places a template can spend time or memory:

* every ``{% for %}`` loop, every call (macros, methods, helpers) and every piece of
  output checks the clock, so rendering gives up at the build's ``--time-limit``;
* every operator that can make a large value (``*``, ``**``, ``%``, ``+``, ``~``), every
  call and every filter is checked before (arguments, widths, what a join or a replace
  would produce) and after (the size of what it made): no single value may exceed
  :data:`MAX_VALUE` characters, and one render may not write more than
  :data:`MAX_OUTPUT` in all, captured blocks and macros included.

A limit reached is a :class:`RenderLimit`; the caller names the template it happened
in.  The shipped templates stay far inside every limit.
"""

from __future__ import annotations

import contextvars
import re
import time
import threading
from collections.abc import Iterable, Iterator, Sized
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range

from ..clock import DEFAULT_TIME_LIMIT

#: The longest text, list or number of digits any one value of a template may have.
MAX_VALUE = 4_000_000
#: What one render may write in all (the whole HTML preview, with its fonts, is ~5 MB).
MAX_OUTPUT = 64_000_000
#: The largest number a template may pass to a call or a filter (widths, counts).
MAX_ARGUMENT = 100_000
#: How much a process may grow while a clinic's template renders: the net under the checks.
MAX_MEMORY = 1 << 30
#: How many loop steps pass between two looks at the clock.
CLOCK_EVERY = 256
_WIDTH = re.compile(r"%[-#0 +]*(\*|\d{6,})|%[-#0 +]*\d*\.(\*|\d{6,})|\{[^{}]*:[^{}]*\d{6,}")


class RenderLimit(Exception):
    """A template went past a limit; the message says which."""


class Budget:
    """The clock and the output count of one render (or one build's renders)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.written = 0
        self.pieces = 0

    def check_clock(self) -> None:
        if time.monotonic() > self.deadline:
            raise RenderLimit(
                f"rendering took longer than {self.seconds:g} s (the time limit); a loop "
                "or a macro here runs without end, or raise --time-limit")

    def wrote(self, size: int) -> None:
        self.written += size
        if self.written > MAX_OUTPUT:
            raise RenderLimit(f"this template writes more than {MAX_OUTPUT // 1_000_000} MB; "
                              "a loop here repeats its output without end")


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("budget", default=None)


@contextmanager
def budget(seconds: float = DEFAULT_TIME_LIMIT) -> Iterator[Budget]:
    """Renders within the block share one clock and one output count; an inner block
    keeps the outer one (a build's limit covers all its renders)."""
    current = _BUDGET.get()
    if current is not None:
        yield current
        return
    token = _BUDGET.set(Budget(seconds))
    try:
        yield _BUDGET.get()
    finally:
        _BUDGET.reset(token)


def _current() -> Budget:
    """The budget of the render under way (a fresh one for a check made outside any, as
    when Jinja folds a constant while it compiles)."""
    return _BUDGET.get() or Budget(DEFAULT_TIME_LIMIT)


_CAP_LOCK = threading.Lock()
_CAPPED = [0, None]  # renders under the cap now, and the limit to restore after the last


@contextmanager
def memory_cap() -> Iterator[None]:
    """While the block runs, the process may not grow by more than :data:`MAX_MEMORY`: an
    allocation beyond it is a MemoryError (reported as a limit), not a machine swapping.
    Linux only; elsewhere the checks on values and output stand alone."""
    try:
        import resource

        size = int(open("/proc/self/statm").read().split()[0]) * resource.getpagesize()
    except (ImportError, OSError, ValueError):
        yield
        return
    with _CAP_LOCK:
        if _CAPPED[0] == 0:
            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            cap = size + MAX_MEMORY
            if hard != resource.RLIM_INFINITY:
                cap = min(cap, hard)
            if soft == resource.RLIM_INFINITY or soft > cap:
                resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
                _CAPPED[1] = (soft, hard)
        _CAPPED[0] += 1
    try:
        yield
    except MemoryError as error:  # keeps the template's frames, so it can be named
        raise RenderLimit(f"this template needs more than {MAX_MEMORY >> 30} GB of memory; "
                          "a template only lays out what the library says"
                          ).with_traceback(error.__traceback__) from None
    finally:
        with _CAP_LOCK:
            _CAPPED[0] -= 1
            if _CAPPED[0] == 0 and _CAPPED[1] is not None:
                resource.setrlimit(resource.RLIMIT_AS, _CAPPED[1])
                _CAPPED[1] = None


def _size(value: Any) -> int:
    if isinstance(value, (str, bytes, Sized)):
        return len(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value.bit_length() // 3
    return 0


_TOO_LONG = (f"a value here would be longer than {MAX_VALUE:,} characters; a template only "
             "lays out what the library says")


def _checked(value: Any) -> Any:
    if _size(value) > MAX_VALUE:
        raise RenderLimit(_TOO_LONG)
    return value


def _check_arguments(arguments: Iterable[Any]) -> None:
    """Numbers and texts given to a call or a filter (beside the value it works on):
    no count or width beyond :data:`MAX_ARGUMENT`, no text beyond it either (an
    indent or a separator repeated on every line)."""
    for argument in arguments:
        if isinstance(argument, int) and not isinstance(argument, bool) and (
                abs(argument) > MAX_ARGUMENT):
            raise RenderLimit(f"the number {argument} is too large for a template "
                              f"(at most {MAX_ARGUMENT:,})")
        if isinstance(argument, str) and (len(argument) > MAX_ARGUMENT
                                          or _WIDTH.search(argument)):
            raise RenderLimit("a text given to a call here is longer, or asks for a field "
                              "wider, than a template needs")


def _check_estimate(name: str, subject: Any, arguments: tuple) -> None:
    """What a join, a replace or a format would make, refused before it is made."""
    estimate = 0
    if name == "join" and isinstance(arguments[:1] and arguments[0], Sized):
        items = arguments[0]
        estimate = _size(subject) * len(items) + sum(_size(item) for item in items)
    elif name == "replace" and len(arguments) >= 2 and isinstance(subject, str):
        old, new = str(arguments[0]), str(arguments[1])
        count = subject.count(old) if old else len(subject) + 1
        estimate = len(subject) + count * len(new)
    elif name in ("format", "format_map") and isinstance(subject, str):
        widest = max((_size(argument) for argument in arguments), default=0)
        estimate = len(subject) + (subject.count("{") + subject.count("%")) * widest
    elif name in ("indent", "wordwrap") and isinstance(subject, str):
        widest = max((_size(argument) for argument in arguments if isinstance(argument, str)),
                     default=0)
        estimate = len(subject) * (1 + widest)
    if estimate > MAX_VALUE:
        raise RenderLimit(_TOO_LONG)


def guard_iter(iterable: Iterable[Any]) -> Iterator[Any]:
    """A loop's items, with a look at the clock every few steps."""
    current = _current()
    for step, item in enumerate(iterable):
        if step % CLOCK_EVERY == 0:
            current.check_clock()
        yield item


def guard_output(text: str) -> str:
    """A piece of output (always text): counted, and every few pieces a look at the clock."""
    current = _BUDGET.get() or Budget(DEFAULT_TIME_LIMIT)
    current.pieces += 1
    if current.pieces % CLOCK_EVERY == 0:
        current.check_clock()
    current.wrote(len(text))
    return text


def guarded_range(*arguments: int) -> range:
    _check_arguments(arguments)
    return safe_range(*arguments)


class _GuardedCode(CodeGenerator):
    """Jinja's code generator, with the guards written into the compiled template."""

    def visit_For(self, node: nodes.For, frame) -> None:  # noqa: N802 - Jinja's visitor names
        node.iter = nodes.Call(nodes.EnvironmentAttribute("guard_iter", lineno=node.lineno),
                               [node.iter], [], None, None, lineno=node.lineno)
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame) -> None:  # noqa: N802
        self.write("environment.guard_text(")
        super().visit_Concat(node, frame)
        self.write(")")

    def _output_child_pre(self, node, frame, finalize) -> None:
        self.write("environment.guard_output(")
        super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node, frame, finalize) -> None:
        super()._output_child_post(node, frame, finalize)
        self.write(")")

    def _output_const_repr(self, group) -> str:
        return f"environment.guard_output({super()._output_const_repr(group)})"


class GuardedEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with time and size limits on everything a template does.

    Without a clinic's overrides, the shipped templates (under ``trusted``) are the project's
    own code looping over the library alone, whose size is bounded when it is read: they are
    compiled without the clock and output guards, which would cost a third of the rendering
    time.  With overrides every template is guarded, since an override may call a shipped
    macro with anything it likes."""

    code_generator_class = _GuardedCode
    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})

    def __init__(self, *arguments: Any, trusted: Path | None = None, **options: Any):
        super().__init__(*arguments, **options)
        self.trusted = trusted.resolve() if trusted is not None else None
        self.globals["range"] = guarded_range
        self.globals.pop("lipsum", None)  # text by the megabyte, for nothing we print
        self.guard_iter = guard_iter
        self.guard_output = guard_output
        self.guard_text = _checked

    def _generate(self, source, name, filename, defer_init=False):  # Jinja's compile step
        generator = _GuardedCode
        if filename and self.trusted and Path(filename).resolve().is_relative_to(self.trusted):
            generator = CodeGenerator
        compiled = generator(self, name, filename, None, defer_init, self.optimized)
        compiled.visit(source)
        return compiled.stream.getvalue()

    def guard_filters(self) -> None:
        """Every filter (Jinja's and ours) behind the same checks as a call."""
        for name, function in list(self.filters.items()):
            self.filters[name] = _guarded_filter(name, function)

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        _current().check_clock()
        if operator == "**" and isinstance(left, int) and isinstance(right, int) and (
                max(left.bit_length(), 1) * abs(right) > 100_000):
            raise RenderLimit("a power here is far too large for a template")
        if operator == "*":
            for one, other in ((left, right), (right, left)):
                if (isinstance(other, int) and not isinstance(one, int)
                        and _size(one) * abs(other) > MAX_VALUE):
                    raise RenderLimit(_TOO_LONG)
        if operator == "%" and isinstance(left, str):
            _check_arguments((left,))
            _check_estimate("format", left, right if isinstance(right, tuple) else (right,))
        return _checked(super().call_binop(context, operator, left, right))

    def call(__self, __context, __obj, *arguments, **options):  # noqa: N805 - Jinja's signature
        _current().check_clock()
        _check_arguments((*arguments, *options.values()))
        _check_estimate(getattr(__obj, "__name__", ""), getattr(__obj, "__self__", None),
                        arguments)
        return _checked(super().call(__context, __obj, *arguments, **options))

    def wrap_str_format(self, value: Any):
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        _check_arguments((value.__self__,))

        def checked(*arguments: Any, **options: Any) -> str:
            _check_estimate("format", value.__self__, (*arguments, *options.values()))
            return _checked(wrapper(*arguments, **options))

        return checked


def _guarded_filter(name: str, function):
    """``function`` behind the checks of a call; what Jinja passes first (the context, the
    environment) is passed on unchecked."""
    passes_first = hasattr(function, "jinja_pass_arg")

    def checked(*arguments: Any, **options: Any) -> Any:
        _current().check_clock()
        values = arguments[1:] if passes_first else arguments
        _check_arguments((*values[1:], *options.values()))
        if values:
            subject, rest = values[0], tuple(values[1:]) + tuple(options.values())
            if name == "join":  # value|join(separator): the value is the list
                subject, rest = (rest[0] if rest else ""), (subject,)
            elif name == "format":
                _check_arguments((subject,))
            _check_estimate(name, subject, rest)
        return _checked(function(*arguments, **options))

    if passes_first:  # how Jinja knows to pass the context (or environment) first
        checked.jinja_pass_arg = function.jinja_pass_arg
    return checked
