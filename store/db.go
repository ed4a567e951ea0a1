// Package store keeps the desk's records in SQLite (the default: one file,
// nothing to install) or PostgreSQL (when several servers share one
// database), through one SQL code path over database/sql.
//
// It implements bilat.Desk. Every write runs in a transaction that also
// appends the audit row; every update names the version it read.
// It must not know about HTTP or pages.
package store

import (
	"bilat/auth"
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"bilat"
	"bilat/resolve"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

type dialect int

const (
	sqliteDialect dialect = iota
	postgresDialect
)

// DB is the desk's database.
type DB struct {
	read    *sql.DB // reads; for SQLite a small pool of readers
	write   *sql.DB // writes; for SQLite exactly one connection
	dialect dialect
	now     func() time.Time
	// passwords are the argon2id costs of new password hashes.
	passwords auth.Params

	// names caches the resolver's index (see nameIndex).
	names struct {
		sync.Mutex
		key   string
		index *resolve.Index
	}
}

var _ bilat.Desk = (*DB)(nil)

// IsPostgres reports whether dsn names a PostgreSQL database rather than
// an SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens the database named by dsn (a file path or a postgres:// URL),
// applies the migrations and loads the reference data.
func Open(ctx context.Context, dsn string) (*DB, error) {
	db, err := open(dsn)
	if err != nil {
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.seedReference(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func open(dsn string) (*DB, error) {
	db := &DB{now: func() time.Time { return time.Now().UTC() }, passwords: auth.DefaultParams}
	if IsPostgres(dsn) {
		pg, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		pg.SetMaxOpenConns(16)
		db.read, db.write, db.dialect = pg, pg, postgresDialect
		return db, nil
	}
	// WAL lets readers work beside the writer; writes go through a single
	// connection and start IMMEDIATE, so they queue instead of failing with
	// SQLITE_BUSY half-way through a transaction.
	q := "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	w, err := sql.Open("sqlite", "file:"+dsn+q)
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	w.SetMaxOpenConns(1)
	r, err := sql.Open("sqlite", "file:"+dsn+q)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	r.SetMaxOpenConns(4)
	db.read, db.write, db.dialect = r, w, sqliteDialect
	return db, nil
}

// SetPasswordParams sets the argon2id costs of new password hashes (tests
// use cheap ones; see auth.FastParams).
func (db *DB) SetPasswordParams(p auth.Params) { db.passwords = p }

// SetClock replaces the clock that stamps changes and judges expiry: tests
// use it to move time forward.
func (db *DB) SetClock(now func() time.Time) { db.now = now }

// Close closes the database.
func (db *DB) Close() error {
	err := db.write.Close()
	if db.read != db.write {
		if rerr := db.read.Close(); err == nil {
			err = rerr
		}
	}
	return err
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	return db.read.PingContext(ctx)
}

// Dialect returns "sqlite" or "postgres".
func (db *DB) Dialect() string {
	if db.dialect == postgresDialect {
		return "postgres"
	}
	return "sqlite"
}

// rebind turns the ? placeholders of our queries into $1, $2… for
// PostgreSQL. Our SQL never has a ? inside a string literal.
func (d dialect) rebind(q string) string {
	if d != postgresDialect || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// sqlConn is what *sql.DB and *sql.Tx have in common.
type sqlConn interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

// conn runs our queries on a database or a transaction.
type conn struct {
	c sqlConn
	d dialect
}

func (c conn) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return c.c.ExecContext(ctx, c.d.rebind(q), args...)
}

func (c conn) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return c.c.QueryContext(ctx, c.d.rebind(q), args...)
}

func (c conn) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return c.c.QueryRowContext(ctx, c.d.rebind(q), args...)
}

// reader returns a conn for reads outside a transaction.
func (db *DB) reader() conn { return conn{c: db.read, d: db.dialect} }

// Tx is a write transaction that knows who acts and when.
type Tx struct {
	conn
	actor bilat.Actor
	now   time.Time
}

// inTx runs fn in a write transaction, committing when it returns nil.
func (db *DB) inTx(ctx context.Context, a bilat.Actor, fn func(tx *Tx) error) error {
	stx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	// Stored instants keep microseconds; the record returned must match.
	tx := &Tx{conn: conn{c: stx, d: db.dialect}, actor: a, now: db.now().Truncate(time.Microsecond)}
	if err := fn(tx); err != nil {
		stx.Rollback()
		return err
	}
	if err := stx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
