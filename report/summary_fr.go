package report

import (
	"bufio"
	"bytes"
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// summary_fr_articles.csv gives, for every country of geo/countries.csv,
// the article its French name takes (le, la, l', les, or "-" for none:
// Malte, Cuba, Bahreïn) and the form "de" takes before it, which no rule
// derives alone: masculine names contract (du Danemark), plural ones too
// (des Bahamas), feminine ones usually drop the article (de Suède,
// d'Allemagne) but some keep it (de la France, de l'Inde, de la
// République de Corée), and vowel-initial masculine ones keep l' (de
// l'Équateur).
//
//go:embed summary_fr_articles.csv
var frenchArticlesCSV []byte

// frenchForm is one country's article and "de" form.
type frenchForm struct{ article, de string }

var frenchForms = sync.OnceValue(func() map[string]frenchForm {
	out := map[string]frenchForm{}
	sc := bufio.NewScanner(bytes.NewReader(frenchArticlesCSV))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, ",")
		if len(f) != 3 {
			panic("report: bad line in summary_fr_articles.csv: " + line)
		}
		out[f[0]] = frenchForm{article: strings.TrimPrefix(f[1], "-"), de: f[2]}
	}
	return out
})

// FrenchDe writes "de" before a country's French name as French wants it:
// FrenchDe("DK", "Danemark") is "du Danemark", FrenchDe("DE", "Allemagne")
// "d'Allemagne". A code the table lacks (an organisation) gets de, or d'
// before a vowel.
func FrenchDe(code, name string) string {
	form, ok := frenchForms()[code]
	if !ok {
		form.de = "de"
	}
	return glue(form.de, name)
}

// FrenchWithArticle writes a country's French name with its article, as
// after "avec": "la Norvège", "l'Éthiopie", "le Danemark", "Malte".
func FrenchWithArticle(code, name string) string {
	return glue(frenchForms()[code].article, name)
}

// glue joins a word to a name: an apostrophe joins it without a space,
// and de (or a missing article) before a vowel becomes d'.
func glue(word, name string) string {
	switch {
	case word == "":
		return name
	case word == "de" && startsWithVowel(name):
		return "d'" + name
	case strings.HasSuffix(word, "'"):
		return word + name
	}
	return word + " " + name
}

// startsWithVowel reports whether a French word starts with a vowel
// sound (accents and H are not told apart: the table decides those).
func startsWithVowel(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	base := unicode.ToLower(r)
	return strings.ContainsRune("aeiouyàâäéèêëîïôöûüœ", base)
}
