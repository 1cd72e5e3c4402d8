package taizhang.example;

import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.ByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of taizhang's C API (include/taizhang/taizhang.h) this example
 * uses, mapped for JNA. Strings cross as UTF-8 bytes with explicit lengths,
 * never through JNA's String conversion, whose encoding follows the
 * platform's default.
 */
interface TaizhangLibrary extends Library {
  /** libtaizhang.so, found on -Djna.library.path or the system's library path. */
  TaizhangLibrary C = Native.load("taizhang", TaizhangLibrary.class);

  int TAIZHANG_OK = 0;

  /** C size_t. */
  final class SizeT extends IntegerType {
    private static final long serialVersionUID = 1L;

    public SizeT() {
      this(0);
    }

    public SizeT(long value) {
      super(Native.SIZE_T_SIZE, value, true);
    }
  }

  /** C size_t*. */
  final class SizeTByReference extends ByReference {
    public SizeTByReference() {
      super(Native.SIZE_T_SIZE);
    }

    public long getValue() {
      return Native.SIZE_T_SIZE == 8 ? getPointer().getLong(0) : getPointer().getInt(0) & 0xFFFFFFFFL;
    }
  }

  Pointer taizhang_version();

  int taizhang_error_code(Pointer err);

  Pointer taizhang_error_message(Pointer err);

  SizeT taizhang_error_offset(Pointer err);

  void taizhang_error_free(Pointer err);

  void taizhang_free(Pointer out);

  int taizhang_parser_new(Pointer options, PointerByReference out, PointerByReference err);

  void taizhang_parser_free(Pointer parser);

  int taizhang_parse_json(Pointer parser, byte[] utf8, SizeT len, PointerByReference out,
      SizeTByReference outLen, PointerByReference err);

  int taizhang_export_options_new(PointerByReference out, PointerByReference err);

  void taizhang_export_options_free(Pointer options);

  int taizhang_export_options_set_month(Pointer options, int year, int month, PointerByReference err);

  int taizhang_ledger_csv(Pointer parser, byte[] utf8, SizeT len, Pointer options,
      PointerByReference out, SizeTByReference outLen, PointerByReference err);
}
