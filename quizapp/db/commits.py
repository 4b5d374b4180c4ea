"""Committing a service's changes when a unique constraint may lose a race."""
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from ..extensions import db


def commit_or_raise(error: type[Exception]) -> None:
    """Commit; if the database refuses (two tabs saved the same name, two new codes collided),
    roll back, so nothing was written, and raise ``error`` with a message the teacher can act on."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise error(_("That did not work because someone changed the same data at the same time. "
                      "Please try again.")) from None
