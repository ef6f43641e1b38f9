// Package money holds Amount, the exact decimal type of every SellerCenter
// statement, transaction and payout amount.
//
// The finance endpoints send money as JSON numbers ("value": 65.3), some
// fields are typed as strings ("guaranteeDeposit": "0.00"), and the vendor's
// own types and examples disagree on which is which. Decoding either into a
// float64 loses cents: ten thousand transactions of 0.10 summed in float64
// give 1000.0000000001588, not 1000.00, which no accountant accepts. An
// Amount keeps the decimal text it was read from and writes it back
// unchanged, in the form it came in (number or string), and its arithmetic
// is exact: it works on the decimal digits with math/big, never on floats.
package money

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strings"
	"unicode/utf8"
)

// maxExponent bounds the exponent a value may be written with ("1e400"), so
// that hostile input cannot make an Amount allocate without limit. No amount
// of money needs more digits than this either side of the point.
const maxExponent = 400

// maxDigits bounds the digits of an amount, for the same reason: the
// largest amounts of money have some twenty.
const maxDigits = 100

// ErrSyntax is the class of every failure to read an amount; test for it
// with errors.Is.
var ErrSyntax = errors.New("money: not a decimal amount")

// ErrRange is the class of every failure to express an amount in minor units
// (see Amount.MinorUnits); test for it with errors.Is.
var ErrRange = errors.New("money: amount does not fit")

// form is how an Amount was written in JSON.
type form uint8

const (
	formNumber form = iota // a JSON number, the default
	formString             // a JSON string holding the decimal text
)

// Amount is an exact decimal amount of money as the API writes it. It keeps
// the text it was read from: String, MarshalText and MarshalJSON give that
// text back unchanged (trailing zeros and all), and MarshalJSON writes it in
// the form it was read in, a JSON number or a JSON string. Results of the
// arithmetic methods are written as numbers with as many fraction digits as
// the most precise operand ("0.10" + "2" is "2.10").
//
// The zero Amount is 0 and marshals as the JSON number 0. Compare amounts
// with Cmp, not ==: "1.5" and "1.50" are the same amount in different text.
type Amount struct {
	text string // validated decimal text; "" means 0
	form form
}

// decimal is an amount's value: unscaled × 10^-scale, with scale ≥ 0.
type decimal struct {
	unscaled big.Int
	scale    int
}

// Parse reads a decimal amount such as "65.30", "-0.10", "1000" or "1.5e2".
// It accepts the syntax of a JSON number, and also leading zeros and a
// leading "+", which some string-typed fields carry. Anything else (empty
// text, spaces, thousands separators, NaN, Inf, hex) is an error wrapping
// ErrSyntax.
func Parse(s string) (Amount, error) {
	if err := validate(s); err != nil {
		return Amount{}, err
	}
	return Amount{text: s}, nil
}

// FromMinorUnits returns units / 10^decimals, such as 1050 cents at 2
// decimals as "10.50". decimals must be between 0 and 18.
func FromMinorUnits(units int64, decimals int) (Amount, error) {
	if decimals < 0 || decimals > 18 {
		return Amount{}, fmt.Errorf("%w: %d decimals, want 0 to 18", ErrRange, decimals)
	}
	var d decimal
	d.unscaled.SetInt64(units)
	d.scale = decimals
	return Amount{text: d.format()}, nil
}

// validate checks that s is a decimal the package reads, without computing
// its value, so decoding stays cheap.
func validate(s string) error {
	_, err := scan(s)
	return err
}

// parts are the pieces of a decimal text.
type parts struct {
	neg      bool
	intPart  string
	fracPart string
	exp      int
}

// scan splits s into its parts, refusing anything that is not a decimal.
func scan(s string) (parts, error) {
	var p parts
	if s == "" {
		return p, fmt.Errorf("%w: empty text", ErrSyntax)
	}
	rest := s
	switch rest[0] {
	case '-':
		p.neg, rest = true, rest[1:]
	case '+':
		rest = rest[1:]
	}
	i := 0
	for i < len(rest) && isDigit(rest[i]) {
		i++
	}
	p.intPart, rest = rest[:i], rest[i:]
	if p.intPart == "" && (rest == "" || rest[0] != '.') {
		if rest == "" {
			return p, bad(s, "no digit")
		}
		return p, bad(s, "unexpected "+quoteRune(rest))
	}
	if rest != "" && rest[0] == '.' {
		rest = rest[1:]
		j := 0
		for j < len(rest) && isDigit(rest[j]) {
			j++
		}
		if j == 0 {
			return p, bad(s, "no digit after the decimal point")
		}
		p.fracPart, rest = rest[:j], rest[j:]
	}
	if p.intPart == "" {
		return p, bad(s, "no digit before the decimal point")
	}
	if len(p.intPart)+len(p.fracPart) > maxDigits {
		return p, bad(s, fmt.Sprintf("more than %d digits", maxDigits))
	}
	if rest != "" && (rest[0] == 'e' || rest[0] == 'E') {
		e, err := scanExponent(rest[1:])
		if err != nil {
			return p, bad(s, err.Error())
		}
		p.exp, rest = e, ""
	}
	if rest != "" {
		return p, bad(s, "unexpected "+quoteRune(rest))
	}
	return p, nil
}

// scanExponent reads the digits after "e", bounded by maxExponent.
func scanExponent(s string) (int, error) {
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg, s = s[0] == '-', s[1:]
	}
	if s == "" {
		return 0, errors.New("no digit in the exponent")
	}
	e := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, errors.New("unexpected " + quoteRune(s[i:]) + " in the exponent")
		}
		e = e*10 + int(s[i]-'0')
		if e > maxExponent {
			return 0, fmt.Errorf("exponent beyond %d", maxExponent)
		}
	}
	if neg {
		e = -e
	}
	return e, nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// quoteRune quotes the first rune of s.
func quoteRune(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	return fmt.Sprintf("%q", r)
}

// bad is a syntax error naming the text, cut so that hostile input cannot
// flood an error message or a log.
func bad(s, why string) error {
	const limit = 40
	if len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return fmt.Errorf("%w: %q: %s", ErrSyntax, s, why)
}

// value computes a's exact value. The text was validated when a was made.
func (a Amount) value() decimal {
	var d decimal
	if a.text == "" {
		return d
	}
	p, err := scan(a.text)
	if err != nil {
		// Unreachable: every constructor validates. Treat as zero rather
		// than panic in arithmetic.
		return d
	}
	digits := strings.TrimLeft(p.intPart+p.fracPart, "0")
	if digits != "" {
		d.unscaled.SetString(digits, 10)
	}
	d.scale = len(p.fracPart) - p.exp
	if d.scale < 0 {
		d.unscaled.Mul(&d.unscaled, pow10(-d.scale))
		d.scale = 0
	}
	if p.neg {
		d.unscaled.Neg(&d.unscaled)
	}
	return d
}

// pow10 returns 10^n as a new big.Int.
func pow10(n int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// rescaled returns d's unscaled value at the larger scale s.
func (d *decimal) rescaled(s int) *big.Int {
	out := new(big.Int).Set(&d.unscaled)
	if s > d.scale {
		out.Mul(out, pow10(s-d.scale))
	}
	return out
}

// format writes d as plain decimal text with exactly scale fraction digits.
func (d *decimal) format() string {
	digits := new(big.Int).Abs(&d.unscaled).String()
	if d.scale > 0 {
		if len(digits) <= d.scale {
			digits = strings.Repeat("0", d.scale-len(digits)+1) + digits
		}
		digits = digits[:len(digits)-d.scale] + "." + digits[len(digits)-d.scale:]
	}
	if d.unscaled.Sign() < 0 {
		return "-" + digits
	}
	return digits
}

// Add returns a + b, exactly.
func (a Amount) Add(b Amount) Amount { return Sum(a, b) }

// Sub returns a - b, exactly.
func (a Amount) Sub(b Amount) Amount { return Sum(a, b.Neg()) }

// Sum returns the exact total of amounts; the total of none is 0. It adds
// at the scale of the most precise amount, so summing "0.10" ten thousand
// times gives "1000.00".
func Sum(amounts ...Amount) Amount {
	if len(amounts) == 0 {
		return Amount{}
	}
	values := make([]decimal, len(amounts))
	scale := 0
	for i, a := range amounts {
		values[i] = a.value()
		scale = max(scale, values[i].scale)
	}
	var total decimal
	total.scale = scale
	for i := range values {
		total.unscaled.Add(&total.unscaled, values[i].rescaled(scale))
	}
	return Amount{text: total.format()}
}

// Neg returns -a, keeping a's digits.
func (a Amount) Neg() Amount {
	switch {
	case a.text == "":
		return a
	case a.IsZero():
		return Amount{text: strings.TrimLeft(a.text, "+-"), form: a.form}
	case a.text[0] == '-':
		return Amount{text: a.text[1:], form: a.form}
	case a.text[0] == '+':
		return Amount{text: "-" + a.text[1:], form: a.form}
	default:
		return Amount{text: "-" + a.text, form: a.form}
	}
}

// Cmp compares a and b by value: -1 if a < b, 0 if they are equal (even when
// written differently, as "1.5" and "1.50"), +1 if a > b.
func (a Amount) Cmp(b Amount) int {
	x, y := a.value(), b.value()
	scale := max(x.scale, y.scale)
	return x.rescaled(scale).Cmp(y.rescaled(scale))
}

// Sign returns -1, 0 or +1 as a is negative, zero or positive.
func (a Amount) Sign() int {
	d := a.value()
	return d.unscaled.Sign()
}

// IsZero reports whether a is zero, however it is written ("0", "-0.00").
func (a Amount) IsZero() bool { return a.Sign() == 0 }

// String returns the text a was read from, or for a computed amount its
// plain decimal text; the zero Amount is "0".
func (a Amount) String() string {
	if a.text == "" {
		return "0"
	}
	return a.text
}

// MinorUnits returns a × 10^decimals as an integer, such as "10.50" at 2
// decimals as 1050 cents. It refuses, with an error wrapping ErrRange, an
// amount with more fraction digits than decimals that are not zero ("10.505"
// at 2) and one whose result does not fit in an int64: it never rounds.
func (a Amount) MinorUnits(decimals int) (int64, error) {
	if decimals < 0 || decimals > 18 {
		return 0, fmt.Errorf("%w: %d decimals, want 0 to 18", ErrRange, decimals)
	}
	d := a.value()
	units := d.rescaled(decimals)
	if d.scale > decimals {
		var rem big.Int
		units.QuoRem(units, pow10(d.scale-decimals), &rem)
		if rem.Sign() != 0 {
			return 0, fmt.Errorf("%w: %s has more than %d decimals", ErrRange, a.shortText(), decimals)
		}
	}
	if !units.IsInt64() {
		return 0, fmt.Errorf("%w: %s at %d decimals is beyond %d", ErrRange, a.shortText(), decimals, int64(math.MaxInt64))
	}
	return units.Int64(), nil
}

// shortText is a's text cut for an error message.
func (a Amount) shortText() string {
	s := a.String()
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// IsString reports whether a was read from a JSON string rather than a
// JSON number, and so is written back as one.
func (a Amount) IsString() bool { return a.form == formString }

// MarshalText writes a's decimal text.
func (a Amount) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText reads decimal text, as Parse does.
func (a *Amount) UnmarshalText(b []byte) error {
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// MarshalJSON writes a as a JSON number, or as a JSON string when it was
// read from one, with its text unchanged.
func (a Amount) MarshalJSON() ([]byte, error) {
	s := a.String()
	if a.form == formString {
		return []byte(`"` + s + `"`), nil
	}
	if s[0] == '+' || hasLeadingZero(s) {
		// Text that only a string may hold (read by Parse or from a JSON
		// string, then re-formed) is written as a plain number.
		d := a.value()
		s = d.format()
	}
	return []byte(s), nil
}

// hasLeadingZero reports whether s's integer part has a zero that JSON's
// number syntax forbids, such as "007".
func hasLeadingZero(s string) bool {
	s = strings.TrimPrefix(s, "-")
	return len(s) > 1 && s[0] == '0' && isDigit(s[1])
}

// UnmarshalJSON reads a JSON number or a JSON string holding a decimal, and
// remembers which it was. JSON null leaves a unchanged, as encoding/json
// does for its own types; a nullable field is a *Amount.
func (a *Amount) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		return nil
	}
	f := formNumber
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s, f = s[1:len(s)-1], formString
		if strings.ContainsAny(s, `\"`) {
			return bad(s, "escapes are not decimal digits")
		}
	}
	v, err := Parse(s)
	if err != nil {
		return err
	}
	v.form = f
	*a = v
	return nil
}
