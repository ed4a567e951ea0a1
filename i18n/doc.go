// Package i18n owns the words of the desk's pages in English, French and
// Arabic: the message catalogues (go-i18n, with CLDR plural rules; Arabic
// has six plural forms), the choice of a language for a request, the
// writing direction, and dates, times and numbers written the way each
// language writes them, in an event's time zone.
//
// Catalogues are JSON files under locales/<lang>/, one file per part of
// the interface, embedded in the binary. Every language must have every
// key: a test fails otherwise. The package must not know about HTTP
// handlers or storage.
package i18n
