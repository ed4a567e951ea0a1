package store

import (
	"context"
	"fmt"

	"bilat"
)

// DeleteSession removes a programme session and its attendees, recording
// the session as it was in the audit trail. The delegation portal uses it
// to take back a period a liaison said their people were unavailable;
// bilat.SessionService has no deletion, since the desk's own programme is
// edited rather than erased.
func (db *DB) DeleteSession(ctx context.Context, a bilat.Actor, id int64) error {
	return db.inTx(ctx, a, func(tx *Tx) error {
		x, err := sessions.get(ctx, tx.conn, id)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, "DELETE FROM session_attendees WHERE session_id = ?", id); err != nil {
			return fmt.Errorf("programme session: %w", err)
		}
		if _, err := tx.exec(ctx, "DELETE FROM sessions WHERE id = ?", id); err != nil {
			return fmt.Errorf("programme session: %w", err)
		}
		return audit(ctx, tx, "delete", "programme session", id, x, nil)
	})
}
