package compliance

// The YAML shape of a pack, checked against the Go types before decoding, so a
// mistake is reported at its line with the field it concerns.

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// problemAt prefixes problem with the field it concerns.
func problemAt(field, problem string) string {
	if field == "" {
		return problem
	}
	return field + ": " + problem
}

// checkShape walks n against the Go type t and calls bad for a mapping key
// t has no field for, a key given twice, and a value of the wrong kind
// (a list where one value is wanted, and so on).
func checkShape(n *yaml.Node, t reflect.Type, field string, bad func(n *yaml.Node, field, problem string)) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			bad(n, field, "want a mapping of "+strings.Join(fieldNames(t), ", "))
			return
		}
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			name := join(field, k.Value)
			if line, dup := seen[k.Value]; dup {
				bad(k, name, fmt.Sprintf("given twice (first on line %d); give each field once", line))
				continue
			}
			seen[k.Value] = k.Line
			ft, ok := fieldType(t, k.Value)
			if !ok {
				bad(k, "", fmt.Sprintf("unknown field %q in %s; the fields are %s", k.Value, orPack(field), strings.Join(fieldNames(t), ", ")))
				continue
			}
			checkShape(v, ft, name, bad)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			bad(n, field, "want a list")
			return
		}
		for i, item := range n.Content {
			checkShape(item, t.Elem(), fmt.Sprintf("%s[%d]", field, i), bad)
		}
	default:
		if n.Kind != yaml.ScalarNode {
			bad(n, field, "want a single value, not a list or mapping")
		}
	}
}

func orPack(field string) string {
	if field == "" {
		return "the pack"
	}
	return field
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

// fieldType returns the type of t's field with YAML name name.
func fieldType(t reflect.Type, name string) (reflect.Type, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); tag == name && f.IsExported() {
			return f.Type, true
		}
	}
	return nil, false
}

func fieldNames(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); tag != "" && t.Field(i).IsExported() {
			out = append(out, tag)
		}
	}
	return out
}

// rulesNode returns the rules list of a pack's root mapping, or nil.
func rulesNode(root *yaml.Node) *yaml.Node {
	if root.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "rules" && root.Content[i+1].Kind == yaml.SequenceNode {
			return root.Content[i+1]
		}
	}
	return nil
}

// ruleAt returns the id of the rule whose text holds line, or "".
func ruleAt(root *yaml.Node, line int) string {
	rules := rulesNode(root)
	if rules == nil {
		return ""
	}
	id := ""
	for _, r := range rules.Content {
		if r.Line > line {
			break
		}
		id = idOf(r)
	}
	return id
}

func idOf(r *yaml.Node) string {
	if r.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(r.Content); i += 2 {
		if r.Content[i].Value == "id" {
			return r.Content[i+1].Value
		}
	}
	return ""
}

var lineRE = regexp.MustCompile(`^line (\d+): `)

func lineOf(msg string) int {
	m := lineRE.FindStringSubmatch(msg)
	if m == nil {
		return 0
	}
	n := 0
	fmt.Sscan(m[1], &n)
	return n
}

func stripLine(msg string) string { return lineRE.ReplaceAllString(msg, "") }
