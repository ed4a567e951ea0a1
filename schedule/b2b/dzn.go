package b2b

import (
	"fmt"
	"strconv"
)

// This file reads the MiniZinc data (.dzn) syntax the benchmark files use:
// assignments "name = value;" whose values are integers, sets ({1,3..5},
// {} or a bare range 3..5), one-dimensional arrays [v, v, ...] and
// two-dimensional arrays [| r | r |]. Comments (% to the end of the line,
// /* ... */) are skipped. Other MiniZinc constructs (array2d(...), strings,
// booleans) are refused with the line they are on.

// syntaxError is a mistake in the text, at a line, inside a field if the
// reader was in one.
type syntaxError struct {
	line  int
	field string
	msg   string
}

func (e *syntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

type tokenKind int

const (
	tokEOF tokenKind = iota
	tokIdent
	tokInt
	tokPunct // = ; , [ ] { } | ..
)

type token struct {
	kind tokenKind
	text string
	line int
}

func (t token) String() string {
	switch t.kind {
	case tokEOF:
		return "the end of the file"
	case tokIdent:
		return fmt.Sprintf("name %q", t.text)
	case tokInt:
		return "number " + t.text
	}
	return fmt.Sprintf("%q", t.text)
}

// lexer cuts the text into tokens, counting lines.
type lexer struct {
	src  []byte
	pos  int
	line int
}

func (l *lexer) errorf(format string, args ...any) error {
	return &syntaxError{line: l.line, msg: fmt.Sprintf(format, args...)}
}

// next returns the next token, skipping blanks and comments.
func (l *lexer) next() (token, error) {
	if err := l.skip(); err != nil {
		return token{}, err
	}
	if l.pos >= len(l.src) {
		return token{kind: tokEOF, line: l.line}, nil
	}
	start, c := l.pos, l.src[l.pos]
	switch {
	case isLetter(c):
		for l.pos < len(l.src) && (isLetter(l.src[l.pos]) || isDigit(l.src[l.pos])) {
			l.pos++
		}
		return token{kind: tokIdent, text: string(l.src[start:l.pos]), line: l.line}, nil
	case isDigit(c) || c == '-' && l.pos+1 < len(l.src) && isDigit(l.src[l.pos+1]):
		l.pos++
		for l.pos < len(l.src) && isDigit(l.src[l.pos]) {
			l.pos++
		}
		return token{kind: tokInt, text: string(l.src[start:l.pos]), line: l.line}, nil
	case c == '.' && l.pos+1 < len(l.src) && l.src[l.pos+1] == '.':
		l.pos += 2
		return token{kind: tokPunct, text: "..", line: l.line}, nil
	case isPunct(c):
		l.pos++
		return token{kind: tokPunct, text: string(c), line: l.line}, nil
	}
	return token{}, l.errorf("unexpected character %q", rune(c))
}

// skip passes over blanks and comments.
func (l *lexer) skip() error {
	for l.pos < len(l.src) {
		switch c := l.src[l.pos]; {
		case c == '\n':
			l.line++
			l.pos++
		case c == ' ' || c == '\t' || c == '\r':
			l.pos++
		case c == '%':
			for l.pos < len(l.src) && l.src[l.pos] != '\n' {
				l.pos++
			}
		case c == '/' && l.pos+1 < len(l.src) && l.src[l.pos+1] == '*':
			if err := l.skipBlockComment(); err != nil {
				return err
			}
		default:
			return nil
		}
	}
	return nil
}

func (l *lexer) skipBlockComment() error {
	line := l.line
	for l.pos += 2; l.pos+1 < len(l.src); l.pos++ {
		if l.src[l.pos] == '\n' {
			l.line++
		}
		if l.src[l.pos] == '*' && l.src[l.pos+1] == '/' {
			l.pos += 2
			return nil
		}
	}
	return &syntaxError{line: line, msg: "comment /* is never closed"}
}

func isLetter(c byte) bool { return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isPunct(c byte) bool {
	switch c {
	case '=', ';', ',', '[', ']', '{', '}', '|':
		return true
	}
	return false
}

type valueKind int

const (
	kindInt valueKind = iota
	kindSet
	kindArray
	kindMatrix
)

func (k valueKind) String() string {
	return [...]string{"a number", "a set", "an array", "a two-dimensional array"}[k]
}

// value is a parsed data value. A set keeps its ranges as written, so that
// a huge range costs nothing until its bounds have been checked.
type value struct {
	kind   valueKind
	line   int
	n      int       // kindInt
	ranges [][2]int  // kindSet: inclusive lo..hi
	elems  []value   // kindArray
	rows   [][]value // kindMatrix
}

// assignment is one "name = value;" of the file.
type assignment struct {
	name string
	line int
	val  value
}

// parser reads assignments with one token of look-ahead.
type parser struct {
	lx    lexer
	tok   token
	field string // the assignment being read, for errors
}

// parseDZN reads every assignment of src, in order.
func parseDZN(src []byte) ([]assignment, error) {
	p := &parser{lx: lexer{src: src, line: 1}}
	if err := p.advance(); err != nil {
		return nil, err
	}
	var list []assignment
	for p.tok.kind != tokEOF {
		a, err := p.assignment()
		if err != nil {
			return nil, err
		}
		list = append(list, a)
	}
	return list, nil
}

func (p *parser) advance() error {
	t, err := p.lx.next()
	if err != nil {
		if se, ok := err.(*syntaxError); ok {
			se.field = p.field
		}
		return err
	}
	p.tok = t
	return nil
}

func (p *parser) errorf(format string, args ...any) error {
	return &syntaxError{line: p.tok.line, field: p.field, msg: fmt.Sprintf(format, args...)}
}

// expect consumes the punctuation s or fails.
func (p *parser) expect(s string) error {
	if p.tok.kind != tokPunct || p.tok.text != s {
		return p.errorf("expected %q, found %v", s, p.tok)
	}
	return p.advance()
}

// is reports whether the current token is the punctuation s.
func (p *parser) is(s string) bool { return p.tok.kind == tokPunct && p.tok.text == s }

func (p *parser) assignment() (assignment, error) {
	p.field = ""
	if p.tok.kind != tokIdent {
		return assignment{}, p.errorf("expected a name, found %v", p.tok)
	}
	a := assignment{name: p.tok.text, line: p.tok.line}
	p.field = a.name
	if err := p.advance(); err != nil {
		return a, err
	}
	if err := p.expect("="); err != nil {
		return a, err
	}
	v, err := p.value()
	if err != nil {
		return a, err
	}
	a.val = v
	if !p.is(";") {
		return a, p.errorf("expected \";\", found %v", p.tok)
	}
	p.field = "" // what follows the ";" is no longer this field's
	return a, p.advance()
}

// value reads a number, a range, a set or an array.
func (p *parser) value() (value, error) {
	if p.is("[") {
		return p.array()
	}
	return p.element()
}

// element reads a number, a range or a set: what arrays hold, since
// MiniZinc has no arrays of arrays.
func (p *parser) element() (value, error) {
	switch {
	case p.tok.kind == tokInt:
		return p.intOrRange()
	case p.is("{"):
		return p.set()
	}
	return value{}, p.errorf("expected a value, found %v", p.tok)
}

func (p *parser) number() (int, error) {
	if p.tok.kind != tokInt {
		return 0, p.errorf("expected a number, found %v", p.tok)
	}
	n, err := strconv.Atoi(p.tok.text)
	if err != nil {
		return 0, p.errorf("number %s is too large", p.tok.text)
	}
	return n, p.advance()
}

// intOrRange reads n, or lo..hi as a set.
func (p *parser) intOrRange() (value, error) {
	line := p.tok.line
	lo, err := p.number()
	if err != nil || !p.is("..") {
		return value{kind: kindInt, line: line, n: lo}, err
	}
	hi, err := p.rangeEnd()
	return value{kind: kindSet, line: line, ranges: [][2]int{{lo, hi}}}, err
}

// rangeEnd reads the ".. hi" of a range.
func (p *parser) rangeEnd() (int, error) {
	if err := p.expect(".."); err != nil {
		return 0, err
	}
	return p.number()
}

// set reads {} or {e, e, ...} where each e is n or lo..hi.
func (p *parser) set() (value, error) {
	v := value{kind: kindSet, line: p.tok.line}
	err := p.list("{", "}", func() error {
		lo, err := p.number()
		hi := lo
		if err == nil && p.is("..") {
			hi, err = p.rangeEnd()
		}
		v.ranges = append(v.ranges, [2]int{lo, hi})
		return err
	})
	return v, err
}

// array reads [v, v, ...] or, when it opens with "[|", a 2-D array.
func (p *parser) array() (value, error) {
	line := p.tok.line
	if err := p.advance(); err != nil {
		return value{}, err
	}
	if p.is("|") {
		return p.matrix(line)
	}
	v := value{kind: kindArray, line: line}
	err := p.items("]", func() error {
		e, err := p.element()
		v.elems = append(v.elems, e)
		return err
	})
	return v, err
}

// matrix reads the rows of [| a, b | c, d |], after the "[".
func (p *parser) matrix(line int) (value, error) {
	v := value{kind: kindMatrix, line: line}
	if err := p.advance(); err != nil { // the "|" after "["
		return v, err
	}
	for !p.is("]") {
		var row []value
		err := p.items("|", func() error {
			e, err := p.element()
			row = append(row, e)
			return err
		})
		if err != nil {
			return v, err
		}
		if len(row) > 0 { // [| |] is empty
			v.rows = append(v.rows, row)
		}
	}
	return v, p.advance()
}

// list reads open, then items up to close.
func (p *parser) list(open, close string, item func() error) error {
	if err := p.expect(open); err != nil {
		return err
	}
	return p.items(close, item)
}

// items reads comma-separated items, a trailing comma allowed, and the
// closing punctuation.
func (p *parser) items(close string, item func() error) error {
	for !p.is(close) {
		if err := item(); err != nil {
			return err
		}
		if p.is(",") {
			if err := p.advance(); err != nil {
				return err
			}
		} else if !p.is(close) {
			return p.errorf("expected \",\" or %q, found %v", close, p.tok)
		}
	}
	return p.advance()
}
