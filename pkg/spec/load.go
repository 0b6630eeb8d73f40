package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// MaxFileSize is the largest manifest file amigosync reads (8 MiB). Bigger
// files are refused with a diagnostic rather than read into memory.
const MaxFileSize = 8 << 20

// ProjectFile is the name of the project file at the root of a manifest
// directory. It is not a manifest.
const ProjectFile = "amigosync.yaml"

// stateDir is the directory where the embedded emulator keeps its state; it
// is never read as manifests.
const stateDir = ".amigosync"

// document is one YAML document of a file.
type document struct {
	file  string     // display path of the file
	root  *yaml.Node // the document's content node
	value any        // JSON-compatible value, after variable substitution
	kind  Kind       // as written; may be empty or unknown
	name  string     // metadata.name as written; may be empty
	valid bool       // it was decoded (without its broken values)
	keys  keyIndex   // locates diagnostics in large mappings
	// broken are the values its checks refused (or found missing),
	// absent for the later rules.
	broken brokenPaths
}

// source is one file read from the manifest directory.
type source struct {
	path    string // path inside the fs.FS
	display string // path shown in diagnostics
	data    []byte
}

// unlisted is a directory under fsys (or fsys itself, ".") that could not
// be listed.
type unlisted struct {
	path string
	err  error
}

// listFiles returns every *.yaml and *.yml file under fsys, sorted, skipping
// hidden directories and files and the emulator's state directory.
// Symbolic links to files are listed; links to directories are not. A
// directory that cannot be listed is returned by its own path, and the
// walk goes on with the others.
func listFiles(fsys fs.FS) (files []string, unreadable []unlisted) {
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			unreadable = append(unreadable, unlisted{path: p, err: err})
			return nil
		}
		base := d.Name()
		if p != "." && strings.HasPrefix(base, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			// A link to a manifest is read like the manifest (a broken
			// link then fails to read, and says so); links to
			// directories are not followed, so the walk cannot loop.
			if st, err := fs.Stat(fsys, p); err == nil && !st.Mode().IsRegular() {
				return nil
			}
		case d.IsDir() || !d.Type().IsRegular():
			return nil
		}
		switch path.Ext(base) {
		case ".yaml", ".yml":
			files = append(files, p)
		}
		return nil
	})
	return files, unreadable
}

// readSource reads one file, refusing huge and binary files.
func readSource(fsys fs.FS, p, display string) (source, *Diagnostic) {
	src := source{path: p, display: display}
	fail := func(code, format string, args ...any) (source, *Diagnostic) {
		return src, &Diagnostic{Severity: SeverityError, Code: code, Summary: fmt.Sprintf(format, args...),
			Range: Range{File: display, Start: Pos{1, 1}, End: Pos{1, 1}}}
	}
	f, err := fsys.Open(p)
	if err != nil {
		return fail(CodeFileRead, "cannot read file: %v", err)
	}
	defer f.Close()
	var sizeHint int64
	if st, err := f.Stat(); err == nil {
		if st.Size() > MaxFileSize {
			return fail(CodeFileTooLarge, "file is %s; manifest files are limited to %s", sizeString(st.Size()), sizeString(MaxFileSize))
		}
		sizeHint = st.Size()
	}
	data, err := readAll(io.LimitReader(f, MaxFileSize+1), sizeHint)
	if err != nil {
		return fail(CodeFileRead, "cannot read file: %v", err)
	}
	if len(data) > MaxFileSize {
		return fail(CodeFileTooLarge, "file is larger than %s, the limit for manifest files", sizeString(MaxFileSize))
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return failAt(src, data, i, CodeFileBinary, "file contains a NUL byte; manifests must be UTF-8 text")
	}
	if !utf8.Valid(data) {
		return failAt(src, data, firstInvalidUTF8(data), CodeFileBinary, "file is not valid UTF-8 text")
	}
	src.data = stripDocumentBOMs(data)
	return src, nil
}

// stripDocumentBOMs removes a byte order mark at the start of a document
// after the first (as "cat a.yaml b.yaml" leaves it), which YAML allows
// but yaml.v3 reads as part of the first key ("\ufeffapiVersion"). The
// BOM at the start of the file is handled by yaml.v3 itself.
func stripDocumentBOMs(data []byte) []byte {
	const bom = "\ufeff"
	if !bytes.Contains(data, []byte(bom)) {
		return data
	}
	for _, marker := range []string{"---\n", "---\r\n", "...\n", "...\r\n"} {
		data = bytes.ReplaceAll(data, []byte(marker+bom), []byte(marker))
	}
	return data
}

// readAll reads r to the end into a buffer sized for sizeHint bytes (the
// size the file had when it was opened), so that a file is read with one
// allocation and no copying instead of io.ReadAll's doubling from 512 bytes.
func readAll(r io.Reader, sizeHint int64) ([]byte, error) {
	buf := bytes.NewBuffer(make([]byte, 0, sizeHint+bytes.MinRead))
	_, err := buf.ReadFrom(r)
	return buf.Bytes(), err
}

// failAt reports a problem at byte offset off of data, which it keeps as
// the source's content.
func failAt(src source, data []byte, off int, code, msg string) (source, *Diagnostic) {
	src.data = data // to show the line, escaped, under the problem
	p := posAt(data, off)
	return src, &Diagnostic{Severity: SeverityError, Code: code, Summary: msg, Range: Range{File: src.display, Start: p, End: p}}
}

// posAt is the line and column (in characters, a byte that is not UTF-8
// counting as one) of byte offset off of data.
func posAt(data []byte, off int) Pos {
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return Pos{1 + bytes.Count(data[:off], []byte("\n")), 1 + utf8.RuneCount(data[start:off])}
}

// firstForbidden returns the offset of the first character YAML does not
// allow in a stream (its "c-printable" set: tab, line breaks, printable
// ASCII, NEL and the Unicode ranges yaml.v3's reader accepts), and that
// character; -1 when there is none. data is valid UTF-8 (readSource
// refuses other files).
func firstForbidden(data []byte) (int, rune) {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == '\t', r == '\n', r == '\r', r >= 0x20 && r <= 0x7e, r == 0x85,
			r >= 0xa0 && r <= 0xd7ff, r >= 0xe000 && r <= 0xfffd, r >= 0x10000:
		default:
			return i, r
		}
		i += size
	}
	return -1, 0
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return 0
}

func sizeString(n int64) string {
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): `)

// yamlParserProblems are the messages of yaml.v3's parser (parserc.go), as
// opposed to its scanner: the line it reports for them is one too low.
var yamlParserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
	"found undefined tag handle":             true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
}

// parseDocuments splits a file into YAML documents. Empty documents (for
// example after a trailing "---") are skipped. A syntax error stops the file.
func parseDocuments(src source) (roots []*yaml.Node, diag *Diagnostic) {
	defer func() {
		// yaml.v3 is not known to panic on input since v3.0.0, but a
		// panic must never escape on user input.
		if r := recover(); r != nil {
			diag = &Diagnostic{Severity: SeverityError, Code: CodeYAMLSyntax,
				Summary: fmt.Sprintf("invalid YAML: parser failed: %v", r),
				Range:   Range{File: src.display, Start: Pos{1, 1}, End: Pos{1, 1}}}
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(src.data))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return roots, yamlError(src, err)
		}
		if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
			if c := n.Content[0]; !(c.Kind == yaml.ScalarNode && c.ShortTag() == "!!null") {
				roots = append(roots, c)
			}
		}
	}
	return roots, nil
}

// yamlError turns a yaml.v3 error into a diagnostic at the line it names,
// with a hint when that line is indented with a tab.
func yamlError(src source, err error) *Diagnostic {
	msg := err.Error()
	p := Pos{1, 1}
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		msg = msg[len(m[0]):]
		if n, convErr := strconv.Atoi(m[1]); convErr == nil && n >= 1 {
			p.Line = n
			if yamlParserProblems[msg] {
				// yaml.v3 reports the parser's (not the scanner's) marks
				// zero-based: "line 2" of an unclosed { on line 3.
				p.Line++
			}
		}
	}
	msg = "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")
	if msg == "invalid YAML: control characters are not allowed" {
		// The reader's error has no line: find the character.
		if off, r := firstForbidden(src.data); off >= 0 {
			p = posAt(src.data, off)
			msg = fmt.Sprintf("invalid YAML: control characters are not allowed (%U here); write it as an escape in a double-quoted string", r)
		}
	}
	if lines := bytes.Split(src.data, []byte("\n")); p.Line <= len(lines) && bytes.HasPrefix(bytes.TrimLeft(lines[p.Line-1], " "), []byte("\t")) {
		msg += " (YAML is indented with spaces, not tabs)"
	}
	return &Diagnostic{Severity: SeverityError, Code: CodeYAMLSyntax, Summary: msg,
		Range: Range{File: src.display, Start: p, End: p}}
}
