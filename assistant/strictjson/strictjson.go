// Package strictjson decodes JSON that people write by hand (API bodies,
// rooscoach's own transcript format, arrangement requests) and explains what
// is wrong with it in words they can act on: the line and column of a syntax
// error, the field of a type error, a misspelled or repeated key.
//
// encoding/json accepts a key given twice (the last value wins) and ignores
// misspelled keys unless told otherwise; for a body that decides which agent a
// call is filed under, both are mistakes to refuse, not to guess at.
package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rooscoach/rooscoach/assistant"
)

// Decode decodes the one JSON value in data into v. It refuses unknown
// fields, keys given twice in one object, and anything after the value. Its
// errors are *assistant.Error with code EInvalid.
func Decode(data []byte, v any) error {
	if err := checkDuplicates(data); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return explain(data, err, reflect.TypeOf(v))
	}
	if _, err := dec.Token(); err != io.EOF {
		return faultError(&Fault{Kind: FaultTrailing}, "The body holds more than one JSON value; send one.")
	}
	return nil
}

// FaultKind says what kind of mistake a [Fault] is.
type FaultKind string

// The kinds of fault.
const (
	FaultSyntax         FaultKind = "syntax"          // not JSON, or broken JSON
	FaultTruncated      FaultKind = "truncated"       // the JSON ends before its value does
	FaultType           FaultKind = "type"            // a value of the wrong type (Field "" for the body)
	FaultUnknownField   FaultKind = "unknown-field"   // a field the body may not have
	FaultDuplicateField FaultKind = "duplicate-field" // a field given twice in one object
	FaultUTF8           FaultKind = "utf8"            // bytes that are not UTF-8
	FaultTrailing       FaultKind = "trailing"        // more than one JSON value
)

// Fault is what is wrong with a body, for a caller that words it in
// another language than the English of the error's message (a live
// session speaks the call's language). Every error of [Decode] and
// [Explain] has one in its chain ([FaultOf]).
type Fault struct {
	Kind FaultKind
	// Field is the dotted path of the field at fault ("debt.principal",
	// "turns[1].text"); "" when the fault is the body's.
	Field string
	// Line and Col locate the fault, both from 1, the column in
	// characters; 0 when the decoder named no place.
	Line, Col int
	// Err is encoding/json's error, when it found the fault.
	Err error
}

// Error describes f in plain words, for logs.
func (f *Fault) Error() string {
	msg := string(f.Kind)
	if f.Field != "" {
		msg += " at " + f.Field
	}
	if f.Line > 0 {
		msg += fmt.Sprintf(" (line %d, column %d)", f.Line, f.Col)
	}
	if f.Err != nil {
		msg += ": " + f.Err.Error()
	}
	return msg
}

// Unwrap returns encoding/json's error.
func (f *Fault) Unwrap() error { return f.Err }

// FaultOf returns the fault in err's chain, if any.
func FaultOf(err error) (*Fault, bool) {
	var f *Fault
	ok := errors.As(err, &f)
	return f, ok
}

// faultError is the EInvalid error of fault f with message msg.
func faultError(f *Fault, msg string) error {
	return &assistant.Error{Code: assistant.EInvalid, Message: msg, Err: f}
}

// Explain turns an error of encoding/json about data into an EInvalid error
// that says where and what: a syntax error with its line and column, a value
// of the wrong type with its field, an unknown field by name.
func Explain(data []byte, err error) error { return explain(data, err, nil) }

// explain is Explain knowing the type decoded into, when t is not nil: a
// field of minor units ([amountField]) given a decimal or a string is
// answered in those words.
func explain(data []byte, err error, t reflect.Type) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := LineCol(data, syn.Offset)
		return faultError(&Fault{Kind: FaultSyntax, Line: line, Col: col, Err: err},
			fmt.Sprintf("The body is not valid JSON: %s at line %d, column %d.", syn.Error(), line, col))
	case errors.As(err, &typ):
		if typ.Field == "" {
			return faultError(&Fault{Kind: FaultType, Err: err},
				fmt.Sprintf("The body must be %s, not a JSON %s.", kindOf(typ.Type), typ.Value))
		}
		f := &Fault{Kind: FaultType, Field: typ.Field, Err: err}
		at := ""
		if typ.Offset > 0 {
			// A type's own UnmarshalJSON (a date) reports no offset.
			f.Line, f.Col = LineCol(data, typ.Offset)
			at = fmt.Sprintf(" (line %d, column %d)", f.Line, f.Col)
		}
		if amountField(t, typ.Field) {
			return faultError(f, fmt.Sprintf("%s: use whole cents (%s); amounts are integer minor units (cents), not a JSON %s%s.", typ.Field, centsExample(data, typ), typ.Value, at))
		}
		return faultError(f, fmt.Sprintf("Field %s must be %s, not a JSON %s%s.", typ.Field, kindOf(typ.Type), typ.Value, at))
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		// The decoder stops at the end; the place to add what is missing
		// is after the last character, whatever blank lines follow it.
		line, col := end(data)
		return faultError(&Fault{Kind: FaultTruncated, Line: line, Col: col, Err: err},
			fmt.Sprintf("The body is not valid JSON: it ends too early, at line %d, column %d.", line, col))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.TrimPrefix(err.Error(), "json: unknown field ")
		field := name
		if s, uerr := strconv.Unquote(name); uerr == nil {
			field = s
		}
		return faultError(&Fault{Kind: FaultUnknownField, Field: field, Err: err},
			fmt.Sprintf("The body has an unknown field %s; check its spelling against the API.", name))
	}
	return faultError(&Fault{Kind: FaultSyntax, Err: err}, "The body is not valid JSON: "+err.Error()+".")
}

// end is the line and column just after the last character of data that
// is not white space.
func end(data []byte) (line, col int) {
	data = bytes.TrimRight(data, " \t\r\n")
	line = bytes.Count(data, []byte("\n")) + 1
	return line, utf8.RuneCount(data[bytes.LastIndexByte(data, '\n')+1:]) + 1
}

// frame is an open object or array while checkDuplicates walks a document.
type frame struct {
	keys      map[string]bool // nil for an array
	expectKey bool            // the next string in this object is a key
	path      string          // where the container is, for messages
	index     int             // the next element's index, in an array
	lastKey   string
}

// checkDuplicates walks data token by token and refuses an object that names
// a key twice, and a string that is not valid UTF-8, naming its field:
// encoding/json would read the bad bytes as U+FFFD and store text the
// sender never wrote. Syntax errors are left to the decoder, which
// explains them better.
func checkDuplicates(data []byte) error {
	bad := int64(-1)
	if !utf8.Valid(data) {
		bad = invalidAt(data)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		var top *frame
		if n := len(stack); n > 0 {
			top = stack[n-1]
		}
		if bad >= 0 && dec.InputOffset() > bad {
			return invalidUTF8(data, bad, top)
		}
		if top != nil && top.keys != nil && top.expectKey {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				stack = closeFrame(stack)
				continue
			}
			key, _ := tok.(string)
			if top.keys[key] {
				line, col := LineCol(data, dec.InputOffset())
				return faultError(&Fault{Kind: FaultDuplicateField, Field: joinPath(top.path, key), Line: line, Col: col},
					fmt.Sprintf("The body gives field %q twice%s (line %d, column %d); give each field once.", key, where(top.path), line, col))
			}
			top.keys[key] = true
			top.expectKey = false
			top.lastKey = key
			continue
		}
		d, ok := tok.(json.Delim)
		switch {
		case ok && (d == '{' || d == '['):
			child := &frame{}
			if d == '{' {
				child.keys = map[string]bool{}
				child.expectKey = true
			}
			switch {
			case top == nil:
			case top.keys != nil:
				child.path = joinPath(top.path, top.lastKey)
			default:
				child.path = top.path + "[" + strconv.Itoa(top.index) + "]"
			}
			stack = append(stack, child)
		case ok:
			stack = closeFrame(stack)
		default:
			valueDone(top)
		}
	}
}

// invalidAt is the offset of the first byte of data that is not UTF-8.
func invalidAt(data []byte) int64 {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return int64(i)
		}
		i += n
	}
	return -1
}

// invalidUTF8 is the error of a body whose bytes at offset bad are not
// UTF-8, in the token read next inside top: a key of top, or the value of
// top's field or element.
func invalidUTF8(data []byte, bad int64, top *frame) error {
	// LineCol counts the characters before an offset; the bad byte is one.
	line, col := LineCol(data, bad+1)
	f := &Fault{Kind: FaultUTF8, Line: line, Col: col}
	switch {
	case top == nil:
		return faultError(f, fmt.Sprintf("The body is not valid UTF-8 (line %d, column %d); send it as UTF-8.", line, col))
	case top.keys != nil && top.expectKey:
		f.Field = top.path
		return faultError(f, fmt.Sprintf("A field name%s is not valid UTF-8 (line %d, column %d); send the body as UTF-8.", where(top.path), line, col))
	case top.keys != nil:
		f.Field = joinPath(top.path, top.lastKey)
		return faultError(f, fmt.Sprintf("Field %s is not valid UTF-8 (line %d, column %d); send the body as UTF-8.", f.Field, line, col))
	}
	f.Field = fmt.Sprintf("%s[%d]", top.path, top.index)
	return faultError(f, fmt.Sprintf("Field %s is not valid UTF-8 (line %d, column %d); send the body as UTF-8.", f.Field, line, col))
}

// closeFrame pops the innermost container, which is a finished value of the
// one around it.
func closeFrame(stack []*frame) []*frame {
	stack = stack[:len(stack)-1]
	if n := len(stack); n > 0 {
		valueDone(stack[n-1])
	}
	return stack
}

// valueDone records that a value inside f ended: an object then expects its
// next key, an array counts the element.
func valueDone(f *frame) {
	if f == nil {
		return
	}
	if f.keys != nil {
		f.expectKey = true
	} else {
		f.index++
	}
}

func joinPath(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}

func where(path string) string {
	if path == "" {
		return ""
	}
	return " in " + path
}

// LineCol converts a byte offset in data into a 1-based line and a 1-based
// column counted in characters.
func LineCol(data []byte, off int64) (line, col int) {
	off = max(0, min(off, int64(len(data))))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = len([]rune(string(before[bytes.LastIndexByte(before, '\n')+1:])))
	return line, max(col, 1)
}

// Formatted is a type read from JSON text of one form, such as a date;
// FormatOf says which, for messages ("a date as YYYY-MM-DD"). Its
// UnmarshalJSON reports a wrong value as a *json.UnmarshalTypeError, so
// that encoding/json adds the field's path.
type Formatted interface {
	JSONFormat() string
}

// kindOf names a Go type the way the JSON it is read from looks. Whether an
// integer is money is the field's to say ([amountField]), not its type's:
// ids and counts are integers too.
func kindOf(t reflect.Type) string {
	if f, ok := reflect.Zero(t).Interface().(Formatted); ok {
		return f.JSONFormat()
	}
	if t.Kind() != reflect.Pointer {
		if f, ok := reflect.New(t).Interface().(Formatted); ok {
			return f.JSONFormat()
		}
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Pointer:
		return kindOf(t.Elem())
	}
	return "a JSON object"
}

// amountField reports whether the field at path (encoding/json's dotted
// path, without array indices) of type t is tagged unit:"minor": an amount
// in integer minor units.
func amountField(t reflect.Type, path string) bool {
	if t == nil || path == "" {
		return false
	}
	var field reflect.StructField
	for _, name := range strings.Split(path, ".") {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return false
		}
		found := false
		for _, f := range reflect.VisibleFields(t) {
			if !f.IsExported() || f.Anonymous {
				continue
			}
			tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if tag == name || (tag == "" && strings.EqualFold(f.Name, name)) {
				field, found = f, true
				break
			}
		}
		if !found {
			return false
		}
		t = field.Type
	}
	return field.Tag.Get("unit") == "minor"
}

// centsExample shows the value given for an amount in cents ("1250 for
// 12.50"), when it was a decimal with at most two decimals (a point or a
// Dutch comma, in a number or a string); otherwise a stock example.
func centsExample(data []byte, typ *json.UnmarshalTypeError) string {
	const stock = "1250 for 12.50"
	given := ""
	switch {
	case strings.HasPrefix(typ.Value, "number "):
		given = strings.TrimPrefix(typ.Value, "number ")
	case typ.Value == "string" && typ.Offset > 0 && typ.Offset <= int64(len(data)):
		// encoding/json names no string's text; it ends at the offset.
		before := bytes.TrimRight(data[:typ.Offset], " \t\r\n")
		if !bytes.HasSuffix(before, []byte(`"`)) {
			return stock
		}
		open := bytes.LastIndexByte(before[:len(before)-1], '"')
		if open < 0 {
			return stock
		}
		s, err := strconv.Unquote(string(before[open:]))
		if err != nil {
			return stock
		}
		given = strings.TrimSpace(s)
	}
	whole, frac, ok := strings.Cut(strings.Replace(given, ",", ".", 1), ".")
	if !ok || whole == "" || len(frac) == 0 || len(frac) > 2 || !digits(whole) || !digits(frac) {
		return stock
	}
	cents := strings.TrimLeft(whole+frac+strings.Repeat("0", 2-len(frac)), "0")
	if cents == "" {
		cents = "0"
	}
	return cents + " for " + given
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
