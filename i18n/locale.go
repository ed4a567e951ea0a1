package i18n

import (
	"fmt"
	"strconv"
	"time"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Locale speaks one language.
type Locale struct {
	Lang    string
	loc     *goi18n.Localizer
	printer *message.Printer
}

// Locale returns the locale of a language of Languages (else English).
func (c *Catalog) Locale(lang string) *Locale {
	lang = c.Match(lang, "")
	return &Locale{Lang: lang, loc: goi18n.NewLocalizer(c.bundle, lang), printer: message.NewPrinter(numbering(lang))}
}

// numbering is the language whose digits and grouping numbers use. Arabic
// keeps Western Arabic digits (the "latn" system), as Morocco and the
// Maghreb write them and as times and dates on the same page are written.
func numbering(lang string) language.Tag {
	if lang == "ar" {
		return language.MustParse("ar-u-nu-latn")
	}
	return language.MustParse(lang)
}

// Dir is the writing direction of the language: "rtl" or "ltr".
func (l *Locale) Dir() string {
	if l.Lang == "ar" {
		return "rtl"
	}
	return "ltr"
}

// T returns the message id, filled with args given as name, value pairs.
// A missing message shows its id, so that a gap is visible, not hidden.
func (l *Locale) T(id string, args ...any) string {
	return l.localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data(args)})
}

// N returns the plural form of message id for count, which templates see
// as .Count beside args.
func (l *Locale) N(id string, count int, args ...any) string {
	d := data(args)
	d["Count"] = l.Number(count)
	return l.localize(&goi18n.LocalizeConfig{MessageID: id, PluralCount: count, TemplateData: d})
}

func (l *Locale) localize(cfg *goi18n.LocalizeConfig) string {
	s, err := l.loc.Localize(cfg)
	if err != nil {
		return cfg.MessageID
	}
	return s
}

func data(args []any) map[string]any {
	d := make(map[string]any, len(args)/2+1)
	for i := 0; i+1 < len(args); i += 2 {
		d[fmt.Sprint(args[i])] = args[i+1]
	}
	return d
}

// Problem translates a problem the domain reports about a field (such as
// "is required"); a message without a translation, such as one naming
// values, stays as the domain wrote it.
func (l *Locale) Problem(message string) string {
	s, err := l.loc.Localize(&goi18n.LocalizeConfig{MessageID: "problem." + message})
	if err != nil {
		return message
	}
	return s
}

// Number writes a whole number with the language's grouping.
func (l *Locale) Number(n int) string { return l.printer.Sprintf("%d", n) }

// Clock writes the time of day on the 24-hour clock, as all three
// languages do at international meetings.
func (l *Locale) Clock(t time.Time) string { return t.Format("15:04") }

// Day writes a date with its weekday: "Monday 24 November", "lundi 24
// novembre", "الاثنين 24 نوفمبر". Digits stay Western Arabic, as in Morocco.
func (l *Locale) Day(t time.Time) string {
	return l.T("date.day", "Weekday", l.Weekday(t), "Day", strconv.Itoa(t.Day()), "Month", l.Month(t), "Year", strconv.Itoa(t.Year()))
}

// Date writes a date with its year and without the weekday.
func (l *Locale) Date(t time.Time) string {
	return l.T("date.date", "Day", strconv.Itoa(t.Day()), "Month", l.Month(t), "Year", strconv.Itoa(t.Year()))
}

// Weekday names the day of the week.
func (l *Locale) Weekday(t time.Time) string {
	return l.T("date.weekday." + strconv.Itoa(int(t.Weekday())))
}

// WeekdayShort abbreviates the day of the week.
func (l *Locale) WeekdayShort(t time.Time) string {
	return l.T("date.weekday_short." + strconv.Itoa(int(t.Weekday())))
}

// Month names the month.
func (l *Locale) Month(t time.Time) string {
	return l.T("date.month." + strconv.Itoa(int(t.Month())))
}
