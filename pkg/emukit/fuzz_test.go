package emukit

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzReadJSON checks that any body, under any Content-Type, gives either a
// value or at least one FieldError starting at "body", never a panic, and
// that a value read holds only valid UTF-8 (no silent U+FFFD).
func FuzzReadJSON(f *testing.F) {
	for _, seed := range []struct{ body, contentType string }{
		{``, ""}, {`{}`, "application/json"}, {`{"name":1}`, "text/plain"}, {`[`, ""},
		{"{\"a\":\"\xff\"}", "application/json; charset=utf-8"}, {`{} x`, "application/vnd.x+json"}, {`null`, "json"},
	} {
		f.Add(seed.body, seed.contentType)
	}
	f.Fuzz(func(t *testing.T, body, contentType string) {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		r.Header.Set("Content-Type", contentType)
		v, errs := ReadJSON(r)
		for _, e := range errs {
			if len(e.Loc) == 0 || e.Loc[0] != "body" || e.Msg == "" || e.Type == "" {
				t.Errorf("body %q: malformed FieldError %+v", body, e)
			}
		}
		if errs == nil && !utf8.ValidString(body) {
			t.Errorf("body %q is not UTF-8 but was read as %v", body, v)
		}
	})
}

// BenchmarkWrap measures the per-request cost of the Kit around a handler,
// served in-process.
func BenchmarkWrap(b *testing.B) {
	k := New(Options{})
	client := &http.Client{Transport: Transport(k.Wrap(Endpoint{Name: "list", Limit: 1 << 30}, &okHandler{}))}
	b.ReportAllocs()
	for b.Loop() {
		resp, err := client.Get("http://emulator.test/x")
		if err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
	}
}
