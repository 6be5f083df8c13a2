"""Signals of the model's life that layers above may act on (agreements imports none of them).

`round_published` is sent, after the transaction commits, when a round is published: the
delivery layer mails the round's subscribers (delivery/subscriptions.py).
"""

from __future__ import annotations

from django.dispatch import Signal

#: sender: the Round model; round: the published Round.
round_published = Signal()
