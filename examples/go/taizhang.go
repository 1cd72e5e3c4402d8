// Package main holds a small Go binding of taizhang's C API
// (include/taizhang/taizhang.h) through cgo, and a program that uses it.
//
// The binding covers what the program needs: a parser, and the ledger as
// JSON for a month. Strings cross the boundary as UTF-8 bytes with explicit
// lengths; output is copied into Go memory and released with taizhang_free
// at once, so no C pointer outlives a call. A Parser is immutable and safe
// for concurrent use by many goroutines, as the C API promises.
package main

/*
#cgo CFLAGS: -I${SRCDIR}/../../include
#cgo LDFLAGS: -ltaizhang
#include <stdlib.h>
#include <taizhang/taizhang.h>
*/
import "C"

import (
	"fmt"
	"runtime"
	"unsafe"
)

// Error is a failed call: its status code, message and, where the input is
// at fault, the byte offset it names (-1 when there is none).
type Error struct {
	Code    int
	Message string
	Offset  int64
}

func (e *Error) Error() string {
	if e.Offset >= 0 {
		return fmt.Sprintf("%s (byte %d, status %d)", e.Message, e.Offset, e.Code)
	}
	return fmt.Sprintf("%s (status %d)", e.Message, e.Code)
}

// takeError turns a C error into a Go one and frees it.
func takeError(status C.taizhang_status, err *C.taizhang_error) error {
	if status == C.TAIZHANG_OK {
		return nil
	}
	defer C.taizhang_error_free(err)
	e := &Error{Code: int(status), Message: C.GoString(C.taizhang_error_message(err)), Offset: -1}
	if off := C.taizhang_error_offset(err); off != C.size_t(^uint(0)) { // TAIZHANG_NO_OFFSET
		e.Offset = int64(off)
	}
	return e
}

// Version is the library's version, "MAJOR.MINOR.PATCH".
func Version() string { return C.GoString(C.taizhang_version()) }

// Parser wraps a taizhang_parser with the library's default options.
type Parser struct{ p *C.taizhang_parser }

// NewParser makes a parser; Close releases it (a finalizer does too).
func NewParser() (*Parser, error) {
	var p *C.taizhang_parser
	var cerr *C.taizhang_error
	if err := takeError(C.taizhang_parser_new(nil, &p, &cerr), cerr); err != nil {
		return nil, err
	}
	parser := &Parser{p}
	runtime.SetFinalizer(parser, (*Parser).Close)
	return parser, nil
}

// Close releases the parser; calling it twice is harmless.
func (p *Parser) Close() {
	if p.p != nil {
		C.taizhang_parser_free(p.p)
		p.p = nil
	}
}

// utf8Arg hands Go bytes to C for the length of one call: cgo may pass a
// pointer to Go memory that holds no Go pointers.
func utf8Arg(text []byte) (*C.char, C.size_t) {
	if len(text) == 0 {
		return nil, 0
	}
	return (*C.char)(unsafe.Pointer(&text[0])), C.size_t(len(text))
}

// takeOutput copies the library's output into Go memory and frees it.
func takeOutput(out *C.char, n C.size_t) []byte {
	defer C.taizhang_free(out)
	return C.GoBytes(unsafe.Pointer(out), C.int(n))
}

// ParseJSON is the plan as JSON "taizhang.plan/3" (docs/json-format.md).
func (p *Parser) ParseJSON(text []byte) ([]byte, error) {
	ptr, n := utf8Arg(text)
	var out *C.char
	var outLen C.size_t
	var cerr *C.taizhang_error
	status := C.taizhang_parse_json(p.p, ptr, n, &out, &outLen, &cerr)
	runtime.KeepAlive(text)
	if err := takeError(status, cerr); err != nil {
		return nil, err
	}
	return takeOutput(out, outLen), nil
}

// LedgerJSON is the ledger "taizhang.ledger/1" (docs/ledger.md) of the
// milestones due in one month.
func (p *Parser) LedgerJSON(text []byte, year, month int) ([]byte, error) {
	var opts *C.taizhang_export_options
	var cerr *C.taizhang_error
	if err := takeError(C.taizhang_export_options_new(&opts, &cerr), cerr); err != nil {
		return nil, err
	}
	defer C.taizhang_export_options_free(opts)
	if err := takeError(C.taizhang_export_options_set_month(opts, C.int(year), C.int(month), &cerr), cerr); err != nil {
		return nil, err
	}
	ptr, n := utf8Arg(text)
	var out *C.char
	var outLen C.size_t
	status := C.taizhang_ledger_json(p.p, ptr, n, opts, &out, &outLen, &cerr)
	runtime.KeepAlive(text)
	if err := takeError(status, cerr); err != nil {
		return nil, err
	}
	return takeOutput(out, outLen), nil
}
