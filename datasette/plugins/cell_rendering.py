"""Cheaper cell rendering: the datasette-render-markdown plugin's configuration, read once.

Why: datasette-render-markdown (installed with datasette-dashboards) asks Datasette for its
configuration for every cell of every table page, to learn whether that column is Markdown:
`plugin_config()` walks the whole metadata each time, ~3 µs, so 5 ms of a 100-row page of
articles (16 columns), about an eighth of its time (measured at 100k articles). The metadata is
read from datasette/metadata.yaml at start-up and never changes while the site runs, and that
plugin only reads the answer, so it is computed once per (database, table) here. Every other
plugin's configuration is read as before.
"""

from datasette import hookimpl

MEMOISED = "datasette-render-markdown"


@hookimpl
def startup(datasette):
    original = datasette.plugin_config
    if getattr(original, "jiancha_memoised", False):
        return
    answers = {}

    def plugin_config(plugin_name, database=None, table=None, fallback=True):
        if plugin_name != MEMOISED:
            return original(plugin_name, database=database, table=table, fallback=fallback)
        key = (database, table, fallback)
        if key not in answers:
            answers[key] = original(plugin_name, database=database, table=table, fallback=fallback)
        return answers[key]

    plugin_config.jiancha_memoised = True
    datasette.plugin_config = plugin_config
