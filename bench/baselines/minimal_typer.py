"""Baseline for CLI start-up: the smallest Typer app with two commands."""

import typer

app = typer.Typer()


@app.command()
def hello(name: str = "värld") -> None:
    """Say hello."""
    print(name)


@app.command()
def other() -> None:
    """Another command, so Typer builds a group like samverkan's."""


if __name__ == "__main__":
    app()
