"""jiancha: Chinese procuratorate news reports as a validated, queryable open dataset."""

__version__ = "0.1.0"
__all__ = ["__version__"]
