// Command bilat runs the bilateral-meetings desk: it serves the desk over
// HTTP, builds the demo, and moves events in and out of the database.
//
// This is the one place where the pieces are wired together: the store is
// opened here and handed to the server and the demo builder. Each
// subcommand lives in its own file, with its own flags and help, and is
// dispatched from the table in commands.
package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	_ "time/tzdata" // time zones work on machines without a zoneinfo database

	"bilat"
	"bilat/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal, a second one stops the program at once.
	go func() { <-ctx.Done(); stop() }()
	code := NewMain().Main(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// Main is the program: where it reads and writes, the database it was told
// to use, and the command the command line chose.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string

	// DSN names the database: an SQLite file path or a postgres:// URL.
	DSN string

	cmd    *command
	action action
	args   []string
	usage  func() // prints the usage of the chosen command, or of bilat
	db     *store.DB
}

// NewMain returns a Main wired to the process's standard streams and
// environment.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
}

// Main parses args, runs the command, closes what it opened and returns
// the exit code: 0 ok, 1 runtime error, 2 usage error or invalid input,
// 3 infeasible scheduling problem.
func (m *Main) Main(ctx context.Context, args []string) int {
	err := m.ParseFlags(args)
	if err == nil {
		err = m.Run(ctx)
	}
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	return m.report(err)
}

// ParseFlags reads the global flags, chooses the command and reads its
// flags and arguments. Asking for help returns flag.ErrHelp.
func (m *Main) ParseFlags(args []string) error {
	fs := flag.NewFlagSet("bilat", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	m.usage = func() { m.printUsage(m.Stderr) }
	fs.Usage = m.usage
	m.DSN = cmp.Or(m.Getenv("BILAT_DB"), "bilat.db")
	m.dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() == 0 {
		return usagef("no command given")
	}
	name := fs.Arg(0)
	if name == "help" {
		m.printUsage(m.Stdout)
		return flag.ErrHelp
	}
	c := lookup(name)
	if c == nil {
		return usagef("unknown command %q", name)
	}
	if c.dbDefault != "" && !isSet(fs, "db") {
		m.DSN = c.dbDefault
	}
	return m.parseCommand(c, fs.Args()[1:])
}

// parseCommand reads the flags and arguments of command c.
func (m *Main) parseCommand(c *command, args []string) error {
	fs := flag.NewFlagSet("bilat "+c.name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	m.usage = func() { c.printUsage(fs) }
	fs.Usage = m.usage
	if c.usesDB {
		m.dbFlag(fs)
	}
	m.cmd, m.action = c, c.setup(m, fs)
	operands, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	m.args = operands
	switch {
	case len(m.args) < c.minArgs:
		return usagef("%s needs %s", c.name, c.args)
	case c.maxArgs >= 0 && len(m.args) > c.maxArgs:
		return usagef("%s takes at most %d argument(s)", c.name, c.maxArgs)
	}
	return nil
}

// parseInterleaved parses the flags of fs found among args, before, between
// or after the operands, and returns the operands.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var operands []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, flagError(err)
		}
		rest := fs.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(operands, rest...), nil
		}
		if len(rest) == 0 {
			return operands, nil
		}
		operands = append(operands, rest[0])
		args = rest[1:]
	}
}

// dbFlag declares --db, whose default is the database chosen so far.
func (m *Main) dbFlag(fs *flag.FlagSet) {
	fs.StringVar(&m.DSN, "db", m.DSN, "the `database`: an SQLite file or a postgres:// URL")
}

// Run runs the chosen command.
func (m *Main) Run(ctx context.Context) error {
	return m.action(ctx, m.args)
}

// Close closes the database if a command opened it.
func (m *Main) Close() error {
	if m.db == nil {
		return nil
	}
	err := m.db.Close()
	m.db = nil
	return err
}

// open opens (and migrates) the database once, for the commands that use it.
func (m *Main) open(ctx context.Context) (*store.DB, error) {
	if m.db != nil {
		return m.db, nil
	}
	db, err := store.Open(ctx, m.DSN)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", redact(m.DSN), err)
	}
	m.db = db
	return db, nil
}

// redact hides the password of a database URL.
func redact(dsn string) string {
	if !store.IsPostgres(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "the database URL"
	}
	return u.Redacted()
}

// printUsage prints how to call bilat and lists the commands.
func (m *Main) printUsage(w io.Writer) {
	fmt.Fprint(w, "Usage: bilat [--db DATABASE] COMMAND [flags] [arguments]\n\n")
	fmt.Fprint(w, "bilat runs the desk for bilateral meetings at international assemblies.\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nGlobal flags:\n  --db DATABASE  an SQLite file or a postgres:// URL (default $BILAT_DB, else bilat.db)\n")
	fmt.Fprint(w, "\nRun \"bilat COMMAND -h\" for the flags and help of a command.\n")
}

// report prints err for a person and returns the exit code.
func (m *Main) report(err error) int {
	var u *usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &u):
		if u.msg != "" {
			fmt.Fprintf(m.Stderr, "bilat: %s\n", u.msg)
			m.usage()
		}
		return 2
	}
	fmt.Fprintf(m.Stderr, "bilat: %s\n", headline(err))
	for _, p := range bilat.ErrorProblems(err) {
		fmt.Fprintf(m.Stderr, "  %s\n", p)
	}
	var coded interface{ ExitCode() int }
	switch {
	case errors.As(err, &coded):
		return coded.ExitCode()
	case bilat.ErrorCode(err) == bilat.EINVALID:
		return 2
	}
	return 1
}

// exitInfeasible is the exit status when mandatory or fixed meetings
// cannot all be placed.
const exitInfeasible = 3

// exitError asks for an exit status other than those report gives to
// errors of its kind; it reads as the error it wraps.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

func (e *exitError) Unwrap() error { return e.err }

// ExitCode is the status the program should exit with.
func (e *exitError) ExitCode() int { return e.code }

// headline returns err's message without the list of problems that
// *bilat.Error appends, since report prints those one per line.
func headline(err error) string {
	var e *bilat.Error
	if !errors.As(err, &e) || len(e.Problems) == 0 {
		return err.Error()
	}
	return strings.TrimSuffix(err.Error(), strings.TrimPrefix(e.Error(), e.Message))
}

// usageError is a mistake in the command line. An empty msg means the flag
// package has already printed the mistake and the usage.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// flagError turns an error of flag parsing into a usage error, except a
// request for help.
func flagError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	return &usageError{}
}

// isSet reports whether the flag was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
