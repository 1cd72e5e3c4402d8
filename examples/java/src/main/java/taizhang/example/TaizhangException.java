package taizhang.example;

import java.util.OptionalLong;

/** A failed C API call: its status code, message and, where it has one, the byte offset. */
public final class TaizhangException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;
  private final OptionalLong byteOffset;

  TaizhangException(int code, String message, OptionalLong byteOffset) {
    super(message);
    this.code = code;
    this.byteOffset = byteOffset;
  }

  /** The taizhang_status (2: invalid UTF-8, 1: invalid argument, 5: out of memory …). */
  public int code() {
    return code;
  }

  /** Where in the input the error is, for invalid UTF-8. */
  public OptionalLong byteOffset() {
    return byteOffset;
  }
}
