"""The one markdown-it configuration of coursec.

In:  nothing (``make_markdown(allow_html=...)``).
Out: a ``MarkdownIt`` parser for CommonMark + tables + YAML front matter + colon-fence directives,
     with raw HTML off unless the course allows it (then ``coursec.render`` sanitizes it with nh3).
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.front_matter import front_matter_plugin


@cache
def make_markdown(allow_html: bool = False) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": allow_html, "typographer": False})
    md.enable("table")
    md.use(front_matter_plugin)
    md.use(colon_fence_plugin)
    return md
