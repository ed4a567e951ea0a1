package store

import "context"

// ExecForTest runs q straight on the database, around bilat's services:
// the audit tests tamper with the trail as someone holding the database
// file or its password could.
func (db *DB) ExecForTest(ctx context.Context, q string, args ...any) error {
	_, err := db.write.ExecContext(ctx, db.dialect.rebind(q), args...)
	return err
}

// StringsForTest returns the first column of every row q selects.
func (db *DB) StringsForTest(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, db.dialect.rebind(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(strCol{&s}); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
