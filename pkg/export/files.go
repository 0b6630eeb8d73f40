package export

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/amigosync/amigosync/internal/atomicfile"
	"github.com/amigosync/amigosync/internal/dirlist"
	"github.com/amigosync/amigosync/pkg/spec"
)

// File is one file to write: a slash-separated path relative to the
// export directory, and its content.
type File struct {
	Path string
	Data []byte
}

// Path is where the manifest of kind called name goes in the export
// layout: agents/NAME.yaml, context-graphs/NAME.yaml, services/NAME.yaml
// (the kind's spec.KindInfo.Dir). The file name is the name itself when
// it is made of letters, digits, "-", "_" and "." and does not start with
// "."; any other character is written %XX (its UTF-8 bytes in hex), so a
// name can neither leave the directory ("../x"), nor make a file the
// loader skips (".x"), nor make two names one file. A name too long for a
// file name is cut and ends with "~" and a hash of the name. The name a
// manifest declares is its metadata.name, never its file name.
func Path(kind spec.Kind, name string) string {
	dir := string(kind)
	if info, ok := spec.KindOf(kind); ok {
		dir = info.Dir
	}
	return dir + "/" + fileName(name) + ".yaml"
}

// maxStem is the longest file name Path writes before ".yaml", in bytes:
// file systems allow 255, and an escaped name can be three times as long
// as the name.
const maxStem = 200

// fileName escapes name for use as a file name (see Path). A name whose
// escaped form is longer than maxStem is cut and ends with "~" and a hash
// of the whole name, so that it stays distinct ("~" is never a name's own).
func fileName(name string) string {
	if name == "" {
		return "%"
	}
	var b strings.Builder
	cut := 0 // length of b at the last piece that fits in a shortened name
	for i := 0; i < len(name); {
		r, size := utf8.DecodeRuneInString(name[i:])
		if safeRune(r) && !(r == '.' && i == 0) && !(r == utf8.RuneError && size == 1) {
			b.WriteString(name[i : i+size])
		} else {
			for _, c := range []byte(name[i : i+size]) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		}
		if b.Len() <= maxStem-hashLen-1 {
			cut = b.Len()
		}
		i += size
	}
	if b.Len() <= maxStem {
		return b.String()
	}
	sum := sha256.Sum256([]byte(name))
	return b.String()[:cut] + "~" + hex.EncodeToString(sum[:])[:hashLen]
}

// hashLen is the number of hex digits of the hash that ends a shortened
// file name.
const hashLen = 16

// safeRune says whether r may stand for itself in a file name.
func safeRune(r rune) bool {
	return r == '-' || r == '_' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// kept are the entries an export directory may already hold without
// --force: its project file, the embedded emulator's state and git's
// files. Exporting into the directory of a project file that names the
// target is the normal case.
var kept = []string{spec.ProjectFile, ".amigosync", ".git", ".gitignore"}

// WriteFiles writes files into dir, creating it and the subdirectories
// the paths need. Unless force, it refuses a dir that holds anything but
// the entries of kept, naming the dir and what it holds, and writes
// nothing. Each file is written atomically (a temporary file renamed over
// it), so an interrupted export leaves every file whole, old or new. A
// path that is absolute or leaves dir is refused before anything is
// written.
func WriteFiles(dir string, files []File, force bool) error {
	if err := RequireDir(dir); err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, f := range files {
		if !fs.ValidPath(f.Path) || f.Path == "." || strings.Contains(f.Path, `\`) {
			return fmt.Errorf("write %s: %q is not a relative path inside the directory", dir, f.Path)
		}
		folded := strings.ToLower(f.Path)
		if seen[folded] {
			return fmt.Errorf("write %s: two files would be %s (paths that differ only in case are one file on some systems)", dir, f.Path)
		}
		seen[folded] = true
	}
	if !force {
		if err := CheckEmpty(dir); err != nil {
			return err
		}
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("create the directory of %s: %w", p, err)
		}
		if err := atomicfile.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// RequireDir refuses an empty directory name (a --dir given as ""). It must
// be checked before anything else: reading "" fails as a directory that
// does not exist, which reads as a new one, while writing a relative path
// under "" writes into the current directory, so without it an export
// would overwrite the current directory's files unchecked.
func RequireDir(dir string) error {
	if dir == "" {
		return errors.New("the directory to write into is an empty name; give . for the current directory")
	}
	return nil
}

// CheckEmpty refuses a dir that holds anything but its project file, the
// embedded emulator's state (.amigosync/) and git's files, naming what it
// holds: what WriteFiles refuses without force, for a caller that checks
// before the work of an export. A dir that does not exist is fine.
func CheckEmpty(dir string) error {
	if err := RequireDir(dir); err != nil {
		return err
	}
	others, err := dirlist.Others(dir, func(name string) bool { return slices.Contains(kept, name) })
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read directory %s: %w", dir, err)
	}
	if others == "" {
		return nil
	}
	return fmt.Errorf("directory %s is not empty (it holds %s); export writes into an empty or new directory, or one holding only its %s, unless --force",
		dir, others, spec.ProjectFile)
}

// Stale lists the manifests under the export layout's directories of dir
// (agents/, context-graphs/, ...) that are not among files: left by an
// earlier export of resources that are gone, or added by hand. WriteFiles
// leaves them in place; plan would read them.
func Stale(dir string, files []File) ([]string, error) {
	written := map[string]bool{}
	for _, f := range files {
		written[f.Path] = true
	}
	var stale []string
	for _, k := range spec.Kinds() {
		root := filepath.Join(dir, k.Dir)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			rel = filepath.ToSlash(rel)
			if ext := path.Ext(rel); !d.IsDir() && (ext == ".yaml" || ext == ".yml") && !written[rel] {
				stale = append(stale, rel)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("look for earlier manifests in %s: %w", root, err)
		}
	}
	slices.Sort(stale)
	return stale, nil
}
