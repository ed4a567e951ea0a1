package resolve

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// stopwords are English and French articles and linking words that carry no
// identity of their own. "s" is what is left of a possessive ("People's").
var stopwords = map[string]bool{
	"the": true, "of": true, "and": true, "s": true,
	"le": true, "la": true, "les": true, "l": true,
	"de": true, "du": true, "des": true, "d": true, "et": true,
}

// folds rewrites letters that canonical decomposition leaves alone: Latin
// ligatures and stroked letters, Arabic letter variants, tatweel, and modifier
// letters used as apostrophes.
var folds = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ð': "d",
	'ł': "l", 'þ': "th", 'ı': "i", 'ħ': "h", 'ŀ': "l", 'ŧ': "t",
	'ٱ': "ا", 'أ': "ا", 'إ': "ا", 'آ': "ا",
	'ى': "ي", 'ی': "ي", 'ئ': "ي", 'ة': "ه", 'ؤ': "و", 'ک': "ك",
	'\u0640': "", // tatweel
	// modifier letters written as apostrophes
	'ʼ': " ", 'ʻ': " ", 'ʽ': " ", 'ʾ': " ", 'ʿ': " ", 'ʹ': " ",
}

// arabicArticle is the definite article, dropped at the start of Arabic words.
const arabicArticle = "ال"

// Normalize returns the search key of s: NFKD, accents and Arabic diacritics
// stripped, letter variants unified, lower case, punctuation as spaces, the
// Arabic article and EN/FR articles and linking words dropped.
func Normalize(s string) string {
	return strings.Join(keyTokens(s), " ")
}

// keyTokens returns the words of the search key of s, in order.
func keyTokens(s string) []string {
	words := strings.Fields(fold(s))
	for i, w := range words {
		words[i] = stripArabicArticle(w)
	}
	return dropStopwords(words)
}

// fold decomposes s and rewrites every rune with foldRune.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFKD.String(strings.ToLower(s)) {
		foldRune(&b, r)
	}
	return b.String()
}

// foldRune writes the folded form of r: nothing for marks, a space for
// anything that is not part of a word.
func foldRune(b *strings.Builder, r rune) {
	if unicode.In(r, unicode.Mn, unicode.Me) {
		return
	}
	r = unicode.ToLower(r)
	if s, ok := folds[r]; ok {
		b.WriteString(s)
		return
	}
	if d, ok := asciiDigit(r); ok {
		b.WriteByte(d)
		return
	}
	if unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mc, r) {
		b.WriteRune(r)
		return
	}
	b.WriteByte(' ')
}

// asciiDigit maps Arabic-Indic and Persian digits to ASCII digits.
func asciiDigit(r rune) (byte, bool) {
	switch {
	case r >= '٠' && r <= '٩':
		return byte('0' + r - '٠'), true
	case r >= '۰' && r <= '۹':
		return byte('0' + r - '۰'), true
	}
	return 0, false
}

// stripArabicArticle drops leading "ال" from w while at least two letters remain.
func stripArabicArticle(w string) string {
	if !strings.HasPrefix(w, arabicArticle) {
		return w
	}
	for n := utf8.RuneCountInString(w); n >= 4 && strings.HasPrefix(w, arabicArticle); n -= 2 {
		w = w[len(arabicArticle):]
	}
	return w
}

// dropStopwords removes stopwords from words, unless nothing else would remain.
func dropStopwords(words []string) []string {
	kept := words[:0:0]
	for _, w := range words {
		if !stopwords[w] {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 {
		return words
	}
	return kept
}
