"""Which save wrote a history row: every history row written during one save carries the same
identifier (`history_save`, base.models.PortalHistory), so that "Recently deleted" lists what one
save deleted as one entry and restores it whole (base.audit.recently_deleted).

One save is:

- while a request is handled, the request: one admin save, one admin action, one restore,
  however long it takes (simple_history's HistoryRequestMiddleware puts the request in
  `HistoricalRecords.context`, and the identifier is kept on it);
- outside a request (a management command, a service called from a shell or a test), the
  outermost `transaction.atomic()` block the code opened, what commits or rolls back as one. A
  deletion always has one (Django's cascade opens it), so a row deleted with what it cascaded to
  is one save, and a service that deletes in several steps is one save when it runs them in one
  transaction, as it should anyway. The blocks a test case wraps each test in, and those opened
  around them (a fixture's), do not count: the code's own blocks inside them do;
- a row written outside both (a plain `save()` in autocommit) is a save of its own.

Why these and not a scope that code must open: the request and the transaction already make a
save one thing, so every path that writes history (simple_history's signals and its
bulk_history_create, cascades, the restore itself) gets the identifier without being told. It is
the column's default, computed in memory when the history row is built: no query is added.
Telling a transaction's blocks apart reads the connection's state (its atomic blocks, savepoints
and pending on_commit callbacks, as base.web.page_cache does): not a public API, so
tests/base/test_saves.py pins each case.
"""

import uuid

from django.db import transaction
from simple_history.models import HistoricalRecords

_ON_THE_REQUEST = "_history_save"
_ON_THE_CONNECTION = "_history_save"


def current_save():
    """The identifier of the save in progress (the default of every history row's
    `history_save`)."""
    request = getattr(HistoricalRecords.context, "request", None)
    if request is not None:
        return _requests_save(request)
    return _transactions_save(transaction.get_connection())


def _requests_save(request):
    save = getattr(request, _ON_THE_REQUEST, None)
    if save is None:
        save = uuid.uuid4()
        setattr(request, _ON_THE_REQUEST, save)
    return save


class _TransactionsSave:
    """The identifier kept on the connection for its outermost own atomic block.

    That block is told apart from the next one by the block itself and its savepoint; the block
    that began the transaction has none, and may be the same object again (a function decorated
    with `@transaction.atomic`), so it is told apart by a callback of its own that the
    transaction holds until it commits or rolls back.
    """

    def __init__(self, block, savepoint):
        self.block = block
        self.savepoint = savepoint
        self.save = uuid.uuid4()

    def ended(self):
        """on_commit: nothing to do but to be gone from the pending callbacks."""

    def is_for(self, connection, block, savepoint):
        if self.block is not block or self.savepoint != savepoint:
            return False
        if not _began_the_transaction(connection, block, savepoint):
            return True
        return any(func == self.ended for _, func, _ in connection.run_on_commit)


def _outermost_own_block(connection):
    """The outermost atomic block the code opened and its savepoint's id (None for the block
    that began the transaction), or (None, None) outside any. The blocks a test case opens
    around each test, and any opened before them (a fixture's), are not the code's own."""
    blocks, savepoints = connection.atomic_blocks, connection.savepoint_ids
    depth = max((at + 1 for at, block in enumerate(blocks) if block._from_testcase), default=0)
    if depth == len(blocks):
        return None, None
    # The block that began the transaction has no savepoint; every block after it has one each.
    at = depth - (len(blocks) - len(savepoints))
    return blocks[depth], (savepoints[at] if at >= 0 else None)


def _began_the_transaction(connection, block, savepoint):
    return savepoint is None and connection.atomic_blocks[0] is block


def _transactions_save(connection):
    block, savepoint = _outermost_own_block(connection)
    if block is None:
        return uuid.uuid4()
    kept = getattr(connection, _ON_THE_CONNECTION, None)
    if kept is None or not kept.is_for(connection, block, savepoint):
        kept = _TransactionsSave(block, savepoint)
        setattr(connection, _ON_THE_CONNECTION, kept)
        if _began_the_transaction(connection, block, savepoint):
            connection.on_commit(kept.ended, robust=True)
    return kept.save
