"""Help pages and usage errors the way clig.dev asks, for the Typer app in cli.py.

- Help shows metavars (FILE..., PATH...), never Python types (`<list[str]>`)
  or Typer's `{FILE}...` usage notation.
- Every command ends its help with an "Examples:" section, printed as written
  (never re-wrapped, so each example stays one line under 80 columns).
- Every usage error is one line, `newsdigest: error: ...`, whichever part of
  the command line it comes from (Click's parser, Typer's type coercion, or
  our own checks); see usage_line().
"""

from __future__ import annotations

from typer.core import TyperArgument, TyperCommand, TyperGroup

PROG = "newsdigest"


def _argument_name(param: TyperArgument) -> str:
    name = param.metavar or (param.name or "ARG").upper()
    return name + ("..." if param.nargs != 1 else "")


def _write_examples(formatter, epilog: str | None) -> None:
    """The epilog's lines as an "Examples:" section, one command per line, as written."""
    if not epilog:
        return
    formatter.write_paragraph()
    formatter.write_heading("Examples")
    for line in epilog.strip().splitlines():
        formatter.write(f"  {line.strip()}\n")


class Command(TyperCommand):
    """A command whose help shows metavars and its examples as written."""

    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = _argument_name(param)
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx, formatter) -> None:
        args = [
            (_argument_name(p), p.help or "")
            for p in self.get_params(ctx)
            if isinstance(p, TyperArgument) and not p.hidden
        ]
        opts = [
            r for p in self.get_params(ctx) if not isinstance(p, TyperArgument) for r in [p.get_help_record(ctx)] if r
        ]
        if args:
            with formatter.section("Arguments"):
                formatter.write_dl(args)
        if opts:
            with formatter.section("Options"):
                formatter.write_dl(opts)

    def format_epilog(self, ctx, formatter) -> None:
        _write_examples(formatter, self.epilog)


class Group(TyperGroup):
    """A group of commands whose help ends with its examples, as written."""

    def format_epilog(self, ctx, formatter) -> None:
        _write_examples(formatter, self.epilog)


def at_least(minimum: int):
    """An option callback refusing numbers below `minimum` (in our words, not a range like 'x>=1')."""
    import typer

    def check(value):
        if value is not None and value < minimum:
            raise typer.BadParameter(f"must be at least {minimum}, not {value}")
        return value

    return check


def usage_line(err) -> str:
    """Any of Click's usage errors as the one line we print: 'newsdigest: error: ...'."""
    import typer

    if type(err) is typer.BadParameter and err.param is not None:
        return f"{PROG}: error: {_param_name(err.param)} {_reason(err)}"
    message = " ".join(err.format_message().split()).rstrip(".")
    message = message[:1].lower() + message[1:]
    hint = f" (see '{err.ctx.command_path} --help')" if getattr(err, "ctx", None) is not None else ""
    return f"{PROG}: error: {message}{hint}"


def _param_name(param) -> str:
    """'--sentences (-n)', or an argument's metavar."""
    if isinstance(param, TyperArgument):
        return _argument_name(param)
    longs = [o for o in param.opts if o.startswith("--")]
    shorts = [o for o in param.opts if not o.startswith("--")]
    if longs and shorts:
        return f"{longs[0]} ({shorts[0]})"
    return (longs or shorts or [param.name])[0]


def _reason(err) -> str:
    """The problem, said plainly: 'must be at least 1, not 0'; 'must be a whole number, not 'abc''."""
    message = err.message.rstrip(".")
    value = _input_of(err)
    if message.startswith("Input should be "):
        message = "must be " + message.removeprefix("Input should be ")
        message = message.replace("greater than or equal to ", "at least ").replace(
            "less than or equal to ", "at most "
        )
        message = message.replace("a valid integer, unable to parse string as an integer", "a whole number")
        message = message.replace("a valid number, unable to parse string as a number", "a number")
        if value is not None:
            message += f", not {value!r}" if isinstance(value, str) else f", not {value}"
    elif not message[:1].islower():
        message = message[:1].lower() + message[1:]
    return message


def _input_of(err):
    """The value that was refused, when the type check that refused it says (pydantic's errors())."""
    cause = err.__cause__
    try:
        errors = cause.errors()  # type: ignore[union-attr]
    except (AttributeError, TypeError):
        return None
    if errors and isinstance(errors[0], dict):
        value = errors[0].get("input")
        return value if isinstance(value, (str, int, float)) else None
    return None
