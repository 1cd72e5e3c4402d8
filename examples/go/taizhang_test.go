package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"sync"
	"testing"
)

const examplePlan = "../data/qingchuan-2025-city-renewal.txt"

func mustParser(t *testing.T) *Parser {
	t.Helper()
	p, err := NewParser()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

func TestParseJSONReadsThePlan(t *testing.T) {
	text, err := os.ReadFile(examplePlan)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := mustParser(t).ParseJSON(text)
	if err != nil {
		t.Fatal(err)
	}
	var plan struct {
		Schema   string `json:"schema"`
		Title    string `json:"title"`
		Chapters []struct {
			Sections []struct {
				Measures []json.RawMessage `json:"measures"`
			} `json:"sections"`
			Measures []json.RawMessage `json:"measures"` // directly under the chapter
		} `json:"chapters"`
	}
	if err := json.Unmarshal(raw, &plan); err != nil {
		t.Fatal(err)
	}
	measures := 0
	for _, c := range plan.Chapters {
		measures += len(c.Measures)
		for _, s := range c.Sections {
			measures += len(s.Measures)
		}
	}
	if plan.Schema != "taizhang.plan/3" || plan.Title == "" || len(plan.Chapters) != 4 || measures != 33 {
		t.Fatalf("schema %q, title %q, %d chapters, %d measures", plan.Schema, plan.Title, len(plan.Chapters), measures)
	}
}

// A bad byte is an error that names its offset, never a crash or a guess.
func TestInvalidUTF8NamesTheByte(t *testing.T) {
	text := append([]byte("一、任务\n1.完成"), 0xff, 'x')
	_, err := mustParser(t).ParseJSON(text)
	var e *Error
	if !errors.As(err, &e) || e.Offset != int64(len(text)-2) {
		t.Fatalf("want an error at byte %d, got %v", len(text)-2, err)
	}
}

func TestEmptyTextIsAnEmptyPlan(t *testing.T) {
	if _, err := mustParser(t).ParseJSON(nil); err != nil {
		t.Fatal(err)
	}
}

// One parser, many goroutines: the C API's parser is immutable.
func TestConcurrentCallsAgree(t *testing.T) {
	text, err := os.ReadFile(examplePlan)
	if err != nil {
		t.Fatal(err)
	}
	p := mustParser(t)
	want, err := p.LedgerJSON(text, 2025, 6)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 20; k++ {
				got, err := p.LedgerJSON(text, 2025, 6)
				if err == nil && !bytes.Equal(got, want) {
					err = errors.New("a concurrent call returned another ledger")
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

func TestBadMonthIsAnError(t *testing.T) {
	if _, err := mustParser(t).LedgerJSON([]byte("一、任务\n"), 2025, 13); err == nil {
		t.Fatal("month 13 accepted")
	}
}
