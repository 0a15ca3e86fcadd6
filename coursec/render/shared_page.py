"""Whether a theme's page differs between the targets of a region by its data only.

In:  a ``Theme`` (its templates folder).
Out: ``data_only(theme)`` -> True when no template of the theme names ``adapter``, none but the
     page (``index.html.j2``) names ``data_json`` or the page, and the page only writes
     ``data_json`` out as it is (``{{ data_json }}`` at the top of the template, in an ``if`` or
     a ``for``: never filtered, captured by ``set``, ``filter`` or a block, passed to a macro,
     tested or combined). Then the page rendered with a placeholder for the data, the
     placeholder replaced by a target's data, is the page rendered for that target: the
     context of the page differs between a region's targets in ``adapter`` and ``data_json``
     only (``coursec.render.context``), so ``SiteRenderer`` renders the page once per region.
     False when unsure (a template that cannot be read or parsed is rendered, and reported, as
     before). Nothing is reported.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, TemplateError, nodes

from coursec.render.jinja import make_environment
from coursec.render.theme import Theme

#: the nodes a ``{{ data_json }}`` may stand in (each writes its text out once, as it is; a
#: block could be rendered again by ``self`` or ``super()``, a recursive loop by ``loop()``)
_PLAIN = (nodes.Template, nodes.Output, nodes.If, nodes.For)
PAGE = "index.html.j2"


def data_only(theme: Theme) -> bool:
    env = make_environment(theme)
    try:
        for name in env.list_templates():
            assert env.loader is not None
            source = env.loader.get_source(env, name)[0]
            if "adapter" in source:
                return False
            if name != PAGE and ("data_json" in source or "index.html" in source):
                return False
            if name == PAGE and "data_json" in source and not _written_out(source):
                return False
    except (TemplateError, OSError, UnicodeDecodeError):
        return False
    return True


@lru_cache(maxsize=64)
def _written_out(source: str) -> bool:
    """Every ``data_json`` of the template ``source`` is written out as it is (parsed with
    Jinja's default syntax, the themes' own: the sandbox changes what runs, not the tree)."""
    return _plain(Environment().parse(source), ())


def _plain(node: nodes.Node, parents: tuple[nodes.Node, ...]) -> bool:
    if isinstance(node, nodes.Name) and node.name == "data_json":
        return (
            node.ctx == "load"
            and bool(parents)
            and isinstance(parents[-1], nodes.Output)
            and all(isinstance(parent, _PLAIN) for parent in parents)
            and not any(isinstance(parent, nodes.For) and parent.recursive for parent in parents)
        )
    return all(_plain(child, (*parents, node)) for child in node.iter_child_nodes())
