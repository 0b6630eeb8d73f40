package spec

import (
	"bytes"
	"sync"
)

// Sources are the contents of the files a validation read, by the name its
// diagnostics give them (Range.File), so that a renderer can show the line a
// diagnostic points at without reading the file again: it may have changed
// since, or not be on disk at all (Validate reads any fs.FS). The zero value
// holds no file. It is safe for concurrent use.
//
// Only the bytes are kept (a small fraction of what the decoded manifests
// take); the line index of a file is built the first time one of its lines
// is asked for, so a valid project pays nothing for it.
type Sources struct {
	files map[string]*sourceFile
}

// sourceFile is one file's bytes and, once needed, where its lines start.
type sourceFile struct {
	data   []byte
	once   sync.Once
	starts []int // byte offset of the start of each line
}

// NewSources returns Sources holding the given files, by display name.
func NewSources(files map[string][]byte) *Sources {
	s := &Sources{}
	for name, data := range files {
		s.add(name, data)
	}
	return s
}

// add records the bytes of a file.
func (s *Sources) add(name string, data []byte) {
	if s.files == nil {
		s.files = map[string]*sourceFile{}
	}
	s.files[name] = &sourceFile{data: data}
}

// merge adds the files of other.
func (s *Sources) merge(other *Sources) {
	for name, f := range other.files {
		s.add(name, f.data)
	}
}

// data returns the bytes of file, and whether they were read.
func (s *Sources) data(file string) ([]byte, bool) {
	if s == nil {
		return nil, false
	}
	f, ok := s.files[file]
	if !ok || f.data == nil {
		return nil, false
	}
	return f.data, true
}

// Line returns line n (1-based) of file without its line break (a
// trailing carriage return is dropped too), and whether the file was read
// and has that line.
func (s *Sources) Line(file string, n int) (string, bool) {
	if s == nil {
		return "", false
	}
	f, ok := s.files[file]
	if !ok || n < 1 {
		return "", false
	}
	f.once.Do(func() {
		f.starts = []int{0}
		for i, b := range f.data {
			if b == '\n' && i+1 < len(f.data) {
				f.starts = append(f.starts, i+1)
			}
		}
	})
	if n > len(f.starts) || len(f.data) == 0 {
		return "", false
	}
	line := f.data[f.starts[n-1]:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	return string(bytes.TrimSuffix(line, []byte("\r"))), true
}
