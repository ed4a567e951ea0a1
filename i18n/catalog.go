package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed locales
var files embed.FS

// Languages are the languages of the interface, the default first.
var Languages = []string{"en", "fr", "ar"}

// Catalog holds every message of every language.
type Catalog struct {
	bundle  *goi18n.Bundle
	matcher language.Matcher
	keys    map[string]map[string]bool // language → message ids
	plural  map[string]map[string][]string
}

// Load reads the embedded catalogues.
func Load() (*Catalog, error) {
	c := &Catalog{
		bundle: goi18n.NewBundle(language.English),
		keys:   map[string]map[string]bool{},
		plural: map[string]map[string][]string{},
	}
	c.bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	tags := make([]language.Tag, len(Languages))
	for i, lang := range Languages {
		tags[i] = language.MustParse(lang)
		if err := c.loadLanguage(lang); err != nil {
			return nil, err
		}
	}
	c.matcher = language.NewMatcher(tags)
	return c, nil
}

// MustLoad is Load for start-up, where a broken catalogue is a bug.
func MustLoad() *Catalog {
	c, err := Load()
	if err != nil {
		panic(err)
	}
	return c
}

func (c *Catalog) loadLanguage(lang string) error {
	c.keys[lang] = map[string]bool{}
	c.plural[lang] = map[string][]string{}
	dir := path.Join("locales", lang)
	entries, err := fs.ReadDir(files, dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := path.Join(dir, e.Name())
		buf, err := files.ReadFile(name)
		if err != nil {
			return err
		}
		// go-i18n takes the language from the file name's last part.
		mf, err := c.bundle.ParseMessageFileBytes(buf, strings.TrimSuffix(e.Name(), ".json")+"."+lang+".json")
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		for _, m := range mf.Messages {
			if c.keys[lang][m.ID] {
				return fmt.Errorf("%s: message %q is defined twice", name, m.ID)
			}
			c.keys[lang][m.ID] = true
			if forms := pluralForms(m); len(forms) > 0 {
				c.plural[lang][m.ID] = forms
			}
		}
	}
	return nil
}

// pluralForms lists the plural forms a message spells out, if it has any
// other than "other".
func pluralForms(m *goi18n.Message) []string {
	var forms []string
	for form, text := range map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many} {
		if text != "" {
			forms = append(forms, form)
		}
	}
	if len(forms) == 0 {
		return nil
	}
	sort.Strings(forms)
	return append(forms, "other")
}

// Keys returns the message ids of a language, sorted.
func (c *Catalog) Keys(lang string) []string {
	out := make([]string, 0, len(c.keys[lang]))
	for k := range c.keys[lang] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// PluralForms returns the plural forms a language's message spells out.
func (c *Catalog) PluralForms(lang, id string) []string { return c.plural[lang][id] }

// Match picks the interface language for a choice made by the user (may
// be empty) and an Accept-Language header.
func (c *Catalog) Match(chosen, acceptLanguage string) string {
	for _, lang := range Languages {
		if chosen == lang {
			return lang
		}
	}
	tags, _, _ := language.ParseAcceptLanguage(acceptLanguage)
	_, i, conf := c.matcher.Match(tags...)
	if conf == language.No {
		return Languages[0]
	}
	return Languages[i]
}
