"""hello-pypi: an example package to publish with PyPI trusted publishing."""

__version__ = "0.1.0"


def greet(name: str = "PyPI") -> str:
    """Return a friendly greeting."""
    return f"Hello, {name}!"
