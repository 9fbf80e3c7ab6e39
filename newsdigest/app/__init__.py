"""The application: the command line over the library.

Everything that knows Typer, exit codes, stderr, terminals, progress bars and
broken pipes lives here; the library (the rest of newsdigest) never imports it.
"""
