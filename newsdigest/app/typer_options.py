"""Typer parameters made from the settings table (app/settings.py), so a command spells none itself.

    @app.command()
    @with_options("digest")
    def digest(inputs: Inputs, **given): ...

`with_options` writes the function's signature: its own parameters (the
arguments), then one keyword parameter per option, each annotated
`Annotated[type, typer.Option(...)]` as Typer documents; Typer reads the
signature with inspect.signature, which honours `__signature__`. A command
that reads settings (`settles`) gets None for a setting's flag when it is not
given, so that the variable, the config file or the default can fill it in.
"""

from __future__ import annotations

import inspect
from typing import Annotated, Any

import typer

from .help import at_least
from .settings import Setting, options_of, settles

_EMPTY = inspect.Parameter.empty


def typer_parameter(setting: Setting, settled: bool) -> inspect.Parameter:
    """One keyword parameter for `setting`, as Typer reads it."""
    kind: Any = list[str] if setting.kind is list else setting.kind
    extra: dict[str, Any] = {}
    if setting.minimum is not None:
        extra = {"min": setting.minimum} if setting.typer_range else {"callback": at_least(setting.minimum)}
    option = typer.Option(*setting.flags, help=setting.help, metavar=setting.metavar, **extra)
    if setting.required:
        default: Any = _EMPTY
    else:
        default = None if settled and setting.config else setting.default
    if default is None:
        kind = kind | None
    return inspect.Parameter(
        setting.param, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=Annotated[kind, option]
    )


def with_options(command: str):
    """A decorator: the function takes `command`'s options (as keyword arguments) after its own parameters."""
    settled = settles(command)

    def decorate(func):
        own = [
            param
            for param in inspect.signature(func, eval_str=True).parameters.values()
            if param.kind is not inspect.Parameter.VAR_KEYWORD
        ]
        options = [typer_parameter(setting, settled) for setting in options_of(command)]
        func.__signature__ = inspect.Signature(own + options)
        return func

    return decorate
