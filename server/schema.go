package server

import (
	"encoding/json"
	"fmt"
	"path"
	"reflect"
	"strings"
	"time"
	"unicode"

	"bilat"
)

// schema is a JSON Schema as OpenAPI 3.1 uses it.
type schema struct {
	Ref                  string             `json:"$ref,omitempty"`
	Type                 any                `json:"type,omitempty"` // a name, or a list of names
	Format               string             `json:"format,omitempty"`
	Enum                 []string           `json:"enum,omitempty"`
	Minimum              *int               `json:"minimum,omitempty"`
	Maximum              *int               `json:"maximum,omitempty"`
	Items                *schema            `json:"items,omitempty"`
	Properties           map[string]*schema `json:"properties,omitempty"`
	AdditionalProperties *schema            `json:"additionalProperties,omitempty"`
	AnyOf                []*schema          `json:"anyOf,omitempty"`
}

// enums gives the values of the named string types of the model.
var enums = map[reflect.Type][]string{
	reflect.TypeFor[bilat.PartnerKind]():     asStrings(bilat.PartnerKinds),
	reflect.TypeFor[bilat.RequestStatus]():   asStrings(bilat.RequestStatuses),
	reflect.TypeFor[bilat.AgreementStatus](): asStrings(bilat.AgreementStatuses),
	reflect.TypeFor[bilat.ActionStatus]():    asStrings(bilat.ActionStatuses),
	reflect.TypeFor[bilat.SessionKind]():     asStrings(bilat.SessionKinds),
}

// fieldEnum names one plain string field whose values are nonetheless fixed.
type fieldEnum struct {
	owner reflect.Type
	field string // JSON name
}

var fieldEnums = map[fieldEnum][]string{
	{reflect.TypeFor[bilat.Agreement](), "kind"}:    bilat.AgreementKinds,
	{reflect.TypeFor[bilat.Offer](), "kind"}:        {"time", "deputy"},
	{reflect.TypeFor[bilat.Partner](), "un_status"}: {"member", "observer", "none"},
}

// schemaNamer lets a type choose its name among the document's schemas.
type schemaNamer interface{ schemaName() string }

// schemas builds the schemas of Go types from their JSON encoding: named
// structs become components, referred to by $ref.
type schemas struct {
	defs  map[string]*schema
	names map[reflect.Type]string
}

func newSchemas() *schemas {
	return &schemas{defs: map[string]*schema{}, names: map[reflect.Type]string{}}
}

// of returns the schema of values of type t.
func (g *schemas) of(t reflect.Type) *schema {
	switch {
	case t == reflect.TypeFor[time.Time]():
		return &schema{Type: "string", Format: "date-time"}
	case t == reflect.TypeFor[json.RawMessage]():
		return &schema{} // any JSON value
	case enums[t] != nil:
		return &schema{Type: "string", Enum: enums[t]}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return nullable(g.of(t.Elem()))
	case reflect.String:
		return &schema{Type: "string"}
	case reflect.Bool:
		return &schema{Type: "boolean"}
	case reflect.Int64:
		return &schema{Type: "integer", Format: "int64"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return &schema{Type: "integer"}
	case reflect.Float32, reflect.Float64:
		return &schema{Type: "number"}
	case reflect.Slice, reflect.Array:
		return &schema{Type: "array", Items: g.of(element(t))}
	case reflect.Map:
		return &schema{Type: "object", AdditionalProperties: g.of(t.Elem())}
	case reflect.Interface:
		return &schema{}
	case reflect.Struct:
		if t.Name() == "" {
			return g.object(t)
		}
		return g.ref(t)
	}
	panic(fmt.Sprintf("server: no JSON schema for %v", t))
}

// ref returns a reference to the component schema of the named struct t,
// adding it on first use.
func (g *schemas) ref(t reflect.Type) *schema {
	name, ok := g.names[t]
	if !ok {
		name = g.name(t)
		g.names[t] = name
		g.defs[name] = &schema{} // taken, for types that refer to themselves
		g.defs[name] = g.object(t)
	}
	return &schema{Ref: "#/components/schemas/" + name}
}

// name chooses a free component name for t: its own, capitalised, or
// prefixed by its package's when another type has it.
func (g *schemas) name(t reflect.Type) string {
	name := t.Name()
	if n, ok := reflect.Zero(t).Interface().(schemaNamer); ok {
		name = n.schemaName()
	}
	name = capitalise(name)
	if _, taken := g.defs[name]; taken {
		name = capitalise(path.Base(t.PkgPath())) + name
	}
	return name
}

// object returns the schema of a struct's JSON object, with the fields of
// embedded structs promoted as encoding/json does.
func (g *schemas) object(t reflect.Type) *schema {
	s := &schema{Type: "object", Properties: map[string]*schema{}}
	g.addFields(s, t, t)
	return s
}

func (g *schemas) addFields(s *schema, owner, t reflect.Type) {
	for i := range t.NumField() {
		f := t.Field(i)
		name := jsonName(f)
		switch {
		case name == "-":
		case f.Anonymous && f.Tag.Get("json") == "" && f.Type.Kind() == reflect.Struct:
			g.addFields(s, owner, f.Type)
		case f.IsExported():
			p := g.of(f.Type)
			if values, ok := fieldEnums[fieldEnum{owner, name}]; ok {
				p.Enum = values
			}
			s.Properties[name] = p
		}
	}
}

// element is the type of a list's items; the lists of the model hold
// pointers to records but never nil ones.
func element(t reflect.Type) reflect.Type {
	if e := t.Elem(); e.Kind() == reflect.Pointer {
		return e.Elem()
	}
	return t.Elem()
}

// nullable allows null besides the values of s.
func nullable(s *schema) *schema {
	if name, ok := s.Type.(string); ok {
		s.Type = []string{name, "null"}
		return s
	}
	return &schema{AnyOf: []*schema{s, {Type: "null"}}}
}

// jsonName is the name encoding/json gives the field, "-" for none.
func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "" {
		return f.Name
	}
	return name
}

func capitalise(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}
