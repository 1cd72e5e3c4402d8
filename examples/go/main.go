// Prints each lead unit's milestones due in a month, the way a supervision
// office (督查督办) sends each unit its list:
//
//	go run . PLAN.txt 2025-06
//
// Units in the order they first appear among the month's milestones; under
// each, its milestones by due date. A milestone with two lead units is listed
// under both. The output is the Java example's (examples/java), line for line.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"
)

const noLeadUnit = "（未明确牵头单位）"

// The part of a ledger row (docs/ledger.md, JSON) this program reads.
type ledgerRow struct {
	ID      string `json:"id"`
	Kind    string `json:"kind"`
	Measure struct {
		Number *int   `json:"number"`
		Title  string `json:"title"`
	} `json:"measure"`
	Goal *struct {
		Heading string `json:"heading"`
	} `json:"goal"`
	LeadUnits []string `json:"lead_units"`
	Deadline  struct {
		Text string `json:"text"`
	} `json:"deadline"`
	Due *string `json:"due"`
}

type ledger struct {
	Schema string      `json:"schema"`
	Rows   []ledgerRow `json:"rows"`
}

// What the ledger's 措施 column says of a row: a goal row names its heading
// (总体目标 for a goal stated in the preamble), a measure row its title after
// its number.
func (r ledgerRow) measure() string {
	if r.Kind == "goal" && r.Goal != nil {
		if r.Goal.Heading == "" {
			return "总体目标"
		}
		return r.Goal.Heading
	}
	if r.Measure.Number != nil {
		return fmt.Sprintf("%d. %s", *r.Measure.Number, r.Measure.Title)
	}
	return r.Measure.Title
}

func run(path, monthArg string) error {
	month, err := time.Parse("2006-01", monthArg)
	if err != nil {
		return fmt.Errorf("month must be YYYY-MM, got %s", monthArg)
	}
	text, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	parser, err := NewParser()
	if err != nil {
		return err
	}
	defer parser.Close()
	raw, err := parser.LedgerJSON(text, month.Year(), int(month.Month()))
	if err != nil {
		return fmt.Errorf("taizhang: %w", err)
	}
	var l ledger
	if err := json.Unmarshal(raw, &l); err != nil {
		return err
	}
	var units []string
	byUnit := map[string][]ledgerRow{}
	for _, r := range l.Rows {
		leads := r.LeadUnits
		if len(leads) == 0 {
			leads = []string{noLeadUnit}
		}
		for _, u := range leads {
			if _, seen := byUnit[u]; !seen {
				units = append(units, u)
			}
			byUnit[u] = append(byUnit[u], r)
		}
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	fmt.Fprintf(out, "taizhang %s: %d milestones due in %s\n", Version(), len(l.Rows), monthArg)
	for _, u := range units {
		fmt.Fprintf(out, "%s (%d)\n", u, len(byUnit[u]))
		for _, r := range byUnit[u] {
			due, deadline := "", ""
			if r.Due != nil {
				due = *r.Due
			}
			if r.Deadline.Text != "" {
				deadline = "  [" + r.Deadline.Text + "]"
			}
			fmt.Fprintf(out, "  %s  %s  %s%s\n", due, r.ID, r.measure(), deadline)
		}
	}
	return nil
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: monthly PLAN.txt YYYY-MM")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, strings.TrimSpace(err.Error()))
		os.Exit(1)
	}
}
