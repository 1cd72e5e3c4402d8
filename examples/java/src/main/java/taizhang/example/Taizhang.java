package taizhang.example;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.OptionalLong;

/**
 * A taizhang parser over the C API: the plan as JSON, the ledger as CSV.
 * One instance may be used from many threads at once (the C parser handle is
 * immutable); close it when done.
 */
public final class Taizhang implements AutoCloseable {
  private static final TaizhangLibrary C = TaizhangLibrary.C;
  private static final long NO_OFFSET = -1L; // TAIZHANG_NO_OFFSET, (size_t)-1

  private Pointer parser;

  public Taizhang() {
    PointerByReference out = new PointerByReference();
    PointerByReference err = new PointerByReference();
    check(C.taizhang_parser_new(null, out, err), err);
    parser = out.getValue();
  }

  /** The library version, "MAJOR.MINOR.PATCH". */
  public static String version() {
    return C.taizhang_version().getString(0, StandardCharsets.UTF_8.name());
  }

  /** The plan in {@code utf8} as JSON (docs/json-format.md). */
  public String parseJson(byte[] utf8) {
    PointerByReference out = new PointerByReference();
    TaizhangLibrary.SizeTByReference outLen = new TaizhangLibrary.SizeTByReference();
    PointerByReference err = new PointerByReference();
    check(C.taizhang_parse_json(handle(), utf8, new TaizhangLibrary.SizeT(utf8.length), out, outLen, err), err);
    return take(out.getValue(), outLen.getValue());
  }

  /** The ledger rows due in {@code month} as CSV (docs/ledger.md), by due date. */
  public String ledgerCsv(byte[] utf8, YearMonth month) {
    PointerByReference options = new PointerByReference();
    PointerByReference err = new PointerByReference();
    check(C.taizhang_export_options_new(options, err), err);
    try {
      check(C.taizhang_export_options_set_month(options.getValue(), month.getYear(), month.getMonthValue(), err),
          err);
      PointerByReference out = new PointerByReference();
      TaizhangLibrary.SizeTByReference outLen = new TaizhangLibrary.SizeTByReference();
      check(C.taizhang_ledger_csv(handle(), utf8, new TaizhangLibrary.SizeT(utf8.length), options.getValue(), out,
          outLen, err), err);
      return take(out.getValue(), outLen.getValue());
    } finally {
      C.taizhang_export_options_free(options.getValue());
    }
  }

  @Override
  public void close() {
    if (parser != null) {
      C.taizhang_parser_free(parser);
      parser = null;
    }
  }

  private Pointer handle() {
    if (parser == null) throw new IllegalStateException("the parser is closed");
    return parser;
  }

  /** Copies library output into a Java string and releases it. */
  private static String take(Pointer out, long length) {
    try {
      return new String(out.getByteArray(0, Math.toIntExact(length)), StandardCharsets.UTF_8);
    } finally {
      C.taizhang_free(out);
    }
  }

  private static void check(int status, PointerByReference errRef) {
    if (status == TaizhangLibrary.TAIZHANG_OK) return;
    Pointer err = errRef.getValue();
    try {
      String message = C.taizhang_error_message(err).getString(0, StandardCharsets.UTF_8.name());
      long offset = C.taizhang_error_offset(err).longValue();
      throw new TaizhangException(status, message, offset == NO_OFFSET ? OptionalLong.empty() : OptionalLong.of(offset));
    } finally {
      C.taizhang_error_free(err);
    }
  }
}
