package store

import "strings"

// contains is the LIKE pattern that finds text containing q, in lower
// case, with LIKE's own wildcards in q (% and _) and the escape character
// taken literally: a search for "%" finds a percent sign, not everything.
// Use it with likeEscape after LIKE ?.
func contains(q string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.ToLower(q)) + "%"
}

// likeEscape names the escape character of contains' patterns; SQLite and
// PostgreSQL read it alike.
const likeEscape = ` ESCAPE '\'`
