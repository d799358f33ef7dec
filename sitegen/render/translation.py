"""The interface's words in templates: Jinja's i18n extension, newstyle gettext, messages escaped as text.

Templates write `{{ _("Timeline") }}`, `{{ _("%(name)s page %(number)s", name=..., number=...) }}` and
`{{ ngettext("%(num)s clipping", "%(num)s clippings", count) }}` (or `{% trans %}` blocks); Babel extracts
them into the catalogs. Newstyle gettext formats every message with its variables (so `%` is `%%` in each),
and `num` is the count written with the locale's digit grouping.

Unlike Jinja's own newstyle functions, a message is escaped before its variables are put in: a translation
is text, so no catalog (a site's own included) can add markup, and a `<` a translator types stays a `<`.

Speed: templates are rendered ~17,000 times in a 10,000-clipping build, with a dozen messages each. A message
without values is translated when its template is compiled (`_("Timeline")` becomes the string `"Zaman
çizelgesi"`, which Jinja then writes as text); a message with values becomes a filter call
(`"..."|message(...)`), which Jinja calls directly, where a call of a global goes through its per-call dispatch.
Compiled templates therefore differ by catalog: the build cache keeps them apart (SealedTemplates in
publish/cache.py), and the catalog is part of every page's fingerprint.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jinja2 import Environment, pass_eval_context
from jinja2.ext import InternationalizationExtension
from jinja2.lexer import Token, TokenStream
from jinja2.nodes import EvalContext
from markupsafe import escape

from ..i18n.interface import Interface

GETTEXT = ("_", "gettext")


class InterfaceMessages(InternationalizationExtension):
    """Jinja's i18n extension, with the template's own calls of `_`, `gettext` and `ngettext` on a literal message
    rewritten as the template is compiled (see the module's docstring); other calls and `{% trans %}` blocks go
    to the functions `install_translations` gives."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        words: Interface = self.environment.interface  # type: ignore[attr-defined]
        held: list[Token] = []  # a call being recognised: name, `(`, message string
        after_dot = False
        for token in stream:
            if held:
                held.append(token)
                if (len(held) == 2 and token.type != "lparen") or (len(held) == 3 and token.type != "string"):
                    yield from held
                    held = []
                elif len(held) == 4:
                    yield from _rewritten(held, words)
                    held = []
            elif token.type == "name" and token.value in (*GETTEXT, "ngettext") and not after_dot:
                held = [token]
            else:
                yield token
            after_dot = token.type == "dot"
        yield from held


def _rewritten(call: list[Token], words: Interface) -> list[Token]:
    """`name ( "message" )` or `name ( "message" ,` as the template will run it (see the module's docstring)."""
    name, _, message, end = call
    if end.type == "rparen" and name.value in GETTEXT:  # `_("Timeline")`: the translation itself
        return [Token(name.lineno, "string", words.gettext(message.value) % {})]
    if end.type == "comma":  # `_("...", name=...)`: `"..."|message(name=...)`
        function = "message" if name.value in GETTEXT else "plural_message"
        return [message, Token(name.lineno, "pipe", "|"), Token(name.lineno, "name", function),
                Token(name.lineno, "lparen", "(")]
    return call


def install_translations(env: Environment, words: Interface) -> None:
    """The i18n extension (for `{% trans %}` too) with this build's interface language behind it."""
    env.extend(interface=words)
    env.add_extension(InterfaceMessages)
    env.policies["ext.i18n.trimmed"] = True  # a `{% trans %}` block's line breaks are not part of its message
    env.newstyle_gettext = True  # type: ignore[attr-defined]

    @pass_eval_context
    def gettext(eval_ctx: EvalContext, message: str, **variables: Any) -> str:
        text = words.gettext(message)
        return (escape(text) if eval_ctx.autoescape else text) % variables

    @pass_eval_context
    def ngettext(eval_ctx: EvalContext, singular: str, plural: str, count: int, **variables: Any) -> str:
        variables.setdefault("num", words.number(count))
        text = words.ngettext(singular, plural, count)
        return (escape(text) if eval_ctx.autoescape else text) % variables

    env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext)
    env.filters.update(message=gettext, plural_message=ngettext)
