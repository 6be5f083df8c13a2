"""Signals of the model's life that layers above may act on (agreements imports none of them).

`round_published` is sent, after the transaction commits, when a round is published: the
delivery layer mails the round's subscribers (delivery/subscriptions.py).

`status_returned` is sent, after the transaction commits, when the finance office sends a
submitted status back: the delivery layer mails the editors of the initiative's center
(delivery/returns.py).
"""

from __future__ import annotations

from django.dispatch import Signal

#: sender: the Round model; round: the published Round.
round_published = Signal()

#: sender: the Submission model; submission: the returned Submission; comment: what the
#: center should change; returned_by: the user who sent it back (None from a command).
status_returned = Signal()
