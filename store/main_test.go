package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"bilat/store"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// pgURL is the PostgreSQL server of BILAT_TEST_POSTGRES; when it is unset
// the PostgreSQL half of each test is skipped (locally), and CI sets it so
// that an unreachable server fails the run.
var pgURL = os.Getenv("BILAT_TEST_POSTGRES")

var schemaSeq atomic.Int64

// MustOpenSQLite opens a fresh SQLite database in a temporary folder.
func MustOpenSQLite(tb testing.TB) *store.DB {
	tb.Helper()
	db, err := store.Open(context.Background(), filepath.Join(tb.TempDir(), "bilat.db"))
	if err != nil {
		tb.Fatalf("open sqlite: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// MustOpenPostgres opens a fresh schema of the test PostgreSQL database,
// dropped when the test ends.
func MustOpenPostgres(tb testing.TB) *store.DB {
	tb.Helper()
	if pgURL == "" {
		tb.Skip("BILAT_TEST_POSTGRES is not set")
	}
	schema := fmt.Sprintf("t%d_%d", os.Getpid(), schemaSeq.Add(1))
	admin, err := sql.Open("pgx", pgURL)
	if err != nil {
		tb.Fatalf("postgres: %v", err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		tb.Fatalf("postgres at BILAT_TEST_POSTGRES is not usable: %v", err)
	}
	tb.Cleanup(func() {
		a, err := sql.Open("pgx", pgURL)
		if err == nil {
			a.Exec("DROP SCHEMA " + schema + " CASCADE")
			a.Close()
		}
	})
	db, err := store.Open(context.Background(), withSearchPath(tb, pgURL, schema))
	if err != nil {
		tb.Fatalf("open postgres: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func withSearchPath(tb testing.TB, raw, schema string) string {
	u, err := url.Parse(raw)
	if err != nil {
		tb.Fatalf("BILAT_TEST_POSTGRES: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// eachDB runs fn against a fresh SQLite database and a fresh PostgreSQL
// schema: the same suite, unchanged, on both.
func eachDB(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, MustOpenSQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, MustOpenPostgres(t)) })
}

func TestMain(m *testing.M) {
	if pgURL != "" && !strings.HasPrefix(pgURL, "postgres") {
		fmt.Fprintln(os.Stderr, "BILAT_TEST_POSTGRES must be a postgres:// URL")
		os.Exit(2)
	}
	os.Exit(m.Run())
}
