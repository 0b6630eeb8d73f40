package fakeclock

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestClock(t *testing.T) {
	c := New()
	if got := c.Now(); !got.Equal(Start()) {
		t.Fatalf("Now() = %v, want %v", got, Start())
	}
	c.Advance(time.Minute)
	if err := c.Sleep(context.Background(), 2*time.Second); err != nil {
		t.Fatal(err)
	}
	c.SleepFunc()(3 * time.Second)
	if got, want := c.Now(), Start().Add(time.Minute+5*time.Second); !got.Equal(want) {
		t.Errorf("Now() = %v, want %v", got, want)
	}
	if diff := cmp.Diff([]time.Duration{2 * time.Second, 3 * time.Second}, c.Sleeps()); diff != "" {
		t.Errorf("Sleeps() mismatch (-want +got):\n%s", diff)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := c.Sleep(ctx, time.Hour); err == nil {
		t.Error("Sleep on a cancelled context succeeded, want its error")
	}
	if got, want := c.Now(), Start().Add(time.Minute+5*time.Second); !got.Equal(want) {
		t.Errorf("a cancelled Sleep moved the clock to %v", got)
	}
}

func TestTickingAndAt(t *testing.T) {
	t0 := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	c := New(At(t0), Ticking(time.Millisecond))
	a, b := c.Now(), c.Now()
	if !a.Equal(t0.Add(time.Millisecond)) || b.Sub(a) != time.Millisecond {
		t.Errorf("ticking clock read %v then %v", a, b)
	}
	c.Set(t0)
	if got := c.Now(); !got.Equal(t0.Add(time.Millisecond)) {
		t.Errorf("after Set, Now() = %v", got)
	}
}
