package emukit

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzDecodeJSON checks that any body gives either a filled value or at least
// one FieldError starting at "body", never a panic.
func FuzzDecodeJSON(f *testing.F) {
	for _, seed := range []string{``, `{}`, `{"name":1}`, `[`, `{"nested":{"On":"x"}}`, `{} x`, `null`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		var v decodeTarget
		errs := DecodeJSON(httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body)), &v)
		for _, e := range errs {
			if len(e.Loc) == 0 || e.Loc[0] != "body" || e.Msg == "" || e.Type == "" {
				t.Errorf("body %q: malformed FieldError %+v", body, e)
			}
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
