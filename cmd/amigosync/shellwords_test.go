package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// shellCommand is one simple command of a shell script, as its words after
// expansion, without leading assignments, keywords and redirections.
type shellCommand struct {
	line  int // 1-based line of the script where it starts
	words []string
	// errs are the expansions that could not be made (an unknown variable,
	// a command substitution); only a command that matters reports them.
	errs []string
}

// shellCommands splits a bash script into its simple commands, as far as
// the workflow's run: scripts need: quotes, backslash line continuations,
// $VAR and ${VAR} from vars, $? , comments, the control operators
// (; & && | || newline and parentheses) and redirections (> >> < 2>&1 ...),
// whose target is dropped. Keywords that start a command (if, then, !, ...)
// are dropped too, so `if amigosync plan; then` yields `amigosync plan`.
func shellCommands(script string, vars map[string]string) []shellCommand {
	own := make(map[string]string, len(vars))
	for k, v := range vars {
		own[k] = v
	}
	l := &shellLexer{src: []rune(script), vars: own, line: 1}
	var out []shellCommand
	cur := shellCommand{line: 1}
	end := func() {
		cur.words = trimCommandStart(cur.words, own)
		if len(cur.words) > 0 {
			out = append(out, cur)
		}
		cur = shellCommand{line: l.line}
	}
	redirect := false
	for {
		tok, kind := l.next()
		switch kind {
		case tokEOF:
			end()
			return out
		case tokOperator:
			end()
		case tokRedirect:
			redirect = !strings.HasSuffix(tok, "&") || tok == "&>"
		case tokWord:
			if redirect {
				redirect = false
				continue
			}
			if len(cur.words) == 0 {
				cur.line = l.wordLine
			}
			cur.words = append(cur.words, tok)
			cur.errs = append(cur.errs, l.errs...)
		}
		l.errs = nil
	}
}

// trimCommandStart drops the assignments and keywords that may precede a
// command's name. An assignment sets the variable for the rest of the
// script (as it does when alone on its line, the case that matters here).
func trimCommandStart(words []string, vars map[string]string) []string {
	for len(words) > 0 {
		w := words[0]
		name, value, isAssign := strings.Cut(w, "=")
		switch {
		case w == "if" || w == "then" || w == "elif" || w == "else" || w == "do" ||
			w == "while" || w == "until" || w == "!" || w == "time" || w == "exec":
		case isAssign && name != "" && strings.IndexFunc(name, func(r rune) bool { return !isNameRune(r) }) < 0:
			vars[name] = value
		default:
			return words
		}
		words = words[1:]
	}
	return nil
}

type tokKind int

const (
	tokEOF tokKind = iota
	tokWord
	tokOperator
	tokRedirect
)

// shellLexer reads the words and operators of a script.
type shellLexer struct {
	src      []rune
	pos      int
	line     int // line of pos
	wordLine int // line of the last word's start
	vars     map[string]string
	errs     []string
}

func (l *shellLexer) peek(off int) rune {
	if l.pos+off < len(l.src) {
		return l.src[l.pos+off]
	}
	return 0
}

func (l *shellLexer) advance() rune {
	r := l.src[l.pos]
	l.pos++
	if r == '\n' {
		l.line++
	}
	return r
}

// next returns the next token.
func (l *shellLexer) next() (string, tokKind) {
	for l.pos < len(l.src) {
		switch r := l.peek(0); {
		case r == ' ' || r == '\t':
			l.advance()
		case r == '\\' && l.peek(1) == '\n': // a line continuation
			l.advance()
			l.advance()
		case r == '#':
			for l.pos < len(l.src) && l.peek(0) != '\n' {
				l.advance()
			}
		case r == '\n' || r == ';' || r == '&' || r == '|' || r == '(' || r == ')':
			l.advance()
			if r == '&' && l.peek(0) == '>' {
				l.advance()
				return "&>", tokRedirect
			}
			if (r == '&' || r == '|' || r == ';') && l.peek(0) == r {
				l.advance()
			}
			return string(r), tokOperator
		case r == '>' || r == '<':
			return l.redirect(""), tokRedirect
		default:
			l.wordLine = l.line
			word := l.word()
			if isDigits(word) && (l.peek(0) == '>' || l.peek(0) == '<') {
				return l.redirect(word), tokRedirect
			}
			return word, tokWord
		}
	}
	return "", tokEOF
}

// redirect reads a redirection operator after an optional file descriptor.
func (l *shellLexer) redirect(fd string) string {
	op := fd + string(l.advance())
	for l.peek(0) == '>' || l.peek(0) == '<' || l.peek(0) == '&' {
		op += string(l.advance())
	}
	if strings.HasSuffix(op, "&") && isDigits(string(l.peek(0))) { // 2>&1: the target is part of it
		for isDigits(string(l.peek(0))) {
			op += string(l.advance())
		}
		op += "&"
	}
	return op
}

// word reads one word, expanding quotes and variables.
func (l *shellLexer) word() string {
	var b strings.Builder
	for l.pos < len(l.src) {
		switch r := l.peek(0); {
		case strings.ContainsRune(" \t\n;&|()<>", r):
			return b.String()
		case r == '\\' && l.peek(1) == '\n':
			return b.String()
		case r == '\\':
			l.advance()
			if l.pos < len(l.src) {
				b.WriteRune(l.advance())
			}
		case r == '\'':
			l.advance()
			for l.pos < len(l.src) && l.peek(0) != '\'' {
				b.WriteRune(l.advance())
			}
			if l.pos < len(l.src) {
				l.advance()
			}
		case r == '"':
			l.advance()
			l.doubleQuoted(&b)
		case r == '$':
			b.WriteString(l.expand())
		default:
			b.WriteRune(l.advance())
		}
	}
	return b.String()
}

// doubleQuoted reads the rest of a "..." string.
func (l *shellLexer) doubleQuoted(b *strings.Builder) {
	for l.pos < len(l.src) {
		switch r := l.peek(0); {
		case r == '"':
			l.advance()
			return
		case r == '\\' && strings.ContainsRune("\"\\$`\n", l.peek(1)):
			l.advance()
			if c := l.advance(); c != '\n' {
				b.WriteRune(c)
			}
		case r == '$':
			b.WriteString(l.expand())
		default:
			b.WriteRune(l.advance())
		}
	}
}

// expand reads a $ expansion and returns its value.
func (l *shellLexer) expand() string {
	l.advance() // $
	switch r := l.peek(0); {
	case r == '?':
		l.advance()
		return "0"
	case r == '(':
		depth := 0
		for l.pos < len(l.src) {
			c := l.advance()
			if c == '(' {
				depth++
			} else if c == ')' {
				if depth--; depth == 0 {
					break
				}
			}
		}
		l.errs = append(l.errs, "a command substitution $(...) cannot be checked")
		return "substituted"
	case r == '{':
		l.advance()
		name := l.name()
		if l.peek(0) == '}' {
			l.advance()
		} else {
			l.errs = append(l.errs, fmt.Sprintf("${%s...} is more than a variable", name))
		}
		return l.variable(name)
	case isNameRune(r):
		return l.variable(l.name())
	}
	return "$"
}

func (l *shellLexer) name() string {
	start := l.pos
	for l.pos < len(l.src) && isNameRune(l.peek(0)) {
		l.advance()
	}
	return string(l.src[start:l.pos])
}

func (l *shellLexer) variable(name string) string {
	v, ok := l.vars[name]
	if !ok {
		l.errs = append(l.errs, fmt.Sprintf("$%s is not set by the workflow", name))
	}
	return v
}

func isNameRune(r rune) bool {
	return r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func TestShellCommands(t *testing.T) {
	vars := map[string]string{"T": "prod", "DIR": "/tmp/x y"}
	tests := []struct {
		name   string
		script string
		want   [][]string
		lines  []int
		errs   []string
	}{
		{"one command", "amigosync plan", [][]string{{"amigosync", "plan"}}, []int{1}, nil},
		{"quotes and variables", `amigosync plan --target "$T" --out "${DIR}/p.json" 'a $T'`,
			[][]string{{"amigosync", "plan", "--target", "prod", "--out", "/tmp/x y/p.json", "a $T"}}, []int{1}, nil},
		{"line continuation", "# a comment\namigosync plan \\\n  --target x \\\n  --stats\n",
			[][]string{{"amigosync", "plan", "--target", "x", "--stats"}}, []int{2}, nil},
		{"operators and redirections", "status=0\namigosync plan > \"$DIR/plan.md\" 2>&1 || status=$?\nif [ \"$status\" -ne 0 ]; then exit 1; fi",
			[][]string{{"amigosync", "plan"}, {"[", "0", "-ne", "0", "]"}, {"exit", "1"}, {"fi"}}, []int{2, 3, 3, 3}, nil},
		{"keywords", "if ! amigosync validate; then echo bad >&2; fi",
			[][]string{{"amigosync", "validate"}, {"echo", "bad"}, {"fi"}}, []int{1, 1, 1}, nil},
		{"escapes", `amigosync graph a\ b "say \"hi\"" --format=dot`,
			[][]string{{"amigosync", "graph", "a b", `say "hi"`, "--format=dot"}}, []int{1}, nil},
		{"unknown variable and substitution", `amigosync plan --target "$NOPE" "$(pwd)"`,
			[][]string{{"amigosync", "plan", "--target", "", "substituted"}}, []int{1},
			[]string{"$NOPE is not set by the workflow", "a command substitution $(...) cannot be checked"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var words [][]string
			var lines []int
			var errs []string
			for _, c := range shellCommands(tt.script, vars) {
				words = append(words, c.words)
				lines = append(lines, c.line)
				errs = append(errs, c.errs...)
			}
			if diff := cmp.Diff(tt.want, words); diff != "" {
				t.Errorf("commands (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.lines, lines); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.errs, errs); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}
