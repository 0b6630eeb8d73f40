package draw_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/draw"
)

// mermaidParsed is what testdata/mermaid/check.mjs prints for one file.
type mermaidParsed struct {
	File     string `json:"file"`
	Error    string `json:"error"`
	Type     string `json:"type"`
	Vertices []struct {
		ID    string `json:"id"`
		Text  string `json:"text"`
		Shape string `json:"shape"`
	} `json:"vertices"`
	Edges []struct {
		Start  string `json:"start"`
		End    string `json:"end"`
		Text   string `json:"text"`
		Stroke string `json:"stroke"`
	} `json:"edges"`
}

// mermaidPlaceholder is how mermaid's parser keeps an entity code #N;.
var mermaidPlaceholder = regexp.MustCompile(`ﬂ°°([0-9]+)¶ß`)

// decodeParsed turns the parser's placeholders back into characters.
func decodeParsed(s string) string {
	return mermaidPlaceholder.ReplaceAllStringFunc(s, func(p string) string {
		n, _ := strconv.Atoi(mermaidPlaceholder.FindStringSubmatch(p)[1])
		return string(rune(n))
	})
}

// TestMermaidParser reads every Mermaid output with mermaid's own parser
// (the npm package, run by node) and checks that it read the nodes, shapes,
// labels and edges that were drawn.
func TestMermaidParser(t *testing.T) {
	node, script := mermaidChecker(t)
	pics := allPictures(t)
	dir := t.TempDir()
	var files []string
	for name, p := range pics {
		f := filepath.Join(dir, name+".mmd")
		if err := os.WriteFile(f, []byte(draw.Mermaid(p)), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	sort.Strings(files)
	out, err := exec.Command(node, append([]string{script}, files...)...).Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", node, script, err, out)
	}
	seen := 0
	for sc := bufio.NewScanner(bytes.NewReader(out)); sc.Scan(); seen++ {
		var got mermaidParsed
		if err := json.Unmarshal(sc.Bytes(), &got); err != nil {
			t.Fatalf("read the checker's output %q: %v", sc.Text(), err)
		}
		name := strings.TrimSuffix(filepath.Base(got.File), ".mmd")
		t.Run(name, func(t *testing.T) { checkParsed(t, pics[name], got) })
	}
	if seen != len(files) {
		t.Fatalf("the checker reported %d of %d files:\n%s", seen, len(files), out)
	}
}

func checkParsed(t *testing.T, p draw.Picture, got mermaidParsed) {
	if got.Error != "" {
		t.Fatalf("mermaid does not parse it: %s", got.Error)
	}
	if got.Type != "flowchart-v2" {
		t.Errorf("diagram type %q, want flowchart-v2", got.Type)
	}
	ids := draw.NodeIDs(p)
	var want, have []string
	for _, n := range p.Nodes {
		want = append(want, ids[n.Key]+" "+wantMermaidShape(n)+" "+strings.Join(wantLines(n), "<br>"))
	}
	for _, v := range got.Vertices {
		have = append(have, v.ID+" "+v.Shape+" "+decodeParsed(v.Text))
	}
	if diff := cmp.Diff(want, have); diff != "" {
		t.Errorf("vertices (-drawn +parsed):\n%s", diff)
	}
	want, have = nil, nil
	for _, e := range p.Edges {
		stroke := "normal"
		if e.Kind == draw.EdgeJumpBack {
			stroke = "dotted"
		}
		want = append(want, ids[e.From]+" → "+ids[e.To]+" "+stroke+" "+wantEdgeLabel(e))
	}
	for _, e := range got.Edges {
		have = append(have, e.Start+" → "+e.End+" "+e.Stroke+" "+decodeParsed(e.Text))
	}
	if diff := cmp.Diff(want, have); diff != "" {
		t.Errorf("edges (-drawn +parsed):\n%s", diff)
	}
}

// TestDOTGraphviz renders every DOT output with the real dot (Graphviz) to
// SVG, refusing any warning, and checks that the SVG shows each node's
// label lines and each edge's label between the right nodes.
func TestDOTGraphviz(t *testing.T) {
	dot := needTool(t, "dot", "apt-get install graphviz")
	for name, p := range allPictures(t) {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(dot, "-Tsvg")
			cmd.Stdin = strings.NewReader(draw.DOT(p))
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			svg, err := cmd.Output()
			if err != nil || stderr.Len() > 0 {
				t.Fatalf("dot refused the graph: %v\n%s", err, stderr.String())
			}
			nodes, edges := readSVG(t, svg)
			ids := draw.NodeIDs(p)
			var wantNodes, wantEdges []string
			for _, n := range p.Nodes {
				wantNodes = append(wantNodes, ids[n.Key]+": "+strings.Join(wantLines(n), " | "))
			}
			for _, e := range p.Edges {
				wantEdges = append(wantEdges, ids[e.From]+"->"+ids[e.To]+": "+wantEdgeLabel(e))
			}
			sort.Strings(wantNodes)
			sort.Strings(wantEdges)
			if diff := cmp.Diff(wantNodes, nodes); diff != "" {
				t.Errorf("nodes (-drawn +rendered):\n%s", diff)
			}
			if diff := cmp.Diff(wantEdges, edges); diff != "" {
				t.Errorf("edges (-drawn +rendered):\n%s", diff)
			}
		})
	}
}

// readSVG returns, from dot's SVG, each node as "id: line | line" and each
// edge as "from->to: label", sorted (dot orders them its own way).
func readSVG(t *testing.T, svg []byte) (nodes, edges []string) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	var class, title string
	var texts []string
	var in string // the element whose character data is read
	flush := func() {
		switch class {
		case "node":
			nodes = append(nodes, title+": "+strings.Join(texts, " | "))
		case "edge":
			edges = append(edges, title+": "+strings.Join(texts, " "))
		}
		class, title, texts = "", "", nil
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("read dot's SVG: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			in = tok.Name.Local
			if in == "g" {
				for _, a := range tok.Attr {
					if a.Name.Local == "class" && (a.Value == "node" || a.Value == "edge") {
						flush()
						class = a.Value
					}
				}
			}
			if in == "text" {
				texts = append(texts, "")
			}
		case xml.CharData:
			switch in {
			case "title":
				title += string(tok)
			case "text":
				texts[len(texts)-1] += string(tok)
			}
		case xml.EndElement:
			in = ""
		}
	}
	flush()
	sort.Strings(nodes)
	sort.Strings(edges)
	return nodes, edges
}
