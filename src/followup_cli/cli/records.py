"""How tables mark a comment without a reply.

The records themselves (field names, defaults) are in
:mod:`followup_cli.cli.fields`; the order of measures is
:func:`followup_cli.corpus.select.measure_order`.
"""

from __future__ import annotations

# How tables mark a comment without a reply: in words, so it shows without colour.
NO_REPLY = "（未回答）/ no reply"
